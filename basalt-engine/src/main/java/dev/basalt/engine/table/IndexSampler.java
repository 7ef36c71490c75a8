package dev.basalt.engine.table;

import dev.basalt.engine.storage.codec.KeyCodec;
import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.txn.Transaction;

import java.util.Arrays;

/**
 * Counts distinct key prefixes of one index for ANALYZE TABLE: a key-only pass over the index's
 * entries in key order, where a prefix of {@code i} parts is new whenever the encoded bytes of the
 * first {@code i} parts differ from the previous entry's. Keys compare as collation sort keys, so
 * 'a' and 'A' under a case-insensitive collation are one value, as in InnoDB. NULLs count as one
 * value (InnoDB's default innodb_stats_method = nulls_equal).
 */
final class IndexSampler {
    private IndexSampler() {}

    /**
     * Reads at most {@code limit} entries.
     *
     * @return {@code [entries read, distinct 1-part prefixes, distinct 2-part prefixes, ...]}
     */
    static long[] distinctPrefixes(Transaction txn, IndexLayout ix, byte[] from, byte[] to, long limit) {
        int parts = ix.types.length;
        long[] out = new long[parts + 1];
        int[] previousEnds = new int[parts];
        byte[] previous = null;
        try (KvCursor c = txn.scan(from, to)) {
            while (out[0] < limit && c.next()) {
                byte[] key = c.key();
                int[] ends = new int[parts];
                int off = ix.prefix.length;
                for (int i = 0; i < parts; i++) {
                    off = KeyCodec.skip(key, off, ix.types[i], ix.descending[i]);
                    ends[i] = off;
                }
                boolean changed = previous == null;
                for (int i = 0; i < parts; i++) {
                    // once a shorter prefix changed, every longer one did too
                    if (!changed) changed = ends[i] != previousEnds[i] || !Arrays.equals(key, 0, ends[i], previous, 0, ends[i]);
                    if (changed) out[i + 1]++;
                }
                previous = key;
                System.arraycopy(ends, 0, previousEnds, 0, parts);
                out[0]++;
            }
        }
        return out;
    }
}
