package dev.basalt.engine.txn;

import dev.basalt.engine.storage.kv.KvCursor;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges a transaction's write buffer over a snapshot cursor. The buffer is navigated by key
 * (not by iterator), so writes made while the cursor is open do not break it. Values from the
 * snapshot are fetched only when asked for, so key-only passes (counts, range deletes) copy less.
 */
final class MergeCursor implements KvCursor {
    private final KvCursor base;
    private final TreeMap<byte[], byte[]> buffer;
    private final byte[] from, to;
    private final boolean reverse;
    private final byte[] tombstone;
    private final java.util.function.Consumer<MergeCursor> onClose;
    private boolean closed;

    private byte[] baseKey;            // current head of the snapshot cursor, null when exhausted
    private boolean baseDone;
    private boolean advancePending;    // the head was emitted; move past it on the next call
    private byte[] position;           // last key consumed from either side
    private byte[] key, value;
    private boolean valueFromBase;

    MergeCursor(KvCursor base, TreeMap<byte[], byte[]> buffer, byte[] from, byte[] to, boolean reverse, byte[] tombstone,
                java.util.function.Consumer<MergeCursor> onClose) {
        this.onClose = onClose;
        this.base = base;
        this.buffer = buffer;
        this.from = from;
        this.to = to;
        this.reverse = reverse;
        this.tombstone = tombstone;
        advanceBase();
    }

    private void advanceBase() {
        boolean more;
        try {
            more = !baseDone && base.next();
        } catch (dev.basalt.engine.storage.kv.StorageException e) {
            // a store that fetches lazily (e.g. from a page server) can fail mid-scan: 1030, not 1105
            throw Transaction.storageError(e);
        }
        if (more) {
            baseKey = base.key();
        } else {
            baseDone = true;
            baseKey = null;
        }
    }

    private Map.Entry<byte[], byte[]> bufferHead() {
        if (buffer.isEmpty()) return null;
        Map.Entry<byte[], byte[]> e;
        if (!reverse) {
            e = position == null ? (from == null ? buffer.firstEntry() : buffer.ceilingEntry(from)) : buffer.higherEntry(position);
            if (e != null && to != null && Arrays.compareUnsigned(e.getKey(), to) >= 0) return null;
        } else {
            e = position == null ? (to == null ? buffer.lastEntry() : buffer.lowerEntry(to)) : buffer.lowerEntry(position);
            if (e != null && from != null && Arrays.compareUnsigned(e.getKey(), from) < 0) return null;
        }
        return e;
    }

    @Override
    public boolean next() {
        if (advancePending) {
            advancePending = false;
            advanceBase();
        }
        valueFromBase = false;
        while (true) {
            Map.Entry<byte[], byte[]> b = bufferHead();
            if (b == null && baseKey == null) {
                key = value = null;
                return false;
            }
            int cmp;
            if (b == null) cmp = 1;
            else if (baseKey == null) cmp = -1;
            else {
                cmp = Arrays.compareUnsigned(b.getKey(), baseKey);
                if (reverse) cmp = -cmp;
            }
            if (cmp > 0) { // the snapshot entry comes first
                key = baseKey;
                value = null;
                valueFromBase = true;
                position = key;
                advancePending = true;
                return true;
            }
            if (cmp == 0) advanceBase(); // the buffer overrides the snapshot
            position = b.getKey();
            if (b.getValue() == tombstone) continue;
            key = b.getKey();
            value = b.getValue();
            return true;
        }
    }

    @Override public byte[] key() { return key; }

    @Override
    public byte[] value() {
        if (valueFromBase && value == null) value = base.value();
        return value;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        base.close();
        onClose.accept(this);
    }

    /** Closes the snapshot cursor without calling back (the transaction is ending). */
    void release() {
        if (closed) return;
        closed = true;
        base.close();
    }
}
