package dev.basalt.engine.session;

import dev.basalt.sql.parser.Keyword;
import dev.basalt.sql.parser.Lexer;
import dev.basalt.sql.parser.ParserOptions;
import dev.basalt.sql.parser.Token;
import dev.basalt.sql.parser.TokenType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The lexical pass of the text plan cache ({@link TextPlanCache}): one statement's text with its
 * number and string literals taken out, like MySQL's statement digest. Two texts that differ only
 * in those literals get the same {@link #key}; the literals' values come back as parameter values.
 *
 * <p>Uses the parser's own {@link Lexer} (so quoting, comments, executable comments and the
 * sql_mode's lexical options are read exactly as the parser reads them). The key is the source
 * text with each taken-out literal replaced by {@code ?}, everything else (spacing, comments)
 * kept, so a parameterised text can be parsed from it.
 *
 * <p>A literal stays in the text when its value may change the statement's meaning rather than
 * be a value: after a word that is not an operator (LIMIT 10, ORDER BY 2, AS 'alias', DATE 'x',
 * _utf8mb4'x', INTO OUTFILE 'f'), before COLLATE, next to another string ('a' 'b' is one literal),
 * hex / bit / N'' literals, integers too long for a BIGINT. Literals in other places that are not
 * values (the select list, GROUP BY, LIMIT x, y...) are found on the parsed statement and put back
 * by {@link TextPlanCache}.
 */
final class LiteralDigest {

    /** The words after which a literal is a value (an operand), not part of the syntax. */
    private static final Set<Keyword> OPERAND_AFTER = EnumSet.of(Keyword.AND, Keyword.OR, Keyword.XOR, Keyword.NOT,
            Keyword.BETWEEN, Keyword.WHEN, Keyword.THEN, Keyword.ELSE, Keyword.INTERVAL, Keyword.LIKE,
            Keyword.REGEXP, Keyword.RLIKE, Keyword.DIV, Keyword.MOD, Keyword.WHERE, Keyword.HAVING);

    private static final Set<Keyword> STATEMENTS = EnumSet.of(Keyword.SELECT, Keyword.INSERT, Keyword.UPDATE,
            Keyword.DELETE, Keyword.REPLACE);

    /** The text with every parameterisable literal as {@code ?}. */
    final String key;
    /** The source text. */
    final String source;
    /** The statement's text without a trailing ';' (what the parser would call its statement text). */
    final String statementText;
    /** Per parameterisable literal, in text order: its value as a parameter (Long, BigDecimal, Double, String). */
    final Object[] values;
    /** Per parameterisable literal: its extent in the source. */
    private final int[] starts, ends;

    private LiteralDigest(String key, String source, String statementText, Object[] values, int[] starts, int[] ends) {
        this.key = key;
        this.source = source;
        this.statementText = statementText;
        this.values = values;
        this.starts = starts;
        this.ends = ends;
    }

    int literalCount() { return values.length; }

    /** The literal's source text ({@code 'it''s'}, {@code 1.50}). */
    String literalText(int i) { return source.substring(starts[i], ends[i]); }

    /** The text with the literals not in {@code kept} as {@code ?} and those in it as written. */
    String render(BitSet kept) {
        StringBuilder out = new StringBuilder(source.length());
        int copied = 0;
        for (int i = 0; i < values.length; i++) {
            out.append(source, copied, starts[i]);
            if (kept.get(i)) out.append(source, starts[i], ends[i]);
            else out.append('?');
            copied = ends[i];
        }
        return out.append(source, copied, source.length()).toString();
    }

    /**
     * The digest of {@code sql}, or null when the text is not one plain SELECT, INSERT, UPDATE,
     * DELETE or REPLACE (several statements, a {@code ?}, something the lexer cannot read): such
     * texts take the ordinary path.
     */
    static LiteralDigest of(String sql, ParserOptions options) {
        Lexer lexer = new Lexer(sql, options);
        Token first = lexer.next();
        if (first.type != TokenType.IDENT || !STATEMENTS.contains(first.keyword)) return null;
        List<Token> literals = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        Token before = null, prev = first;
        int statementEnd = first.end;
        for (Token t = lexer.next(); ; t = lexer.next()) {
            switch (t.type) {
                case EOF -> {
                    consider(before, prev, t, literals, values);
                    return digest(sql, statementEnd, literals, values);
                }
                case ERROR, PARAM -> {
                    return null;
                }
                case SEMICOLON -> {
                    // one trailing ';' (and nothing after it) is allowed; a second statement is not
                    if (!lexer.next().is(TokenType.EOF)) return null;
                    consider(before, prev, t, literals, values);
                    return digest(sql, statementEnd, literals, values);
                }
                default -> { }
            }
            statementEnd = t.end;
            // decide about the previous token now that its neighbours are known
            consider(before, prev, t, literals, values);
            before = prev;
            prev = t;
        }
    }

    private static LiteralDigest digest(String sql, int statementEnd, List<Token> literals, List<Object> values) {
        return build(sql, sql.substring(0, statementEnd).strip(), literals, values);
    }

    private static void consider(Token before, Token t, Token after, List<Token> literals, List<Object> values) {
        Object value = valueOf(t);
        if (value == null || !operandPosition(before, t) || !freeAfter(t, after)) return;
        literals.add(t);
        values.add(value);
    }

    private static LiteralDigest build(String sql, String statementText, List<Token> literals, List<Object> values) {
        int n = literals.size();
        int[] starts = new int[n], ends = new int[n];
        StringBuilder key = new StringBuilder(sql.length());
        int copied = 0;
        for (int i = 0; i < n; i++) {
            Token t = literals.get(i);
            starts[i] = t.start;
            ends[i] = t.end;
            key.append(sql, copied, t.start).append('?');
            copied = t.end;
        }
        key.append(sql, copied, sql.length());
        return new LiteralDigest(key.toString(), sql, statementText, values.toArray(), starts, ends);
    }

    /** The literal's value as a parameter, or null when it is not a literal taken out. */
    private static Object valueOf(Token t) {
        return switch (t.type) {
            case INTEGER -> {
                String digits = t.value();
                int i = 0;
                while (i < digits.length() - 1 && digits.charAt(i) == '0') i++;
                // 19+ digits may be BIGINT UNSIGNED or DECIMAL as a literal: left in the text
                yield digits.length() - i <= 18 ? (Object) Long.parseLong(digits.substring(i)) : null;
            }
            // a DECIMAL literal's type is its digits (precision, scale), as a DECIMAL parameter's
            case DECIMAL -> t.end - t.start <= 30 ? new BigDecimal(t.value()) : null;
            case APPROX -> {
                double d = Double.parseDouble(t.value());
                yield Double.isFinite(d) ? d : null;
            }
            case STRING -> t.value();
            default -> null;
        };
    }

    /** Whether a literal after {@code before} is an operand: after an operator, '(' or ',' or an operator word. */
    private static boolean operandPosition(Token before, Token t) {
        if (before == null) return false;
        if (t.type == TokenType.STRING && before.type == TokenType.STRING) return false; // 'a' 'b'
        return switch (before.type) {
            case IDENT -> before.keyword != null && OPERAND_AFTER.contains(before.keyword);
            case QUOTED_IDENT, STRING, NATIONAL_STRING, HEX, BIT, INTEGER, DECIMAL, APPROX, USER_VAR, AT_AT, DOT,
                 RPAREN, RBRACE, LBRACE, PARAM -> false;
            default -> true; // '(', ',', '=', '<', '+', '-', ...
        };
    }

    /** Whether what follows the literal leaves it a plain value (not 'a' 'b', not 'a' COLLATE x). */
    private static boolean freeAfter(Token t, Token after) {
        if (t.type == TokenType.STRING && after.type == TokenType.STRING) return false;
        return !after.is(Keyword.COLLATE);
    }
}
