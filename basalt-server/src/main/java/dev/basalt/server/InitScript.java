package dev.basalt.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits an init file into statements as the mysql client splits a script: at the delimiter
 * ({@code ;}, or what a {@code DELIMITER} line sets, for routine bodies) outside quotes and
 * comments; each statement remembers the line it starts on, for error messages.
 */
final class InitScript {

    /** One statement and the 1-based line where its text starts. */
    record Statement(String sql, int line) {}

    private InitScript() {}

    static List<Statement> split(String script) {
        List<Statement> out = new ArrayList<>();
        String delimiter = ";";
        StringBuilder sql = new StringBuilder();
        int start = 0;          // line of the statement being collected, 0 while none
        char quote = 0;         // ', " or ` while inside one
        boolean block = false;  // inside /* ... */
        String[] lines = script.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (quote == 0 && !block && sql.toString().isBlank()
                    && line.strip().toUpperCase(Locale.ROOT).startsWith("DELIMITER ")) {
                delimiter = line.strip().substring("DELIMITER ".length()).strip();
                continue;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
                if (block) {
                    if (c == '*' && next == '/') { block = false; i++; }
                    continue;
                }
                if (quote != 0) {
                    sql.append(c);
                    if (c == '\\' && quote != '`' && next != 0) { sql.append(next); i++; }
                    else if (c == quote) quote = 0;
                    continue;
                }
                if (c == '/' && next == '*' && !(i + 2 < line.length() && line.charAt(i + 2) == '!')) {
                    block = true;
                    i++;
                    continue;
                }
                if (c == '#' || (c == '-' && next == '-' && (i + 2 >= line.length() || Character.isWhitespace(line.charAt(i + 2))))) {
                    break;
                }
                if (line.startsWith(delimiter, i)) {
                    if (!sql.toString().isBlank()) out.add(new Statement(sql.toString().strip(), start));
                    sql.setLength(0);
                    start = 0;
                    i += delimiter.length() - 1;
                    continue;
                }
                if (c == '\'' || c == '"' || c == '`') quote = c;
                if (start == 0 && !Character.isWhitespace(c)) start = n + 1;
                sql.append(c);
            }
            if (sql.length() > 0) sql.append('\n');
        }
        if (!sql.toString().isBlank()) out.add(new Statement(sql.toString().strip(), start));
        return out;
    }
}
