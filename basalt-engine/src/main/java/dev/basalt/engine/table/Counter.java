package dev.basalt.engine.table;

import dev.basalt.engine.storage.codec.Keyspace;
import dev.basalt.engine.txn.Transaction;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A per-table counter (AUTO_INCREMENT or hidden row id) kept in memory and persisted with blind
 * writes, so concurrent inserters never conflict on it. Holds the next value to hand out.
 */
final class Counter {
    private final byte[] key;
    private final AtomicLong next;
    private final java.util.function.Supplier<byte[]> latest;

    Counter(byte[] key, long next) {
        this.key = key;
        this.next = new AtomicLong(next);
        this.latest = () -> Keyspace.longBytes(this.next.get());
    }

    long allocate(Transaction txn) {
        long v = next.getAndIncrement();
        persist(txn);
        return v;
    }

    /** An explicit value was stored: later allocations go above it (MySQL semantics). */
    void observe(Transaction txn, long value) {
        if (value == Long.MAX_VALUE) return;
        long before = next.get();
        if (value >= before) {
            next.accumulateAndGet(value + 1, Math::max);
            persist(txn);
        }
    }

    long peek() { return next.get(); }

    private void persist(Transaction txn) { txn.putBlindLatest(key, latest); }

    /** Reads the persisted next value, or 0. */
    static long persisted(Transaction txn, byte[] key) {
        byte[] v = txn.get(key);
        return v == null || v.length != 8 ? 0 : Keyspace.readLong(v, 0);
    }
}
