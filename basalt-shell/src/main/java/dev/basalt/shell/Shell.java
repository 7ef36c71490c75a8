package dev.basalt.shell;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code basalt shell}: a terminal SQL client over the MySQL protocol. On a terminal it is
 * interactive (JLine: line editing, history in ~/.basalt_history, multi-line statements ending in
 * {@code ;} or {@code \G}, boxed tables); with stdin from a pipe or file it runs the statements,
 * prints tab-separated results and exits 1 at the first error, as {@code mysql --batch} does.
 */
public final class Shell {

    private final Connection connection;
    private final PrintStream out;
    private final PrintStream err;
    /** host:port, for the status command. */
    private String where = "the server";

    Shell(Connection connection, PrintStream out, PrintStream err) {
        this.connection = connection;
        this.out = out;
        this.err = err;
    }

    /** Runs the shell alone (bin/basalt goes through the server's Main instead). */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Entry point from {@code basalt shell ARGS}; returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (ShellOptions.wantsHelp(args)) {
            out.print(ShellOptions.HELP);
            return 0;
        }
        ShellOptions options;
        try {
            options = ShellOptions.parse(args, System.getenv("BASALT_PASSWORD"));
        } catch (IllegalArgumentException e) {
            err.println("basalt shell: " + e.getMessage());
            return 2;
        }
        // the driver finds slf4j-api on the server's class path without a binding: keep its notice off the screen
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
        boolean interactive = System.console() != null && in == System.in;
        String password = options.password();
        if (options.askPassword()) {
            if (System.console() == null) {
                err.println("basalt shell: -p needs a terminal to ask; use -pPASSWORD or BASALT_PASSWORD");
                return 2;
            }
            char[] typed = System.console().readPassword("Enter password: ");
            password = typed == null ? "" : new String(typed);
        }
        ServerConnector connector = new ServerConnector(options, password);
        try (Connection c = connector.open()) {
            Shell shell = new Shell(c, out, err);
            shell.where = options.host() + ":" + options.port();
            if (options.execute() != null) return shell.execute(options.execute(), System.console() != null && System.console().isTerminal());
            return interactive ? shell.interactive(connector) : shell.batch(in);
        } catch (SQLException e) {
            err.println(errorLine(e, 0));
            return 1;
        } catch (IOException e) {
            err.println("basalt shell: " + e.getMessage());
            return 1;
        }
    }

    /**
     * {@code -e SQL}: runs the statements and quits, as {@code mysql -e}: boxed tables when the
     * output is a terminal (without the row-count lines), tab-separated otherwise; the first error
     * ends it with status 1.
     */
    int execute(String sql, boolean onTerminal) throws IOException {
        if (!onTerminal) return batch(new java.io.ByteArrayInputStream(sql.getBytes(StandardCharsets.UTF_8)));
        StatementSplitter splitter = new StatementSplitter();
        List<StatementSplitter.Statement> statements = new ArrayList<>();
        for (String line : sql.split("\n", -1)) statements.addAll(splitter.feed(line));
        StatementSplitter.Statement last = splitter.rest();
        if (last != null) statements.add(last);
        for (StatementSplitter.Statement st : statements) {
            try {
                execute(st, st.vertical() ? Mode.VERTICAL : Mode.TABLE);
            } catch (SQLException e) {
                err.println(errorLine(e, 1));
                return 1;
            }
        }
        return 0;
    }

    /** Reads statements from a pipe or file; tab-separated output; stops at the first error. */
    int batch(InputStream in) throws IOException {
        StatementSplitter splitter = new StatementSplitter();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNo = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNo++;
            String command = splitter.inStatement() ? null : ClientCommands.commandOf(line);
            if (command != null) {
                try {
                    ClientCommands.run(command, line, connection, where, out, true);
                } catch (SQLException e) {
                    err.println(errorLine(e, lineNo));
                    return 1;
                }
                continue;
            }
            Path sourced = splitter.inStatement() ? null : sourceFile(line);
            if (sourced != null) {
                try (InputStream file = java.nio.file.Files.newInputStream(sourced)) {
                    if (batch(file) != 0) return 1;
                } catch (IOException e) {
                    err.println("ERROR: Failed to open file '" + sourced + "', error: " + openError(e));
                    return 1;
                }
                continue;
            }
            for (StatementSplitter.Statement st : splitter.feed(line)) {
                if (!runBatch(st, lineNo)) return 1;
            }
        }
        StatementSplitter.Statement last = splitter.rest();
        return last == null || runBatch(last, lineNo) ? 0 : 1;
    }

    private boolean runBatch(StatementSplitter.Statement st, int lineNo) {
        try {
            execute(st, st.vertical() ? Mode.VERTICAL : Mode.TABS); // \G stays vertical in scripts, as in mysql
            return true;
        } catch (SQLException e) {
            err.println(errorLine(e, lineNo));
            return false;
        }
    }

    /** The interactive loop; Ctrl-D or "quit" ends it, Ctrl-C drops the statement being typed. */
    int interactive(ServerConnector connector) throws IOException, SQLException {
        Path history = Path.of(System.getProperty("user.home"), ".basalt_history");
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            // SQL text is taken as typed: no history expansion (!) and no backslash escapes (\G must arrive)
            org.jline.reader.impl.DefaultParser parser = new org.jline.reader.impl.DefaultParser();
            // names made after the start complete too: read again after DDL, on rehash and on a miss
            CatalogCompleter completer = new CatalogCompleter(() -> Completions.load(connection), this::currentDatabase);
            parser.setEscapeChars(null);
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).parser(parser)
                    .completer(completer)
                    .option(LineReader.Option.CASE_INSENSITIVE, true)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .variable(LineReader.HISTORY_FILE, history)
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "    -> ")
                    .build();
            PrintStream screen = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
            Shell onScreen = new Shell(connection, screen, screen);
            onScreen.where = where;
            onScreen.completer = completer;
            // Ctrl-C while a statement runs stops the statement, not the shell (JLine's prompt has its own handler)
            onScreen.interrupter = new QueryInterrupter(connection, connector, screen);
            terminal.handle(Terminal.Signal.INT, signal -> onScreen.interrupter.interrupt());
            screen.println("Connected to " + describeServer() + ". End statements with ; or \\G; help for the shell's commands; quit or Ctrl-D to leave.");
            StatementSplitter splitter = new StatementSplitter();
            while (true) {
                String line;
                try {
                    completer.earlierLines(splitter.pendingText()); // its tables count for Tab on this line
                    line = reader.readLine(splitter.inStatement() ? "    -> " : "basalt> ");
                } catch (UserInterruptException e) {
                    splitter = new StatementSplitter();
                    continue;
                } catch (EndOfFileException e) {
                    screen.println("Bye");
                    return 0;
                }
                String word = line.strip().toLowerCase(java.util.Locale.ROOT);
                if (!splitter.inStatement() && (word.equals("quit") || word.equals("exit") || word.equals("\\q"))) {
                    screen.println("Bye");
                    return 0;
                }
                String command = splitter.inStatement() ? null : ClientCommands.commandOf(line);
                if ("rehash".equals(command)) {
                    completer.rehash();
                    continue;
                }
                if (command != null) {
                    try {
                        ClientCommands.run(command, line, connection, where, screen, false);
                    } catch (SQLException e) {
                        screen.println(errorLine(e, 0));
                    }
                    continue;
                }
                Path sourced = splitter.inStatement() ? null : sourceFile(line);
                if (sourced != null) {
                    onScreen.source(sourced);
                    continue;
                }
                if (line.stripTrailing().endsWith("\\e") && splitter.quoteFree()) {
                    String typed = line.stripTrailing();
                    String buffer = joined(splitter.pendingText(), typed.substring(0, typed.length() - 2));
                    String edited = ExternalEditor.edit(terminal, buffer.isBlank() ? lastStatement : buffer, screen);
                    splitter = new StatementSplitter();
                    if (edited == null) continue;
                    // as mysql: the edited text is the buffer; statements in it that end run now
                    screen.println(edited.stripTrailing());
                    for (String l : edited.split("\r?\n")) {
                        for (StatementSplitter.Statement st : splitter.feed(l)) onScreen.runInteractive(remember(st));
                    }
                    continue;
                }
                for (StatementSplitter.Statement st : splitter.feed(line)) onScreen.runInteractive(remember(st));
            }
        }
    }

    /** The last statement run interactively: what \e opens when nothing is typed (as mysql). */
    private String lastStatement = "";

    private StatementSplitter.Statement remember(StatementSplitter.Statement st) {
        lastStatement = st.sql() + (st.vertical() ? "\\G" : ";");
        return st;
    }

    private static String joined(String a, String b) {
        if (a.isBlank()) return b.strip();
        return b.isBlank() ? a.strip() : a.strip() + "\n" + b.strip();
    }

    /** Why a file did not open, in words (the JDK's exceptions name only the path for the common cases). */
    static String openError(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "No such file or directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "Permission denied";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage();
    }

    /** {@code source FILE} or {@code \. FILE} (mysql's client commands), else null. */
    static Path sourceFile(String line) {
        String t = line.strip();
        if (t.endsWith(";")) t = t.substring(0, t.length() - 1).strip();
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        String rest = lower.startsWith("source ") ? t.substring(7) : lower.startsWith("\\. ") ? t.substring(3) : null;
        return rest == null || rest.isBlank() ? null : Path.of(rest.strip());
    }

    /** Runs a file's statements on screen, as if typed; stops at the first error, as mysql does. */
    private void source(Path file) {
        StatementSplitter splitter = new StatementSplitter();
        try {
            for (String line : java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8)) {
                for (StatementSplitter.Statement st : splitter.feed(line)) {
                    if (!runInteractive(st)) return;
                }
            }
            StatementSplitter.Statement last = splitter.rest();
            if (last != null) runInteractive(last);
        } catch (IOException e) {
            out.println("ERROR: Failed to open file '" + file + "', error: " + openError(e));
        }
    }

    /** Set on the interactive shell: Ctrl-C during a statement sends KILL QUERY. */
    private QueryInterrupter interrupter;
    /** Set on the interactive shell: told of each statement run, so Tab offers names it created. */
    private CatalogCompleter completer;

    private boolean runInteractive(StatementSplitter.Statement st) {
        long start = System.nanoTime();
        if (interrupter != null) interrupter.running(true);
        try {
            String summary = execute(st, st.vertical() ? Mode.VERTICAL : Mode.TABLE);
            out.printf("%s (%.2f sec)%n%n", summary, (System.nanoTime() - start) / 1e9);
            return true;
        } catch (SQLException e) {
            out.println(errorLine(e, 0));
            return false;
        } finally {
            if (interrupter != null) interrupter.running(false);
            if (completer != null) completer.statementRan(st.sql()); // a failed DDL may have done part of its work
        }
    }

    /** The database USE or -D chose (null if none): SELECT <Tab> offers its tables' columns. */
    private String currentDatabase() {
        try {
            return connection.getCatalog();
        } catch (SQLException e) {
            return null; // completion is a convenience
        }
    }

    private String describeServer() {
        try {
            return "server " + connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "the server";
        }
    }

    enum Mode { TABLE, VERTICAL, TABS }

    /** Runs a statement, prints its results; answers mysql's summary line (e.g. "2 rows in set"). */
    String execute(StatementSplitter.Statement st, Mode mode) throws SQLException {
        try (Statement s = connection.createStatement()) {
            boolean rows = s.execute(st.sql());
            String summary = "";
            while (true) {
                if (rows) {
                    try (ResultSet rs = s.getResultSet()) {
                        summary = printRows(rs, mode);
                    }
                } else {
                    long count = s.getLargeUpdateCount();
                    if (count < 0) break;
                    summary = "Query OK, " + count + (count == 1 ? " row" : " rows") + " affected";
                }
                rows = s.getMoreResults();
            }
            int warnings = countWarnings(s);
            return warnings > 0 ? summary + ", " + warnings + (warnings == 1 ? " warning" : " warnings") : summary;
        }
    }

    private static int countWarnings(Statement s) throws SQLException {
        int n = 0;
        for (java.sql.SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) n++;
        return n;
    }

    private String printRows(ResultSet rs, Mode mode) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> names = new ArrayList<>(n);
        boolean[] numeric = new boolean[n];
        for (int i = 1; i <= n; i++) {
            names.add(md.getColumnLabel(i));
            numeric[i - 1] = isNumeric(md.getColumnType(i));
        }
        List<String[]> rows = new ArrayList<>();
        while (rs.next()) {
            String[] row = new String[n];
            for (int i = 1; i <= n; i++) row[i - 1] = rs.getString(i);
            rows.add(row);
        }
        switch (mode) {
            case TABS -> ResultPrinter.tabs(names, rows, out);
            case VERTICAL -> ResultPrinter.vertical(names, rows, out);
            case TABLE -> {
                if (!rows.isEmpty()) ResultPrinter.table(names, rows, numeric, out);
            }
        }
        if (rows.isEmpty()) return "Empty set";
        return rows.size() + (rows.size() == 1 ? " row in set" : " rows in set");
    }

    private static boolean isNumeric(int type) {
        return switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                 Types.FLOAT, Types.REAL, Types.DOUBLE -> true;
            default -> false;
        };
    }

    /** As the mysql client: {@code ERROR 1146 (42S02) at line 3: Table 'x.y' doesn't exist}. */
    static String errorLine(SQLException e, int line) {
        String message = e.getMessage();
        // Connector/J prefixes "(conn=N) "; the server's message is what users search for
        if (message != null && message.startsWith("(conn=")) message = message.substring(message.indexOf(") ") + 2);
        return "ERROR " + e.getErrorCode() + " (" + e.getSQLState() + ")" + (line > 0 ? " at line " + line : "") + ": " + message;
    }
}
