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
     * Append timeouts do not depend on the JDK's shared CompletableFuture delay thread, which runs the
     * dependents of every {@code orTimeout} in the process: while something holds it (here a slow
     * dependent of our own; before the fix, our own Ratis client close), an append without a quorum
     * still fails within its timeout, and the writer appends again once the quorum is back.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "basalt.safekeeper.delayThreadTest", matches = "on",
            disabledReason = "opt-in: in the whole suite it hung twice (the test never got past stopping two in-process"
                    + " safekeepers while it held the JDK's delay thread); alone it passes. -Dbasalt.safekeeper.delayThreadTest=on")
    void appendsTimeOutWhileTheJdkDelayThreadIsBusy() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (LocalCluster cluster = new LocalCluster(dir)) {
            SafekeeperWalLogTest.awaitLeader(cluster);
            try (SafekeeperWalLog writer = SafekeeperWalLogTest.patiently(
                    () -> SafekeeperWalLog.openWriter(cluster.peers, "main", "c", timeout, Duration.ofSeconds(60)))) {
                SafekeeperWalLogTest.patiently(() -> writer.append(b("before")));
                new CompletableFuture<Void>().orTimeout(1, TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
                    try {
                        release.await(); // holds the delay thread while the quorum is gone
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                });
                Thread.sleep(100);
                cluster.stop(1);
                cluster.stop(2);
                long t0 = System.nanoTime();
                CompletableFuture<Long> lost = writer.appendAsync(b("lost"));
                ExecutionException e = assertThrows(ExecutionException.class, () -> lost.get(30, TimeUnit.SECONDS));
                assertInstanceOf(WalException.class, e.getCause());
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertTrue(took < timeout.toMillis() + 5000, "failed within the timeout, took " + took + " ms");
                // the delay thread is the JDK's, shared with the libraries: Ratis' own reconnect back-off may
                // wait on it, so it is given back before the quorum returns (the full suite hung here once)
                release.countDown();
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
                assertEquals("after", SafekeeperWalLogTest.readAll(writer).getLast());
                assertTrue(lsn > 1);
            }
        } finally {
            release.countDown();
        }
    }
}
