package dev.basalt.safekeeper;

import static org.junit.jupiter.api.Assertions.*;

import dev.basalt.disagg.WalEntry;
import dev.basalt.disagg.WalException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log truncation: once the page server reports an uploaded LSN, the safekeepers drop the records up to it
 * less their margin, snapshots stop holding them and Ratis purges the log behind the snapshot; what is
 * above stays readable, across restarts and for a node that was down meanwhile.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SafekeeperTruncationTest {

    @TempDir Path dir;

    static final Duration T = SafekeeperWalLogTest.T;

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static String s(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

    private static Safekeeper.Options options(long snapshotEvery, long retain) {
        return Safekeeper.Options.defaults().withSnapshotEveryEntries(snapshotEvery).withWalRetainLsns(retain);
    }

    @Test
    void releasedRecordsAreGoneAndTheRestStaysReadableAcrossRestarts() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3, options(20, 5))) {
            try (SafekeeperWalLog writer = SafekeeperWalLog.openWriter(cluster.peers, "main", "c", T);
                 SafekeeperWalLog pageServer = SafekeeperWalLog.openReader(cluster.peers, "main", T)) {
                for (int i = 1; i <= 100; i++) assertEquals(i, writer.append(b("r" + i)));
                assertEquals(56, pageServer.releaseUpTo(60), "60 uploaded, 5 kept below it");
                assertEquals(56, pageServer.releaseUpTo(30), "a lower report never brings records back");
                assertEquals(100, pageServer.committedLsn());
                assertEquals("r56", s(pageServer.read(56, 1, Duration.ZERO).getFirst().payload()));
                WalException old = assertThrows(WalException.class, () -> pageServer.read(10, 5, Duration.ZERO));
                assertFalse(old.fenced());
                assertTrue(old.getMessage().contains("oldest LSN held is 56"), old.getMessage());
                for (int i = 101; i <= 130; i++) assertEquals(i, writer.append(b("r" + i))); // past a snapshot
                // another timeline is not touched by main's release
                try (SafekeeperWalLog branch = SafekeeperWalLog.openWriter(cluster.peers, "b", "c2", T)) {
                    for (int i = 1; i <= 3; i++) branch.append(b("b" + i));
                }
            }
            awaitSnapshotReleasing(cluster.dataDir(1), "main", 55);
            for (int id = 1; id <= 3; id++) cluster.stop(id);
            for (int id = 1; id <= 3; id++) cluster.start(id);
            try (SafekeeperWalLog reader = SafekeeperWalLog.openReader(cluster.peers, "main", T);
                 SafekeeperWalLog branch = SafekeeperWalLog.openReader(cluster.peers, "b", T)) {
                assertEquals(130, reader.committedLsn());
                assertEquals(75, readFrom(reader, 56).size());
                assertEquals(List.of("b1", "b2", "b3"), readFrom(branch, 1));
            }
        }
    }

    @Test
    void aNodeDownDuringTruncationCatchesUpFromTheSnapshot() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3, options(10, 0))) {
            try (SafekeeperWalLog writer = SafekeeperWalLog.openWriter(cluster.peers, "main", "c", T)) {
                for (int i = 1; i <= 20; i++) writer.append(b("r" + i));
                cluster.stop(3);
                for (int i = 21; i <= 80; i++) writer.append(b("r" + i));
                assertEquals(71, writer.releaseUpTo(70));
                for (int i = 81; i <= 120; i++) writer.append(b("r" + i)); // snapshots and purges on nodes 1 and 2
                cluster.start(3);
                writer.append(b("r121"));
                cluster.stop(1);
                writer.append(b("r122")); // acked by nodes 2 and 3: node 3's log now matches the leader's
            }
            // node 3 with an empty node 1: only node 3 can lead (its log is the longer), so it serves the reads
            cluster.stop(2);
            deleteTree(cluster.dataDir(1));
            cluster.start(1);
            try (SafekeeperWalLog reader = SafekeeperWalLog.openReader(cluster.peers, "main", T)) {
                List<String> rest = readFrom(reader, 71);
                assertEquals(52, rest.size());
                assertEquals("r71", rest.getFirst());
                assertEquals("r122", rest.getLast());
            }
        }
    }

    @Test
    void theLogDirectoryShrinksOnceUploadedRecordsAreReleased() throws Exception {
        byte[] big = new byte[1 << 20];
        Arrays.fill(big, (byte) 7);
        try (LocalCluster cluster = new LocalCluster(dir, 3, options(10, 2));
             SafekeeperWalLog writer = SafekeeperWalLog.openWriter(cluster.peers, "main", "c", T)) {
            // 1 MiB records: more than a log segment (about 34 MiB), so Ratis closes one it can later purge
            for (int i = 1; i <= 45; i++) writer.append(big);
            awaitSnapshotReleasing(cluster.dataDir(1), "main", 0);
            long before = size(cluster.dataDir(1));
            assertTrue(before > 45L << 20, "records in the log and the snapshot: " + before);
            assertEquals(44, writer.releaseUpTo(45));
            for (int i = 46; i <= 70; i++) writer.append(b("small" + i)); // next snapshots, then the purge
            awaitSnapshotReleasing(cluster.dataDir(1), "main", 43);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long after;
            while ((after = size(cluster.dataDir(1))) > before / 2 && System.nanoTime() < deadline) Thread.sleep(200);
            assertTrue(after <= before / 2, "log directory went from " + before + " to " + after + " bytes");
            assertEquals(List.of("small70"), writer.read(70, 5, Duration.ZERO).stream().map(e -> s(e.payload())).toList());
            assertEquals(44, writer.read(44, 1, Duration.ZERO).getFirst().lsn());
        }
    }

    /** Every record from {@code from} to the end, as strings. */
    private static List<String> readFrom(SafekeeperWalLog log, long from) {
        List<String> out = new java.util.ArrayList<>();
        long next = from;
        long end = log.committedLsn();
        while (next <= end) {
            for (WalEntry e : log.read(next, 1000, Duration.ofSeconds(2))) {
                assertEquals(next++, e.lsn());
                out.add(s(e.payload()));
            }
        }
        return out;
    }

    /** Waits for a snapshot on the node whose {@code timeline} has released at least {@code released} LSNs. */
    private static void awaitSnapshotReleasing(Path dataDir, String timeline, long released) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (Path snapshot : newestSnapshotOrEmpty(dataDir)) {
                try {
                    TimelineLog.Image image = SnapshotFile.read(snapshot).get(timeline);
                    if (image != null && image.released() >= released) return;
                } catch (IOException e) {
                    // renamed or purged while we read it: look again
                }
            }
            Thread.sleep(200);
        }
        fail("no snapshot of " + dataDir + " released " + timeline + " up to " + released);
    }

    private static List<Path> newestSnapshotOrEmpty(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("snapshot.")
                            && !f.getFileName().toString().endsWith(".md5") && !f.getFileName().toString().endsWith(".writing"))
                    .max(Comparator.comparingLong(SafekeeperTruncationTest::snapshotIndex)).stream().toList();
        } catch (UncheckedIOException e) {
            return List.of(); // a file vanished during the walk
        }
    }

    /** Ratis names snapshots {@code snapshot.TERM_INDEX}. */
    private static long snapshotIndex(Path f) {
        String name = f.getFileName().toString();
        return Long.parseLong(name.substring(name.lastIndexOf('_') + 1));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // purged while walking
                }
            }).sum();
        } catch (UncheckedIOException e) {
            return size(dir);
        }
    }

}
