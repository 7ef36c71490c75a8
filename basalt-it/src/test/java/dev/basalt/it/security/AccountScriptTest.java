package dev.basalt.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.basalt.it.slt.SltFiles;
import dev.basalt.it.slt.SltReport;
import dev.basalt.it.slt.SltSuite;
import dev.basalt.it.support.RepoPaths;
import dev.basalt.it.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The account and privilege scripts (src/test/resources/sql-accounts/*.test) on Basalt. They are
 * not run on the shared MariaDB fixture, which has no grant tables (--skip-grant-tables); their
 * expectations were checked on a MariaDB with grant tables (see the files' headers).
 */
class AccountScriptTest {
    @Test
    void basaltPassesEveryAccountScript() throws Exception {
        Path dir = RepoPaths.testResources().resolve("sql-accounts");
        List<Path> files = SltFiles.expand(List.of(dir));
        assertFalse(files.isEmpty(), "no script files in " + dir);
        try (TestServer basalt = TestServer.memory()) {
            SltReport report = SltSuite.run(basalt, files, dir, System.out);
            assertEquals(0, report.failed(), "failed script records (see the report above)");
        }
    }
}
