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

    /**
     * The text SHOW CREATE TABLE and information_schema show: in parentheses, with the table's
     * column names in backquotes, as MySQL prints them ({@code (`bal` >= 0)}); the rest stays as
     * written (MySQL would also lower-case function names and add charset introducers).
     */
    public static String display(String sql, dev.basalt.engine.catalog.TableDef table) {
        StringBuilder out = new StringBuilder("(");
        try {
            var lexer = new dev.basalt.sql.parser.Lexer(sql, dev.basalt.sql.parser.ParserOptions.DEFAULT);
            int copied = 0;
            var t = lexer.next();
            while (t.type != dev.basalt.sql.parser.TokenType.EOF) {
                var next = lexer.next();
                boolean name = t.type == dev.basalt.sql.parser.TokenType.IDENT || t.type == dev.basalt.sql.parser.TokenType.QUOTED_IDENT;
                int column = name && next.type != dev.basalt.sql.parser.TokenType.LPAREN ? table.columnIndex(t.value()) : -1;
                if (column >= 0) {
                    out.append(sql, copied, t.start).append('`')
                            .append(table.columns().get(column).name().replace("`", "``")).append('`');
                    copied = t.end;
                }
                t = next;
            }
            out.append(sql.substring(copied));
        } catch (RuntimeException e) {
            return "(" + sql + ")"; // text that does not lex is shown as stored
        }
        return out.append(')').toString();
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
