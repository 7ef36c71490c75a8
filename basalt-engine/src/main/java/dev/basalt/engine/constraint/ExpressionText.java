package dev.basalt.engine.constraint;

/**
 * The stored text of a CHECK condition or a generated column's expression: the source text
 * without parentheses that wrap all of it. SHOW CREATE TABLE adds its own pair around the text,
 * so a definition read back from SHOW CREATE TABLE (a dump) is stored exactly as before.
 */
public final class ExpressionText {
    private ExpressionText() {}

    public static String normalize(String sql) {
        String s = sql.strip();
        while (s.length() >= 2 && s.charAt(0) == '(' && closingParen(s) == s.length() - 1) s = s.substring(1, s.length() - 1).strip();
        return s;
    }

    /** Whether the expression names the column (case-insensitively, as column names compare). */
    public static boolean readsColumn(String sql, String column) {
        return dev.basalt.engine.plan.AstWalker.any(CheckEvaluator.parse(sql),
                n -> n instanceof dev.basalt.sql.ast.ColumnRef ref && ref.column().equalsIgnoreCase(column), n -> false);
    }

    /** Index of the parenthesis closing the one at 0, skipping quoted text; -1 if unbalanced. */
    private static int closingParen(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = endOfQuote(s, i);
                if (i < 0) return -1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int endOfQuote(String s, int start) {
        char q = s.charAt(start);
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && q != '`') {
                i++;
            } else if (c == q) {
                if (i + 1 < s.length() && s.charAt(i + 1) == q) i++;
                else return i;
            }
        }
        return -1;
    }
}
