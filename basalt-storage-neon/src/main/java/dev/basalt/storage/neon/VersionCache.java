package dev.basalt.storage.neon;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compute's bounded cache of values read from the page server (LRU by bytes). An entry is the
 * key's value as of the store's current floor LSN (absent keys are cached too), valid for reads at
 * any LSN from {@code validFrom} on, as long as the overlay has no newer version. The floor and the
 * entries move together under this object's lock: when the floor passes one of our own commits, the
 * entries of the keys it wrote are replaced ({@link #advanceFloor}), so an entry is never stale.
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
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private long floor;
    private long hits;
    private long misses;

    VersionCache(long capacityBytes, long floor) {
        this.capacity = capacityBytes;
        this.floor = floor;
    }

    synchronized long floor() { return floor; }

    /** The cached value for a read at {@code lsn}, or null on a miss. */
    synchronized Hit get(byte[] key, long lsn) {
        Entry e = entries.get(Key.of(key));
        if (e == null || e.validFrom > lsn) {
            misses++;
            return null;
        }
        hits++;
        return new Hit(e.value == ABSENT ? null : e.value.clone());
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
        Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > capacity && eldest.hasNext()) {
            Map.Entry<Key, Entry> x = eldest.next();
            bytes -= x.getValue().size(x.getKey().bytes.length);
            eldest.remove();
        }
    }

    synchronized long bytes() { return bytes; }

    synchronized int size() { return entries.size(); }

    synchronized long hits() { return hits; }

    synchronized long misses() { return misses; }
}
