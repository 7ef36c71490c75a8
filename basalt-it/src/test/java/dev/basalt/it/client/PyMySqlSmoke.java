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
        String python = pythonWithPyMySql();
        if (python == null) {
            String msg = "\n*** python3 with pymysql not available; SKIPPING PyMySQL test ***\n";
            System.out.println(msg);
            Assumptions.abort(msg);
        }
        Path script = RepoPaths.testResources().resolve("python/smoke.py");
        Path log = Files.createTempFile("pymysql", ".log");
        try {
            Process p = new ProcessBuilder(python, script.toString(), e.host(), Integer.toString(e.port()), e.user(),
                    e.password()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
            String out = Files.readString(log);
            System.out.print(out);
            assertEquals(0, p.exitValue(), "smoke.py failed:\n" + out);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Debian's python3-pymysql installs for /usr/bin/python3, which may not be the python3 first on PATH. */
    private static String pythonWithPyMySql() {
        for (String python : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import pymysql").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) return python;
            } catch (Exception ex) {
                // try the next interpreter
            }
        }
        return null;
    }
}
