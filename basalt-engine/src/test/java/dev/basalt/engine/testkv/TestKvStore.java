package dev.basalt.engine.testkv;

import dev.basalt.engine.storage.kv.CommitValidator;
import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.WriteBatch;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A tiny copy-on-write KV store for tests: every commit copies the map, snapshots hold the
 * immutable version they saw. {@link #failNextCommit} injects storage errors.
 */
public final class TestKvStore implements KvStore {
    private volatile NavigableMap<byte[], byte[]> data = new TreeMap<>(Arrays::compareUnsigned);
    private volatile long sequence;
    private volatile StorageException nextFailure;
    private volatile boolean validateTwice;
    private int openSnapshots;
    private final java.util.concurrent.atomic.AtomicInteger openCursors = new java.util.concurrent.atomic.AtomicInteger();

    public int openCursors() { return openCursors.get(); }

    public void failNextCommit(StorageException e) { nextFailure = e; }

    /** Runs validators twice, as a group-commit writer that retries a group does. */
    public void validateTwice(boolean on) { validateTwice = on; }

    public synchronized int openSnapshots() { return openSnapshots; }

    public int size() { return data.size(); }

    @Override
    public synchronized KvSnapshot snapshot() {
        openSnapshots++;
        return new Snap(data, sequence);
    }

    @Override
    public synchronized long commit(WriteBatch batch, CommitValidator validator) {
        long seq = sequence + 1;
        if (validator != null) validator.validate(seq);
        if (validator != null && validateTwice) validator.validate(seq);
        StorageException f = nextFailure;
        if (f != null) {
            nextFailure = null;
            throw f;
        }
        TreeMap<byte[], byte[]> copy = new TreeMap<>(data);
        for (WriteBatch.Op op : batch.ops()) {
            if (op.isDelete()) copy.remove(op.key());
            else copy.put(op.key().clone(), op.value().clone());
        }
        data = copy;
        sequence = seq;
        return seq;
    }

    @Override public long lastSequence() { return sequence; }

    @Override public String name() { return "test"; }

    @Override public void close() { }

    private final class Snap implements KvSnapshot {
        private final NavigableMap<byte[], byte[]> map;
        private final long seq;

        Snap(NavigableMap<byte[], byte[]> map, long seq) {
            this.map = map;
            this.seq = seq;
        }

        @Override public long sequence() { return seq; }

        @Override public byte[] get(byte[] key) {
            byte[] v = map.get(key);
            return v == null ? null : v.clone();
        }

        @Override public KvCursor scan(byte[] from, byte[] to) { return cursor(range(from, to).entrySet().iterator()); }

        @Override public KvCursor scanReverse(byte[] from, byte[] to) {
            return cursor(range(from, to).descendingMap().entrySet().iterator());
        }

        private NavigableMap<byte[], byte[]> range(byte[] from, byte[] to) {
            NavigableMap<byte[], byte[]> m = map;
            if (from != null) m = m.tailMap(from, true);
            if (to != null) m = m.headMap(to, false);
            return m;
        }

        @Override public void close() {
            synchronized (TestKvStore.this) { openSnapshots--; }
        }
    }

    private KvCursor cursor(Iterator<Map.Entry<byte[], byte[]>> it) {
        openCursors.incrementAndGet();
        return new KvCursor() {
            Map.Entry<byte[], byte[]> cur;
            boolean closed;

            @Override public boolean next() {
                cur = it.hasNext() ? it.next() : null;
                return cur != null;
            }

            @Override public byte[] key() { return cur.getKey().clone(); }

            @Override public byte[] value() { return cur.getValue().clone(); }

            @Override public void close() {
                if (!closed) openCursors.decrementAndGet();
                closed = true;
            }
        };
    }
}
