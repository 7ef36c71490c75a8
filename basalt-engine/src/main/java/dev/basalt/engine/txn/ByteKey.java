package dev.basalt.engine.txn;

import java.util.Arrays;

/**
 * A byte[] with value equality, for hash maps of keys. The hash is FNV-1a, not Arrays.hashCode:
 * encoded keys differ in adjacent bytes (big-endian integers), and 31-based hashes collide there
 * ({@code [a, b]} and {@code [a+1, b-31]}), so the commit path's maps of recently written keys
 * filled with equal hashes. Comparable (unsigned, as the store orders keys) so that a HashMap bin of
 * equal hashes is still searched in log time.
 */
record ByteKey(byte[] bytes, int hash) implements Comparable<ByteKey> {
    static ByteKey of(byte[] b) {
        int h = 0x811c9dc5;
        for (byte x : b) h = (h ^ (x & 0xff)) * 0x01000193;
        return new ByteKey(b, h);
    }

    @Override public boolean equals(Object o) { return o instanceof ByteKey k && k.hash == hash && Arrays.equals(k.bytes, bytes); }

    @Override public int hashCode() { return hash; }

    @Override public int compareTo(ByteKey o) { return Arrays.compareUnsigned(bytes, o.bytes); }
}
