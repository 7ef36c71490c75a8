package dev.basalt.it.slt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sqllogictest CI subset (select1..5, evidence) against Basalt in-process with memory storage. */
class SqlLogicTest {
    static final double REQUIRED_PASS_RATE = 0.99;
    /** Keeps the whole basalt-it run under ~10 minutes even if the engine is slow or hangs. */
    static final Duration BUDGET = Duration.ofMinutes(5);

    @Test
    void basaltPassesTheCorpusSubset() throws Exception {
        Path dir = SltCorpus.requireDir();
        try (TestServer basalt = TestServer.memory()) {
            SltReport report = SltSuite.run(basalt, SltCorpus.ciFiles(dir), dir, System.out, SltParser.ENGINE, BUDGET);
            assertTrue(report.passed() + report.failed() > 10_000, "too few records executed");
            assertTrue(report.passRate() >= REQUIRED_PASS_RATE,
                    String.format("pass rate %.2f%% < %.0f%%", 100 * report.passRate(), 100 * REQUIRED_PASS_RATE));
        }
    }
}
