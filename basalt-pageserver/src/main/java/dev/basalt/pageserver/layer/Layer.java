package dev.basalt.pageserver.layer;

import java.util.Arrays;

/**
 * An immutable layer held decoded in memory: entries sorted by (key, LSN) ascending, plus the commit
 * times of the LSNs it covers (delta layers only; they let a branch be created at a timestamp after a
 * restart). A null value is a tombstone. Image layers hold one entry per live key, at {@code endLsn}.
 */
public final class Layer implements VersionSource {

    private final LayerName name;
    private final byte[][] keys;
    private final long[] lsns;
    private final byte[][] values;
    private final long[] clockLsns;
    private final long[] clockTimes;

    public Layer(LayerName name, byte[][] keys, long[] lsns, byte[][] values, long[] clockLsns, long[] clockTimes) {
        this.name = name;
        this.keys = keys;
        this.lsns = lsns;
        this.values = values;
        this.clockLsns = clockLsns;
        this.clockTimes = clockTimes;
    }

    public LayerName name() { return name; }
    public int size() { return keys.length; }
    public byte[] key(int i) { return keys[i]; }
    public long lsn(int i) { return lsns[i]; }
    public byte[] value(int i) { return values[i]; }
    public long[] clockLsns() { return clockLsns; }
    public long[] clockTimes() { return clockTimes; }

    /** Approximate bytes held (for memory accounting and logs). */
    public long bytes() {
        long n = 0;
        for (int i = 0; i < keys.length; i++) n += keys[i].length + (values[i] == null ? 0 : values[i].length) + 24;
        return n;
    }

    @Override
    public Lookup lookup(byte[] key, long lsn) {
        if (lsn <= name.startLsn() && !name.isImage()) return Lookup.MISSING;
        if (name.isImage()) {
            if (lsn < name.endLsn()) return Lookup.MISSING;
            int i = lowerBound(key);
            return Lookup.of(i < keys.length && Keys.compare(keys[i], key) == 0 ? values[i] : null);
        }
        int i = floor(key, lsn);
        if (i < 0 || Keys.compare(keys[i], key) != 0) return Lookup.MISSING;
        return Lookup.of(values[i]);
    }

    @Override
    public void scan(byte[] from, byte[] to, long lsn, boolean reverse, VersionSink sink) {
        if (name.isImage() ? lsn < name.endLsn() : lsn <= name.startLsn()) return;
        if (!reverse) {
            int i = from == null ? 0 : lowerBound(from);
            while (i < keys.length && (to == null || Keys.compare(keys[i], to) < 0)) {
                byte[] key = keys[i];
                int newest = -1;
                for (; i < keys.length && Arrays.equals(keys[i], key); i++) if (lsns[i] <= lsn) newest = i;
                if (newest >= 0 && !sink.accept(key, values[newest])) return;
            }
        } else {
            int i = (to == null ? keys.length : lowerBound(to)) - 1;
            while (i >= 0 && (from == null || Keys.compare(keys[i], from) >= 0)) {
                byte[] key = keys[i];
                int newest = -1; // walking down a key's versions: the first at or below lsn is the newest
                for (; i >= 0 && Arrays.equals(keys[i], key); i--) if (newest < 0 && lsns[i] <= lsn) newest = i;
                if (newest >= 0 && !sink.accept(key, values[newest])) return;
            }
        }
    }

    /** The first entry whose key is {@code >= key}. */
    private int lowerBound(byte[] key) {
        int lo = 0, hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Keys.compare(keys[mid], key) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** The last entry with (key, lsn) {@code <=} the given pair, or -1. */
    private int floor(byte[] key, long lsn) {
        int lo = 0, hi = keys.length; // find first entry > (key, lsn)
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = Keys.compare(keys[mid], key);
            if (c < 0 || (c == 0 && lsns[mid] <= lsn)) lo = mid + 1;
            else hi = mid;
        }
        return lo - 1;
    }

    @Override
    public String toString() { return name + " (" + keys.length + " entries)"; }
}
