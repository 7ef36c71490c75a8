package dev.basalt.shell;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code basalt load FILE.sql|FILE.csv}: imports a file through the MySQL protocol with a
 * progress bar. A .sql file (e.g. mysqldump output) runs statement by statement and stops at the
 * first error, naming file:line; a .csv file goes into {@code --table} (default: the file's base
 * name), its first line naming the columns unless {@code --no-header}, as multi-row INSERTs.
 */
public final class Loader {

    static final String USAGE = "usage: basalt load FILE.sql|FILE.csv [-h host] [-P port] [-u user] [-p[password]] "
            + "[-D|--database db] [--table t] [--no-header] [--batch-rows N] [--ssl | --ssl-mode MODE] [--ssl-ca FILE]";

    /** What {@code basalt load --help} prints. */
    static final String HELP = USAGE + "\n\n"
            + "Imports a file into a running server with a progress bar (rows, MB/s, ETA):\n"
            + "  FILE.sql              statements (a mysqldump file, for example), run in order; stops at the\n"
            + "                        first error and names file:line\n"
            + "  FILE.csv              rows into --table (the file name without .csv by default); the first\n"
            + "                        line names the columns unless --no-header\n"
            + "  --batch-rows N        CSV rows per multi-row INSERT (default 1000)\n"
            + "Connection options are basalt shell's (-h, -P, -u, -p, -D, --ssl, --ssl-mode, --ssl-ca;\n"
            + "see basalt shell --help).\n";

    private final Connection connection;
    private final PrintStream err;
    private final Path file;

    private Loader(Connection connection, PrintStream err, Path file) {
        this.connection = connection;
        this.err = err;
        this.file = file;
    }

    /** Entry point from {@code basalt load ARGS}: 0 loaded, 1 failed, 2 bad usage. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        String table = null;
        boolean header = true;
        int batchRows = 1000;
        List<String> connectionArgs = new ArrayList<>();
        if (ShellOptions.wantsHelp(args)) {
            out.print(HELP);
            return 0;
        }
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--table" -> table = value(args, ++i, a);
                    case "--no-header" -> header = false;
                    case "--batch-rows" -> batchRows = Integer.parseInt(value(args, ++i, a));
                    case "-h", "--host", "-P", "--port", "-u", "--user", "-D", "--database", "--ssl-mode", "--ssl-ca" -> {
                        connectionArgs.add(a);
                        connectionArgs.add(value(args, ++i, a));
                    }
                    default -> {
                        if (!a.startsWith("-") && file == null) file = Path.of(a);
                        else connectionArgs.add(a);
                    }
                }
            }
            if (file == null) throw new IllegalArgumentException("which file?\n" + USAGE);
            if (batchRows < 1) throw new IllegalArgumentException("--batch-rows must be at least 1");
        } catch (IllegalArgumentException e) {
            err.println("basalt load: " + e.getMessage());
            return 2;
        }
        ShellOptions options;
        try {
            options = ShellOptions.parse(connectionArgs.toArray(String[]::new), System.getenv("BASALT_PASSWORD"));
        } catch (IllegalArgumentException e) {
            err.println("basalt load: " + e.getMessage().replace("basalt shell", "basalt load"));
            return 2;
        }
        if (options.execute() != null) {
            err.println("basalt load: -e is the shell's option; load runs the file");
            return 2;
        }
        if (!Files.isReadable(file)) {
            err.println("basalt load: cannot read " + file);
            return 1;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean csv = name.endsWith(".csv");
        if (!csv && !name.endsWith(".sql")) {
            err.println("basalt load: " + file + ": expected a .sql or .csv file");
            return 2;
        }
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
        String password = options.password();
        if (options.askPassword()) {
            if (System.console() == null) {
                err.println("basalt load: -p needs a terminal to ask; use -pPASSWORD or BASALT_PASSWORD");
                return 2;
            }
            char[] typed = System.console().readPassword("Enter password: ");
            password = typed == null ? "" : new String(typed);
        }
        try (Connection c = new ServerConnector(options, password).open()) {
            Loader loader = new Loader(c, err, file);
            boolean terminal = System.console() != null && System.console().isTerminal();
            long rows = csv ? loader.csv(table != null ? table : baseName(file), header, batchRows, terminal)
                    : loader.sql(terminal);
            out.println("Loaded " + file + ": " + rows + (csv ? " rows" : " rows affected"));
            return 0;
        } catch (LoadError e) {
            err.println("basalt load: " + e.getMessage());
            return 1;
        } catch (SQLException e) {
            err.println("basalt load: " + Shell.errorLine(e, 0));
            return 1;
        } catch (IOException e) {
            err.println("basalt load: " + file + ": " + e.getMessage());
            return 1;
        }
    }

    /** A statement failed: the message names file:line. */
    private static final class LoadError extends Exception {
        LoadError(String message) { super(message); }
    }

    private long sql(boolean terminal) throws IOException, LoadError {
        CountingInput counted = new CountingInput(Files.newInputStream(file));
        LoadProgress progress = new LoadProgress(err, Files.size(file), terminal);
        long rows = 0;
        SqlScript script = new SqlScript();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8));
             Statement st = connection.createStatement()) {
            String line;
            while ((line = in.readLine()) != null) {
                for (SqlScript.Statement s : script.feed(line)) {
                    rows += execute(st, s);
                    progress.update(counted.count, rows);
                }
            }
            SqlScript.Statement last = script.finish();
            if (last != null) rows += execute(st, last);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
        progress.done(counted.count, rows);
        return rows;
    }

    private long execute(Statement st, SqlScript.Statement s) throws LoadError {
        try {
            boolean results = st.execute(s.sql());
            long rows = 0;
            while (true) {
                if (results) {
                    st.getResultSet().close();
                } else {
                    long n = st.getLargeUpdateCount();
                    if (n == -1) break;
                    rows += n;
                }
                results = st.getMoreResults();
            }
            return rows;
        } catch (SQLException e) {
            throw new LoadError(file + ":" + s.line() + ": " + Shell.errorLine(e, 0) + "\n  in statement: " + abbreviate(s.sql()));
        }
    }

    private long csv(String table, boolean header, int batchRows, boolean terminal) throws IOException, LoadError {
        CountingInput counted = new CountingInput(Files.newInputStream(file));
        LoadProgress progress = new LoadProgress(err, Files.size(file), terminal);
        long rows = 0;
        int record = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8));
             Statement st = connection.createStatement()) {
            CsvRecords csv = new CsvRecords(in);
            String columns = "";
            if (header) {
                List<String> names = csv.next();
                record++;
                if (names == null) throw new LoadError(file + ": empty file, expected a header line");
                List<String> quoted = new ArrayList<>();
                for (String n : names) quoted.add(identifier(n == null ? "" : n.strip()));
                columns = " (" + String.join(", ", quoted) + ")";
            }
            String prefix = "INSERT INTO " + identifier(table) + columns + " VALUES ";
            StringBuilder batch = new StringBuilder();
            int inBatch = 0, firstRecord = record + 1;
            List<String> fields;
            while ((fields = csv.next()) != null) {
                record++;
                if (fields.size() == 1 && "".equals(fields.getFirst())) continue; // blank line
                batch.append(inBatch == 0 ? prefix : ",").append('(');
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) batch.append(',');
                    literal(batch, fields.get(i));
                }
                batch.append(')');
                if (++inBatch == batchRows) {
                    rows += insert(st, batch, firstRecord, record);
                    inBatch = 0;
                    firstRecord = record + 1;
                    progress.update(counted.count, rows);
                }
            }
            if (inBatch > 0) rows += insert(st, batch, firstRecord, record);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
        progress.done(counted.count, rows);
        return rows;
    }

    private long insert(Statement st, StringBuilder batch, int from, int to) throws LoadError {
        try {
            return st.executeLargeUpdate(batch.toString());
        } catch (SQLException e) {
            throw new LoadError(file + ": records " + from + "-" + to + ": " + Shell.errorLine(e, 0));
        } finally {
            batch.setLength(0);
        }
    }

    /** A string literal with MySQL's escapes (the default sql_mode reads backslashes as escapes). */
    private static void literal(StringBuilder sb, String v) {
        if (v == null) {
            sb.append("NULL");
            return;
        }
        sb.append('\'');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\'' -> sb.append("''");
                case '\\' -> sb.append("\\\\");
                case '\0' -> sb.append("\\0");
                default -> sb.append(c);
            }
        }
        sb.append('\'');
    }

    private static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ");
        return one.length() <= 200 ? one : one.substring(0, 197) + "...";
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        return args[i];
    }

    /** Bytes read from the file so far: the progress bar's position. */
    private static final class CountingInput extends FilterInputStream {
        volatile long count;

        CountingInput(InputStream in) { super(in); }

        @Override public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }
}
