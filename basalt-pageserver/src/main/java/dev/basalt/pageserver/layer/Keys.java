package dev.basalt.pageserver.layer;

import java.util.Arrays;
import java.util.Comparator;

/** Keys are compared as unsigned bytes, the order the engine's KV SPI and the compute use. */
public final class Keys {
    public static final Comparator<byte[]> ORDER = Arrays::compareUnsigned;

    private Keys() {}

    public static int compare(byte[] a, byte[] b) { return Arrays.compareUnsigned(a, b); }

    /** True when {@code key} lies in [from, to) (a null bound is open). */
    public static boolean inRange(byte[] key, byte[] from, byte[] to) {
        return (from == null || compare(key, from) >= 0) && (to == null || compare(key, to) < 0);
    }
}
