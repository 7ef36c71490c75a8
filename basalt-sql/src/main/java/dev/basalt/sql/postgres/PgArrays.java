package dev.basalt.sql.postgres;

import java.util.List;
import java.util.Locale;

/**
 * Arrays are not translated (MySQL has no array values): the forms that can only mean an array,
 * {@code ARRAY[...]}, {@code ARRAY(SELECT ...)}, a cast to {@code type[]} and {@code = ANY(expr)}
 * over something other than a subquery, get an honest 0A000 instead of MySQL's syntax error.
 * A {@code '{1,2}'} literal is a string to MySQL and is left alone.
 */
final class PgArrays {
    private PgArrays() {}

    static final String NOT_SUPPORTED = "arrays are not supported";

    /** Why the statement cannot be translated (it uses an array), or null. */
    static String problem(String sql) {
        String upper = sql.toUpperCase(Locale.ROOT);
        if (!upper.contains("ARRAY") && !upper.contains("[") && !upper.contains("ANY") && !upper.contains("SOME")
                && !upper.contains("ALL")) {
            return null;
        }
        List<PgToken> in = PgLexer.tokens(sql);
        for (int i = 0; i < in.size(); i++) {
            PgToken t = in.get(i);
            int next = PgTokens.next(in, i);
            PgToken after = next < 0 ? null : in.get(next);
            if (after == null) continue;
            if (t.isWord("ARRAY") && (after.text().equals("[") || after.is(PgToken.Kind.OPEN))) return NOT_SUPPORTED;
            // int[] in a cast or a column type: a word right before "[" "]"
            if (t.is(PgToken.Kind.WORD) && after.text().equals("[")) {
                int close = PgTokens.next(in, next);
                if (close > 0 && in.get(close).text().equals("]")) return NOT_SUPPORTED;
            }
            if ((t.isWord("ANY") || t.isWord("SOME") || t.isWord("ALL")) && after.is(PgToken.Kind.OPEN)) {
                int inside = PgTokens.next(in, next);
                if (inside > 0 && !in.get(inside).isWord("SELECT") && !in.get(inside).isWord("WITH")
                        && !in.get(inside).isWord("VALUES") && !in.get(inside).isWord("TABLE")
                        && !in.get(inside).is(PgToken.Kind.OPEN) && isComparison(in, i)) {
                    return NOT_SUPPORTED;
                }
            }
        }
        return null;
    }

    /** ANY/SOME/ALL right after a comparison operator (not, say, a function named all). */
    private static boolean isComparison(List<PgToken> in, int i) {
        for (int j = i - 1; j >= 0; j--) {
            PgToken t = in.get(j);
            if (t.is(PgToken.Kind.SPACE) || t.is(PgToken.Kind.COMMENT)) continue;
            return t.is(PgToken.Kind.PUNCT) && "=<>!".contains(t.text());
        }
        return false;
    }
}
