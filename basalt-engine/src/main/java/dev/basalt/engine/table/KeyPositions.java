package dev.basalt.engine.table;

/**
 * Where keys lie in a range, as fractions of the key space: the bytes after the keys' common
 * prefix read as a base-256 fraction. Ordered keys map to ordered positions, so the share of a
 * range's positions that a counted run of entries covers estimates the share of its entries
 * (exact for evenly spread keys such as dense integer ids; InnoDB's records_in_range estimates
 * from page positions in the B-tree the same way).
 */
final class KeyPositions {
    private KeyPositions() {}

    /** Bytes of each key read past the common prefix (8 bytes: finer than any count here). */
    private static final int DEPTH = 8;

    /**
     * Entries in a range from a count of its first {@code counted} entries: {@code first} is the
     * range's first key, {@code reached} the last key counted, {@code last} the range's last key.
     * Returns {@code counted} when the positions cannot tell (keys equal that far).
     */
    static double extrapolate(byte[] first, byte[] reached, byte[] last, long counted) {
        int common = commonPrefix(first, last);
        double from = position(first, common), covered = position(reached, common) - from;
        double whole = position(last, common) - from;
        if (covered <= 0 || whole <= covered) return counted;
        return counted * (whole / covered);
    }

    private static int commonPrefix(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length), i = 0;
        while (i < n && a[i] == b[i]) i++;
        return i;
    }

    private static double position(byte[] key, int from) {
        double p = 0, scale = 1;
        for (int i = from; i < from + DEPTH; i++) {
            scale /= 256;
            if (i < key.length) p += (key[i] & 0xff) * scale;
        }
        return p;
    }
}
