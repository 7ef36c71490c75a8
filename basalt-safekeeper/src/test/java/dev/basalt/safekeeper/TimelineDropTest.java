package dev.basalt.safekeeper;

import static org.junit.jupiter.api.Assertions.*;

import dev.basalt.disagg.WalException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dropping a timeline (its branch was deleted): every node forgets its records, also after a restart,
 * its writer is fenced, and a writer of a branch created again under the name starts at LSN 1.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TimelineDropTest {

    @TempDir Path dir;

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void aDroppedTimelineIsEmptyFencesItsWriterAndStartsAgainAtLsnOne() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir)) {
            SafekeeperWalLogTest.awaitLeader(cluster);
            try (SafekeeperWalLog old = SafekeeperWalLog.openWriter(cluster.peers, "dev", "old", SafekeeperWalLogTest.T);
                 SafekeeperWalLog other = SafekeeperWalLog.openWriter(cluster.peers, "main", "m", SafekeeperWalLogTest.T);
                 SafekeeperWalLog pageServer = SafekeeperWalLog.openReader(cluster.peers, "dev", SafekeeperWalLogTest.T)) {
                for (int i = 1; i <= 3; i++) assertEquals(i, old.append(b("old-" + i)));
                assertEquals(1, other.append(b("main-1")));
                pageServer.drop();
                assertEquals(0, pageServer.committedLsn());
                WalException fenced = assertThrows(WalException.class, () -> old.append(b("late")));
                assertTrue(fenced.fenced(), "the deleted branch's writer is fenced: " + fenced.getMessage());
                assertEquals(List.of("main-1"), SafekeeperWalLogTest.readAll(other), "other timelines keep their records");

                // a restarted node (log replay) agrees
                cluster.stop(3);
                cluster.start(3);
                try (SafekeeperWalLog fresh = SafekeeperWalLog.openWriter(cluster.peers, "dev", "new", SafekeeperWalLogTest.T)) {
                    assertEquals(1, fresh.append(b("new-1")));
                    assertEquals(List.of("new-1"), SafekeeperWalLogTest.readAll(fresh));
                }
            }
        }
    }
}
