package dev.basalt.storage.neon;

import dev.basalt.disagg.KeyValue;
import dev.basalt.disagg.Mutation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compute's bounded cache of values read from the page server (LRU by bytes). An entry is the
 * key's value as of the store's current floor LSN (absent keys are cached too), valid for reads at
 * any LSN from {@code validFrom} on, as long as the overlay has no newer version. The floor and the
 * entries move together under this object's lock: when the floor passes one of our own commits, the
 * entries of the keys it wrote are replaced ({@link #advanceFloor}), so an entry is never stale.
 *
 * <p>Beside the point entries it keeps whole scanned ranges ({@link RangeCache}) at the floor. The
 * overlay tells whether a range read at the floor is also right for an older snapshot: it is unless
 * one of our commits between the snapshot's LSN and the floor wrote into the range. Point entries
 * and ranges share the byte bound.
 */
final class VersionCache {

    private static final int ENTRY_OVERHEAD = 96;
    private static final byte[] ABSENT = new byte[0];

    private record Key(byte[] bytes, int hash) {
        static Key of(byte[] b) { return new Key(b, Arrays.hashCode(b)); }

        @Override public boolean equals(Object o) { return o instanceof Key k && Arrays.equals(bytes, k.bytes); }

        @Override public int hashCode() { return hash; }
    }

    private record Entry(byte[] value, long validFrom) {
        long size(int keyLength) { return ENTRY_OVERHEAD + keyLength + (value == ABSENT ? 0 : value.length); }
    }

    /** What a lookup found: {@code value} may be null (the key is absent at that LSN). */
    record Hit(byte[] value) {}

    private final long capacity;
    private final Overlay overlay;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private final RangeCache ranges = new RangeCache();
    private long bytes;
    private long floor;
    private long hits;
    private long misses;
    private long rangeHits;
    private long rangeMisses;

    VersionCache(long capacityBytes, long floor, Overlay overlay) {
        this.capacity = capacityBytes;
        this.floor = floor;
        this.overlay = overlay;
    }

    synchronized long floor() { return floor; }

    /** The cached value for a read at {@code lsn}, or null on a miss. */
    synchronized Hit get(byte[] key, long lsn) {
        Entry e = entries.get(Key.of(key));
        if (e == null || e.validFrom > lsn) {
            if (ranges.covers(key) && !overlay.changedBetween(key, lsn, floor)) {
                hits++;
                byte[] v = ranges.get(key);
                return new Hit(v == null ? null : v.clone());
            }
            misses++;
            return null;
        }
        hits++;
        return new Hit(e.value == ABSENT ? null : e.value.clone());
    }

    /**
     * Up to {@code limit} entries of [from, to) as a snapshot at {@code lsn} sees them without its
     * overlay versions (which the caller merges), in scan order; null when the range is not wholly
     * cached or one of our commits in (lsn, floor] wrote into it. More than {@code limit} entries
     * means the range goes on.
     */
    synchronized List<KeyValue> readRange(byte[] from, byte[] to, long lsn, boolean reverse, int limit) {
        List<KeyValue> out = floor > lsn && overlay.changedBetween(from, to, lsn, floor) ? null
                : ranges.read(from, to, reverse, limit);
        if (out == null) rangeMisses++;
        else rangeHits++;
        return out;
    }

    /**
     * Remembers a finished page-server scan of [from, to) at {@code readLsn} (null bounds open):
     * brought up to the floor with our commits since, which the overlay must still hold.
     */
    synchronized void fillRange(byte[] from, byte[] to, long readLsn, List<KeyValue> scanned) {
        if (capacity == 0 || readLsn > floor) return;
        List<Mutation> since = new ArrayList<>();
        boolean complete = overlay.replayIfComplete(readLsn, floor, (lsn, m) -> {
            if ((from == null || Arrays.compareUnsigned(m.key(), from) >= 0)
                    && (to == null || Arrays.compareUnsigned(m.key(), to) < 0)) {
                since.add(m);
            }
        });
        if (!complete) return; // cannot bring it up to the floor
        ranges.fill(from, to, scanned);
        for (Mutation m : since) ranges.passed(m.key(), m.value());
        shrink(true);
    }

    /**
     * Remembers the page server's answer for a read at {@code readLsn}; kept only if that LSN is the
     * current floor (an answer at an older LSN may miss versions the floor has passed since).
     */
    synchronized void offer(byte[] key, byte[] value, long readLsn) {
        if (readLsn != floor || capacity == 0) return;
        put(Key.of(key.clone()), new Entry(value == null ? ABSENT : value.clone(), readLsn));
    }

    /**
     * Moves the floor to {@code newFloor}: {@code replay} feeds every mutation of the commits in
     * (old floor, new floor] to the refresher, in LSN order, so cached entries of keys they wrote
     * take the new value.
     */
    synchronized void advanceFloor(long newFloor, Replay replay) {
        if (newFloor <= floor) return;
        replay.between(floor, newFloor, (lsn, key, value) -> {
            Key k = Key.of(key);
            if (entries.containsKey(k)) put(k, new Entry(value == null ? ABSENT : value, lsn));
            ranges.passed(key, value);
        });
        floor = newFloor;
    }

    /** Receives, in LSN order, each mutation the floor passes. */
    interface Refresher {
        void passed(long lsn, byte[] key, byte[] value);
    }

    /** Feeds the mutations of the commits in (after, upTo] to a refresher. */
    interface Replay {
        void between(long after, long upTo, Refresher refresher);
    }

    private void put(Key k, Entry e) {
        Entry old = entries.put(k, e);
        if (old != null) bytes -= old.size(k.bytes.length);
        bytes += e.size(k.bytes.length);
        shrink(false);
    }

    /** Evicts until within the bound: first from the kind just added to, then from the other. */
    private void shrink(boolean rangesFirst) {
        Iterator<Map.Entry<Key, Entry>> eldest = null;
        while (bytes + ranges.bytes() > capacity) {
            if (rangesFirst && ranges.evictOne()) continue;
            if (eldest == null) eldest = entries.entrySet().iterator();
            if (eldest.hasNext()) {
                Map.Entry<Key, Entry> x = eldest.next();
                bytes -= x.getValue().size(x.getKey().bytes.length);
                eldest.remove();
            } else if (!ranges.evictOne()) {
                return;
            }
        }
    }

    synchronized long bytes() { return bytes + ranges.bytes(); }

    synchronized long rangeHits() { return rangeHits; }

    synchronized long rangeMisses() { return rangeMisses; }

    synchronized int size() { return entries.size(); }

    synchronized long hits() { return hits; }

    synchronized long misses() { return misses; }
}
