package dev.basalt.storage.memory;

import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput of the memory store. Run with
 * {@code mvn -o -q -pl basalt-storage-memory -am test -Dtest=MemoryBench -Dsurefire.failIfNoSpecifiedTests=false -Dbasalt.bench=true}.
 */
class MemoryBench {

    @Test
    @EnabledIfSystemProperty(named = "basalt.bench", matches = "true")
    void run() throws Exception {
        main(new String[0]);
    }

    private static byte[] key(long i) {
        byte[] k = new byte[12];
        k[0] = 't';
        k[1] = 1;
        for (int b = 0; b < 8; b++) k[4 + b] = (byte) (i >>> (56 - 8 * b));
        return k;
    }

    public static void main(String[] args) throws Exception {
        int total = 1_000_000;
        try (MemoryKvStore store = new MemoryKvStore()) {
            byte[] value = new byte[100];
            long t0 = System.nanoTime();
            for (int i = 0; i < total; i += 1000) {
                WriteBatch batch = new WriteBatch();
                for (int j = i; j < i + 1000; j++) batch.put(key(j), value);
                store.commit(batch);
            }
            report("bulk load: 1,000,000 puts in batches of 1,000", total, t0);

            t0 = System.nanoTime();
            try (KvSnapshot snap = store.snapshot()) {
                for (int i = 0; i < total; i++) if (snap.get(key((i * 7919L) % total)) == null) throw new AssertionError();
            }
            report("point gets, one snapshot, random order", total, t0);

            AtomicLong next = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            t0 = System.nanoTime();
            for (int t = 0; t < 8; t++) {
                workers.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 50_000; i++) store.commit(new WriteBatch().put(key(total + next.getAndIncrement()), value));
                }));
            }
            for (Thread w : workers) w.join();
            report("8 threads x single-put commits", 400_000, t0);
        }
    }

    private static void report(String what, long ops, long startNanos) {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-60s %,12.0f ops/s  (%.2f s)%n", what, ops / secs, secs);
    }
}
