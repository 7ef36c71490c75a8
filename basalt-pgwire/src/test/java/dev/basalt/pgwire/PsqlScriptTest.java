package dev.basalt.pgwire;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real psql client (libpq, SCRAM-SHA-256) runs each src/test/resources/psql/NAME.sql and its
 * output must equal NAME.out: psql's stdout, then a "-- stderr --" line and its stderr. Run with
 * -Dbasalt.psql.record=true to rewrite the .out files after checking them by eye.
 */
class PsqlScriptTest {
    private static final Path DIR = Path.of("src/test/resources/psql");
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PgTestServer("s3cret", "scram-sha-256");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @TestFactory
    Stream<DynamicTest> scripts() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path script) throws Exception {
        Assumptions.assumeTrue(psqlInstalled(), "psql is not installed");
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-h", "127.0.0.1", "-p", Integer.toString(server.port()),
                "-U", "root", "-d", "postgres", "-f", script.toAbsolutePath().toString());
        pb.environment().put("PGPASSWORD", "s3cret");
        pb.environment().put("PGTZ", "UTC");
        pb.environment().put("PAGER", "");
        pb.environment().remove("PGOPTIONS");
        Path err = Files.createTempFile("psql", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        String actual = out + "-- stderr --\n" + Files.readString(err).replace(script.toAbsolutePath().toString(), script.getFileName().toString());
        Files.delete(err);
        Path expectedFile = Path.of(script.toString().replaceAll("\\.sql$", ".out"));
        if (Boolean.getBoolean("basalt.psql.record")) Files.writeString(expectedFile, actual);
        assertEquals(Files.readString(expectedFile), actual, script.getFileName().toString());
    }

    private static boolean psqlInstalled() {
        try {
            return new ProcessBuilder("psql", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
