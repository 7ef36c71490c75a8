package dev.basalt.shell;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The mysql client's own commands that a person types out of habit, recognised at the start of a
 * statement and run at once without a {@code ;}: {@code help} ({@code \h}, {@code ?}),
 * {@code status} ({@code \s}), {@code use DB} (backslash-u DB), {@code clear} and {@code rehash}. Without them the
 * line became the start of an SQL statement, and the prompt waited for a {@code ;} that would only
 * bring a syntax error.
 */
final class ClientCommands {

    private ClientCommands() {}

    static final String HELP = """
            basalt shell commands (the mysql client's; SQL statements end with ; or \\G):
              help    (\\h, ?)   this list
              clear   (\\c)      drop the statement being typed (\\c also at the end of a line)
              edit    (\\e)      edit the statement in $VISUAL / $EDITOR
              quit    (\\q)      leave (also exit, Ctrl-D)
              rehash  (\\#)      read the names Tab completes again (also done after CREATE/DROP/ALTER/RENAME)
              source  (\\.)      run the statements of a file: source FILE
              status  (\\s)      connection, server and database
              use     (\\u)      make a database the default: use DB
            Ctrl-C stops the running statement (KILL QUERY); Tab completes keywords and names.
            """;

    /** The command a line is, or null when it is SQL (or the start of it). */
    static String commandOf(String line) {
        String t = line.strip();
        if (t.endsWith(";")) t = t.substring(0, t.length() - 1).strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("help") || lower.equals("\\h") || lower.equals("?") || lower.equals("\\?")) return "help";
        if (lower.equals("status") || lower.equals("\\s")) return "status";
        if (lower.equals("clear") || lower.equals("\\c")) return "clear";
        if (lower.equals("rehash") || lower.equals("\\#")) return "rehash"; // the interactive shell runs it
        if (useTarget(t) != null) return "use";
        return null;
    }

    /** The database of {@code use DB} / backslash-u DB (backquotes allowed), else null. */
    static String useTarget(String line) {
        String t = line.strip();
        if (t.endsWith(";")) t = t.substring(0, t.length() - 1).strip();
        String lower = t.toLowerCase(Locale.ROOT);
        String rest = lower.startsWith("use ") ? t.substring(4) : lower.startsWith("\\u ") ? t.substring(3) : null;
        if (rest == null) return null;
        rest = rest.strip();
        if (rest.length() > 1 && rest.startsWith("`") && rest.endsWith("`")) return rest.substring(1, rest.length() - 1).replace("``", "`");
        return rest.isEmpty() || rest.contains(" ") ? null : rest;
    }

    /**
     * Runs a command commandOf recognised; SQL errors (use of an unknown database) are thrown.
     * In batch mode (a pipe or a file) `use` prints nothing, as the mariadb CLI's batch mode, so
     * a script's output is only its results.
     */
    static void run(String command, String line, Connection connection, String where, PrintStream out, boolean batch) throws SQLException {
        switch (command) {
            case "help" -> out.print(HELP);
            case "clear" -> { } // the statement being typed is dropped by the caller
            case "use" -> {
                try (Statement s = connection.createStatement()) {
                    s.execute("USE `" + useTarget(line).replace("`", "``") + "`");
                }
                if (!batch) out.println("Database changed");
            }
            case "status" -> status(connection, where, out);
            case "rehash" -> { } // only the interactive shell has completion: it handles rehash itself
            default -> throw new IllegalArgumentException(command);
        }
    }

    private static void status(Connection connection, String where, PrintStream out) throws SQLException {
        try (Statement s = connection.createStatement()) {
            String id, db, user, version;
            try (ResultSet rs = s.executeQuery("SELECT CONNECTION_ID(), DATABASE(), USER(), VERSION()")) {
                rs.next();
                id = rs.getString(1);
                db = rs.getString(2);
                user = rs.getString(3);
                version = rs.getString(4);
            }
            String cipher = "", uptime = "";
            try (ResultSet rs = s.executeQuery("SHOW SESSION STATUS WHERE Variable_name IN ('Ssl_cipher', 'Uptime')")) {
                while (rs.next()) {
                    if (rs.getString(1).equalsIgnoreCase("Ssl_cipher")) cipher = rs.getString(2);
                    else uptime = rs.getString(2);
                }
            }
            out.println("--------------");
            out.println("Connection id:\t\t" + id);
            out.println("Current database:\t" + (db == null ? "" : db));
            out.println("Current user:\t\t" + user);
            out.println("SSL:\t\t\t" + (cipher == null || cipher.isEmpty() ? "Not in use" : "Cipher in use is " + cipher));
            out.println("Server version:\t\t" + version);
            out.println("Connection:\t\t" + where + " via TCP/IP");
            if (!uptime.isEmpty()) out.println("Uptime:\t\t\t" + uptime + " sec");
            out.println("--------------");
        }
    }
}
