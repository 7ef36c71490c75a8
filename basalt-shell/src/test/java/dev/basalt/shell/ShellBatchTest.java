package dev.basalt.shell;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.mysql.MySqlServer;
import dev.basalt.mysql.MySqlServerConfig;
import dev.basalt.storage.memory.MemoryKvStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** basalt shell with statements on stdin (a pipe): tab-separated output, exit 1 at the first error. */
class ShellBatchTest {

    private static BasaltEngine engine;
    private static MySqlServer server;

    @BeforeAll
    static void start() throws Exception {
        engine = new BasaltEngine(new MemoryKvStore(), new EngineConfig("8.0.40-basalt-test", "", 64 << 20));
        server = new MySqlServer(engine, new MySqlServerConfig("127.0.0.1", 0, 64 << 20, "caching_sha2_password", 20));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    record Run(int status, String out, String err) {}

    private static Run shell(String input, String... extraArgs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        String[] args = new String[extraArgs.length + 2];
        args[0] = "-P";
        args[1] = Integer.toString(server.port());
        System.arraycopy(extraArgs, 0, args, 2, extraArgs.length);
        int status = Shell.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheOptionsAndExitsZero() {
        Run r = shell("", "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("usage: basalt shell") && r.out().contains("--ssl-mode MODE"), r.out());
        Run bad = shell("", "--no-such-option");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("unknown option --no-such-option"), bad.err());
    }

    @Test
    void executeOptionRunsTheStatementsAndQuits() {
        Run r = shell("SELECT 'from stdin';", "-e", "SELECT 1 AS a; SELECT 'x' AS b");
        assertEquals(0, r.status(), r.err());
        assertEquals("a\n1\nb\nx\n", r.out(), "stdin is not read with -e");
        Run joined = shell("", "--execute=SELECT 2 AS c");
        assertEquals("c\n2\n", joined.out(), joined.err());
        Run failed = shell("", "-e", "SELECT 1; SELECT * FROM nowhere.t; SELECT 3");
        assertEquals(1, failed.status());
        assertEquals("1\n1\n", failed.out());
        assertTrue(failed.err().startsWith("ERROR 1049 (42000) at line 1: ") || failed.err().startsWith("ERROR 1146 (42S02) at line 1: "), failed.err());
    }

    /** As the mysql client: \\G ends a statement with vertical output in scripts too; a missing file says so. */
    @Test
    void verticalOutputAndAMissingSourceFileInScripts() {
        Run r = shell("SELECT 1 AS a, 'x' AS b\\G\nSELECT 2 AS c;\n");
        assertEquals(0, r.status(), r.err());
        assertEquals("*************************** 1. row ***************************\na: 1\nb: x\nc\n2\n", r.out());
        Run missing = shell("source /nonexistent/basalt-test.sql\n");
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("Failed to open file '/nonexistent/basalt-test.sql', error: No such file or directory"),
                missing.err());
    }

    @Test
    void noServerIsError2003WithAHint() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Shell.run(new String[]{"-P", Integer.toString(closedPort), "-e", "SELECT 1"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, text);
        assertTrue(text.startsWith("ERROR 2003 (HY000): Can't connect to MySQL server on '127.0.0.1:" + closedPort + "'"), text);
        assertTrue(text.contains("bin/basalt server"), text);
    }

    /** help, status, use and clear are the client's: they run at once, without a ';'. */
    @Test
    void mysqlClientCommandsRunWithoutASemicolon() {
        shell("CREATE DATABASE IF NOT EXISTS cmds;");
        Run r = shell("""
                help
                use cmds
                SELECT DATABASE() AS db;
                status
                SELECT 'dropped' \\c
                SELECT 'kept' AS k;
                """);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("basalt shell commands"), r.out());
        assertTrue(r.out().contains("\ndb\ncmds\n") && !r.out().contains("Database changed"), r.out()); // quiet, as mariadb's batch mode
        assertTrue(r.out().contains("Current database:\tcmds\n"), r.out());
        assertTrue(r.out().contains("Connection:\t\t127.0.0.1:" + server.port() + " via TCP/IP"), r.out());
        assertTrue(r.out().endsWith("k\nkept\n") && !r.out().contains("dropped"), r.out());
        Run unknown = shell("use no_such_db\nSELECT 1;\n");
        assertEquals(1, unknown.status());
        assertTrue(unknown.err().startsWith("ERROR 1049 (42000) at line 1: "), unknown.err());
    }

    @Test
    void pipedStatementsPrintTabSeparatedRows() {
        Run r = shell("""
                CREATE DATABASE IF NOT EXISTS sh;
                CREATE TABLE sh.t (id INT PRIMARY KEY,
                                   note VARCHAR(20));
                INSERT INTO sh.t VALUES (1, 'a\\tb'), (2, NULL);
                SELECT id, note FROM sh.t ORDER BY id
                """);
        assertEquals(0, r.status(), r.err());
        assertEquals("id\tnote\n1\ta\\tb\n2\tNULL\n", r.out());
    }

    @Test
    void anErrorStopsWithStatusOneAndTheLine() {
        Run r = shell("SELECT 1;\nSELECT * FROM nowhere.t;\nSELECT 2;\n");
        assertEquals(1, r.status());
        assertEquals("1\n1\n", r.out(), "the statement after the error did not run");
        assertTrue(r.err().startsWith("ERROR 1049 (42000) at line 2: ") || r.err().startsWith("ERROR 1146 (42S02) at line 2: "), r.err());
    }

    @Test
    void databaseOptionAndBadArguments() {
        shell("CREATE DATABASE IF NOT EXISTS shd;");
        Run r = shell("SELECT DATABASE();", "-D", "shd");
        assertEquals("DATABASE()\nshd\n", r.out(), r.err());
        assertEquals(2, shell("", "--bogus").status());
        Run denied = shell("SELECT 1;", "-u", "nobody");
        assertEquals(1, denied.status());
        assertTrue(denied.err().startsWith("ERROR 1045 (28000)"), denied.err());
    }

    @Test
    void sourceRunsAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("part.sql");
        java.nio.file.Files.writeString(file, "SELECT 'from file' AS f;\n");
        Run r = shell("source " + file + "\nSELECT 2 AS two;\n");
        assertEquals("f\nfrom file\ntwo\n2\n", r.out(), r.err());
        assertEquals(file, Shell.sourceFile("\\. " + file + ";"));
        assertEquals(null, Shell.sourceFile("SELECT 1;"));
    }

    @Test
    void completionOffersKeywordsAndNames() throws Exception {
        shell("CREATE DATABASE IF NOT EXISTS compl; CREATE TABLE compl.gadget (widget_id INT PRIMARY KEY);");
        try (var c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/", "root", "")) {
            java.util.List<String> words = Completions.load(c).words();
            assertTrue(words.containsAll(java.util.List.of("SELECT", "compl", "gadget", "widget_id")), words.toString());
        }
    }

    @Test
    void tablesAndVerticalOutput() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        try (var c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/", "root", "")) {
            Shell shell = new Shell(c, out, out);
            String summary = shell.execute(new StatementSplitter.Statement("SELECT 1 AS n, 'héllo' AS word", false), Shell.Mode.TABLE);
            assertEquals("1 row in set", summary);
            assertEquals("""
                    +---+-------+
                    | n | word  |
                    +---+-------+
                    | 1 | héllo |
                    +---+-------+
                    """, buffer.toString(StandardCharsets.UTF_8));
            buffer.reset();
            shell.execute(new StatementSplitter.Statement("SELECT 1 AS n, 'x' AS longer", true), Shell.Mode.VERTICAL);
            assertEquals("""
                    *************************** 1. row ***************************
                         n: 1
                    longer: x
                    """, buffer.toString(StandardCharsets.UTF_8));
        }
    }
}
