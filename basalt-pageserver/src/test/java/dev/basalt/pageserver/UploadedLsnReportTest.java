package dev.basalt.pageserver;

import static org.junit.jupiter.api.Assertions.*;

import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.disagg.WalEntry;
import dev.basalt.disagg.WalLog;
import dev.basalt.pageserver.store.MemoryObjectStore;
import dev.basalt.pageserver.timeline.TimelineIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page server tells the WAL service how far object storage holds a timeline, so the safekeepers can
 * drop that part of the log: what it reports is the stored index's disk-consistent LSN, never more.
 */
@Timeout(60)
class UploadedLsnReportTest {

    @TempDir Path dir;

    @Test
    void theLogHearsTheStoredIndexsDiskConsistentLsn() throws Exception {
        InMemoryWalLog main = new InMemoryWalLog();
        AtomicLong reported = new AtomicLong();
        MemoryObjectStore store = new MemoryObjectStore();
        Workload w = new Workload(7, 50);
        try (PageServer ps = new PageServer(VersionedReadsTest.small().withCheckpointBytes(1 << 30), store, dir,
                name -> new Reporting(main, reported)).start()) {
            w.append(main, 30);
            Thread.sleep(1500);
            assertEquals(0, reported.get(), "nothing uploaded, nothing reported");
            ps.checkpoint("main");
            w.append(main, 10); // applied, only in memory: not reported
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (reported.get() < 30 && System.nanoTime() < deadline) Thread.sleep(50);
            assertEquals(30, reported.get());
            assertEquals(30, TimelineIndex.decode(store.get(TimelineIndex.objectName("main"))).diskConsistentLsn());
            Thread.sleep(1500);
            assertEquals(30, reported.get(), "in-memory commits are never reported");
        }
    }

    /** A log that records the highest uploaded LSN reported to it. */
    private record Reporting(WalLog log, AtomicLong reported) implements WalLog {
        @Override public long append(byte[] payload) { return log.append(payload); }
        @Override public long committedLsn() { return log.committedLsn(); }
        @Override public List<WalEntry> read(long fromLsn, int max, Duration wait) { return log.read(fromLsn, max, wait); }
        @Override public void reportUploaded(long uploadedLsn) { reported.accumulateAndGet(uploadedLsn, Math::max); }
        @Override public void close() {}
    }
}
