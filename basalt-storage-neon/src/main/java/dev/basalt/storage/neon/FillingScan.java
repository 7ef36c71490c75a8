package dev.basalt.storage.neon;

import dev.basalt.disagg.KeyValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A page-server scan that remembers what it returned, so the compute can cache the range: when the
 * scan ends, the whole range [from, to); when it is closed early, the part it got through (up to
 * and including the last key taken). It stops remembering past {@code maxBytes} and then caches
 * only the part it remembered.
 */
final class FillingScan implements Iterator<KeyValue>, AutoCloseable {

    private static final int ENTRY_OVERHEAD = 80;

    private final Iterator<KeyValue> scan;
    private final VersionCache cache;
    private final byte[] from;
    private final byte[] to;
    private final long readLsn;
    private final boolean reverse;
    private final long maxBytes;
    private final List<KeyValue> seen = new ArrayList<>();
    private long bytes;
    private boolean full;
    private boolean done;

    FillingScan(Iterator<KeyValue> scan, VersionCache cache, byte[] from, byte[] to, long readLsn, boolean reverse, long maxBytes) {
        this.scan = scan;
        this.cache = cache;
        this.from = from;
        this.to = to;
        this.readLsn = readLsn;
        this.reverse = reverse;
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean hasNext() {
        if (done) return scan.hasNext();
        if (scan.hasNext()) return true;
        done = true;
        if (full) fillPart();
        else cache.fillRange(from, to, readLsn, seen);
        return false;
    }

    @Override
    public KeyValue next() {
        KeyValue kv = scan.next();
        if (!done && !full) {
            bytes += ENTRY_OVERHEAD + kv.key().length + kv.value().length;
            if (bytes > maxBytes) full = true;
            else seen.add(kv);
        }
        return kv;
    }

    /** Caches what was taken so far: [from, last] forward, [last, to) in reverse. */
    private void fillPart() {
        if (seen.isEmpty()) return;
        byte[] last = seen.get(seen.size() - 1).key();
        if (reverse) cache.fillRange(last, to, readLsn, seen.reversed());
        else cache.fillRange(from, CachedRangeScan.successor(last), readLsn, seen);
    }

    @Override
    public void close() {
        if (done) return;
        done = true;
        fillPart();
    }
}
