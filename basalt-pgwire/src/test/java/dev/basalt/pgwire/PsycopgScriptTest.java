package dev.basalt.pgwire;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * psycopg2 (Debian's python3-psycopg2, on libpq) runs src/test/resources/python/psycopg2_basics.py
 * against Basalt; its stdout must equal psycopg2_basics.out. Skipped, with a message saying so,
 * when /usr/bin/python3 cannot import psycopg2 (CI installs python3-psycopg2).
 */
class PsycopgScriptTest {
    private static final Path DIR = Path.of("src/test/resources/python");
    private static final String PYTHON = "/usr/bin/python3";
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PgTestServer("s3cret", "scram-sha-256");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void parametersExecutemanyTransactionsAndErrors() throws Exception {
        check("psycopg2_basics");
    }

    /** Python lists as array parameters and array columns as lists (issue 10). */
    @Test
    void listsAndArrays() throws Exception {
        check("psycopg2_arrays");
    }

    /** uuid.UUID and jsonb (dict) through psycopg2's own typecasters, 22P02 on a bad uuid (issue 10). */
    @Test
    void uuidAndJsonb() throws Exception {
        check("psycopg2_uuid_jsonb");
    }

    /** Runs NAME.py; its stdout must equal NAME.out. */
    private static void check(String name) throws Exception {
        Assumptions.assumeTrue(psycopg2Installed(), "SKIPPED: psycopg2 is not installed for " + PYTHON + " (apt-get install python3-psycopg2)");
        Path script = DIR.resolve(name + ".py").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString(), Integer.toString(server.port()), "s3cret");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        assertEquals(Files.readString(DIR.resolve(name + ".out")), out);
    }

    private static boolean psycopg2Installed() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import psycopg2").start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
