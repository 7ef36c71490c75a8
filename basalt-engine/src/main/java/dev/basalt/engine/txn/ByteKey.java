package dev.basalt.engine.txn;

import java.util.Arrays;

/** A byte[] with value equality, for hash maps of keys. */
record ByteKey(byte[] bytes, int hash) {
    static ByteKey of(byte[] b) { return new ByteKey(b, Arrays.hashCode(b)); }

    @Override public boolean equals(Object o) { return o instanceof ByteKey k && k.hash == hash && Arrays.equals(k.bytes, bytes); }

    @Override public int hashCode() { return hash; }
}
