package dev.basalt.sql.parser;

import dev.basalt.sql.ast.AllColumns;
import dev.basalt.sql.ast.BaseTable;
import dev.basalt.sql.ast.CommonTableExpression;
import dev.basalt.sql.ast.DerivedTable;
import dev.basalt.sql.ast.Expression;
import dev.basalt.sql.ast.Join;
import dev.basalt.sql.ast.JoinKind;
import dev.basalt.sql.ast.Limit;
import dev.basalt.sql.ast.Locking;
import dev.basalt.sql.ast.NumberKind;
import dev.basalt.sql.ast.NumberLiteral;
import dev.basalt.sql.ast.NamedWindow;
import dev.basalt.sql.ast.OrderItem;
import dev.basalt.sql.ast.Parameter;
import dev.basalt.sql.ast.QualifiedName;
import dev.basalt.sql.ast.Query;
import dev.basalt.sql.ast.Select;
import dev.basalt.sql.ast.SelectExpr;
import dev.basalt.sql.ast.SelectItem;
import dev.basalt.sql.ast.SetOperation;
import dev.basalt.sql.ast.SetOperator;
import dev.basalt.sql.ast.TableRef;
import dev.basalt.sql.ast.WithQuery;

import java.util.ArrayList;
import java.util.List;

/** Query expressions: SELECT blocks, set operations, WITH, FROM clauses and joins, ORDER BY, LIMIT. */
abstract class QueryParser extends FileClauseParser {
    protected QueryParser(String src, Dialect dialect, ParserOptions options) {
        super(src, dialect, options);
    }

    // ---------------------------------------------------------------- query expressions

    /** A SELECT statement: a query, with an INTO clause after a select list or at the end. */
    protected final dev.basalt.sql.ast.Statement selectStatement() {
        pendingInto = null;
        intoAllowed = true;
        Query q;
        try {
            q = queryExpression();
        } finally {
            intoAllowed = false;
        }
        dev.basalt.sql.ast.IntoTarget into = pendingInto;
        pendingInto = null;
        if (at(Keyword.INTO)) {
            if (into != null) {
                throw error();
            }
            into = intoClause();
        }
        return into == null ? q : new dev.basalt.sql.ast.SelectInto(q, into);
    }

    @Override
    protected final Query queryExpression() {
        if (at(Keyword.WITH)) {
            advance();
            boolean recursive = accept(Keyword.RECURSIVE);
            List<CommonTableExpression> ctes = new ArrayList<>();
            do {
                String name = identifier();
                List<String> columns = at(TokenType.LPAREN) ? parenthesizedIdentifiers() : List.of();
                expect(Keyword.AS);
                expect(TokenType.LPAREN);
                Query query = queryExpression();
                expect(TokenType.RPAREN);
                ctes.add(new CommonTableExpression(name, columns, query));
            } while (accept(TokenType.COMMA));
            return new WithQuery(recursive, List.copyOf(ctes), queryExpression());
        }
        return finishQuery(unionLevel(queryTerm()));
    }

    @Override
    protected final Query continueQuery(Query first) {
        return finishQuery(unionLevel(intersectLevel(first)));
    }

    private Query unionLevel(Query left) {
        while (at(Keyword.UNION) || at(Keyword.EXCEPT)) {
            SetOperator op = advance().is(Keyword.UNION) ? SetOperator.UNION : SetOperator.EXCEPT;
            boolean all = setQuantifier();
            Query right = queryTerm();
            left = new SetOperation(op, all, left, right, List.of(), null);
        }
        return left;
    }

    /** A query term: INTERSECT binds tighter than UNION and EXCEPT. */
    private Query queryTerm() {
        return intersectLevel(queryPrimary());
    }

    private Query intersectLevel(Query left) {
        while (accept(Keyword.INTERSECT)) {
            boolean all = setQuantifier();
            left = new SetOperation(SetOperator.INTERSECT, all, left, queryPrimary(), List.of(), null);
        }
        return left;
    }

    private boolean setQuantifier() {
        if (accept(Keyword.ALL)) {
            return true;
        }
        accept(Keyword.DISTINCT);
        return false;
    }

    /** A SELECT block or a parenthesized query expression. */
    protected final Query queryPrimary() {
        if (accept(TokenType.LPAREN)) {
            Query inner = queryExpression();
            expect(TokenType.RPAREN);
            return inner;
        }
        if (at(Keyword.SELECT)) {
            return selectBlock();
        }
        throw error();
    }

    /** Attaches a trailing ORDER BY / LIMIT / locking clause to the query it ends. */
    private Query finishQuery(Query query) {
        Token orderToken = peek();
        List<OrderItem> orderBy = List.of();
        if (at(Keyword.ORDER)) {
            advance();
            expect(Keyword.BY);
            orderBy = orderItems();
        }
        Limit limit = at(Keyword.LIMIT) ? limit() : null;
        Locking locking = locking();
        if (orderBy.isEmpty() && limit == null && locking == null) {
            return query;
        }
        switch (query) {
            case Select s when s.orderBy().isEmpty() && s.limit() == null && s.locking() == null -> {
                return new Select(s.distinct(), s.calcFoundRows(), s.straightJoin(), s.items(), s.from(), s.where(),
                        s.groupBy(), s.withRollup(), s.having(), orderBy, limit, locking, s.windows());
            }
            case Select s when limit == null && locking == null && s.limit() == null && s.locking() == null -> {
                // (SELECT ... ORDER BY a) ORDER BY b: the outer order wins
                return new Select(s.distinct(), s.calcFoundRows(), s.straightJoin(), s.items(), s.from(), s.where(),
                        s.groupBy(), s.withRollup(), s.having(), orderBy, null, null, s.windows());
            }
            case SetOperation u when u.orderBy().isEmpty() && u.limit() == null && locking == null -> {
                return new SetOperation(u.operator(), u.all(), u.left(), u.right(), orderBy, limit);
            }
            default -> throw errorAt(orderToken);
        }
    }

    // ---------------------------------------------------------------- SELECT block

    private Select selectBlock() {
        expect(Keyword.SELECT);
        boolean distinct = false;
        boolean calcFoundRows = false;
        boolean straightJoin = false;
        while (true) {
            if (accept(Keyword.DISTINCT) || accept(Keyword.DISTINCTROW)) {
                distinct = true;
            } else if (accept(Keyword.SQL_CALC_FOUND_ROWS)) {
                calcFoundRows = true;
            } else if (accept(Keyword.STRAIGHT_JOIN)) {
                straightJoin = true;
            } else if (!(accept(Keyword.ALL) || accept(Keyword.HIGH_PRIORITY) || accept(Keyword.SQL_SMALL_RESULT)
                    || accept(Keyword.SQL_BIG_RESULT) || accept(Keyword.SQL_BUFFER_RESULT)
                    || accept(Keyword.SQL_CACHE) || accept(Keyword.SQL_NO_CACHE))) {
                break;
            }
        }
        List<SelectItem> items = new ArrayList<>();
        do {
            items.add(selectItem());
        } while (accept(TokenType.COMMA));
        if (at(Keyword.INTO)) {
            if (!intoAllowed || pendingInto != null) {
                throw error();
            }
            pendingInto = intoClause();
        }
        TableRef from = null;
        if (accept(Keyword.FROM)) {
            if (!accept(Keyword.DUAL)) {
                from = tableReferences();
            }
        }
        Expression where = accept(Keyword.WHERE) ? expression() : null;
        List<Expression> groupBy = List.of();
        boolean withRollup = false;
        if (at(Keyword.GROUP)) {
            advance();
            expect(Keyword.BY);
            List<Expression> keys = new ArrayList<>();
            do {
                keys.add(expression());
                if (!accept(Keyword.ASC)) {
                    accept(Keyword.DESC);
                }
            } while (accept(TokenType.COMMA));
            groupBy = List.copyOf(keys);
            if (at(Keyword.WITH) && atAt(1, Keyword.ROLLUP)) {
                advance();
                advance();
                withRollup = true;
            }
        }
        Expression having = accept(Keyword.HAVING) ? expression() : null;
        List<NamedWindow> windows = List.of();
        if (accept(Keyword.WINDOW)) {
            List<NamedWindow> named = new ArrayList<>();
            do {
                String name = identifier();
                expect(Keyword.AS);
                named.add(new NamedWindow(name, parenthesizedWindowSpec()));
            } while (accept(TokenType.COMMA));
            windows = List.copyOf(named);
        }
        return new Select(distinct, calcFoundRows, straightJoin, List.copyOf(items), from, where, groupBy, withRollup,
                having, List.of(), null, null, windows);
    }

    private SelectItem selectItem() {
        if (accept(TokenType.STAR)) {
            return new AllColumns(null, null);
        }
        Token first = peek();
        if (isIdentifier(first) && atAt(1, TokenType.DOT)) {
            if (atAt(2, TokenType.STAR)) {
                String table = advance().value();
                advance();
                advance();
                return new AllColumns(null, table);
            }
            Token third = peek(2);
            if ((third.type == TokenType.IDENT || third.type == TokenType.QUOTED_IDENT)
                    && atAt(3, TokenType.DOT) && atAt(4, TokenType.STAR)) {
                String schema = advance().value();
                advance();
                String table = advance().value();
                advance();
                advance();
                return new AllColumns(schema, table);
            }
        }
        int start = first.start;
        Expression e = expression();
        String text = text(start, prev.end);
        String alias = null;
        if (accept(Keyword.AS)) {
            alias = identifierOrString();
        } else if (atIdentifier() || at(TokenType.STRING)) {
            alias = advance().value();
        }
        return new SelectExpr(e, alias, text);
    }

    // ---------------------------------------------------------------- ORDER BY, LIMIT, locking

    @Override
    protected final List<OrderItem> orderItems() {
        List<OrderItem> items = new ArrayList<>();
        do {
            Expression e = expression();
            boolean descending = false;
            if (accept(Keyword.DESC)) {
                descending = true;
            } else {
                accept(Keyword.ASC);
            }
            items.add(new OrderItem(e, descending));
        } while (accept(TokenType.COMMA));
        return List.copyOf(items);
    }

    /** LIMIT n | LIMIT offset, n | LIMIT n OFFSET offset. */
    protected final Limit limit() {
        expect(Keyword.LIMIT);
        Expression first = limitValue();
        if (accept(TokenType.COMMA)) {
            return new Limit(limitValue(), first);
        }
        if (accept(Keyword.OFFSET)) {
            return new Limit(first, limitValue());
        }
        return new Limit(first, null);
    }

    private Expression limitValue() {
        if (at(TokenType.INTEGER)) {
            return new NumberLiteral(advance().value(), NumberKind.INTEGER);
        }
        if (accept(TokenType.PARAM)) {
            return new Parameter(parameterCount++);
        }
        throw error();
    }

    private Locking locking() {
        Locking.Strength strength;
        if (at(Keyword.FOR) && atAt(1, Keyword.UPDATE)) {
            strength = Locking.Strength.UPDATE;
        } else if (at(Keyword.FOR) && atAt(1, Keyword.SHARE)) {
            strength = Locking.Strength.SHARE;
        } else if (at(Keyword.LOCK) && atAt(1, Keyword.IN)) {
            advance();
            advance();
            expect(Keyword.SHARE);
            expect(Keyword.MODE);
            return new Locking(Locking.Strength.SHARE, List.of(), Locking.Wait.WAIT);
        } else {
            return null;
        }
        advance();
        advance();
        List<QualifiedName> tables = List.of();
        if (accept(Keyword.OF)) {
            tables = qualifiedNameList();
        }
        Locking.Wait wait = Locking.Wait.WAIT;
        if (accept(Keyword.NOWAIT)) {
            wait = Locking.Wait.NOWAIT;
        } else if (at(Keyword.SKIP)) {
            advance();
            expect(Keyword.LOCKED);
            wait = Locking.Wait.SKIP_LOCKED;
        }
        return new Locking(strength, tables, wait);
    }

    // ---------------------------------------------------------------- FROM

    /** table_reference {, table_reference}: comma joins fold into CROSS joins. */
    protected final TableRef tableReferences() {
        TableRef left = joinedTable();
        while (accept(TokenType.COMMA)) {
            left = new Join(JoinKind.CROSS, false, left, joinedTable(), null, List.of());
        }
        return left;
    }

    private TableRef joinedTable() {
        TableRef left = tableFactor();
        while (true) {
            JoinKind kind;
            boolean natural = false;
            if (at(Keyword.JOIN) || at(Keyword.INNER) || at(Keyword.CROSS)) {
                kind = at(Keyword.CROSS) ? JoinKind.CROSS : JoinKind.INNER;
                if (!at(Keyword.JOIN)) {
                    advance();
                }
                expect(Keyword.JOIN);
            } else if (at(Keyword.STRAIGHT_JOIN)) {
                advance();
                kind = JoinKind.STRAIGHT;
            } else if (at(Keyword.LEFT) || at(Keyword.RIGHT)) {
                kind = advance().is(Keyword.LEFT) ? JoinKind.LEFT : JoinKind.RIGHT;
                accept(Keyword.OUTER);
                expect(Keyword.JOIN);
            } else if (at(Keyword.NATURAL)) {
                advance();
                natural = true;
                kind = JoinKind.INNER;
                if (at(Keyword.LEFT) || at(Keyword.RIGHT)) {
                    kind = advance().is(Keyword.LEFT) ? JoinKind.LEFT : JoinKind.RIGHT;
                    accept(Keyword.OUTER);
                } else {
                    accept(Keyword.INNER);
                }
                expect(Keyword.JOIN);
            } else {
                return left;
            }
            TableRef right = tableFactor();
            Expression on = null;
            List<String> using = List.of();
            if (!natural) {
                if (accept(Keyword.ON)) {
                    on = expression();
                } else if (at(Keyword.USING) && kind != JoinKind.STRAIGHT) {
                    advance();
                    using = parenthesizedIdentifiers();
                } else if (kind == JoinKind.LEFT || kind == JoinKind.RIGHT) {
                    throw error();
                }
            }
            left = new Join(kind, natural, left, right, on, using);
        }
    }

    private TableRef tableFactor() {
        if (at(TokenType.LPAREN)) {
            if (startsQuery(1)) {
                return derivedTable(false);
            }
            advance();
            TableRef inner = tableReferences();
            expect(TokenType.RPAREN);
            return inner;
        }
        if (at(Keyword.LATERAL)) {
            advance();
            return derivedTable(true);
        }
        if (at(Keyword.JSON_TABLE) && atAt(1, TokenType.LPAREN)) {
            return jsonTable();
        }
        QualifiedName name = qualifiedName();
        List<String> partitions = null;
        if (accept(Keyword.PARTITION)) {
            partitions = parenthesizedIdentifiers();
        }
        String alias = tableAlias();
        indexHints();
        return new BaseTable(name, alias, partitions);
    }

    private TableRef derivedTable(boolean lateral) {
        Query query = queryPrimary();
        String alias = tableAlias();
        List<String> columns = alias != null && at(TokenType.LPAREN) ? parenthesizedIdentifiers() : List.of();
        return new DerivedTable(query, alias, columns, lateral);
    }

    /** JSON_TABLE(expr, 'path' COLUMNS (...)) [AS] alias. */
    private TableRef jsonTable() {
        advance();
        expect(TokenType.LPAREN);
        Expression document = expression();
        expect(TokenType.COMMA);
        String path = expect(TokenType.STRING).value();
        List<dev.basalt.sql.ast.JsonTableColumn> columns = jsonTableColumns();
        expect(TokenType.RPAREN);
        return new dev.basalt.sql.ast.JsonTable(document, path, columns, tableAlias());
    }

    private List<dev.basalt.sql.ast.JsonTableColumn> jsonTableColumns() {
        expect(Keyword.COLUMNS);
        expect(TokenType.LPAREN);
        List<dev.basalt.sql.ast.JsonTableColumn> columns = new ArrayList<>();
        do {
            columns.add(jsonTableColumn());
        } while (accept(TokenType.COMMA));
        expect(TokenType.RPAREN);
        return columns;
    }

    private dev.basalt.sql.ast.JsonTableColumn jsonTableColumn() {
        if (acceptWord("NESTED")) {
            acceptWord("PATH");
            String path = expect(TokenType.STRING).value();
            return new dev.basalt.sql.ast.JsonTableColumn.Nested(path, jsonTableColumns());
        }
        String name = identifier();
        if (accept(Keyword.FOR)) {
            if (!acceptWord("ORDINALITY")) throw error();
            return new dev.basalt.sql.ast.JsonTableColumn.Ordinality(name);
        }
        dev.basalt.sql.ast.DataType type = jsonTableColumnType();
        boolean exists = accept(Keyword.EXISTS);
        if (!acceptWord("PATH")) throw error();
        String path = expect(TokenType.STRING).value();
        dev.basalt.sql.ast.JsonTableColumn.OnResponse onEmpty = null, onError = null;
        while (true) {
            dev.basalt.sql.ast.JsonTableColumn.OnResponse r = onResponse();
            if (r == null) break;
            expect(Keyword.ON);
            if (accept(Keyword.EMPTY)) onEmpty = r;
            else if (acceptWord("ERROR")) onError = r;
            else throw error();
        }
        return new dev.basalt.sql.ast.JsonTableColumn.Value(name, type, exists, path, onEmpty, onError);
    }

    private dev.basalt.sql.ast.JsonTableColumn.OnResponse onResponse() {
        if (at(Keyword.NULL) && atAt(1, Keyword.ON)) {
            advance();
            return new dev.basalt.sql.ast.JsonTableColumn.OnResponse(dev.basalt.sql.ast.JsonTableColumn.OnResponse.Kind.NULL, null);
        }
        if (atWord("ERROR") && atAt(1, Keyword.ON)) {
            advance();
            return new dev.basalt.sql.ast.JsonTableColumn.OnResponse(dev.basalt.sql.ast.JsonTableColumn.OnResponse.Kind.ERROR, null);
        }
        if (accept(Keyword.DEFAULT)) {
            String json = expect(TokenType.STRING).value();
            return new dev.basalt.sql.ast.JsonTableColumn.OnResponse(dev.basalt.sql.ast.JsonTableColumn.OnResponse.Kind.DEFAULT, json);
        }
        return null;
    }

    /** A JSON_TABLE column's type; the data type grammar lives further down the parser stack. */
    protected abstract dev.basalt.sql.ast.DataType jsonTableColumnType();

    /** [AS] alias; a string is allowed as alias too. */
    protected final String tableAlias() {
        if (accept(Keyword.AS)) {
            return identifierOrString();
        }
        if (atIdentifier() || at(TokenType.STRING)) {
            return advance().value();
        }
        return null;
    }

    /** USE | FORCE | IGNORE {INDEX | KEY} [FOR {JOIN | ORDER BY | GROUP BY}] ([names]): dropped. */
    private void indexHints() {
        while ((at(Keyword.USE) || at(Keyword.FORCE) || at(Keyword.IGNORE))
                && (atAt(1, Keyword.INDEX) || atAt(1, Keyword.KEY))) {
            advance();
            advance();
            if (accept(Keyword.FOR)) {
                if (!accept(Keyword.JOIN)) {
                    if (!accept(Keyword.ORDER)) {
                        expect(Keyword.GROUP);
                    }
                    expect(Keyword.BY);
                }
            }
            expect(TokenType.LPAREN);
            if (!at(TokenType.RPAREN)) {
                do {
                    if (!accept(Keyword.PRIMARY)) {
                        identifier();
                    }
                } while (accept(TokenType.COMMA));
            }
            expect(TokenType.RPAREN);
        }
    }
}
