package dev.basalt.engine.txn;

import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Scans that merge the write buffer over the snapshot agree with a plain map model. */
class MergeScanPropertyTest {

    private static byte[] key(int i) { return new byte[] {(byte) (i >> 8), (byte) i}; }

    @Test
    void mergedScansMatchTheModel() {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            TestKvStore store = new TestKvStore();
            TransactionManager tm = new TransactionManager(store);
            NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
            Transaction setup = tm.begin();
            for (int i = 0; i < 30; i++) {
                int k = rnd.nextInt(60);
                byte[] v = {(byte) rnd.nextInt(100)};
                setup.put(key(k), v);
                model.put(key(k), v);
            }
            setup.commit();
            Transaction t = tm.begin();
            for (int i = 0; i < 20; i++) {
                int k = rnd.nextInt(60);
                if (rnd.nextBoolean()) {
                    byte[] v = {(byte) (100 + rnd.nextInt(100))};
                    t.put(key(k), v);
                    model.put(key(k), v);
                } else {
                    t.delete(key(k));
                    model.remove(key(k));
                }
            }
            for (int q = 0; q < 10; q++) {
                byte[] from = rnd.nextInt(4) == 0 ? null : key(rnd.nextInt(64));
                byte[] to = rnd.nextInt(4) == 0 ? null : key(rnd.nextInt(64));
                NavigableMap<byte[], byte[]> range = model;
                if (from != null) range = range.tailMap(from, true);
                if (to != null) range = from != null && Arrays.compareUnsigned(from, to) > 0 ? new TreeMap<>() : range.headMap(to, false);
                assertEquals(render(range), read(t.scan(from, to)), "round " + round);
                assertEquals(render(range.descendingMap()), read(t.scanReverse(from, to)), "round " + round + " reverse");
            }
            t.rollback();
        }
    }

    private static List<String> render(NavigableMap<byte[], byte[]> m) {
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(Arrays.toString(k) + "=" + v[0]));
        return out;
    }

    private static List<String> read(KvCursor c) {
        List<String> out = new ArrayList<>();
        try (c) {
            while (c.next()) out.add(Arrays.toString(c.key()) + "=" + c.value()[0]);
        }
        return out;
    }
}
