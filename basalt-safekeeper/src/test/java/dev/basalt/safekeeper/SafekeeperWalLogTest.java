package dev.basalt.safekeeper;

import static org.junit.jupiter.api.Assertions.*;

import dev.basalt.disagg.CommitRecord;
import dev.basalt.disagg.Mutation;
import dev.basalt.disagg.WalEntry;
import dev.basalt.disagg.WalException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Three safekeepers in one JVM: the WalLog contract, failures of one and two nodes, restarts, fencing. */
@Timeout(value = 300, unit = TimeUnit.SECONDS) // per test; a loaded machine slows elections down a lot
class SafekeeperWalLogTest {

    @TempDir Path dir;

    /** Generous: the test machine may be loaded enough to pause JVMs for seconds (the bounded-failure test sets its own). */
    static final Duration T = Duration.ofSeconds(30);

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static String s(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

    /** Everything in the timeline, from LSN 1, as strings. */
    static List<String> readAll(SafekeeperWalLog log) {
        List<String> out = new ArrayList<>();
        long next = 1;
        long end = log.committedLsn();
        while (next <= end) {
            List<WalEntry> batch = log.read(next, 1000, Duration.ofSeconds(2));
            for (WalEntry e : batch) {
                assertEquals(next, e.lsn(), "LSNs are consecutive");
                out.add(s(e.payload()));
                next++;
            }
        }
        return out;
    }

    @Test
    void appendsGetConsecutiveLsnsAndReadBack() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir);
             SafekeeperWalLog writer = SafekeeperWalLog.openWriter(cluster.peers, "main", "compute-1", T);
             SafekeeperWalLog reader = SafekeeperWalLog.openReader(cluster.peers, "main", T)) {
            assertEquals(0, writer.committedLsn());
            assertEquals(List.of(), reader.read(1, 10, Duration.ZERO));
            CommitRecord commit = new CommitRecord(42, List.of(new Mutation(b("k"), b("v")), new Mutation(b("d"), null)));
            assertEquals(1, writer.append(commit.encode()));
            for (int i = 2; i <= 20; i++) assertEquals(i, writer.append(b("r" + i)));
            assertEquals(20, reader.committedLsn());
            List<WalEntry> first = reader.read(1, 5, Duration.ZERO);
            assertEquals(5, first.size());
            assertEquals(42, first.get(0).commit().commitTimeMicros());
            assertEquals("r5", s(first.get(4).payload()));
            assertEquals(List.of("r19", "r20"), reader.read(19, 100, Duration.ZERO).stream().map(e -> s(e.payload())).toList());
            // other timelines are separate logs with their own LSNs
            try (SafekeeperWalLog branch = SafekeeperWalLog.openWriter(cluster.peers, "branch-a", "compute-2", T)) {
                assertEquals(1, branch.append(b("b1")));
                assertEquals(21, writer.append(b("r21")));
            }
        }
    }

    @Test
    void aReaderWaitingForTheNextRecordWakesWhenItIsAppended() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir);
             SafekeeperWalLog writer = SafekeeperWalLog.openWriter(cluster.peers, "main", "c", T);
             SafekeeperWalLog reader = SafekeeperWalLog.openReader(cluster.peers, "main", T)) {
            long t0 = System.nanoTime();
            assertEquals(List.of(), reader.read(1, 10, Duration.ofMillis(300)));
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(250), "waited for the record");
            CompletableFuture<List<WalEntry>> waiting = CompletableFuture.supplyAsync(() -> reader.read(1, 10, Duration.ofSeconds(20)));
            Thread.sleep(300);
            long sent = System.nanoTime();
            writer.append(b("x"));
            List<WalEntry> got = waiting.get(10, TimeUnit.SECONDS);
            assertEquals(1, got.size());
            long wokenAfter = System.nanoTime() - sent;
            assertTrue(wokenAfter < TimeUnit.SECONDS.toNanos(2), "woken by the append, not by a poll interval: "
                    + TimeUnit.NANOSECONDS.toMillis(wokenAfter) + " ms after the append started (append and wake-up included)");
        }
    }

    @Test
    void oneNodeDownAppendsContinueAndItCatchesUpWhenBack() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir);
             SafekeeperWalLog writer = SafekeeperWalLog.openWriter(cluster.peers, "main", "c", T)) {
            for (int i = 1; i <= 10; i++) writer.append(b("a" + i));
            for (int down = 1; down <= 3; down++) {
                cluster.stop(down);
                for (int i = 1; i <= 10; i++) writer.append(b("n" + down + "-" + i));
                cluster.start(down);
            }
            assertEquals(40, writer.committedLsn());
            // each node alone with one other still serves all 40: the restarted ones caught up
            for (int down = 1; down <= 3; down++) {
                cluster.stop(down);
                try (SafekeeperWalLog reader = SafekeeperWalLog.openReader(cluster.peers, "main", T)) {
                    List<String> all = readAll(reader);
                    assertEquals(40, all.size());
                    assertEquals("n3-10", all.get(39));
                }
                cluster.start(down);
            }
        }
    }

    @Test
    void twoNodesDownAppendFailsWithinTheTimeoutAndNothingAckedIsLost() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        try (LocalCluster cluster = new LocalCluster(dir)) {
            awaitLeader(cluster);
            try (SafekeeperWalLog writer = patiently(() -> SafekeeperWalLog.openWriter(cluster.peers, "main", "c", timeout))) {
                for (int i = 1; i <= 5; i++) {
                    int n = i;
                    assertEquals(i, (long) patiently(() -> writer.append(b("a" + n))));
                }
                cluster.stop(1);
                cluster.stop(2);
                long t0 = System.nanoTime();
                WalException e = assertThrows(WalException.class, () -> writer.append(b("lost?")));
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertFalse(e.fenced());
                assertTrue(took < timeout.toMillis() + 3000, "failed within the timeout, took " + took + " ms");
                assertThrows(WalException.class, writer::committedLsn);
                cluster.start(1);
                // a quorum again: appends work, the five acked records are there; the failed one maybe
                patiently(() -> writer.append(b("after")));
                List<String> all = patiently(() -> readAll(writer));
                assertEquals(List.of("a1", "a2", "a3", "a4", "a5"), all.subList(0, 5));
                assertEquals("after", all.get(all.size() - 1));
                for (String r : all.subList(5, all.size())) assertTrue(r.equals("lost?") || r.equals("after"), r);
            }
        }
    }

    /** Retries a call that failed for want of a quorum (not fenced) for up to a minute: elections on a loaded machine. */
    static <T> T patiently(java.util.function.Supplier<T> call) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return call.get();
            } catch (WalException e) {
                if (e.fenced() || System.nanoTime() > end) throw e;
            }
        }
    }

    static void awaitLeader(LocalCluster cluster) {
        try (SafekeeperWalLog probe = SafekeeperWalLog.openReader(cluster.peers, "main", Duration.ofSeconds(60))) {
            probe.committedLsn();
        }
    }

    @Test
    void aSecondWriterFencesTheFirst() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir);
             SafekeeperWalLog first = SafekeeperWalLog.openWriter(cluster.peers, "main", "compute-1", T)) {
            assertEquals(1, first.append(b("one")));
            try (SafekeeperWalLog second = SafekeeperWalLog.openWriter(cluster.peers, "main", "compute-2", T)) {
                assertTrue(second.epoch() > first.epoch());
                WalException e = assertThrows(WalException.class, () -> first.append(b("stale")));
                assertTrue(e.fenced());
                assertTrue(e.getMessage().contains("compute-2"), e.getMessage());
                assertEquals(2, second.append(b("two")));
                // fenced for good, even without asking the safekeepers again
                assertTrue(assertThrows(WalException.class, () -> first.append(b("again"))).fenced());
                assertEquals(List.of("one", "two"), readAll(second));
            }
            try (SafekeeperWalLog reader = SafekeeperWalLog.openReader(cluster.peers, "main", T)) {
                assertTrue(assertThrows(WalException.class, () -> reader.append(b("r"))).fenced());
            }
        }
    }

    @Test
    void aNodeRestartsFromItsSnapshotAndLog() throws Exception {
        Safekeeper.Options often = Safekeeper.Options.defaults().withSnapshotEveryEntries(25);
        try (LocalCluster cluster = new LocalCluster(dir, 3, often)) {
            try (SafekeeperWalLog writer = SafekeeperWalLog.openWriter(cluster.peers, "main", "c", T)) {
                for (int i = 1; i <= 60; i++) writer.append(b("r" + i));
                cluster.stop(3);
                for (int i = 61; i <= 130; i++) writer.append(b("r" + i));
            }
            // all down, then all back from disk: snapshots plus the log after them
            cluster.stop(1);
            cluster.stop(2);
            cluster.start(1);
            cluster.start(2);
            cluster.start(3);
            // three nodes replaying snapshots and logs, then an election: on a loaded machine longer than one call's T
            awaitLeader(cluster);
            try (SafekeeperWalLog writer = patiently(() -> SafekeeperWalLog.openWriter(cluster.peers, "main", "c2", T))) {
                assertEquals(131, writer.append(b("r131")));
                cluster.stop(1); // node 3 (which missed 70 records) must now serve with node 2
                // an election, and node 3 brought up to date (a snapshot installed), before the first answer
                List<String> all = patiently(() -> readAll(writer));
                assertEquals(131, all.size());
                for (int i = 1; i <= 131; i++) assertEquals("r" + i, all.get(i - 1));
            }
        }
    }

    @Test
    void concurrentAppendersKeepTheirOwnOrderAndLsnsAreGapless() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir);
             SafekeeperWalLog writer = SafekeeperWalLog.openWriter(cluster.peers, "main", "c", T)) {
            int threads = 8, each = 50;
            List<CompletableFuture<List<Long>>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                runs.add(CompletableFuture.supplyAsync(() -> {
                    List<Long> lsns = new ArrayList<>();
                    for (int i = 0; i < each; i++) lsns.add(writer.append(b(thread + ":" + i)));
                    return lsns;
                }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
            }
            for (CompletableFuture<List<Long>> run : runs) {
                List<Long> lsns = run.get(60, TimeUnit.SECONDS);
                for (int i = 1; i < lsns.size(); i++) assertTrue(lsns.get(i) > lsns.get(i - 1), "one thread's appends in order");
            }
            List<String> all = readAll(writer);
            assertEquals(threads * each, all.size());
            int[] next = new int[threads];
            for (String r : all) {
                int thread = Integer.parseInt(r.substring(0, r.indexOf(':')));
                assertEquals(next[thread]++, Integer.parseInt(r.substring(r.indexOf(':') + 1)));
            }
        }
    }

    @Test
    void appendAsyncPipelinesInCallOrderAndFailsWithinTheTimeoutWithoutQuorum() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir);
             SafekeeperWalLog writer = SafekeeperWalLog.openWriter(cluster.peers, "main", "c", T)) {
            // 64 records in flight from one thread, as the compute keeps them: LSNs follow call order
            List<CompletableFuture<Long>> inFlight = new ArrayList<>();
            for (int i = 1; i <= 64; i++) inFlight.add(writer.appendAsync(b("r" + i)));
            for (int i = 1; i <= 64; i++) assertEquals(i, inFlight.get(i - 1).get(60, TimeUnit.SECONDS));
            assertEquals(64, readAll(writer).size());
        }
        try (LocalCluster cluster = new LocalCluster(dir.resolve("again"));
             // the take-over may wait for a fresh cluster's leader (slow on a busy machine); appends get 2 s
             SafekeeperWalLog shortWriter = SafekeeperWalLog.openWriter(cluster.peers, "other", "c2", Duration.ofSeconds(2), T)) {
            assertEquals(1, shortWriter.appendAsync(b("x")).get(60, TimeUnit.SECONDS));
            cluster.stop(1);
            cluster.stop(2);
            long t0 = System.nanoTime();
            CompletableFuture<Long> lost = shortWriter.appendAsync(b("y"));
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> lost.get(30, TimeUnit.SECONDS));
            assertInstanceOf(WalException.class, e.getCause());
            assertFalse(((WalException) e.getCause()).fenced());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "bounded by the timeout, no hang");
        }
    }
}
