package dev.basalt.storage.lmdb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keys longer than LMDB allows (511 bytes by default; index keys on long strings get there).
 *
 * <p>With P = LMDB's maximum key size, a key shorter than P is stored as is. A key of P bytes or
 * more is stored in a bucket: the LMDB entry whose key is its first P bytes, holding every such
 * key's remaining bytes (suffix) and value, sorted by suffix. Since no directly stored key has P
 * bytes, every LMDB key of exactly P bytes is a bucket, and since a key shorter than P cannot
 * start with a P-byte prefix, all keys sharing that prefix sort right there: the bucket's
 * position in LMDB is exactly where its keys belong, so ordered scans just expand it in place.
 *
 * <p>Encoding: entries in ascending unsigned suffix order, each {@code int suffixLength, suffix,
 * int valueLength, value} (big-endian ints).
 */
final class LongKeyBucket {

    record Entry(byte[] suffix, byte[] value) {}

    private LongKeyBucket() {}

    static List<Entry> decode(ByteBuffer buffer) {
        buffer.order(ByteOrder.BIG_ENDIAN);
        List<Entry> entries = new ArrayList<>();
        int pos = buffer.position();
        int end = buffer.limit();
        while (pos < end) {
            int suffixLength = buffer.getInt(pos);
            byte[] suffix = new byte[suffixLength];
            buffer.get(pos + 4, suffix);
            pos += 4 + suffixLength;
            int valueLength = buffer.getInt(pos);
            byte[] value = new byte[valueLength];
            buffer.get(pos + 4, value);
            pos += 4 + valueLength;
            entries.add(new Entry(suffix, value));
        }
        return entries;
    }

    /** The value of {@code key} (whose first {@code prefixLength} bytes chose this bucket), or null. */
    static byte[] find(ByteBuffer buffer, byte[] key, int prefixLength) {
        buffer.order(ByteOrder.BIG_ENDIAN);
        int pos = buffer.position();
        int end = buffer.limit();
        int suffixLength = key.length - prefixLength;
        while (pos < end) {
            int len = buffer.getInt(pos);
            int cmp = compareSuffix(buffer, pos + 4, len, key, prefixLength);
            pos += 4 + len;
            int valueLength = buffer.getInt(pos);
            if (cmp == 0 && len == suffixLength) {
                byte[] value = new byte[valueLength];
                buffer.get(pos + 4, value);
                return value;
            }
            if (cmp > 0) return null; // sorted: passed where it would be
            pos += 4 + valueLength;
        }
        return null;
    }

    /** Unsigned comparison of the stored suffix with {@code key[from..]}. */
    private static int compareSuffix(ByteBuffer buffer, int at, int length, byte[] key, int from) {
        int keyLength = key.length - from;
        int n = Math.min(length, keyLength);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(buffer.get(at + i) & 0xff, key[from + i] & 0xff);
            if (c != 0) return c;
        }
        return Integer.compare(length, keyLength);
    }

    /** Index of the entry with this suffix, or (-(insertion point) - 1). */
    static int indexOf(List<Entry> entries, byte[] suffix) {
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(entries.get(mid).suffix(), suffix);
            if (c < 0) lo = mid + 1;
            else if (c > 0) hi = mid - 1;
            else return mid;
        }
        return -(lo + 1);
    }

    static int encodedSize(List<Entry> entries) {
        int size = 0;
        for (Entry e : entries) size += 8 + e.suffix().length + e.value().length;
        return size;
    }

    static void encode(List<Entry> entries, ByteBuffer target) {
        target.order(ByteOrder.BIG_ENDIAN);
        int pos = 0;
        for (Entry e : entries) {
            target.putInt(pos, e.suffix().length);
            target.put(pos + 4, e.suffix());
            pos += 4 + e.suffix().length;
            target.putInt(pos, e.value().length);
            target.put(pos + 4, e.value());
            pos += 4 + e.value().length;
        }
    }

    static byte[] fullKey(byte[] prefix, byte[] suffix) {
        byte[] key = Arrays.copyOf(prefix, prefix.length + suffix.length);
        System.arraycopy(suffix, 0, key, prefix.length, suffix.length);
        return key;
    }
}
