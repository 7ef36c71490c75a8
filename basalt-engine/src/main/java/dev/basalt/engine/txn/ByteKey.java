package dev.basalt.engine.txn;

import java.util.Arrays;

/** A byte[] with value equality, for hash maps of keys. */
record ByteKey(byte[] bytes, int hash) {
    static ByteKey of(byte[] b) { return new ByteKey(b, hash(b)); }

    /**
     * FNV-1a over the bytes. Not Arrays.hashCode: its factor 31 makes keys that differ only in
     * their last bytes collide in groups (a row id n and n + 225 share a hash when their low bytes
     * are (x, y + 31) and (x + 1, y)), which turned the conflict tracker's buckets into trees of
     * look-alike keys under sysbench's sequential ids.
     */
    private static int hash(byte[] b) {
        int h = 0x811C9DC5;
        for (byte x : b) h = (h ^ (x & 0xFF)) * 0x01000193;
        return h ^ (h >>> 16);
    }

    @Override public boolean equals(Object o) { return o instanceof ByteKey k && k.hash == hash && Arrays.equals(k.bytes, bytes); }

    @Override public int hashCode() { return hash; }
}
