package dev.basalt.storage.memory;

import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A read view at one commit sequence of a {@link MemoryKvStore}. */
final class MemorySnapshot implements KvSnapshot {

    private final ConcurrentSkipListMap<byte[], Version> data;
    private final long sequence;
    private final Runnable onClose;
    private boolean closed;

    MemorySnapshot(ConcurrentSkipListMap<byte[], Version> data, long sequence, Runnable onClose) {
        this.data = data;
        this.sequence = sequence;
        this.onClose = onClose;
    }

    @Override
    public long sequence() {
        return sequence;
    }

    @Override
    public byte[] get(byte[] key) {
        checkOpen();
        Version head = data.get(key);
        if (head == null) return null;
        Version v = head.visibleAt(sequence);
        return v == null || v.value == null ? null : v.value.clone();
    }

    @Override
    public KvCursor scan(byte[] fromInclusive, byte[] toExclusive) {
        checkOpen();
        return new MemoryCursor(range(fromInclusive, toExclusive).entrySet().iterator(), sequence);
    }

    @Override
    public KvCursor scanReverse(byte[] fromInclusive, byte[] toExclusive) {
        checkOpen();
        return new MemoryCursor(range(fromInclusive, toExclusive).descendingMap().entrySet().iterator(), sequence);
    }

    private NavigableMap<byte[], Version> range(byte[] from, byte[] to) {
        if (from != null && to != null) {
            // subMap rejects from > to; an inverted range is simply empty.
            if (java.util.Arrays.compareUnsigned(from, to) >= 0) return new java.util.TreeMap<>();
            return data.subMap(from, true, to, false);
        }
        if (from != null) return data.tailMap(from, true);
        if (to != null) return data.headMap(to, false);
        return data;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("snapshot is closed");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        onClose.run();
    }

    /** Walks map entries, skipping keys this snapshot does not see (too new, or deleted). */
    private static final class MemoryCursor implements KvCursor {
        private final Iterator<Map.Entry<byte[], Version>> entries;
        private final long sequence;
        private byte[] key;
        private byte[] value;

        MemoryCursor(Iterator<Map.Entry<byte[], Version>> entries, long sequence) {
            this.entries = entries;
            this.sequence = sequence;
        }

        @Override
        public boolean next() {
            while (entries.hasNext()) {
                Map.Entry<byte[], Version> e = entries.next();
                Version v = e.getValue().visibleAt(sequence);
                if (v != null && v.value != null) {
                    key = e.getKey();
                    value = v.value;
                    return true;
                }
            }
            key = null;
            value = null;
            return false;
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public void close() {}
    }
}
