package dev.basalt.pgwire;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * node-postgres (the npm package {@code pg}, a pure JavaScript client: its own SCRAM, extended
 * protocol and type parsers, none of libpq's) runs src/test/resources/node/node_pg_basics.js
 * against Basalt; its stdout must equal node_pg_basics.out. node_pg_basics.pg15.out is what
 * PostgreSQL 15 printed for the same script: the same but for two lines, where {@code $1::int}
 * arithmetic is int8 in Basalt (MySQL's CAST AS SIGNED is BIGINT), which node-postgres hands back
 * as a string, and int4 (a number) in PostgreSQL. The package is installed at a pinned version into target/node-pg on first use;
 * without node, npm or the registry the test is skipped with a message saying why (CI installs
 * nodejs and npm, see .ci/run).
 */
class NodePgScriptTest {
    /** The node-postgres release the expected output was recorded with. */
    static final String PG_PACKAGE = "pg@8.23.1";
    private static final Path DIR = Path.of("src/test/resources/node");
    private static final Path MODULES = Path.of("target/node-pg").toAbsolutePath();
    private static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new java.io.File("/dev/null"));

    @Test
    void parametersPoolTransactionsAndSqlStates() throws Exception {
        check("node_pg_basics");
    }

    /** JavaScript arrays as parameters and array columns as JavaScript arrays (issue 10). */
    @Test
    void arrays() throws Exception {
        check("node_pg_arrays");
    }

    /** Runs NAME.js against a fresh server; its stdout must equal NAME.out. */
    private static void check(String name) throws Exception {
        if (!runs("node", "--version")) skip("node is not installed (apt-get install nodejs)");
        String missing = installPackage();
        if (missing != null) skip("node-postgres could not be installed: " + missing);
        Path output = MODULES.resolve(name + ".actual");
        boolean finished;
        try (PgTestServer server = new PgTestServer("s3cret", "scram-sha-256")) {
            Path script = DIR.resolve(name + ".js").toAbsolutePath();
            ProcessBuilder pb = new ProcessBuilder("node", script.toString(), Integer.toString(server.port()), "s3cret");
            pb.environment().put("NODE_PATH", MODULES.resolve("node_modules").toString());
            pb.environment().put("TZ", "UTC"); // node-postgres reads a timestamp as local time
            pb.redirectErrorStream(true).redirectOutput(output.toFile()).redirectInput(NO_INPUT);
            Process p = pb.start();
            // a script stuck on a connection must fail the test, not hang the build
            finished = p.waitFor(120, TimeUnit.SECONDS);
            if (!finished) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(output);
        assertEquals(Files.readString(DIR.resolve(name + ".out")), finished ? out : out + "(timed out)");
    }

    /** Skips the test, saying why on the console too (surefire shows an assumption's message only in its report). */
    private static void skip(String reason) {
        System.err.println("NodePgScriptTest SKIPPED: " + reason);
        Assumptions.abort("SKIPPED: " + reason);
    }

    /** npm install of the pinned package into target/node-pg, once; null when done, else why not. */
    private static String installPackage() throws InterruptedException {
        if (Files.isDirectory(MODULES.resolve("node_modules/pg"))) return null;
        if (!runs("npm", "--version")) return "npm is not installed (apt-get install npm)";
        try {
            Files.createDirectories(MODULES);
            ProcessBuilder pb = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save",
                    "--prefix", MODULES.toString(), PG_PACKAGE);
            Path log = MODULES.resolve("npm-install.log");
            pb.redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(NO_INPUT);
            Process p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "npm install " + PG_PACKAGE + " timed out (no registry?)";
            }
            return p.exitValue() == 0 ? null : "npm install " + PG_PACKAGE + " failed: " + Files.readString(log).strip();
        } catch (IOException e) {
            return "npm install " + PG_PACKAGE + ": " + e.getMessage();
        }
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
