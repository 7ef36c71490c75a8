package dev.basalt.storage.lmdb;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * How long the writes that make commits durable take: LMDB's synchronous commit (FULL), the
 * write-ahead log's O_DSYNC write (WAL) or the background fsync (RELAXED). Count and total, so a
 * monitor derives the mean over any interval (Prometheus: rate(total) / rate(count)); each
 * duration also goes to an optional observer (the /metrics latency histogram).
 */
final class SyncTimes {

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong totalNanos = new AtomicLong();
    private volatile LongConsumer observer;

    void record(long nanos) {
        count.incrementAndGet();
        totalNanos.addAndGet(nanos);
        LongConsumer o = observer;
        if (o != null) o.accept(nanos);
    }

    void observe(LongConsumer nanos) {
        observer = nanos;
    }

    long count() {
        return count.get();
    }

    long totalMicros() {
        return totalNanos.get() / 1_000;
    }
}
