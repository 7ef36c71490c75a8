package dev.basalt.storage.neon;

import dev.basalt.disagg.KeyValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Whole key ranges the compute has scanned from the page server, kept as they are at the store's
 * floor LSN: every key of a covered range is here (an absent key is absent at the floor). Filled by
 * finished page-server scans and kept current by replaying this compute's own commits as the floor
 * passes them (only this compute writes the timeline, so no other change can reach the range).
 *
 * <p>Not thread-safe: {@link VersionCache} owns it and guards it with its lock, so the floor, the
 * point entries and the ranges move together. Bounded by bytes through {@link #evictOne()}, which
 * shrinks the least recently used range from its end.
 */
final class RangeCache {

    private static final int ENTRY_OVERHEAD = 80;
    private static final int RANGE_OVERHEAD = 120;
    private static final int MAX_RANGES = 4_096;
    private static final byte[] START = new byte[0];

    /** A covered range [from, to); {@code to == null} is open at the end. */
    private static final class Range {
        final byte[] from;
        byte[] to;
        long lastUse;

        Range(byte[] from, byte[] to, long lastUse) {
            this.from = from;
            this.to = to;
            this.lastUse = lastUse;
        }

        long size() { return RANGE_OVERHEAD + from.length + (to == null ? 0 : to.length); }
    }

    private final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
    private final TreeMap<byte[], Range> ranges = new TreeMap<>(Arrays::compareUnsigned);
    private long bytes;
    private long clock;

    long bytes() { return bytes; }

    int rangeCount() { return ranges.size(); }

    /** True when the key lies in a covered range. */
    boolean covers(byte[] key) {
        Map.Entry<byte[], Range> e = ranges.floorEntry(key);
        return e != null && (e.getValue().to == null || Arrays.compareUnsigned(key, e.getValue().to) < 0);
    }

    /** The covered range holding all of [from, to) (null bounds open), or null. */
    private Range covering(byte[] from, byte[] to) {
        Map.Entry<byte[], Range> e = ranges.floorEntry(from == null ? START : from);
        if (e == null) return null;
        Range r = e.getValue();
        if (r.to == null) return r;
        if (to == null) return null;
        return Arrays.compareUnsigned(to, r.to) <= 0 && (from == null || Arrays.compareUnsigned(from, r.to) < 0) ? r : null;
    }

    /** The value of a covered key at the floor (null: absent); call only when {@link #covers} is true. */
    byte[] get(byte[] key) { return entries.get(key); }

    /**
     * Up to {@code limit} entries of [from, to) in scan order, or null when the range is not wholly
     * covered. The list is shorter than {@code limit + 1} when it holds the whole range.
     */
    List<KeyValue> read(byte[] from, byte[] to, boolean reverse, int limit) {
        Range r = covering(from, to);
        if (r == null) return null;
        r.lastUse = ++clock;
        NavigableMap<byte[], byte[]> sub = sub(from, to);
        List<KeyValue> out = new ArrayList<>(Math.min(limit + 1, 128));
        for (Map.Entry<byte[], byte[]> e : (reverse ? sub.descendingMap() : sub).entrySet()) {
            out.add(new KeyValue(e.getKey(), e.getValue()));
            if (out.size() > limit) break;
        }
        return out;
    }

    /** Replaces [from, to) with {@code scanned} (its whole contents at the floor) and covers it. */
    void fill(byte[] from, byte[] to, List<KeyValue> scanned) {
        if (from == null) from = START;
        NavigableMap<byte[], byte[]> sub = sub(from, to);
        for (Map.Entry<byte[], byte[]> e : sub.entrySet()) bytes -= entrySize(e.getKey(), e.getValue());
        sub.clear();
        for (KeyValue kv : scanned) put(kv.key(), kv.value());
        cover(from, to);
    }

    /** One of our commits the floor passed: a covered key takes the new value (null: deleted). */
    void passed(byte[] key, byte[] value) {
        if (!covers(key)) return;
        if (value == null) {
            byte[] old = entries.remove(key);
            if (old != null) bytes -= entrySize(key, old);
        } else {
            put(key, value);
        }
    }

    /** Frees some room: the last entry of the least recently used range goes, and the range ends before it. */
    boolean evictOne() {
        Range lru = null;
        for (Range r : ranges.values()) if (lru == null || r.lastUse < lru.lastUse) lru = r;
        if (lru == null) return false;
        Map.Entry<byte[], byte[]> last = (lru.to == null ? entries.lastEntry() : entries.lowerEntry(lru.to));
        if (last == null || Arrays.compareUnsigned(last.getKey(), lru.from) < 0) {
            removeRange(lru);
            return true;
        }
        entries.remove(last.getKey());
        bytes -= entrySize(last.getKey(), last.getValue());
        bytes -= lru.size();
        lru.to = last.getKey();
        bytes += lru.size();
        if (Arrays.compareUnsigned(lru.from, lru.to) >= 0) removeRange(lru);
        return true;
    }

    private void removeRange(Range r) {
        ranges.remove(r.from);
        bytes -= r.size();
        for (Map.Entry<byte[], byte[]> e : sub(r.from, r.to).entrySet()) bytes -= entrySize(e.getKey(), e.getValue());
        sub(r.from, r.to).clear();
    }

    /** Adds [from, to) to the covered ranges, merging it with those it overlaps or touches. */
    private void cover(byte[] from, byte[] to) {
        Map.Entry<byte[], Range> before = ranges.floorEntry(from);
        if (before != null && (before.getValue().to == null || Arrays.compareUnsigned(before.getValue().to, from) >= 0)) {
            from = before.getKey();
            to = max(to, before.getValue().to);
        }
        while (true) {
            Map.Entry<byte[], Range> next = ranges.ceilingEntry(from);
            if (next == null || (to != null && Arrays.compareUnsigned(next.getKey(), to) > 0)) break;
            to = max(to, next.getValue().to);
            bytes -= next.getValue().size();
            ranges.remove(next.getKey());
        }
        Range r = new Range(from, to, ++clock);
        ranges.put(from, r);
        bytes += r.size();
        while (ranges.size() > MAX_RANGES) evictOne();
    }

    private static byte[] max(byte[] a, byte[] b) {
        if (a == null || b == null) return null;
        return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private void put(byte[] key, byte[] value) {
        byte[] old = entries.put(key, value);
        if (old != null) bytes -= entrySize(key, old);
        bytes += entrySize(key, value);
    }

    private NavigableMap<byte[], byte[]> sub(byte[] from, byte[] to) {
        if (from == null) from = START;
        return to == null ? entries.tailMap(from, true) : entries.subMap(from, true, to, false);
    }

    private static long entrySize(byte[] key, byte[] value) { return ENTRY_OVERHEAD + key.length + value.length; }
}
