package dev.basalt.it.slt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves the runner itself against a real MariaDB: the corpus README says MariaDB passes ~99.8%. */
class MariaDbSltTest {
    @Test
    void runnerReproducesMariaDbPassRateOnSelect1AndEvidence() throws Exception {
        Path dir = SltCorpus.requireDir();
        MariaDbServer mariadb = MariaDbFixture.require();
        List<Path> files = SltFiles.expand(List.of(dir.resolve("select1.test"), dir.resolve("evidence")));
        SltReport report = SltSuite.run(mariadb, files, dir, System.out);
        assertTrue(report.passed() > 1000, "select1 alone has over 1000 records; the runner executed too few");
        assertTrue(report.passRate() >= 0.99, "MariaDB pass rate " + report.passRate() + " < 99%: the runner is wrong");
    }
}
