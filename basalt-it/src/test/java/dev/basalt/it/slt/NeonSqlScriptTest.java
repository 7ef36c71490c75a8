package dev.basalt.it.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.basalt.it.support.RepoPaths;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.ServerSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The SQL scripts of {@link SqlScriptTest} on disaggregated storage: a compute (NeonKvStore) over the
 * in-process stand-ins of the WAL service and the page server, so every read of a table or of the
 * catalog goes through the overlay, the cache and the page-reader path. The same records must pass
 * as on local storage. {@code -Dbasalt.it.sqlFiles=a.test,b.test} runs only those files.
 */
class NeonSqlScriptTest {

    @Test
    void basaltPassesEveryScriptOnNeonStorage() throws Exception {
        Path dir = RepoPaths.testResources().resolve("sql");
        List<Path> files = SltFiles.expand(List.of(dir));
        String only = System.getProperty("basalt.it.sqlFiles", "").strip();
        if (!only.isEmpty()) {
            Set<String> names = Arrays.stream(only.split(",")).map(String::strip).collect(Collectors.toSet());
            files = files.stream().filter(f -> names.contains(f.getFileName().toString())).toList();
        }
        assertFalse(files.isEmpty(), "no script files in " + dir);
        ServerSettings settings = ServerSettings.defaults().withStorage("neon-memory").withPort(0).withRootPassword("");
        try (TestServer basalt = TestServer.start(settings)) {
            SltReport report = SltSuite.run(basalt, files, files.get(0).getParent(), System.out);
            assertEquals(0, report.failed(), "failed script records on neon storage (see the report above)");
        }
    }
}
