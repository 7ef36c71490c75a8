package dev.basalt.pgwire;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Shapes of simple-protocol statements that the PostgreSQL dialect passes to the engine unchanged
 * (no cast, no RETURNING, no ON CONFLICT, no function to rewrite...: pgbench's TPC-B statements, most
 * plain DML). A statement's shape is its text with the values of its number literals and of its
 * plain string literals taken out; once one statement of a shape went through every check and
 * translation unchanged, the next ones of that shape skip them (lexing and seven rewrite passes,
 * about 10% of the server's CPU in TPC-B).
 *
 * <p>Why a shape decides for all its statements: the translation works on tokens, and the only
 * literal values it looks at are strings after a type word or before a {@code ::} cast
 * ({@code interval '1 day'}, {@code '...'::timestamp}); those keep their text in the shape. A
 * string right after {@code ( , = < > + - * / |} and not before {@code ::} is a value the
 * translation copies as it is. Texts the scanner could misread (comments, dollar quotes, E''/B''/X''
 * /U&'' strings, an unterminated literal) have no shape and always take the full path.
 */
final class PgPlainShapes {
    private PgPlainShapes() {}

    /** At most this many shapes; past it the set starts again (a workload has a handful). */
    static final int CAPACITY = 4096;

    private static final ConcurrentHashMap<String, Boolean> PLAIN = new ConcurrentHashMap<>();

    /** Whether statements of this shape (see {@link #shape}) are known to need no translation. */
    static boolean known(String shape) {
        return shape != null && PLAIN.containsKey(shape);
    }

    /** Records that a statement of this shape went through unchanged. */
    static void remember(String shape) {
        if (shape == null) return;
        if (PLAIN.size() >= CAPACITY) PLAIN.clear();
        PLAIN.put(shape, Boolean.TRUE);
    }

    /** The statement's shape, or null when it has none (see the class comment). */
    static String shape(String sql) {
        int n = sql.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                if (i > 0 && isIdentifierChar(sql.charAt(i - 1))) return null; // E'', B'', X'', U&'' or a glued word
                int end = stringEnd(sql, i);
                if (end < 0) return null;
                if (isValuePosition(out) && !castFollows(sql, end)) out.append("''");
                else out.append(sql, i, end);
                i = end;
            } else if (c == '"') {
                int end = sql.indexOf('"', i + 1); // "" inside: two quoted runs side by side, same shape either way
                if (end < 0) return null;
                out.append(sql, i, end + 1);
                i = end + 1;
            } else if ((isDigit(c) || c == '.' && i + 1 < n && isDigit(sql.charAt(i + 1)))
                    && (i == 0 || !isIdentifierChar(sql.charAt(i - 1)))) {
                i = numberEnd(sql, i);
                out.append('0');
            } else if (c == '$' && (i + 1 >= n || sql.charAt(i + 1) < '0' || sql.charAt(i + 1) > '9')) {
                return null; // a dollar-quoted string, not a $n parameter
            } else if (c == '`' || c == '#') {
                return null; // MySQL's quoted names and comments: not PostgreSQL, not worth a shape
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                return null; // comments may hold quotes
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Index after the closing quote of the standard string opening at {@code start}, or -1. */
    private static int stringEnd(String sql, int start) {
        int j = start + 1;
        while (true) {
            int q = sql.indexOf('\'', j);
            if (q < 0) return -1;
            if (q + 1 < sql.length() && sql.charAt(q + 1) == '\'') {
                j = q + 2;
                continue;
            }
            return q + 1;
        }
    }

    /** Whether the shape so far ends (spaces aside) where a value goes: after ( , = < > + - * / or |. */
    private static boolean isValuePosition(StringBuilder out) {
        int k = out.length() - 1;
        while (k >= 0 && Character.isWhitespace(out.charAt(k))) k--;
        return k >= 0 && "(,=<>+-*/|".indexOf(out.charAt(k)) >= 0;
    }

    /** Whether a :: cast follows position {@code from} (spaces aside). */
    private static boolean castFollows(String sql, int from) {
        int k = from;
        while (k < sql.length() && Character.isWhitespace(sql.charAt(k))) k++;
        return k + 1 < sql.length() && sql.charAt(k) == ':' && sql.charAt(k + 1) == ':';
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** End of the number at {@code start}, as the dialect's lexer reads one (1.5, 1e-3, .5). */
    private static int numberEnd(String sql, int start) {
        int i = start, n = sql.length();
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
            char d = sql.charAt(i++);
            if ((d == 'e' || d == 'E') && i < n && (sql.charAt(i) == '+' || sql.charAt(i) == '-')) i++;
        }
        return i;
    }
}
