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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
                // 1 MiB records fill more than a log segment, so the purge below removes a closed one
                for (int i = 21; i <= 65; i++) writer.append(big("r" + i));
                for (int i = 66; i <= 80; i++) writer.append(b("r" + i));
                assertEquals(71, writer.releaseUpTo(70));
                for (int i = 81; i <= 120; i++) writer.append(b("r" + i)); // snapshots and purges on nodes 1 and 2
                awaitSize(cluster.dataDir(1), 25L << 20);
                awaitSize(cluster.dataDir(2), 25L << 20);
                // node 3's next entry (21) is gone from the leader's log: it can only catch up from a snapshot
                cluster.start(3);
                writer.append(b("r121"));
                cluster.stop(1);
                // acked by nodes 2 and 3 only: node 3 took the snapshot installed or the log it missed
                for (int i = 122; i <= 140; i++) writer.append(b("r" + i));
            }
            // node 3's own state machine applied records appended after node 1 stopped (its snapshots show it),
            // on top of the installed state that starts at the release point
            TimelineLog.Image image = awaitSnapshot(cluster.dataDir(3), "main", i -> i.released() + i.records().size() >= 125);
            assertEquals(70, image.released());
            assertEquals("r71", s(image.records().getFirst()));
            cluster.start(1);
            try (SafekeeperWalLog reader = SafekeeperWalLog.openReader(cluster.peers, "main", T)) {
                List<String> rest = readFrom(reader, 71);
                assertEquals(70, rest.size());
                assertEquals("r140", rest.getLast());
            }
        }
    }

    @Test
    void theLogDirectoryShrinksOnceUploadedRecordsAreReleased() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3, options(10, 2));
             SafekeeperWalLog writer = SafekeeperWalLog.openWriter(cluster.peers, "main", "c", T)) {
            // 1 MiB records: more than a log segment (about 34 MiB), so Ratis closes one it can later purge
            for (int i = 1; i <= 45; i++) writer.append(big("r" + i));
            awaitSnapshotReleasing(cluster.dataDir(1), "main", 0);
            long before = size(cluster.dataDir(1));
            assertTrue(before > 45L << 20, "records in the log and the snapshot: " + before);
            assertEquals(44, writer.releaseUpTo(45));
            for (int i = 46; i <= 70; i++) writer.append(b("small" + i)); // next snapshots, then the purge
            awaitSnapshotReleasing(cluster.dataDir(1), "main", 43);
            awaitSize(cluster.dataDir(1), before / 2);
            assertEquals(List.of("small70"), writer.read(70, 5, Duration.ZERO).stream().map(e -> s(e.payload())).toList());
            assertEquals(44, writer.read(44, 1, Duration.ZERO).getFirst().lsn());
            assertThrows(WalException.class, () -> writer.read(43, 1, Duration.ZERO));
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
        awaitSnapshot(dataDir, timeline, image -> image.released() >= released);
    }

    /** Waits for the node's newest snapshot to hold {@code timeline} in a state {@code ready} accepts. */
    private static TimelineLog.Image awaitSnapshot(Path dataDir, String timeline, Predicate<TimelineLog.Image> ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String seen = "none";
        while (System.nanoTime() < deadline) {
            for (Path snapshot : newestSnapshotOrEmpty(dataDir)) {
                try {
                    TimelineLog.Image image = SnapshotFile.read(snapshot).get(timeline);
                    if (image != null) seen = snapshot.getFileName() + " released " + image.released() + ", " + image.records().size() + " records";
                    if (image != null && ready.test(image)) return image;
                } catch (IOException e) {
                    // renamed or purged while we read it: look again
                }
            }
            Thread.sleep(200);
        }
        return fail("no snapshot of " + dataDir + " has the expected state of " + timeline + "; newest: " + seen);
    }

    private static List<Path> newestSnapshotOrEmpty(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            // only finished snapshots: Ratis writes snapshot.TERM_INDEX beside .md5, .md5.tmp and .writing files
            return files.filter(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
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

    /** A 1 MiB record starting with {@code name}. */
    private static byte[] big(String name) {
        byte[] out = new byte[1 << 20];
        byte[] head = b(name);
        System.arraycopy(head, 0, out, 0, head.length);
        return out;
    }

    /** Waits until Ratis purged the node's log down to at most {@code bytes} in all; returns the size. */
    private static long awaitSize(Path dataDir, long bytes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long size;
        while ((size = size(dataDir)) > bytes && System.nanoTime() < deadline) Thread.sleep(200);
        assertTrue(size <= bytes, dataDir + " still holds " + size + " bytes, expected at most " + bytes);
        return size;
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
