package dev.basalt.storage.neon;

import dev.basalt.disagg.KeyValue;
import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A read view at one LSN: the overlay's newest version at or below it, else the local cache, else
 * the page server at the snapshot's floor ({@code min(lsn, floor)}), which needs no waiting for the
 * page server to catch up with our latest commits.
 */
final class NeonSnapshot implements KvSnapshot {

    /** What one scan may hold back to fill the range cache: bounds the heap when many sessions scan big tables at once. */
    private static final long MAX_FILL_BYTES = 8L << 20;

    private final NeonKvStore store;
    private final long lsn;
    private final long pinnedFloor;
    private final long readLsn;
    private boolean closed;

    NeonSnapshot(NeonKvStore store, long lsn, long pinnedFloor) {
        this.store = store;
        this.lsn = lsn;
        this.pinnedFloor = pinnedFloor;
        this.readLsn = Math.min(lsn, pinnedFloor);
    }

    @Override
    public long sequence() { return lsn; }

    @Override
    public byte[] get(byte[] key) {
        checkOpen();
        Overlay.Version v = store.overlay().visible(key, lsn);
        if (v != null) return v.value() == null ? null : v.value().clone();
        VersionCache.Hit hit = store.cache().get(key, lsn);
        if (hit != null) return hit.value();
        byte[] value = store.pageGet(key, readLsn);
        store.cache().offer(key, value, readLsn);
        return value;
    }

    @Override
    public KvCursor scan(byte[] fromInclusive, byte[] toExclusive) {
        return cursor(fromInclusive, toExclusive, false);
    }

    @Override
    public KvCursor scanReverse(byte[] fromInclusive, byte[] toExclusive) {
        return cursor(fromInclusive, toExclusive, true);
    }

    private KvCursor cursor(byte[] from, byte[] to, boolean reverse) {
        checkOpen();
        if (from != null && to != null && java.util.Arrays.compareUnsigned(from, to) >= 0) return MergedCursor.EMPTY;
        Iterator<KeyValue> base = baseScan(from, to, reverse);
        var range = store.overlay().range(from, to);
        Iterator<Map.Entry<byte[], Overlay.Version>> recent =
                (reverse ? range.descendingMap() : range).entrySet().iterator();
        return new MergedCursor(base, recent, lsn, reverse, store::storageError);
    }

    /** From the compute's cached ranges if they hold the range for this snapshot, else from the page server (and cached). */
    private Iterator<KeyValue> baseScan(byte[] from, byte[] to, boolean reverse) {
        List<KeyValue> cached = store.cache().readRange(from, to, lsn, reverse, CachedRangeScan.PIECE);
        if (cached != null) return new CachedRangeScan(store, from, to, lsn, readLsn, reverse, cached);
        Iterator<KeyValue> scan = store.pageScan(from, to, readLsn, reverse);
        if (readLsn != pinnedFloor || store.options().cacheBytes() == 0) return scan;
        return new FillingScan(scan, store.cache(), from, to, readLsn, reverse, Math.min(store.options().cacheBytes() / 4, MAX_FILL_BYTES));
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("snapshot is closed");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        store.unpin(pinnedFloor);
    }
}
