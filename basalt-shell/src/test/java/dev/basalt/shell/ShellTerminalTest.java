package dev.basalt.shell;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.mysql.MySqlServer;
import dev.basalt.mysql.MySqlServerConfig;
import dev.basalt.storage.memory.MemoryKvStore;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.sql.DriverManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The interactive shell through a real pseudo-terminal: util-linux {@code script} gives the JVM
 * a terminal (so JLine and the boxed output are used) and forwards our keystrokes to it.
 */
class ShellTerminalTest {

    /** The shells started, stopped after each test whatever its outcome (a failed test left them running). */
    private final List<Process> started = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void stopShells() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void interactiveSessionOnAPseudoTerminal() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pseudo-terminal");
        try (BasaltEngine engine = new BasaltEngine(new MemoryKvStore(), new EngineConfig("8.0.40-basalt-test", "", 64 << 20));
             MySqlServer server = new MySqlServer(engine, new MySqlServerConfig("127.0.0.1", 0, 64 << 20, "caching_sha2_password", 5))) {
            server.start();
            try (var c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?permitMysqlScheme", "root", "");
                 var st = c.createStatement()) {
                st.execute("CREATE DATABASE qual");
                st.execute("CREATE TABLE qual.completeme (id INT)");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String command = java + " -cp " + System.getProperty("java.class.path") + " -Duser.home="
                    + Files.createTempDirectory("shell-home") + " dev.basalt.shell.Shell -P " + server.port();
            Process p = new ProcessBuilder(List.of("/usr/bin/script", "-qfec", command, "/dev/null"))
                    .redirectErrorStream(true).start();
            started.add(p);
            try (OutputStream keys = p.getOutputStream()) {
                for (String line : new String[]{"SELECT 1 AS n,", "'two' AS word;", "SELECT 7 AS v\\G", "SELECT * FROM nope.t;", "help", "SELECT 5 AS after_help;", "sele\t42 AS tabbed;", "SELECT COUNT(*) AS qualified FROM qual.compl\t;", "quit"}) {
                    Thread.sleep(1500); // let the JVM start and each statement finish before typing on
                    keys.write((line + "\r").getBytes(StandardCharsets.UTF_8));
                    keys.flush();
                }
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the shell quits");
            String screen = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
            assertEquals(0, p.exitValue(), screen);
            assertTrue(screen.contains("| n | word |"), screen);
            assertTrue(screen.contains("1 row in set"), screen);
            assertTrue(screen.contains("*************************** 1. row ***************************\nv: 7"), screen);
            assertTrue(screen.contains("ERROR 1049 (42000)") || screen.contains("ERROR 1146 (42S02)"), screen);
            assertTrue(screen.contains("| tabbed |"), "Tab completed the keyword: " + screen);
            assertTrue(screen.contains("status  (\\s)") && screen.contains("| after_help |"), "help is the client's command: " + screen);
            assertTrue(screen.contains("| qualified |"), "Tab completed qual.compl to the table: " + screen);
            assertTrue(screen.contains("Bye"), screen);
        }
    }

    /**
     * Tab completes names made after the shell started: a table and its column the shell created
     * (read again after DDL), and a table another client created (read again when Tab finds nothing).
     */
    @Test
    void tabCompletesNamesCreatedAfterTheShellStarted() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pseudo-terminal");
        try (BasaltEngine engine = new BasaltEngine(new MemoryKvStore(), new EngineConfig("8.0.40-basalt-test", "", 64 << 20));
             MySqlServer server = new MySqlServer(engine, new MySqlServerConfig("127.0.0.1", 0, 64 << 20, "caching_sha2_password", 5))) {
            server.start();
            try (var c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?permitMysqlScheme", "root", "");
                 var st = c.createStatement()) {
                st.execute("CREATE DATABASE qual");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String command = java + " -cp " + System.getProperty("java.class.path") + " -Duser.home="
                    + Files.createTempDirectory("shell-home") + " dev.basalt.shell.Shell -P " + server.port();
            Process p = new ProcessBuilder(List.of("/usr/bin/script", "-qfec", command, "/dev/null"))
                    .redirectErrorStream(true).start();
            started.add(p);
            try (OutputStream keys = p.getOutputStream()) {
                String[] lines = {"CREATE TABLE qual.made_in_shell (zebra_col INT);",
                        "SELECT COUNT(*) AS from_shell FROM qual.made_in_sh\t;", "SELECT COUNT(*) AS col_count FROM qual.made_in_shell WHERE zebra_c\t IS NULL;",
                        null, "SELECT COUNT(*) AS from_elsewhere FROM qual.made_elsew\t;", "quit"};
                for (String line : lines) {
                    Thread.sleep(1500); // let the JVM start and each statement finish before typing on
                    if (line == null) { // another client makes a table the shell has not seen
                        try (var c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?permitMysqlScheme",
                                "root", ""); var st = c.createStatement()) {
                            st.execute("CREATE TABLE qual.made_elsewhere (id INT)");
                        }
                        Thread.sleep((CatalogCompleter.MISS_RELOAD_NANOS / 1_000_000) + 200); // past the miss interval
                        continue;
                    }
                    keys.write((line + "\r").getBytes(StandardCharsets.UTF_8));
                    keys.flush();
                }
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the shell quits");
            String screen = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
            assertEquals(0, p.exitValue(), screen);
            assertTrue(screen.contains("| from_shell |"), "Tab completed a table the shell created: " + screen);
            assertTrue(screen.contains("| col_count |"), "Tab completed its column: " + screen);
            assertTrue(screen.contains("| from_elsewhere |"), "Tab completed a table another client created: " + screen);
        }
    }

    /**
     * Tab after "(": {@code INSERT INTO t (zeb<Tab>} and {@code SELECT COUNT(zeb<Tab>} complete the
     * column (JLine splits words at blanks only, so the word is "(zeb" / "COUNT(zeb"). Each line
     * is typed once the screen shows the previous one's result, not after a fixed pause.
     */
    @Test
    void tabCompletesColumnsAfterAnOpeningParenthesis() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pseudo-terminal");
        try (BasaltEngine engine = new BasaltEngine(new MemoryKvStore(), new EngineConfig("8.0.40-basalt-test", "", 64 << 20));
             MySqlServer server = new MySqlServer(engine, new MySqlServerConfig("127.0.0.1", 0, 64 << 20, "caching_sha2_password", 5))) {
            server.start();
            try (var c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?permitMysqlScheme", "root", "");
                 var st = c.createStatement()) {
                st.execute("CREATE DATABASE qual");
                st.execute("CREATE TABLE qual.paren_t (id INT AUTO_INCREMENT PRIMARY KEY, zebra_paren INT)");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String command = "stty cols 200 rows 50 2>/dev/null; exec " + java + " -cp " + System.getProperty("java.class.path")
                    + " -Duser.home=" + Files.createTempDirectory("shell-home") + " dev.basalt.shell.Shell -P " + server.port();
            Process p = new ProcessBuilder(List.of("/usr/bin/script", "-qfec", command, "/dev/null"))
                    .redirectErrorStream(true).start();
            started.add(p);
            ScreenReader screen = new ScreenReader(p);
            try (OutputStream keys = p.getOutputStream()) {
                screen.await("Connected to");
                type(keys, "INSERT INTO qual.paren_t (zeb\t) VALUES (7);");
                screen.await("Query OK, 1 row affected");
                type(keys, "SELECT COUNT(zeb\t) AS counted, SUM(zebra_paren) AS summed FROM qual.paren_t;");
                screen.await("| counted | summed |");
                type(keys, "quit");
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the shell quits: " + screen.text());
            }
            String shown = screen.text();
            assertTrue(shown.matches("(?s).*\\|\\s+1 \\|\\s+7 \\|.*"), "one row, 7, counted: " + shown);
        }
    }

    /**
     * Tab where a column fits before any table is named ({@code SELECT yak<Tab>}) offers the
     * current database's columns only, as mysql's auto-rehash: another database's column with the
     * same start would make the completion stop at the common prefix; after WHERE, the named
     * table's columns.
     */
    @Test
    void tabCompletesColumnsOfTheCurrentDatabaseBeforeATableIsNamed() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pseudo-terminal");
        try (BasaltEngine engine = new BasaltEngine(new MemoryKvStore(), new EngineConfig("8.0.40-basalt-test", "", 64 << 20));
             MySqlServer server = new MySqlServer(engine, new MySqlServerConfig("127.0.0.1", 0, 64 << 20, "caching_sha2_password", 5))) {
            server.start();
            try (var c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?permitMysqlScheme", "root", "");
                 var st = c.createStatement()) {
                st.execute("CREATE DATABASE farm");
                st.execute("CREATE TABLE farm.animals (id INT PRIMARY KEY, yak_count INT, wolf_gone INT)");
                st.execute("INSERT INTO farm.animals VALUES (1, 41, NULL)");
                st.execute("CREATE DATABASE zoo");
                st.execute("CREATE TABLE zoo.pens (yak_pen INT, wolf_here INT)");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String command = "stty cols 200 rows 50 2>/dev/null; exec " + java + " -cp " + System.getProperty("java.class.path")
                    + " -Duser.home=" + Files.createTempDirectory("shell-home") + " dev.basalt.shell.Shell -P " + server.port()
                    + " -D farm";
            Process p = new ProcessBuilder(List.of("/usr/bin/script", "-qfec", command, "/dev/null"))
                    .redirectErrorStream(true).start();
            started.add(p);
            ScreenReader screen = new ScreenReader(p);
            try (OutputStream keys = p.getOutputStream()) {
                screen.await("Connected to");
                type(keys, "SELECT yak\t + 1 AS counted FROM animals;");
                screen.await("| counted |");
                type(keys, "SELECT id AS filtered FROM animals WHERE yak\t = 41;");
                screen.await("| filtered |");
                type(keys, "USE zoo;");
                screen.await("Database changed");
                type(keys, "SELECT COUNT(wol\t) AS in_zoo FROM pens;");
                screen.await("| in_zoo |");
                type(keys, "quit");
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the shell quits: " + screen.text());
            }
            String shown = screen.text();
            assertTrue(shown.matches("(?s).*\\|\\s+42 \\|.*"), "yak completed to farm's yak_count: " + shown);
            assertTrue(shown.matches("(?s).*\\|\\s+1 \\|.*"), "the WHERE column completed: " + shown);
            assertTrue(shown.matches("(?s).*\\|\\s+0 \\|.*"), "after USE zoo, its column: " + shown);
        }
    }

    /**
     * Tab after FROM offers tables only (a column animal_id beside the table animals made the old
     * word scan stop at "animal"); inside a subquery, its own table's columns (the outer table's
     * zebra_outer would make "zebra_" ambiguous); a CTE's column through its name.
     */
    @Test
    void tabCompletesTablesAfterFromAndColumnsOfSubqueriesAndCtes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pseudo-terminal");
        try (BasaltEngine engine = new BasaltEngine(new MemoryKvStore(), new EngineConfig("8.0.40-basalt-test", "", 64 << 20));
             MySqlServer server = new MySqlServer(engine, new MySqlServerConfig("127.0.0.1", 0, 64 << 20, "caching_sha2_password", 5))) {
            server.start();
            try (var c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?permitMysqlScheme", "root", "");
                 var st = c.createStatement()) {
                st.execute("CREATE DATABASE farm");
                st.execute("CREATE TABLE farm.animals (id INT PRIMARY KEY, zebra_outer INT, herd_size INT)");
                st.execute("INSERT INTO farm.animals VALUES (1, 5, 40), (2, 6, 2)");
                st.execute("CREATE TABLE farm.feed (animal_id INT, zebra_inner INT)");
                st.execute("INSERT INTO farm.feed VALUES (1, 9)");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String command = "stty cols 200 rows 50 2>/dev/null; exec " + java + " -cp " + System.getProperty("java.class.path")
                    + " -Duser.home=" + Files.createTempDirectory("shell-home") + " dev.basalt.shell.Shell -P " + server.port()
                    + " -D farm";
            Process p = new ProcessBuilder(List.of("/usr/bin/script", "-qfec", command, "/dev/null"))
                    .redirectErrorStream(true).start();
            started.add(p);
            ScreenReader screen = new ScreenReader(p);
            try (OutputStream keys = p.getOutputStream()) {
                screen.await("Connected to");
                type(keys, "SELECT COUNT(*) AS from_table FROM ani	;");
                screen.await("| from_table |");
                type(keys, "SELECT id AS fed FROM animals WHERE id IN (SELECT animal_id FROM feed WHERE zebra_	 = 9);");
                screen.await("| fed |");
                type(keys, "WITH w AS (SELECT herd_size AS herd FROM animals) SELECT SUM(w.he	) AS total FROM w;");
                screen.await("| total |");
                type(keys, "quit");
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the shell quits: " + screen.text());
            }
            String shown = screen.text();
            assertTrue(shown.matches("(?s).*\\|\\s+2 \\|.*"), "FROM ani completed to animals: " + shown);
            assertTrue(shown.matches("(?s).*\\| fed \\|\\s*\\n[+-]+\\n\\|\\s+1 \\|.*"), "the subquery's column completed: " + shown);
            assertTrue(shown.matches("(?s).*\\|\\s+42 \\|.*"), "the CTE's column completed: " + shown);
        }
    }

    private static void type(OutputStream keys, String line) throws java.io.IOException {
        keys.write((line + "\r").getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** Collects what the terminal shows as it comes, so a test can wait for a text to appear. */
    private static final class ScreenReader {
        private final StringBuffer seen = new StringBuffer();

        ScreenReader(Process p) {
            Thread.ofPlatform().daemon(true).start(() -> {
                byte[] buf = new byte[8192];
                try (var in = p.getInputStream()) {
                    for (int n; (n = in.read(buf)) >= 0; ) seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    // the terminal closed
                }
            });
        }

        String text() { return seen.toString().replace("\r", ""); }

        /** Waits (generously: a loaded machine starts JVMs slowly) until the screen shows {@code expected}. */
        void await(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!text().contains(expected)) {
                if (System.nanoTime() > deadline) throw new AssertionError("never shown: " + expected + "\n" + text());
                Thread.sleep(50); // polling an observable state, not a pause that orders events
            }
        }
    }

    /**
     * Ctrl-C while a statement runs: the shell sends KILL QUERY over a second connection and
     * stays open (as the mysql client), instead of dying with the statement still running.
     */
    @Test
    void ctrlCStopsTheRunningStatementAndTheShellGoesOn() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pseudo-terminal");
        try (BasaltEngine engine = new BasaltEngine(new MemoryKvStore(), new EngineConfig("8.0.40-basalt-test", "", 64 << 20));
             MySqlServer server = new MySqlServer(engine, new MySqlServerConfig("127.0.0.1", 0, 64 << 20, "caching_sha2_password", 5))) {
            server.start();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // a sized terminal, so that JLine echoes the whole line we type (without one it draws it cut); exec:
            // no shell stays between script and the JVM (a non-interactive sh dies of the Ctrl-C, and script with it)
            String command = "stty cols 200 rows 50 2>/dev/null; exec " + sigintDefault() + java + " -cp " + System.getProperty("java.class.path")
                    + " -Duser.home=" + Files.createTempDirectory("shell-home") + " dev.basalt.shell.Shell -P " + server.port();
            Process p = new ProcessBuilder(List.of("/usr/bin/script", "-qfec", command, "/dev/null"))
                    .redirectErrorStream(true).start();
            started.add(p);
            // the screen is read as it comes, so each step waits for what it needs (the machine may be slow)
            StringBuffer seen = new StringBuffer();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (var in = p.getInputStream()) {
                    byte[] b = new byte[4096];
                    for (int n; (n = in.read(b)) > 0; ) seen.append(new String(b, 0, n, StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    // the shell ended
                }
            });
            try (OutputStream keys = p.getOutputStream()) {
                // JLine's prompt is up once it turned bracketed paste on (ESC[?2004h); keys typed before
                // are flushed when it sets up the terminal. script's pty has no size: the prompt is drawn cut.
                waitFor(() -> seen.indexOf("\u001b[?2004h") >= 0, () -> "the prompt: " + seen);
                // keys typed while JLine still sets up the line are lost: type until the line's end is echoed
                // (JLine redraws around the matching parenthesis, so the whole line is not one run of text)
                String statement = "SELECT SLEEP(60) AS slept;";
                for (int attempt = 0; seen.indexOf(" AS slept;") < 0; attempt++) {
                    if (attempt == 8) throw new AssertionError("the shell never echoed the statement: " + seen);
                    keys.write(21); // Ctrl-U: an earlier, partly taken attempt goes
                    keys.write(statement.getBytes(StandardCharsets.UTF_8));
                    keys.flush();
                    long until = System.nanoTime() + 5_000_000_000L;
                    while (seen.indexOf(" AS slept;") < 0 && System.nanoTime() < until) Thread.sleep(100);
                }
                keys.write('\r');
                keys.flush();
                waitFor(() -> sleeping(server.port()), () -> "the SLEEP to run on the server: " + seen);
                keys.write(3); // Ctrl-C: the terminal sends SIGINT
                keys.flush();
                // within 40 s of a 60 s SLEEP: it was stopped (without the fix Ctrl-C ends the JVM instead)
                waitFor(() -> seen.indexOf("row in set") >= 0 || seen.indexOf("ERROR 1317") >= 0, () -> "the SLEEP ended: " + seen);
                keys.write("SELECT 'yes' AS still_here;\rquit\r".getBytes(StandardCharsets.UTF_8));
                keys.flush();
                assertTrue(p.waitFor(50, TimeUnit.SECONDS), "the shell quits well before the SLEEP's 60 s: " + seen);
            }
            reader.join(10_000);
            String screen = seen.toString().replace("\r", "");
            assertEquals(0, p.exitValue(), screen);
            assertTrue(screen.contains("^C -- sending \"KILL QUERY "), screen);
            assertTrue(screen.contains("| still_here |"), "the shell ran the next statement: " + screen);
        }
    }

    /**
     * A prefix that starts the JVM with SIGINT at its default action. A build run in the background of
     * a non-interactive shell (nohup ... &, some CI runners) inherits SIGINT ignored, and a JVM that
     * starts with it ignored leaves it so: the shell's Ctrl-C handler would never run. Neither sh's
     * trap (it may not reset an inherited ignore) nor Java can undo that; python3 can, then execs.
     */
    private static String sigintDefault() {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) return "";
        return "/usr/bin/python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
                + "os.execv(sys.argv[1], sys.argv[1:])' ";
    }

    /** Whether the shell's SLEEP is running on the server (seen from a connection of our own). */
    private static boolean sleeping(int port) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?permitMysqlScheme", "root", "");
             var rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP(60)%'")) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    /** Polls until {@code check} holds, for at most 40 s. */
    private static void waitFor(Check check, java.util.function.Supplier<String> what) throws Exception {
        long until = System.nanoTime() + 40_000_000_000L;
        while (!check.ok()) {
            if (System.nanoTime() > until) throw new AssertionError("waited 40 s for " + what.get());
            Thread.sleep(100);
        }
    }
}
