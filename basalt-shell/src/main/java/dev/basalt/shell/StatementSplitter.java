package dev.basalt.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects input lines into statements as the mysql client does: a statement ends at {@code ;}
 * or {@code \G} (vertical output) outside quotes, backticks and comments, so a statement may span
 * lines and a line may hold several.
 */
final class StatementSplitter {

    /** A complete statement and whether it asked for vertical (\G) output. */
    record Statement(String sql, boolean vertical) {}

    private final StringBuilder pending = new StringBuilder();
    private char quote;           // ', " or ` while inside one, else 0
    private boolean blockComment; // inside /* ... */

    /** Feeds one line; returns the statements it completed (possibly none). */
    List<Statement> feed(String line) {
        List<Statement> done = new ArrayList<>();
        if (pending.length() > 0) pending.append('\n');
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
            if (blockComment) {
                pending.append(c);
                if (c == '*' && next == '/') {
                    pending.append(next);
                    i++;
                    blockComment = false;
                }
            } else if (quote != 0) {
                pending.append(c);
                if (c == '\\' && quote != '`' && next != 0) {
                    pending.append(next);
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                pending.append(c);
            } else if (c == '/' && next == '*') {
                blockComment = true;
                pending.append("/*");
                i++;
            } else if (c == '#' || (c == '-' && next == '-' && (i + 2 >= line.length() || Character.isWhitespace(line.charAt(i + 2))))) {
                break; // comment to the end of the line
            } else if (c == ';') {
                finish(done, false);
            } else if (c == '\\' && next == 'c') {
                pending.setLength(0); // mysql's \c: drop the statement typed so far
                i++;
            } else if (c == '\\' && (next == 'G' || next == 'g')) {
                finish(done, next == 'G');
                i++;
            } else {
                pending.append(c);
            }
        }
        return done;
    }

    private void finish(List<Statement> done, boolean vertical) {
        String sql = pending.toString().strip();
        pending.setLength(0);
        if (!sql.isEmpty()) done.add(new Statement(sql, vertical));
    }

    /** The statement typed so far (for the \e editor), without its line comments. */
    String pendingText() {
        return pending.toString();
    }

    /** Outside quotes and block comments: a client command such as \e is recognised only there. */
    boolean quoteFree() {
        return quote == 0 && !blockComment;
    }

    /** True while a statement has started but not ended (the prompt shows "    -> "). */
    boolean inStatement() {
        return quote != 0 || blockComment || !pending.toString().isBlank();
    }

    /** What is left at end of input, run as a last statement (as mysql does). */
    Statement rest() {
        String sql = pending.toString().strip();
        pending.setLength(0);
        return sql.isEmpty() ? null : new Statement(sql, false);
    }
}
