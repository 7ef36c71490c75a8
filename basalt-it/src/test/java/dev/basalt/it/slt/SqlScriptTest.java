package dev.basalt.it.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.RepoPaths;
import dev.basalt.it.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Our own data-driven SQL scripts (src/test/resources/sql/*.test, sqllogictest format plus
 * {@code statement error <errno>}). Basalt must pass every record; the same files against the MariaDB
 * fixture (engine "mariadb", so MySQL-8-only records are skipped) prove the expectations are real.
 * {@code -Dbasalt.it.sqlFiles=a.test,b.test} runs only those files.
 */
class SqlScriptTest {
    private static List<Path> files() {
        Path dir = RepoPaths.testResources().resolve("sql");
        List<Path> files = SltFiles.expand(List.of(dir));
        // -Dbasalt.it.sqlFiles=a.test,b.test runs only those files (as NeonSqlScriptTest)
        String only = System.getProperty("basalt.it.sqlFiles", "").strip();
        if (!only.isEmpty()) {
            Set<String> names = Set.of(only.split("\\s*,\\s*"));
            files = files.stream().filter(f -> names.contains(f.getFileName().toString())).toList();
        }
        assertFalse(files.isEmpty(), "no script files in " + dir);
        return files;
    }

    @Test
    void basaltPassesEveryScript() throws Exception {
        List<Path> files = files();
        try (TestServer basalt = TestServer.memory()) {
            SltReport report = SltSuite.run(basalt, files, files.get(0).getParent(), System.out);
            assertEquals(0, report.failed(), "failed script records (see the report above)");
        }
    }

    @Test
    void expectationsHoldOnMariaDb() throws Exception {
        List<Path> files = files();
        MariaDbServer mariadb = MariaDbFixture.require();
        SltReport report = SltSuite.run(mariadb, files, files.get(0).getParent(), System.out, "mariadb");
        assertEquals(0, report.failed(), "script expectations disagree with MariaDB (see the report above)");
    }
}
