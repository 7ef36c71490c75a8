package dev.basalt.pageserver.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory layer the ingest thread writes into: versions with LSN in (startLsn, ...]. Readers
 * may read it concurrently (a skip list); a read at LSN n never sees versions above n, so a commit
 * being applied is invisible until the timeline's applied LSN covers it. Once frozen it no longer
 * changes and is turned into a delta layer file.
 */
public final class OpenLayer implements VersionSource {

    /** Stands for a deletion inside the map (which cannot hold null); compared by identity only. */
    private static final byte[] TOMBSTONE = new byte[0];

    private record VersionKey(byte[] key, long lsn) implements Comparable<VersionKey> {
        @Override
        public int compareTo(VersionKey o) {
            int c = Keys.compare(key, o.key);
            return c != 0 ? c : Long.compare(lsn, o.lsn);
        }
    }

    private final long startLsn;
    private final ConcurrentSkipListMap<VersionKey, byte[]> versions = new ConcurrentSkipListMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long createdNanos = System.nanoTime();
    private final List<long[]> clock = new ArrayList<>(); // {lsn, commitTimeMicros}, ingest thread only
    private volatile long endLsn;

    public OpenLayer(long startLsnExclusive) {
        this.startLsn = startLsnExclusive;
        this.endLsn = startLsnExclusive;
    }

    public long startLsn() { return startLsn; }
    /** The newest LSN written into this layer (startLsn while empty). */
    public long endLsn() { return endLsn; }
    public long bytes() { return bytes.get(); }
    public long ageNanos() { return System.nanoTime() - createdNanos; }
    public boolean isEmpty() { return endLsn == startLsn; }

    /** Ingest thread only: one mutation of the commit at {@code lsn} (value null = delete). */
    public void put(byte[] key, long lsn, byte[] value) {
        versions.put(new VersionKey(key, lsn), value == null ? TOMBSTONE : value);
        bytes.addAndGet(key.length + (value == null ? 0 : value.length) + 48);
    }

    /** Ingest thread only: the commit at {@code lsn} is complete. */
    public void endCommit(long lsn, long commitTimeMicros) {
        clock.add(new long[] {lsn, commitTimeMicros});
        endLsn = lsn;
    }

    @Override
    public Lookup lookup(byte[] key, long lsn) {
        if (lsn <= startLsn) return Lookup.MISSING;
        Map.Entry<VersionKey, byte[]> e = versions.floorEntry(new VersionKey(key, lsn));
        if (e == null || Keys.compare(e.getKey().key, key) != 0) return Lookup.MISSING;
        return Lookup.of(e.getValue() == TOMBSTONE ? null : e.getValue());
    }

    @Override
    public void scan(byte[] from, byte[] to, long lsn, boolean reverse, VersionSink sink) {
        if (lsn <= startLsn) return;
        ConcurrentNavigableMap<VersionKey, byte[]> range = versions;
        if (from != null) range = range.tailMap(new VersionKey(from, Long.MIN_VALUE), true);
        if (to != null) range = range.headMap(new VersionKey(to, Long.MIN_VALUE), false);
        if (reverse) range = range.descendingMap();
        // versions of one key are adjacent: ascending LSN forward, descending in reverse
        byte[] current = null, newest = null;
        boolean have = false;
        for (Map.Entry<VersionKey, byte[]> e : range.entrySet()) {
            VersionKey k = e.getKey();
            if (current == null || Keys.compare(current, k.key) != 0) {
                if (have && !sink.accept(current, newest == TOMBSTONE ? null : newest)) return;
                current = k.key;
                have = false;
            }
            if (k.lsn <= lsn && (!reverse || !have)) {
                newest = e.getValue();
                have = true;
            }
        }
        if (have) sink.accept(current, newest == TOMBSTONE ? null : newest);
    }

    /** The frozen contents as a delta layer over (startLsn, endLsn]. */
    public Layer toDeltaLayer(String suffix) {
        int n = versions.size();
        byte[][] keys = new byte[n][], values = new byte[n][];
        long[] lsns = new long[n];
        int i = 0;
        for (Map.Entry<VersionKey, byte[]> e : versions.entrySet()) {
            keys[i] = e.getKey().key;
            lsns[i] = e.getKey().lsn;
            values[i] = e.getValue() == TOMBSTONE ? null : e.getValue();
            i++;
        }
        long[] clockLsns = new long[clock.size()], clockTimes = new long[clock.size()];
        for (int j = 0; j < clock.size(); j++) {
            clockLsns[j] = clock.get(j)[0];
            clockTimes[j] = clock.get(j)[1];
        }
        return new Layer(LayerName.delta(startLsn, endLsn, suffix), keys, lsns, values, clockLsns, clockTimes);
    }
}
