package dev.basalt.mysql;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** PyMySQL (Debian's python3-pymysql) against the server; skipped with a loud message when it is missing. */
class PyMySqlTest {

    /** Debian's python3-pymysql installs for /usr/bin/python3, which may not be the python3 first on PATH. */
    static String python() {
        for (String python : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import pymysql").redirectErrorStream(true).start();
                if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) return python;
            } catch (Exception e) {
                // try the next one
            }
        }
        return null;
    }

    @Test
    void pymysqlConnectsQueriesAndSeesErrors() throws Exception {
        String python = python();
        boolean available = python != null;
        if (!available) {
            System.err.println("!!!!!!!! python3 with pymysql is missing (Debian: python3-pymysql); "
                    + "SKIPPING the PyMySQL test !!!!!!!!");
        }
        Assumptions.assumeTrue(available, "PyMySQL not installed");
        Path script = Files.createTempFile("pymysql_client", ".py");
        try (InputStream in = getClass().getResourceAsStream("/pymysql_client.py");
             ServerFixture fast = new ServerFixture("caching_sha2_password")) {
            Files.write(script, in.readAllBytes());
            Process p = new ProcessBuilder(python, script.toString(), String.valueOf(fast.port()))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python hung");
            assertEquals(0, p.exitValue(), output);
            List<String> lines = output.lines().toList();
            assertEquals(List.of(
                    "select1 1",
                    "people 1 Ada 12.50 1815-12-10 b'\\x01\\x02\\xfb' 0.5",
                    "people 2 Grace Hopper ✓ None 1906-12-09 None None",
                    "people 3  -3.00 None b'' 1e+100",
                    "columns id,name,score,born,photo,ratio",
                    "user alice@127.0.0.1",
                    "bob bob@127.0.0.1",
                    "denied 1045 Access denied for user 'alice'@'127.0.0.1' (using password: YES)",
                    "multi [((1,),), 3, (('two',),)]",
                    "error 1146 Table 'test.missing' doesn't exist",
                    // The fake echoes the literal unparsed, so this shows the client's escaping.
                    "param quote \\' and \\\\ backslash"), lines, output);
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
