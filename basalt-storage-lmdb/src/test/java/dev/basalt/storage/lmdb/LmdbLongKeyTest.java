package dev.basalt.storage.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys around and beyond LMDB's key size limit (stored in {@link LongKeyBucket}s) behave exactly
 * like short ones: checked against a TreeMap model under random puts, deletes, gets and scans.
 */
class LmdbLongKeyTest {

    @TempDir
    Path tmp;

    private static final int P = 511; // LMDB's default maximum key size

    /** Keys that share long prefixes: lengths cluster around P so buckets fill and empty. */
    private static byte[] randomKey(Random rnd) {
        int[] lengths = {1, 5, P - 2, P - 1, P, P + 1, P + 3, 700, 1200};
        int len = lengths[rnd.nextInt(lengths.length)];
        byte[] k = new byte[len];
        Arrays.fill(k, (byte) 'a');
        // Differences only in a few positions: the start, around P, and the end.
        k[0] = (byte) ("ab\u00ff".charAt(rnd.nextInt(3)));
        if (len > P - 1) k[P - 1] = (byte) (rnd.nextBoolean() ? 'a' : 0x80);
        if (len > P + 1) k[P + 1] = (byte) (rnd.nextInt(3));
        if (len > 2) k[len - 1] = (byte) rnd.nextInt(4);
        return k;
    }

    @Test
    void longKeysMatchAnOrderedMapModel() {
        Random rnd = new Random(42);
        NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), LmdbOptions.defaults())) {
            for (int round = 0; round < 40; round++) {
                WriteBatch batch = new WriteBatch();
                for (int i = 0; i < 20; i++) {
                    byte[] k = randomKey(rnd);
                    if (rnd.nextInt(3) == 0) {
                        batch.delete(k);
                        model.remove(k);
                    } else {
                        byte[] v = ("v" + round + "-" + i).getBytes();
                        batch.put(k, v);
                        model.put(k, v);
                    }
                }
                store.commit(batch);
                check(store, model, rnd);
            }
        }
    }

    private static void check(LmdbKvStore store, NavigableMap<byte[], byte[]> model, Random rnd) {
        try (KvSnapshot snap = store.snapshot()) {
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) assertArrayEquals(e.getValue(), snap.get(e.getKey()));
            for (int i = 0; i < 20; i++) {
                byte[] k = randomKey(rnd);
                assertArrayEquals(model.get(k), snap.get(k));
            }
            assertEquals(keys(model.keySet()), scan(snap.scan(null, null)));
            assertEquals(keys(model.descendingKeySet()), scan(snap.scanReverse(null, null)));
            for (int i = 0; i < 10; i++) {
                byte[] a = randomKey(rnd);
                byte[] b = randomKey(rnd);
                if (Arrays.compareUnsigned(a, b) > 0) {
                    byte[] t = a;
                    a = b;
                    b = t;
                }
                NavigableMap<byte[], byte[]> range = Arrays.compareUnsigned(a, b) == 0 ? new TreeMap<>() : model.subMap(a, true, b, false);
                assertEquals(keys(range.keySet()), scan(snap.scan(a, b)));
                assertEquals(keys(range.descendingKeySet()), scan(snap.scanReverse(a, b)));
                assertEquals(keys(model.tailMap(a, true).keySet()), scan(snap.scan(a, null)));
                assertEquals(keys(model.headMap(b, false).descendingKeySet()), scan(snap.scanReverse(null, b)));
            }
        }
    }

    private static List<String> keys(Iterable<byte[]> keys) {
        List<String> out = new ArrayList<>();
        for (byte[] k : keys) out.add(Arrays.toString(k));
        return out;
    }

    private static List<String> scan(KvCursor cursor) {
        List<String> out = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) out.add(Arrays.toString(cursor.key()));
        }
        return out;
    }
}
