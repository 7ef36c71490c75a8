package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs src/test/resources/python/smoke.py with python3 against a server; skips loudly without PyMySQL. */
final class PyMySqlSmoke {
    private PyMySqlSmoke() {}

    static void run(Endpoint e) throws Exception {
        if (!pymysqlAvailable()) {
            String msg = "\n*** python3 with pymysql not available; SKIPPING PyMySQL test ***\n";
            System.out.println(msg);
            Assumptions.abort(msg);
        }
        Path script = RepoPaths.testResources().resolve("python/smoke.py");
        Path log = Files.createTempFile("pymysql", ".log");
        try {
            Process p = new ProcessBuilder("python3", script.toString(), e.host(), Integer.toString(e.port()), e.user(),
                    e.password()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
            String out = Files.readString(log);
            System.out.print(out);
            assertEquals(0, p.exitValue(), "smoke.py failed:\n" + out);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean pymysqlAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import pymysql").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception ex) {
            return false;
        }
    }
}
