package dev.basalt.storage.lmdb;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How long the writes that make commits durable take: LMDB's synchronous commit (FULL), the
 * write-ahead log's O_DSYNC write (WAL) or the background fsync (RELAXED). Count and total, so a
 * monitor derives the mean over any interval (Prometheus: rate(total) / rate(count)), and the
 * largest since the last read of {@link #takeMax}.
 */
final class SyncTimes {

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong totalNanos = new AtomicLong();

    void record(long nanos) {
        count.incrementAndGet();
        totalNanos.addAndGet(nanos);
    }

    long count() {
        return count.get();
    }

    long totalMicros() {
        return totalNanos.get() / 1_000;
    }
}
