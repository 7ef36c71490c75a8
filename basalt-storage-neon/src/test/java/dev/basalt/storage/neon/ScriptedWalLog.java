package dev.basalt.storage.neon;

import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.disagg.WalEntry;
import dev.basalt.disagg.WalException;
import dev.basalt.disagg.WalLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link InMemoryWalLog} with scripted trouble, standing in for the safekeepers: appends that fail
 * without landing, appends that land but report failure (a timeout after the quorum had it), fencing,
 * fencing attempts that find no quorum, and a network latency for {@link #appendAsync} (records get their LSN in call order at once, the
 * acknowledgement comes later, possibly out of order with jitter).
 */
final class ScriptedWalLog implements WalLog {

    final InMemoryWalLog log = new InMemoryWalLog();
    final AtomicInteger failNext = new AtomicInteger();
    final AtomicInteger landThenFail = new AtomicInteger();
    volatile long latencyMillis;
    volatile long jitterMillis;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scripted-wal-acks");
        t.setDaemon(true);
        return t;
    });

    @Override
    public synchronized long append(byte[] payload) {
        if (failNext.get() > 0) {
            failNext.decrementAndGet();
            throw new WalException("no quorum (scripted)", false);
        }
        long lsn = log.append(payload);
        if (landThenFail.get() > 0) {
            landThenFail.decrementAndGet();
            throw new WalException("timed out waiting for the quorum (scripted; the record landed)", false);
        }
        return lsn;
    }

    @Override
    public CompletableFuture<Long> appendAsync(byte[] payload) {
        if (latencyMillis == 0) return WalLog.super.appendAsync(payload);
        CompletableFuture<Long> result = new CompletableFuture<>();
        long lsn;
        try {
            lsn = append(payload);
        } catch (WalException e) {
            result.completeExceptionally(e);
            return result;
        }
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        long delay = latencyMillis + (jitterMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMillis));
        timer.schedule(() -> {
            inFlight.decrementAndGet();
            result.complete(lsn);
        }, delay, TimeUnit.MILLISECONDS);
        return result;
    }

    void fence() { log.fence(); }

    /** Fencing attempts to fail (no quorum) before one succeeds. */
    final AtomicInteger failFence = new AtomicInteger();

    /** Appends here land (or not) inside the call, so the end of the log settles every earlier one. */
    @Override
    public long fenceOwnAppends() {
        if (failFence.get() > 0) {
            failFence.decrementAndGet();
            throw new WalException("no quorum to fence (scripted)", false);
        }
        return log.fenceOwnAppends();
    }

    @Override
    public long committedLsn() { return log.committedLsn(); }

    @Override
    public List<WalEntry> read(long fromLsn, int max, Duration wait) { return log.read(fromLsn, max, wait); }

    @Override
    public void close() {}
}
