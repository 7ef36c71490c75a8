package dev.basalt.safekeeper;

import static org.junit.jupiter.api.Assertions.*;

import dev.basalt.disagg.WalException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends after timeouts. The commit stall of issue 12 (ClusterKillTest, once in 15 runs: no commit for minutes after a
 * safekeeper restart). An append that times out drops its Ratis client, and a closed Ratis client
 * never completes the requests it still held; the append batcher counted those batches as in flight
 * for ever, so after timeouts had used up its slots ({@link SafekeeperWalLog#MAX_BATCHES_IN_FLIGHT})
 * it sent nothing again and every later append timed out too, with the safekeepers healthy.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AppendAfterTimeoutsTest {

    @TempDir Path dir;

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void appendsResumeAfterMoreTimeoutsThanBatchesInFlight() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        try (LocalCluster cluster = new LocalCluster(dir)) {
            SafekeeperWalLogTest.awaitLeader(cluster);
            try (SafekeeperWalLog writer = SafekeeperWalLogTest.patiently(
                    () -> SafekeeperWalLog.openWriter(cluster.peers, "main", "c", timeout, Duration.ofSeconds(60)))) {
                SafekeeperWalLogTest.patiently(() -> writer.append(b("before")));
                cluster.stop(1);
                cluster.stop(2);
                // more pipelined appends than batches may be in flight, then blocking ones: all time out
                List<CompletableFuture<Long>> lost = new ArrayList<>();
                for (int i = 0; i < 2 * SafekeeperWalLog.MAX_BATCHES_IN_FLIGHT; i++) {
                    lost.add(writer.appendAsync(b("lost-" + i)));
                    Thread.sleep(50); // separate batches
                }
                for (CompletableFuture<Long> f : lost) {
                    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
                    assertInstanceOf(WalException.class, e.getCause());
                }
                for (int i = 0; i < SafekeeperWalLog.MAX_BATCHES_IN_FLIGHT + 1; i++) {
                    assertThrows(WalException.class, () -> writer.append(b("lost")));
                }
                cluster.start(1);
                cluster.start(2);
                // a quorum again: the same writer appends again (before the fix every append timed out here)
                long lsn = SafekeeperWalLogTest.patiently(() -> writer.append(b("after")));
                assertTrue(lsn > 1, "appended after the timeouts at LSN " + lsn);
                assertEquals("after", SafekeeperWalLogTest.readAll(writer).getLast());
                CompletableFuture<Long> pipelined = writer.appendAsync(b("after-async"));
                assertEquals(lsn + 1, pipelined.get(60, TimeUnit.SECONDS));
            }
        }
    }

    /**
     * Append timeouts and long-poll reads do not depend on the JDK's shared CompletableFuture delay thread,
     * which runs the dependents of every {@code orTimeout}/{@code completeOnTimeout} in the process: while
     * something holds it (here a slow dependent of the test's own; before the fix, our own Ratis client
     * close), a read of a record not yet there still gets its empty answer, an append without a quorum
     * still fails within its timeout, and the writer appends again once the quorum is back. The thread is
     * held from start to end: nothing of ours (nor Ratis, gRPC) waits on it.
     *
     * <p>The case hung twice in the whole suite: the test attached its blocking dependent after {@code orTimeout},
     * and on a loaded machine the 1 ms timeout had already fired, so the dependent ran (and waited for ever)
     * on the test's own thread. The dependent is attached first now, and the test waits until it holds the thread.
     */
    @Test
    void appendsTimeOutWhileTheJdkDelayThreadIsBusy() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (LocalCluster cluster = new LocalCluster(dir)) {
            SafekeeperWalLogTest.awaitLeader(cluster);
            try (SafekeeperWalLog writer = SafekeeperWalLogTest.patiently(
                    () -> SafekeeperWalLog.openWriter(cluster.peers, "main", "c", timeout, Duration.ofSeconds(60)))) {
                long first = SafekeeperWalLogTest.patiently(() -> writer.append(b("before")));
                CompletableFuture<Void> blocker = new CompletableFuture<>();
                blocker.whenComplete((v, e) -> { // attached before the timer: it runs on the delay thread
                    held.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                });
                blocker.orTimeout(1, TimeUnit.MILLISECONDS);
                assertTrue(held.await(30, TimeUnit.SECONDS), "the delay thread runs the blocking dependent");

                // a long poll for a record not yet there: the safekeeper answers (empty) when its wait is over
                long r0 = System.nanoTime();
                assertEquals(List.of(), writer.read(first + 1, 10, Duration.ofMillis(500)));
                long readTook = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - r0);
                assertTrue(readTook < 500 + 5000, "an empty long poll took " + readTook + " ms");

                cluster.stop(1);
                cluster.stop(2);
                long t0 = System.nanoTime();
                CompletableFuture<Long> lost = writer.appendAsync(b("lost"));
                ExecutionException e = assertThrows(ExecutionException.class, () -> lost.get(30, TimeUnit.SECONDS));
                assertInstanceOf(WalException.class, e.getCause());
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertTrue(took < timeout.toMillis() + 5000, "failed within the timeout, took " + took + " ms");
                cluster.start(1);
                cluster.start(2);
                long lsn = SafekeeperWalLogTest.patiently(() -> {
                    try {
                        return writer.appendAsync(b("after")).get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException x) {
                        throw x.getCause() instanceof WalException w ? w : new IllegalStateException(x);
                    } catch (Exception x) {
                        throw new IllegalStateException(x);
                    }
                });
                // patiently: a 2 s query timeout on a machine this loaded may need a second try
                assertEquals("after", SafekeeperWalLogTest.patiently(() -> SafekeeperWalLogTest.readAll(writer)).getLast());
                assertTrue(lsn > 1);
                assertEquals(1, release.getCount(), "the delay thread was held throughout");
            }
        } finally {
            release.countDown();
        }
    }
}
