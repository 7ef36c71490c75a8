package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.StorageException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot backed by one LMDB read transaction. Every call enters the {@link MapGate} for the
 * duration of its native work and copies out of the map before leaving it, because LMDB buffers
 * point into a map that may be remapped (grown) as soon as the gate is released.
 */
final class LmdbSnapshot implements KvSnapshot {

    final LmdbKvStore store;
    final ReaderSlot slot;
    private final long sequence;
    /** Cursors still open, closed with the snapshot if the caller forgot them. */
    private final List<LmdbCursor> cursors = new ArrayList<>(2);
    private boolean closed;
    /** Set when the store had to drop this snapshot's transaction (environment reopened). */
    private volatile boolean lost;

    LmdbSnapshot(LmdbKvStore store, ReaderSlot slot, long sequence) {
        this.store = store;
        this.slot = slot;
        this.sequence = sequence;
    }

    @Override
    public long sequence() {
        return sequence;
    }

    @Override
    public byte[] get(byte[] key) {
        checkOpen();
        if (key.length == 0) return null; // never stored
        int bucketed = slot.keyBuffer.capacity();
        MapGate gate = store.gate;
        gate.enter();
        try {
            checkNotLost();
            if (key.length >= bucketed) {
                ByteBuffer bucket = store.env().data.get(slot.txn, slot.key(key, bucketed));
                return bucket == null ? null : LongKeyBucket.find(bucket, key, bucketed);
            }
            ByteBuffer value = store.env().data.get(slot.txn, slot.key(key, key.length));
            return value == null ? null : copy(value);
        } catch (RuntimeException e) {
            throw LmdbErrors.from("read failed in data directory " + store.dir(), e);
        } finally {
            gate.exit();
        }
    }

    @Override
    public KvCursor scan(byte[] fromInclusive, byte[] toExclusive) {
        return open(fromInclusive, toExclusive, false);
    }

    @Override
    public KvCursor scanReverse(byte[] fromInclusive, byte[] toExclusive) {
        return open(fromInclusive, toExclusive, true);
    }

    private KvCursor open(byte[] from, byte[] to, boolean reverse) {
        checkOpen();
        LmdbCursor cursor = new LmdbCursor(this, from, to, reverse);
        // Under the gate: the store may be abandoning this snapshot's cursors from another thread.
        MapGate gate = store.gate;
        gate.enter();
        try {
            checkNotLost();
            cursors.add(cursor);
        } finally {
            gate.exit();
        }
        return cursor;
    }

    void forget(LmdbCursor cursor) {
        cursors.remove(cursor);
    }

    /** Throws if the store had to end this snapshot's transaction; call with the gate held. */
    void checkNotLost() {
        if (lost) {
            throw new StorageException(StorageException.Kind.IO, "the snapshot of data directory " + store.dir()
                    + " was lost when the store recovered from a storage failure; retry the transaction");
        }
    }

    boolean isLost() {
        return lost;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("snapshot is closed");
    }

    static byte[] copy(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(buffer.position(), out);
        return out;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        MapGate gate = store.gate;
        try {
            gate.enter();
        } catch (StorageException storeClosed) {
            return; // the store already ended this transaction with the environment
        }
        try {
            store.forget(this);
            if (lost) return; // its transaction is already gone
            closeNative();
            store.pool.release(slot);
        } finally {
            gate.exit();
        }
    }

    private void closeNative() {
        for (int i = cursors.size() - 1; i >= 0; i--) cursors.get(i).closeNative();
        cursors.clear();
    }

    /**
     * Called by the store, with the gate held exclusively, when it closes or reopens its
     * environment with this snapshot open. After a reopen ({@code lost}), calls fail with IO; after
     * a close, the gate makes them fail with CLOSED.
     */
    void abandon(boolean lost) {
        this.lost = lost;
        // Not marked closed: later calls fail with CLOSED from the gate, and close() stays a no-op.
        try {
            closeNative();
            slot.txn.close();
        } catch (RuntimeException ignored) {
            // the environment is closing anyway
        }
    }
}
