package dev.basalt.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a SQL script fed line by line into statements, as the mysql client runs a script: a
 * statement ends at the delimiter ({@code ;}, or what a {@code DELIMITER} line sets, for routine
 * and trigger bodies as mysqldump writes them) outside quotes and comments. Each statement keeps
 * the line it starts on, for error messages. Used by {@code --init-file} and {@code basalt load}.
 */
public final class SqlScript {

    /** One statement and the 1-based line where its text starts. */
    public record Statement(String sql, int line) {}

    private final StringBuilder sql = new StringBuilder();
    private String delimiter = ";";
    private int lineNumber;      // lines fed so far
    private int start;           // line of the statement being collected, 0 while none
    private char quote;          // ', " or ` while inside one
    private boolean block;       // inside /* ... */

    /** Splits a whole script. */
    public static List<Statement> split(String script) {
        SqlScript s = new SqlScript();
        List<Statement> out = new ArrayList<>();
        for (String line : script.split("\r?\n", -1)) out.addAll(s.feed(line));
        Statement last = s.finish();
        if (last != null) out.add(last);
        return out;
    }

    /** Feeds the next line (without its line break); returns the statements it completed. */
    public List<Statement> feed(String line) {
        lineNumber++;
        List<Statement> done = new ArrayList<>(1);
        if (quote == 0 && !block && sql.toString().isBlank()
                && line.strip().toUpperCase(Locale.ROOT).startsWith("DELIMITER ")) {
            delimiter = line.strip().substring("DELIMITER ".length()).strip();
            return done;
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
            if (block) {
                if (c == '*' && next == '/') {
                    block = false;
                    i++;
                }
                continue;
            }
            if (quote != 0) {
                sql.append(c);
                if (c == '\\' && quote != '`' && next != 0) {
                    sql.append(next);
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            // /*! ... */ is MySQL's versioned comment: it is SQL to run (mysqldump writes many)
            if (c == '/' && next == '*' && !(i + 2 < line.length() && line.charAt(i + 2) == '!')) {
                block = true;
                i++;
                continue;
            }
            if (c == '#' || (c == '-' && next == '-' && (i + 2 >= line.length() || Character.isWhitespace(line.charAt(i + 2))))) {
                break;
            }
            if (line.startsWith(delimiter, i)) {
                Statement st = take();
                if (st != null) done.add(st);
                i += delimiter.length() - 1;
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') quote = c;
            if (start == 0 && !Character.isWhitespace(c)) start = lineNumber;
            sql.append(c);
        }
        if (sql.length() > 0) sql.append('\n');
        return done;
    }

    /** What is left at the end of the script, run as a last statement (as mysql does); null if nothing. */
    public Statement finish() {
        return take();
    }

    private Statement take() {
        String text = sql.toString().strip();
        Statement st = text.isEmpty() ? null : new Statement(text, start);
        sql.setLength(0);
        start = 0;
        return st;
    }
}
