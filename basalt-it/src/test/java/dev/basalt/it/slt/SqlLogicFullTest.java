package dev.basalt.it.slt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The whole corpus (~680k executed records) against Basalt; too long for every build, so opt-in:
 * {@code mvn -pl basalt-it -am test -Dtest=SqlLogicFullTest -Dbasalt.slt.full=true}.
 */
class SqlLogicFullTest {
    @Test
    void basaltPassesTheWholeCorpus() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("basalt.slt.full"), "opt-in: -Dbasalt.slt.full=true");
        Path dir = SltCorpus.requireDir();
        try (TestServer basalt = TestServer.memory()) {
            SltReport report = SltSuite.run(basalt, SltFiles.expand(List.of(dir)), dir, System.out);
            assertTrue(report.passRate() >= SqlLogicTest.REQUIRED_PASS_RATE,
                    String.format("pass rate %.2f%%", 100 * report.passRate()));
        }
    }
}
