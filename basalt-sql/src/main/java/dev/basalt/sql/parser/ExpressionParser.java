package dev.basalt.sql.parser;

import dev.basalt.sql.ast.AggregateCall;
import dev.basalt.sql.ast.AssignUserVariable;
import dev.basalt.sql.ast.Between;
import dev.basalt.sql.ast.BinaryOp;
import dev.basalt.sql.ast.BinaryOperator;
import dev.basalt.sql.ast.BitLiteral;
import dev.basalt.sql.ast.BooleanLiteral;
import dev.basalt.sql.ast.Case;
import dev.basalt.sql.ast.Cast;
import dev.basalt.sql.ast.CastKind;
import dev.basalt.sql.ast.CastType;
import dev.basalt.sql.ast.Collate;
import dev.basalt.sql.ast.ColumnRef;
import dev.basalt.sql.ast.ConvertUsing;
import dev.basalt.sql.ast.DefaultExpr;
import dev.basalt.sql.ast.Exists;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.Extract;
import dev.basalt.sql.ast.FunctionCall;
import dev.basalt.sql.ast.WindowSpec;
import dev.basalt.sql.ast.WindowFunction;
import dev.basalt.sql.ast.WindowFrame;
import dev.basalt.sql.ast.FrameBound;
import dev.basalt.sql.ast.HexLiteral;
import dev.basalt.sql.ast.InList;
import dev.basalt.sql.ast.InSubquery;
import dev.basalt.sql.ast.IntervalExpr;
import dev.basalt.sql.ast.IntervalUnit;
import dev.basalt.sql.ast.IsTest;
import dev.basalt.sql.ast.Like;
import dev.basalt.sql.ast.NullLiteral;
import dev.basalt.sql.ast.NumberKind;
import dev.basalt.sql.ast.NumberLiteral;
import dev.basalt.sql.ast.OrderItem;
import dev.basalt.sql.ast.Parameter;
import dev.basalt.sql.ast.QuantifiedComparison;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.Regexp;
import dev.basalt.sql.ast.RowConstructor;
import dev.basalt.sql.ast.ScalarSubquery;
import dev.basalt.sql.ast.StringLiteral;
import dev.basalt.sql.ast.SystemVariable;
import dev.basalt.sql.ast.TemporalKind;
import dev.basalt.sql.ast.TemporalLiteral;
import dev.basalt.sql.ast.TimestampFunction;
import dev.basalt.sql.ast.Trim;
import dev.basalt.sql.ast.UnaryOp;
import dev.basalt.sql.ast.UnaryOperator;
import dev.basalt.sql.ast.UserVariable;
import dev.basalt.sql.ast.ValuesRef;
import dev.basalt.sql.ast.VariableScope;
import dev.basalt.sql.ast.WhenClause;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Expressions, by MySQL's precedence (lowest first): {@code :=}; OR {@code ||}; XOR; AND {@code &&};
 * NOT; IS TRUE/FALSE/UNKNOWN, comparisons and IS NULL; [NOT] IN / BETWEEN / LIKE / REGEXP;
 * {@code |}; {@code &}; {@code << >>}; {@code + -}; {@code * / DIV % MOD}; {@code ^}; unary
 * {@code - ~ !} and BINARY; COLLATE; primaries.
 */
abstract class ExpressionParser extends ParserBase {
    private static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX", "GROUP_CONCAT",
            "BIT_AND", "BIT_OR", "BIT_XOR", "STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP",
            "VAR_SAMP", "JSON_ARRAYAGG", "JSON_OBJECTAGG", "ARRAY_AGG");
    /** PostgreSQL's aggregates MySQL lacks: aggregate calls on the PostgreSQL port only (elsewhere unknown functions, as in MySQL). */
    private static final Set<String> POSTGRES_AGGREGATES = Set.of("BOOL_AND", "BOOL_OR", "EVERY", "STRING_AGG");

    /** Reserved words that are also function names when followed by '('. */
    private static final Set<Keyword> RESERVED_FUNCTIONS = Set.of(Keyword.IF, Keyword.LEFT, Keyword.RIGHT,
            Keyword.REPLACE, Keyword.INSERT, Keyword.DATABASE, Keyword.SCHEMA, Keyword.MOD, Keyword.REPEAT,
            Keyword.CHAR, Keyword.UTC_DATE, Keyword.UTC_TIME, Keyword.UTC_TIMESTAMP, Keyword.CURRENT_USER,
            Keyword.CURRENT_DATE, Keyword.CURRENT_TIME, Keyword.CURRENT_TIMESTAMP, Keyword.LOCALTIME,
            Keyword.LOCALTIMESTAMP);

    /** Keyword functions that may be written without parentheses. */
    private static final Set<Keyword> NILADIC = Set.of(Keyword.CURRENT_DATE, Keyword.CURRENT_TIME,
            Keyword.CURRENT_TIMESTAMP, Keyword.LOCALTIME, Keyword.LOCALTIMESTAMP, Keyword.CURRENT_USER,
            Keyword.UTC_DATE, Keyword.UTC_TIME, Keyword.UTC_TIMESTAMP);

    private static final Set<Keyword> WINDOW_FUNCTIONS = Set.of(Keyword.ROW_NUMBER, Keyword.RANK,
            Keyword.DENSE_RANK, Keyword.CUME_DIST, Keyword.PERCENT_RANK, Keyword.NTILE, Keyword.LAG, Keyword.LEAD,
            Keyword.FIRST_VALUE, Keyword.LAST_VALUE, Keyword.NTH_VALUE);

    protected ExpressionParser(String src, Dialect dialect, ParserOptions options) {
        super(src, dialect, options);
    }

    /** A full query expression (SELECT ..., unions, WITH); provided by the query layer. */
    protected abstract Query queryExpression();

    /** Continues a query whose first block was already parsed as a parenthesized subquery. */
    protected abstract Query continueQuery(Query first);

    /** ORDER BY items (after ORDER BY); provided by the query layer. */
    protected abstract List<OrderItem> orderItems();

    /** True when the tokens from k on start a query: SELECT / WITH after any number of '('. */
    protected final boolean startsQuery(int k) {
        while (atAt(k, TokenType.LPAREN)) {
            k++;
        }
        return atAt(k, Keyword.SELECT) || atAt(k, Keyword.WITH);
    }

    // ---------------------------------------------------------------- precedence levels

    protected final Expression expression() {
        Expression left = or();
        if (at(TokenType.ASSIGN)) {
            if (!(left instanceof UserVariable variable)) {
                throw error();
            }
            advance();
            return new AssignUserVariable(variable.name(), expression());
        }
        return left;
    }

    private Expression or() {
        Expression left = xor();
        while (true) {
            if (accept(Keyword.OR)) {
                left = new BinaryOp(BinaryOperator.OR, left, xor());
            } else if (at(TokenType.PIPE_PIPE) && !options.pipesAsConcat()) {
                advance(); // a concatenating || binds far tighter: bitOr() or concat()
                left = new BinaryOp(BinaryOperator.OR, left, xor());
            } else {
                return left;
            }
        }
    }

    private Expression xor() {
        Expression left = and();
        while (accept(Keyword.XOR)) {
            left = new BinaryOp(BinaryOperator.XOR, left, and());
        }
        return left;
    }

    private Expression and() {
        Expression left = not();
        while (accept(Keyword.AND) || accept(TokenType.AMP_AMP)) {
            left = new BinaryOp(BinaryOperator.AND, left, not());
        }
        return left;
    }

    private Expression not() {
        if (at(Keyword.NOT) && !options.highNotPrecedence()) {
            advance();
            return new UnaryOp(UnaryOperator.NOT, not());
        }
        return booleanPrimary();
    }

    /** Comparisons, IS [NOT] NULL / TRUE / FALSE / UNKNOWN, quantified comparisons; left-associative. */
    private Expression booleanPrimary() {
        Expression left = predicate();
        while (true) {
            if (at(Keyword.IS)) {
                advance();
                boolean negated = accept(Keyword.NOT);
                if (at(Keyword.DISTINCT) && atAt(1, Keyword.FROM)) {
                    // SQL's IS [NOT] DISTINCT FROM (PostgreSQL's spelling of <=>): equality where
                    // NULL equals NULL and a comparison is never NULL
                    advance();
                    advance();
                    Expression same = new BinaryOp(BinaryOperator.NULL_SAFE_EQ, left, predicate());
                    left = negated ? same : new UnaryOp(UnaryOperator.NOT, same);
                    continue;
                }
                IsTest.Kind kind;
                if (accept(Keyword.NULL)) {
                    kind = IsTest.Kind.NULL;
                } else if (accept(Keyword.TRUE)) {
                    kind = IsTest.Kind.TRUE;
                } else if (accept(Keyword.FALSE)) {
                    kind = IsTest.Kind.FALSE;
                } else if (accept(Keyword.UNKNOWN)) {
                    kind = IsTest.Kind.UNKNOWN;
                } else {
                    throw error();
                }
                left = new IsTest(left, kind, negated);
                continue;
            }
            BinaryOperator op = comparisonOperator(peek().type);
            if (op == null) {
                return left;
            }
            advance();
            if ((at(Keyword.ANY) || at(Keyword.SOME) || at(Keyword.ALL)) && atAt(1, TokenType.LPAREN)
                    && startsQuery(2)) {
                QuantifiedComparison.Quantifier quantifier = at(Keyword.ALL)
                        ? QuantifiedComparison.Quantifier.ALL : QuantifiedComparison.Quantifier.ANY;
                advance();
                expect(TokenType.LPAREN);
                Query query = queryExpression();
                expect(TokenType.RPAREN);
                left = new QuantifiedComparison(left, op, quantifier, query);
            } else {
                left = new BinaryOp(op, left, predicate());
            }
        }
    }

    private static BinaryOperator comparisonOperator(TokenType type) {
        return switch (type) {
            case EQ -> BinaryOperator.EQ;
            case NULL_SAFE_EQ -> BinaryOperator.NULL_SAFE_EQ;
            case NE -> BinaryOperator.NE;
            case LT -> BinaryOperator.LT;
            case LE -> BinaryOperator.LE;
            case GT -> BinaryOperator.GT;
            case GE -> BinaryOperator.GE;
            default -> null;
        };
    }

    /** [NOT] IN, [NOT] BETWEEN, [NOT] LIKE, [NOT] REGEXP, SOUNDS LIKE over bit expressions. */
    private Expression predicate() {
        Expression left = bitOr();
        boolean negated = false;
        if (at(Keyword.NOT)) {
            Token next = peek(1);
            if (next.is(Keyword.IN) || next.is(Keyword.BETWEEN) || next.is(Keyword.LIKE)
                    || next.is(Keyword.REGEXP) || next.is(Keyword.RLIKE)) {
                advance();
                negated = true;
            }
        }
        if (accept(Keyword.IN)) {
            return inPredicate(left, negated);
        }
        if (accept(Keyword.BETWEEN)) {
            Expression low = bitOr();
            expect(Keyword.AND);
            Expression high = predicate();
            return new Between(left, low, high, negated);
        }
        if (accept(Keyword.LIKE)) {
            Expression pattern = bitOr();
            Expression escape = null;
            if (accept(Keyword.ESCAPE)) {
                escape = unary();
            }
            return new Like(left, pattern, escape, negated);
        }
        if (accept(Keyword.REGEXP) || accept(Keyword.RLIKE)) {
            return new Regexp(left, bitOr(), negated);
        }
        if (!negated && at(Keyword.SOUNDS) && atAt(1, Keyword.LIKE)) {
            advance();
            advance();
            Expression right = bitOr();
            return new BinaryOp(BinaryOperator.EQ, new FunctionCall("SOUNDEX", List.of(left)),
                    new FunctionCall("SOUNDEX", List.of(right)));
        }
        if (atWord("MEMBER") && peek(1).is(Keyword.OF)) {
            // v MEMBER OF (json_array): the engine's JSON_MEMBER_OF function
            advance();
            advance();
            expect(TokenType.LPAREN);
            Expression array = expression();
            expect(TokenType.RPAREN);
            return new FunctionCall("JSON_MEMBER_OF", List.of(left, array));
        }
        return left;
    }

    private Expression inPredicate(Expression left, boolean negated) {
        expect(TokenType.LPAREN);
        if (at(Keyword.SELECT) || at(Keyword.WITH)) {
            Query query = queryExpression();
            expect(TokenType.RPAREN);
            return new InSubquery(left, query, negated);
        }
        List<Expression> values = new ArrayList<>();
        values.add(expression());
        if (values.getFirst() instanceof ScalarSubquery sub && atSetOperator()) {
            Query query = continueQuery(sub.query());
            expect(TokenType.RPAREN);
            return new InSubquery(left, query, negated);
        }
        while (accept(TokenType.COMMA)) {
            values.add(expression());
        }
        expect(TokenType.RPAREN);
        return new InList(left, List.copyOf(values), negated);
    }

    protected final boolean atSetOperator() {
        return at(Keyword.UNION) || at(Keyword.EXCEPT) || at(Keyword.INTERSECT) || at(Keyword.ORDER)
                || at(Keyword.LIMIT);
    }

    private Expression bitOr() {
        Expression left = bitAnd();
        while (true) {
            if (accept(TokenType.PIPE)) {
                left = new BinaryOp(BinaryOperator.BIT_OR, left, bitAnd());
            } else if (postgresConcat() && accept(TokenType.PIPE_PIPE)) {
                // PostgreSQL: || is one of the "other operators", below + - * / and above comparisons
                // PG_CONCAT: CONCAT for strings, PostgreSQL's array operator when a side is an array
                left = new FunctionCall("PG_CONCAT", List.of(left, bitAnd()));
            } else {
                return left;
            }
        }
    }

    private boolean postgresConcat() {
        return options.pipesAsConcat() && options.postgresPrecedence();
    }

    private static Expression concat(Expression left, Expression right) {
        return new FunctionCall("CONCAT", List.of(left, right));
    }

    private Expression bitAnd() {
        Expression left = shift();
        while (accept(TokenType.AMP)) {
            left = new BinaryOp(BinaryOperator.BIT_AND, left, shift());
        }
        return left;
    }

    private Expression shift() {
        Expression left = additive();
        while (true) {
            if (accept(TokenType.SHIFT_LEFT)) {
                left = new BinaryOp(BinaryOperator.SHIFT_LEFT, left, additive());
            } else if (accept(TokenType.SHIFT_RIGHT)) {
                left = new BinaryOp(BinaryOperator.SHIFT_RIGHT, left, additive());
            } else {
                return left;
            }
        }
    }

    private Expression additive() {
        Expression left = multiplicative();
        while (true) {
            if (accept(TokenType.PLUS)) {
                left = new BinaryOp(BinaryOperator.ADD, left, multiplicative());
            } else if (accept(TokenType.MINUS)) {
                left = new BinaryOp(BinaryOperator.SUBTRACT, left, multiplicative());
            } else {
                return left;
            }
        }
    }

    private Expression multiplicative() {
        Expression left = bitXor();
        while (true) {
            BinaryOperator op;
            if (at(TokenType.STAR)) {
                op = BinaryOperator.MULTIPLY;
            } else if (at(TokenType.SLASH)) {
                op = BinaryOperator.DIVIDE;
            } else if (at(TokenType.PERCENT) || at(Keyword.MOD)) {
                op = BinaryOperator.MOD;
            } else if (at(Keyword.DIV)) {
                op = BinaryOperator.INT_DIVIDE;
            } else {
                return left;
            }
            advance();
            left = new BinaryOp(op, left, bitXor());
        }
    }

    private Expression bitXor() {
        Expression left = mysqlConcat();
        while (accept(TokenType.CARET)) {
            left = new BinaryOp(BinaryOperator.BIT_XOR, left, mysqlConcat());
        }
        return left;
    }

    /** MySQL: under PIPES_AS_CONCAT, || binds between ^ and the unary operators ('a' || 'b' = c compares the concatenation). */
    private Expression mysqlConcat() {
        Expression left = unary();
        if (!options.pipesAsConcat() || options.postgresPrecedence()) {
            return left;
        }
        while (accept(TokenType.PIPE_PIPE)) {
            left = concat(left, unary());
        }
        return left;
    }

    /** Prefix operators bind tighter than ^ (MySQL: -a ^ b is (-a) ^ b). */
    protected final Expression unary() {
        return unary(true);
    }

    /** A unary-level expression that leaves a following COLLATE alone (column DEFAULT values). */
    protected final Expression unaryWithoutCollate() {
        return unary(false);
    }

    private Expression unary(boolean collate) {
        switch (peek().type) {
            case MINUS -> {
                advance();
                return new UnaryOp(UnaryOperator.NEGATE, unary());
            }
            case PLUS -> {
                advance();
                return unary();
            }
            case TILDE -> {
                advance();
                return new UnaryOp(UnaryOperator.BIT_NOT, unary());
            }
            case BANG -> {
                advance();
                return new UnaryOp(UnaryOperator.NOT, unary());
            }
            default -> {
            }
        }
        if (at(Keyword.NOT) && options.highNotPrecedence()) {
            advance();
            return new UnaryOp(UnaryOperator.NOT, unary());
        }
        if (at(Keyword.BINARY) && !atAt(1, TokenType.RPAREN) && !atAt(1, TokenType.COMMA)) {
            advance();
            return new Cast(unary(), new CastType(CastKind.BINARY, null, null, null));
        }
        Expression e = primary();
        while (collate && at(Keyword.COLLATE)) {
            advance();
            e = new Collate(e, charsetName());
        }
        return e;
    }

    // ---------------------------------------------------------------- primaries

    private Expression primary() {
        Token t = peek();
        switch (t.type) {
            case INTEGER -> {
                advance();
                return new NumberLiteral(t.value(), NumberKind.INTEGER);
            }
            case DECIMAL -> {
                advance();
                return new NumberLiteral(t.value(), NumberKind.DECIMAL);
            }
            case APPROX -> {
                advance();
                return new NumberLiteral(t.value(), NumberKind.APPROX);
            }
            case STRING -> {
                advance();
                return new StringLiteral(concatAdjacent(t.value()), null, false);
            }
            case NATIONAL_STRING -> {
                advance();
                return new StringLiteral(concatAdjacent(t.value()), null, true);
            }
            case HEX -> {
                advance();
                return new HexLiteral(t.value(), null);
            }
            case BIT -> {
                advance();
                return new BitLiteral(t.value(), null);
            }
            case PARAM -> {
                advance();
                return new Parameter(parameterCount++);
            }
            case USER_VAR -> {
                advance();
                return new UserVariable(t.value());
            }
            case AT_AT -> {
                return systemVariable();
            }
            case LPAREN -> {
                return parenthesized();
            }
            case LBRACE -> {
                return odbcEscape();
            }
            case IDENT, QUOTED_IDENT -> {
                Expression e = word();
                return e instanceof ColumnRef column ? jsonPath(column) : e;
            }
            default -> throw error();
        }
    }

    /** col->'$.path' is JSON_EXTRACT(col, path); col->>'$.path' is JSON_UNQUOTE(JSON_EXTRACT(col, path)). */
    private Expression jsonPath(ColumnRef column) {
        if (!at(TokenType.ARROW) && !at(TokenType.DOUBLE_ARROW)) {
            return column;
        }
        boolean unquote = advance().type == TokenType.DOUBLE_ARROW;
        Token path = expect(TokenType.STRING);
        Expression extract = new FunctionCall("JSON_EXTRACT", List.of(column, new StringLiteral(path.value(), null,
                false)));
        return unquote ? new FunctionCall("JSON_UNQUOTE", List.of(extract)) : extract;
    }

    /** 'a' 'b' is 'ab'. */
    private String concatAdjacent(String first) {
        if (!at(TokenType.STRING)) {
            return first;
        }
        StringBuilder sb = new StringBuilder(first);
        while (at(TokenType.STRING)) {
            sb.append(advance().value());
        }
        return sb.toString();
    }

    /** After @@: [GLOBAL. | SESSION. | LOCAL. | PERSIST. | PERSIST_ONLY.] name. */
    protected final SystemVariable systemVariable() {
        expect(TokenType.AT_AT);
        String first = anyWord();
        if (at(TokenType.DOT)) {
            VariableScope scope = switch (first.toUpperCase(Locale.ROOT)) {
                case "GLOBAL" -> VariableScope.GLOBAL;
                case "SESSION", "LOCAL" -> VariableScope.SESSION;
                case "PERSIST" -> VariableScope.PERSIST;
                case "PERSIST_ONLY" -> VariableScope.PERSIST_ONLY;
                default -> null;
            };
            if (scope != null) {
                advance();
                return new SystemVariable(scope, anyWord());
            }
            // a structured variable such as @@component.var: keep the dotted name
            advance();
            return new SystemVariable(VariableScope.DEFAULT, first + "." + anyWord());
        }
        return new SystemVariable(VariableScope.DEFAULT, first);
    }

    /** ( expr ), ( expr, expr ) row, ( subquery ). */
    private Expression parenthesized() {
        expect(TokenType.LPAREN);
        if (at(Keyword.SELECT) || at(Keyword.WITH)) {
            Query query = queryExpression();
            expect(TokenType.RPAREN);
            return new ScalarSubquery(query);
        }
        Expression first = expression();
        if (at(TokenType.COMMA)) {
            List<Expression> items = new ArrayList<>();
            items.add(first);
            while (accept(TokenType.COMMA)) {
                items.add(expression());
            }
            expect(TokenType.RPAREN);
            return new RowConstructor(List.copyOf(items));
        }
        if (first instanceof ScalarSubquery sub && atSetOperator()) {
            Query query = continueQuery(sub.query());
            expect(TokenType.RPAREN);
            return new ScalarSubquery(query);
        }
        expect(TokenType.RPAREN);
        return first;
    }

    /** ODBC escapes: {d 'x'}, {t 'x'}, {ts 'x'}, and {word expr} which is just expr. */
    private Expression odbcEscape() {
        expect(TokenType.LBRACE);
        String kind = anyWord().toLowerCase(Locale.ROOT);
        Expression e;
        if (at(TokenType.STRING) && (kind.equals("d") || kind.equals("t") || kind.equals("ts"))) {
            TemporalKind tk = switch (kind) {
                case "d" -> TemporalKind.DATE;
                case "t" -> TemporalKind.TIME;
                default -> TemporalKind.TIMESTAMP;
            };
            e = new TemporalLiteral(tk, advance().value());
        } else {
            e = expression();
        }
        expect(TokenType.RBRACE);
        return e;
    }

    /** Everything that starts with a word: keywords literals, special syntaxes, functions, columns. */
    private Expression word() {
        Token t = peek();
        boolean call = peek(1).type == TokenType.LPAREN;
        if (t.type == TokenType.IDENT && t.keyword != null) {
            Expression special = keywordExpression(t, call);
            if (special != null) {
                return special;
            }
        }
        if (t.type == TokenType.IDENT && isIntroducer(t)) {
            return introduced();
        }
        if (call && t.type == TokenType.IDENT) {
            if (t.keyword != null && dialect.isReserved(t.keyword) && !RESERVED_FUNCTIONS.contains(t.keyword)) {
                throw error();
            }
            return functionCall();
        }
        return columnRef();
    }

    private boolean isIntroducer(Token t) {
        if (src.charAt(t.start) != '_' || t.end - t.start < 2) {
            return false;
        }
        TokenType next = peek(1).type;
        return next == TokenType.STRING || next == TokenType.HEX || next == TokenType.BIT;
    }

    private Expression introduced() {
        String charset = advance().value().substring(1);
        Token lit = advance();
        return switch (lit.type) {
            case STRING -> new StringLiteral(concatAdjacent(lit.value()), charset, false);
            case HEX -> new HexLiteral(lit.value(), charset);
            default -> new BitLiteral(lit.value(), charset);
        };
    }

    /** Keyword-led expressions; null when the keyword is just a name here. */
    private Expression keywordExpression(Token t, boolean call) {
        Keyword k = t.keyword;
        switch (k) {
            case NULL -> {
                advance();
                return NullLiteral.INSTANCE;
            }
            case TRUE -> {
                advance();
                return new BooleanLiteral(true);
            }
            case FALSE -> {
                advance();
                return new BooleanLiteral(false);
            }
            case DATE, TIME, TIMESTAMP -> {
                if (atAt(1, TokenType.STRING)) {
                    advance();
                    TemporalKind kind = k == Keyword.DATE ? TemporalKind.DATE
                            : k == Keyword.TIME ? TemporalKind.TIME : TemporalKind.TIMESTAMP;
                    return new TemporalLiteral(kind, advance().value());
                }
                return null;
            }
            case CASE -> {
                return caseExpression();
            }
            case EXISTS -> {
                advance();
                expect(TokenType.LPAREN);
                Query query = queryExpression();
                expect(TokenType.RPAREN);
                return new Exists(query);
            }
            case INTERVAL -> {
                return interval();
            }
            case ROW -> {
                if (!call) {
                    return null;
                }
                advance();
                return new RowConstructor(argumentList());
            }
            case DEFAULT -> {
                advance();
                if (accept(TokenType.LPAREN)) {
                    ColumnRef column = columnRef();
                    expect(TokenType.RPAREN);
                    return new DefaultExpr(column);
                }
                return new DefaultExpr(null);
            }
            case VALUES -> {
                if (!call) {
                    return null;
                }
                advance();
                expect(TokenType.LPAREN);
                ColumnRef column = columnRef();
                expect(TokenType.RPAREN);
                return new ValuesRef(column);
            }
            case CONVERT -> {
                return call ? convert() : null;
            }
            case CHAR -> {
                return call ? charFunction() : null;
            }
            case MATCH -> {
                return matchAgainst();
            }
            case TIMESTAMPADD, TIMESTAMPDIFF -> {
                return call ? timestampFunction(k == Keyword.TIMESTAMPDIFF) : null;
            }
            default -> {
            }
        }
        if (NILADIC.contains(k)) {
            advance();
            String name = k.name();
            if (accept(TokenType.LPAREN)) {
                if (accept(TokenType.RPAREN)) {
                    return new FunctionCall(name, List.of());
                }
                Expression precision = expression();
                expect(TokenType.RPAREN);
                return new FunctionCall(name, List.of(precision));
            }
            return new FunctionCall(name, List.of());
        }
        if (WINDOW_FUNCTIONS.contains(k) && call) {
            return windowFunctionCall(k);
        }
        return null;
    }

    /**
     * MATCH (col, ...) AGAINST (expr [IN NATURAL LANGUAGE MODE [WITH QUERY EXPANSION] | IN BOOLEAN MODE |
     * WITH QUERY EXPANSION]), normalized to the function call {@value FunctionCall#MATCH_AGAINST}(col..., expr, 'mode')
     * where mode is NATURAL, BOOLEAN or EXPANSION. The search string is a bit expression, as in MySQL's
     * grammar, so that IN starts the mode rather than an IN predicate.
     */
    private Expression matchAgainst() {
        advance();
        expect(TokenType.LPAREN);
        List<Expression> args = new ArrayList<>();
        do {
            args.add(columnRef());
        } while (accept(TokenType.COMMA));
        expect(TokenType.RPAREN);
        expect(Keyword.AGAINST);
        expect(TokenType.LPAREN);
        args.add(bitOr());
        String mode = "NATURAL";
        if (accept(Keyword.IN)) {
            if (accept(Keyword.BOOLEAN)) {
                mode = "BOOLEAN";
            } else {
                expect(Keyword.NATURAL);
                expect(Keyword.LANGUAGE);
            }
            expect(Keyword.MODE);
        }
        if (!mode.equals("BOOLEAN") && accept(Keyword.WITH)) {
            expect(Keyword.QUERY);
            expect(Keyword.EXPANSION);
            mode = "EXPANSION";
        }
        expect(TokenType.RPAREN);
        args.add(new StringLiteral(mode, null, false));
        return new FunctionCall(FunctionCall.MATCH_AGAINST, args);
    }

    private Expression caseExpression() {
        expect(Keyword.CASE);
        Expression operand = at(Keyword.WHEN) ? null : expression();
        List<WhenClause> whens = new ArrayList<>();
        while (accept(Keyword.WHEN)) {
            Expression condition = expression();
            expect(Keyword.THEN);
            whens.add(new WhenClause(condition, expression()));
        }
        if (whens.isEmpty()) {
            throw error();
        }
        Expression elseResult = accept(Keyword.ELSE) ? expression() : null;
        expect(Keyword.END);
        return new Case(operand, List.copyOf(whens), elseResult);
    }

    /** INTERVAL expr unit, or the function INTERVAL(n, n1, n2, ...). */
    private Expression interval() {
        expect(Keyword.INTERVAL);
        if (at(TokenType.LPAREN)) {
            List<Expression> args = argumentList();
            if (args.size() == 1 && atIntervalUnit()) {
                return new IntervalExpr(args.getFirst(), intervalUnit());
            }
            if (args.size() < 2) {
                throw error();
            }
            return new FunctionCall("INTERVAL", args);
        }
        Expression value = expression();
        return new IntervalExpr(value, intervalUnit());
    }

    protected final boolean atIntervalUnit() {
        Token t = peek();
        return t.type == TokenType.IDENT && unitOf(t) != null;
    }

    protected final IntervalUnit intervalUnit() {
        Token t = peek();
        IntervalUnit unit = t.type == TokenType.IDENT ? unitOf(t) : null;
        if (unit == null) {
            throw error();
        }
        advance();
        return unit;
    }

    private IntervalUnit unitOf(Token t) {
        String upper = upperText(t);
        if (upper.startsWith("SQL_TSI_")) {
            upper = upper.substring(8);
        }
        try {
            return IntervalUnit.valueOf(upper);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** CONVERT(x, type) or CONVERT(x USING charset). */
    private Expression convert() {
        advance();
        expect(TokenType.LPAREN);
        Expression operand = expression();
        Expression result;
        if (accept(Keyword.USING)) {
            result = new ConvertUsing(operand, charsetName());
        } else {
            expect(TokenType.COMMA);
            result = new Cast(operand, castType());
        }
        expect(TokenType.RPAREN);
        return result;
    }

    /** CHAR(n, ... [USING charset]). */
    private Expression charFunction() {
        String name = advance().value();
        expect(TokenType.LPAREN);
        List<Expression> args = new ArrayList<>();
        do {
            args.add(expression());
        } while (accept(TokenType.COMMA));
        String charset = accept(Keyword.USING) ? charsetName() : null;
        expect(TokenType.RPAREN);
        Expression call = new FunctionCall(name, List.copyOf(args));
        return charset == null ? call : new ConvertUsing(call, charset);
    }

    private Expression timestampFunction(boolean diff) {
        advance();
        expect(TokenType.LPAREN);
        IntervalUnit unit = intervalUnit();
        expect(TokenType.COMMA);
        Expression first = expression();
        expect(TokenType.COMMA);
        Expression second = expression();
        expect(TokenType.RPAREN);
        return new TimestampFunction(diff, unit, first, second);
    }

    /** A CAST / CONVERT target type. */
    protected final CastType castType() {
        Token t = peek();
        if (t.type != TokenType.IDENT) {
            throw error();
        }
        String word = upperText(t);
        advance();
        switch (word) {
            case "SIGNED", "UNSIGNED" -> {
                if (!acceptWord("INTEGER")) {
                    acceptWord("INT");
                }
                return new CastType(word.equals("SIGNED") ? CastKind.SIGNED : CastKind.UNSIGNED, null, null, null);
            }
            case "DECIMAL", "DEC", "NUMERIC", "FIXED" -> {
                Integer precision = null;
                Integer scale = null;
                if (accept(TokenType.LPAREN)) {
                    precision = (int) integerLiteral();
                    if (accept(TokenType.COMMA)) {
                        scale = (int) integerLiteral();
                    }
                    expect(TokenType.RPAREN);
                }
                return new CastType(CastKind.DECIMAL, precision, scale, null);
            }
            case "CHAR", "CHARACTER", "NCHAR", "VARCHAR" -> {
                if (word.equals("VARCHAR") && !at(TokenType.LPAREN)) {
                    throw errorAt(t);
                }
                Integer length = optionalLength();
                String charset = word.equals("NCHAR") ? "utf8mb3" : null;
                if (at(Keyword.CHARACTER) && atAt(1, Keyword.SET)) {
                    advance();
                    advance();
                    charset = charsetName();
                } else if (accept(Keyword.CHARSET)) {
                    charset = charsetName();
                } else if (accept(Keyword.BINARY)) {
                    charset = "binary";
                } else if (acceptWord("ASCII")) {
                    charset = "latin1";
                } else if (acceptWord("UNICODE")) {
                    charset = "ucs2";
                }
                return new CastType(CastKind.CHAR, length, null, charset);
            }
            case "NATIONAL" -> {
                if (!acceptWord("CHAR")) {
                    expect(Keyword.CHARACTER);
                }
                return new CastType(CastKind.CHAR, optionalLength(), null, "utf8mb3");
            }
            case "BINARY" -> {
                return new CastType(CastKind.BINARY, optionalLength(), null, null);
            }
            case "DATE" -> {
                return new CastType(CastKind.DATE, null, null, null);
            }
            case "DATETIME" -> {
                return new CastType(CastKind.DATETIME, optionalLength(), null, null);
            }
            case "TIME" -> {
                return new CastType(CastKind.TIME, optionalLength(), null, null);
            }
            case "DOUBLE" -> {
                acceptWord("PRECISION");
                return new CastType(CastKind.DOUBLE, null, null, null);
            }
            case "REAL" -> {
                return new CastType(CastKind.DOUBLE, null, null, null);
            }
            case "FLOAT" -> {
                return new CastType(CastKind.FLOAT, optionalLength(), null, null);
            }
            case "JSON" -> {
                return new CastType(CastKind.JSON, null, null, null);
            }
            case "YEAR" -> {
                return new CastType(CastKind.YEAR, null, null, null);
            }
            // the PostgreSQL dialect's ::smallint / ::integer (MySQL has no such CAST type)
            case "INT2" -> {
                if (!options.postgresPrecedence()) throw errorAt(t);
                return new CastType(CastKind.INT2, null, null, null);
            }
            case "INT4" -> {
                if (!options.postgresPrecedence()) throw errorAt(t);
                return new CastType(CastKind.INT4, null, null, null);
            }
            case "TIMESTAMPTZ" -> {
                if (!options.postgresPrecedence()) throw errorAt(t);
                return new CastType(CastKind.TIMESTAMPTZ, null, null, null);
            }
            case "UUID" -> {
                if (!options.postgresPrecedence()) throw errorAt(t);
                return new CastType(CastKind.UUID, null, null, null);
            }
            case "JSONB" -> {
                if (!options.postgresPrecedence()) throw errorAt(t);
                return new CastType(CastKind.JSONB, null, null, null);
            }
            case "TEXT" -> {
                if (!options.postgresPrecedence()) throw errorAt(t);
                return new CastType(CastKind.TEXT, null, null, null);
            }
            default -> throw errorAt(t);
        }
    }

    private Integer optionalLength() {
        if (!accept(TokenType.LPAREN)) {
            return null;
        }
        int n = (int) integerLiteral();
        expect(TokenType.RPAREN);
        return n;
    }

    /** name(args), including aggregates and the special syntaxes of TRIM, SUBSTRING, EXTRACT, POSITION, CAST. */
    private Expression functionCall() {
        Token nameToken = advance();
        String name = nameToken.value();
        String upper = name.toUpperCase(Locale.ROOT);
        Expression result;
        if (AGGREGATES.contains(upper) || options.postgresPrecedence() && POSTGRES_AGGREGATES.contains(upper)) {
            result = aggregate(upper);
        } else {
            result = switch (upper) {
                case "CAST" -> cast();
                case "TRIM" -> trim();
                case "SUBSTRING", "SUBSTR", "MID" -> substring(name);
                case "EXTRACT" -> extract();
                case "POSITION" -> position(name);
                case "GET_FORMAT" -> getFormat(name);
                case "WEIGHT_STRING" -> throw unsupported("WEIGHT_STRING");
                default -> new FunctionCall(name, argumentList());
            };
        }
        if (at(Keyword.OVER)) {
            if (!(result instanceof AggregateCall)) {
                throw error();
            }
            advance();
            return new WindowFunction(result, false, false, overSpec());
        }
        return result;
    }

    /** ( [expr {, expr}] ). */
    protected final List<Expression> argumentList() {
        expect(TokenType.LPAREN);
        if (accept(TokenType.RPAREN)) {
            return List.of();
        }
        List<Expression> args = new ArrayList<>();
        do {
            args.add(expression());
        } while (accept(TokenType.COMMA));
        expect(TokenType.RPAREN);
        return List.copyOf(args);
    }

    private Expression aggregate(String name) {
        expect(TokenType.LPAREN);
        if (name.equals("COUNT") && at(TokenType.STAR)) {
            advance();
            expect(TokenType.RPAREN);
            return new AggregateCall(name, false, true, List.of(), List.of(), null);
        }
        boolean distinct = false;
        if (accept(Keyword.DISTINCT) || accept(Keyword.DISTINCTROW)) {
            distinct = true;
        } else {
            accept(Keyword.ALL);
        }
        List<Expression> args = new ArrayList<>();
        do {
            args.add(expression());
        } while (accept(TokenType.COMMA));
        List<OrderItem> orderBy = List.of();
        String separator = null;
        if (name.equals("GROUP_CONCAT") || name.equals("ARRAY_AGG") || name.equals("STRING_AGG")) { // array_agg(x ORDER BY y): PostgreSQL's
            if (at(Keyword.ORDER)) {
                advance();
                expect(Keyword.BY);
                orderBy = orderItems();
            }
            if (accept(Keyword.SEPARATOR)) {
                Token s = expect(TokenType.STRING);
                separator = concatAdjacent(s.value());
            }
        }
        expect(TokenType.RPAREN);
        return new AggregateCall(name, distinct, false, List.copyOf(args), orderBy, separator);
    }

    private Expression cast() {
        expect(TokenType.LPAREN);
        Expression operand = expression();
        expect(Keyword.AS);
        CastType type = castType();
        expect(TokenType.RPAREN);
        return new Cast(operand, type);
    }

    private Expression trim() {
        expect(TokenType.LPAREN);
        Trim.Mode mode = null;
        if (accept(Keyword.BOTH)) {
            mode = Trim.Mode.BOTH;
        } else if (accept(Keyword.LEADING)) {
            mode = Trim.Mode.LEADING;
        } else if (accept(Keyword.TRAILING)) {
            mode = Trim.Mode.TRAILING;
        }
        Expression remove = null;
        Expression source;
        if (mode != null && accept(Keyword.FROM)) {
            source = expression();
        } else {
            Expression first = expression();
            if (accept(Keyword.FROM)) {
                remove = first;
                source = expression();
            } else if (mode != null) {
                throw error();
            } else {
                source = first;
            }
        }
        expect(TokenType.RPAREN);
        return new Trim(mode == null ? Trim.Mode.BOTH : mode, remove, source);
    }

    private Expression substring(String name) {
        expect(TokenType.LPAREN);
        List<Expression> args = new ArrayList<>();
        args.add(expression());
        if (accept(Keyword.FROM)) {
            args.add(expression());
            if (accept(Keyword.FOR)) {
                args.add(expression());
            }
        } else {
            while (accept(TokenType.COMMA)) {
                args.add(expression());
            }
        }
        expect(TokenType.RPAREN);
        return new FunctionCall(name, List.copyOf(args));
    }

    private Expression extract() {
        expect(TokenType.LPAREN);
        IntervalUnit unit = intervalUnit();
        expect(Keyword.FROM);
        Expression source = expression();
        expect(TokenType.RPAREN);
        return new Extract(unit, source);
    }

    private Expression position(String name) {
        expect(TokenType.LPAREN);
        Expression needle = bitOr();
        expect(Keyword.IN);
        Expression haystack = expression();
        expect(TokenType.RPAREN);
        return new FunctionCall(name, List.of(needle, haystack));
    }

    private Expression getFormat(String name) {
        expect(TokenType.LPAREN);
        Token kind = advance();
        if (kind.type != TokenType.IDENT) {
            throw errorAt(kind);
        }
        expect(TokenType.COMMA);
        Expression format = expression();
        expect(TokenType.RPAREN);
        return new FunctionCall(name, List.of(new StringLiteral(upperText(kind), null, false), format));
    }

    /** c, t.c, db.t.c (words after a dot may be reserved). */
    protected final ColumnRef columnRef() {
        String first = identifier();
        if (!at(TokenType.DOT)) {
            return new ColumnRef(null, null, first);
        }
        advance();
        String second = anyWord();
        if (!at(TokenType.DOT)) {
            return new ColumnRef(null, first, second);
        }
        advance();
        return new ColumnRef(first, second, anyWord());
    }

    // ---------------------------------------------------------------- window functions

    /**
     * ROW_NUMBER() ... NTH_VALUE(x, n) [FROM FIRST|LAST] [RESPECT|IGNORE NULLS] OVER window. The
     * argument counts are grammar in MySQL, so a wrong count is a syntax error (1064).
     */
    private Expression windowFunctionCall(Keyword k) {
        Token nameToken = advance();
        boolean noArguments = k == Keyword.ROW_NUMBER || k == Keyword.RANK || k == Keyword.DENSE_RANK
                || k == Keyword.CUME_DIST || k == Keyword.PERCENT_RANK;
        if (noArguments) {
            // so that the syntax error points at the unexpected argument, as MySQL's does
            expect(TokenType.LPAREN);
            expect(TokenType.RPAREN);
        }
        List<Expression> args = noArguments ? List.of() : argumentList();
        int n = args.size();
        boolean countOk = switch (k) {
            case NTILE, FIRST_VALUE, LAST_VALUE -> n == 1;
            case LAG, LEAD -> n >= 1 && n <= 3;
            case NTH_VALUE -> n == 2;
            default -> n == 0;
        };
        if (!countOk) {
            throw errorAt(nameToken);
        }
        boolean fromLast = false;
        if (k == Keyword.NTH_VALUE && accept(Keyword.FROM)) {
            if (accept(Keyword.LAST)) {
                fromLast = true;
            } else {
                expect(Keyword.FIRST);
            }
        }
        boolean ignoreNulls = false;
        boolean valueFunction = k == Keyword.LAG || k == Keyword.LEAD || k == Keyword.FIRST_VALUE
                || k == Keyword.LAST_VALUE || k == Keyword.NTH_VALUE;
        if (valueFunction && atWord("RESPECT") && atWordAt(1, "NULLS")) {
            advance();
            advance();
        } else if (valueFunction && at(Keyword.IGNORE) && atWordAt(1, "NULLS")) {
            advance();
            advance();
            ignoreNulls = true;
        }
        expect(Keyword.OVER);
        return new WindowFunction(new FunctionCall(k.name(), args), fromLast, ignoreNulls, overSpec());
    }

    private boolean atWordAt(int k, String upperWord) {
        Token t = peek(k);
        return t.type == TokenType.IDENT && t.end - t.start == upperWord.length()
                && src.regionMatches(true, t.start, upperWord, 0, upperWord.length());
    }

    /** After OVER: a window name, or a parenthesized specification. */
    private WindowSpec overSpec() {
        if (at(TokenType.LPAREN)) {
            return parenthesizedWindowSpec();
        }
        return new WindowSpec(identifier(), List.of(), List.of(), null, true);
    }

    /** ( [name] [PARTITION BY ...] [ORDER BY ...] [frame] ), also the body of WINDOW w AS (...). */
    protected final WindowSpec parenthesizedWindowSpec() {
        expect(TokenType.LPAREN);
        String reference = null;
        if (!at(Keyword.PARTITION) && !at(Keyword.ORDER) && !at(Keyword.ROWS) && !at(Keyword.RANGE)
                && !at(TokenType.RPAREN)) {
            reference = identifier();
        }
        List<Expression> partitionBy = List.of();
        if (accept(Keyword.PARTITION)) {
            expect(Keyword.BY);
            List<Expression> keys = new ArrayList<>();
            do {
                keys.add(expression());
            } while (accept(TokenType.COMMA));
            partitionBy = List.copyOf(keys);
        }
        List<OrderItem> orderBy = List.of();
        if (accept(Keyword.ORDER)) {
            expect(Keyword.BY);
            orderBy = orderItems();
        }
        WindowFrame frame = null;
        if (at(Keyword.ROWS) || at(Keyword.RANGE)) {
            boolean rows = advance().keyword == Keyword.ROWS;
            FrameBound start;
            FrameBound end;
            if (accept(Keyword.BETWEEN)) {
                start = frameBound();
                expect(Keyword.AND);
                end = frameBound();
            } else {
                start = frameBound();
                end = new FrameBound(FrameBound.Kind.CURRENT_ROW, null);
            }
            frame = new WindowFrame(rows, start, end);
            if (atWord("EXCLUDE")) {
                throw unsupported("frame exclusion");
            }
        }
        expect(TokenType.RPAREN);
        return new WindowSpec(reference, partitionBy, orderBy, frame, false);
    }

    /** UNBOUNDED PRECEDING|FOLLOWING, CURRENT ROW, or n / ? / INTERVAL e unit, then PRECEDING|FOLLOWING. */
    private FrameBound frameBound() {
        if (acceptWord("UNBOUNDED")) {
            if (accept(Keyword.PRECEDING)) {
                return new FrameBound(FrameBound.Kind.UNBOUNDED_PRECEDING, null);
            }
            expect(Keyword.FOLLOWING);
            return new FrameBound(FrameBound.Kind.UNBOUNDED_FOLLOWING, null);
        }
        if (accept(Keyword.CURRENT)) {
            expect(Keyword.ROW);
            return new FrameBound(FrameBound.Kind.CURRENT_ROW, null);
        }
        Expression offset;
        if (at(Keyword.INTERVAL) || at(TokenType.PARAM) || at(TokenType.INTEGER) || at(TokenType.DECIMAL)
                || at(TokenType.APPROX)) {
            offset = primary();
        } else {
            throw error();
        }
        if (accept(Keyword.PRECEDING)) {
            return new FrameBound(FrameBound.Kind.PRECEDING, offset);
        }
        expect(Keyword.FOLLOWING);
        return new FrameBound(FrameBound.Kind.FOLLOWING, offset);
    }
}
