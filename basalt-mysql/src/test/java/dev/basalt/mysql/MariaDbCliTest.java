package dev.basalt.mysql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The mariadb command-line client (Debian's mariadb-client) against the server. */
class MariaDbCliTest {
    static final Path CLI = Path.of("/usr/bin/mariadb");
    static ServerFixture sha2;
    static ServerFixture nativePw;

    record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CLI)) {
            System.err.println("!!!!!!!! /usr/bin/mariadb is missing: install Debian's mariadb-client; SKIPPING the CLI tests !!!!!!!!");
        }
        Assumptions.assumeTrue(Files.isExecutable(CLI), "mariadb CLI not installed");
        sha2 = new ServerFixture("caching_sha2_password");
        nativePw = new ServerFixture("mysql_native_password");
    }

    @AfterAll
    static void stop() {
        if (sha2 != null) sha2.close();
        if (nativePw != null) nativePw.close();
    }

    static Run mariadb(int port, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CLI.toString(), "--no-defaults", "-h", "127.0.0.1", "-P", String.valueOf(port)));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("mariadb-out", ".txt");
        Path err = Files.createTempFile("mariadb-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("mariadb CLI hung: " + cmd);
            }
            return new Run(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8), new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @ParameterizedTest(name = "server plugin {0}")
    @ValueSource(strings = {"caching_sha2_password", "mysql_native_password"})
    void rootSelectOne(String plugin) throws Exception {
        int port = plugin.equals("mysql_native_password") ? nativePw.port() : sha2.port();
        Run r = mariadb(port, "-u", "root", "-e", "SELECT 1");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("1\n1\n", r.out());
    }

    @ParameterizedTest(name = "server plugin {0}")
    @ValueSource(strings = {"caching_sha2_password", "mysql_native_password"})
    void passwordLoginAndTypedRows(String plugin) throws Exception {
        int port = plugin.equals("mysql_native_password") ? nativePw.port() : sha2.port();
        Run r = mariadb(port, "-u", "alice", "-psecret", "-D", "test", "-e", "SELECT * FROM people");
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("id\tname\tscore\tborn\tphoto\tratio", lines[0]);
        assertTrue(lines[1].startsWith("1\tAda\t12.50\t1815-12-10\t"), lines[1]);
        assertEquals("2\tGrace Hopper ✓\tNULL\t1906-12-09\tNULL\tNULL", lines[2]);
        assertEquals(4, lines.length);
    }

    @Test
    void wrongPasswordExitsWith1045() throws Exception {
        Run r = mariadb(sha2.port(), "-u", "alice", "-pwrong", "-e", "SELECT 1");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("ERROR 1045 (28000): Access denied for user 'alice'@'127.0.0.1' (using password: YES)"), r.err());
    }

    @Test
    void statementErrorsAndMultipleStatements() throws Exception {
        Run ok = mariadb(sha2.port(), "-u", "root", "-D", "test", "-e", "SELECT 'one'; INSERT INTO t VALUES (1); SELECT DATABASE()");
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals("one\none\nDATABASE()\ntest\n", ok.out());

        Run bad = mariadb(sha2.port(), "-u", "root", "-D", "test", "-e", "SELECT * FROM missing");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("ERROR 1146 (42S02) at line 1: Table 'test.missing' doesn't exist"), bad.err());

        Run db = mariadb(sha2.port(), "-u", "root", "-D", "nosuchdb", "-e", "SELECT 1");
        assertEquals(1, db.exitCode());
        assertTrue(db.err().contains("ERROR 1049 (42000): Unknown database 'nosuchdb'"), db.err());
    }

    @Test
    void cachingSha2FullAuthenticationOverRsa() throws Exception {
        try (ServerFixture fresh = new ServerFixture("caching_sha2_password", 64L * 1024 * 1024, false)) {
            Run r = mariadb(fresh.port(), "-u", "bob", "-ppässwörd-🔑", "-e", "SELECT USER()");
            assertEquals(0, r.exitCode(), r.err());
            assertEquals("USER()\nbob@127.0.0.1\n", r.out());
            Run wrong = mariadb(fresh.port(), "-u", "bob", "-pnope", "-e", "SELECT 1");
            assertEquals(1, wrong.exitCode());
            assertTrue(wrong.err().contains("ERROR 1045 (28000)"), wrong.err());
        }
    }

    @Test
    void statusCommandUsesStatistics() throws Exception {
        Run r = mariadb(sha2.port(), "-u", "root", "-e", "status");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("8.0.40-basalt-test"), r.out());
        assertTrue(r.out().contains("Uptime:"), r.out());
    }
}
