package dev.basalt.storage.lmdb;

import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput of the shapes the engine produces. Not part of the normal build: run with
 * {@code mvn -o -q -pl basalt-storage-lmdb -am test -Dtest=LmdbBench -Dsurefire.failIfNoSpecifiedTests=false -Dbasalt.bench=true}
 * (add {@code -Dbasalt.bench.commitsOnly=true} for just the FULL / RELAXED / WAL commit comparison)
 * or as a main class.
 */
class LmdbBench {

    @Test
    @EnabledIfSystemProperty(named = "basalt.bench", matches = "true")
    void run() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("basalt-bench");
        try {
            if (!Boolean.getBoolean("basalt.bench.commitsOnly")) bulkLoad(root.resolve("bulk"));
            singlePutCommits(root.resolve("full"), Durability.FULL, 8, 1500);
            singlePutCommits(root.resolve("wal"), Durability.WAL, 8, 5000);
            singlePutCommits(root.resolve("relaxed"), Durability.RELAXED, 8, 5000);
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // temp dir
            }
        }
    }

    private static byte[] key(long i) {
        byte[] k = new byte[12];
        k[0] = 't';
        k[1] = 1;
        for (int b = 0; b < 8; b++) k[4 + b] = (byte) (i >>> (56 - 8 * b));
        return k;
    }

    private static void bulkLoad(Path dir) throws InterruptedException {
        int total = 1_000_000;
        int batchSize = 1_000;
        byte[] value = new byte[100];
        try (LmdbKvStore store = LmdbKvStore.open(dir, LmdbOptions.defaults())) {
            long t0 = System.nanoTime();
            for (int i = 0; i < total; i += batchSize) {
                WriteBatch batch = new WriteBatch();
                for (int j = i; j < i + batchSize; j++) {
                    value[0] = (byte) j;
                    batch.put(key(j), value.clone());
                }
                store.commit(batch);
            }
            report("bulk load: 1,000,000 puts (12 B keys, 100 B values) in batches of 1,000, FULL", total, t0);

            t0 = System.nanoTime();
            long found = 0;
            try (KvSnapshot snap = store.snapshot()) {
                for (int i = 0; i < total; i++) if (snap.get(key((i * 7919L) % total)) != null) found++;
            }
            if (found != total) throw new AssertionError("found " + found);
            report("point gets, one snapshot, random order", total, t0);

            t0 = System.nanoTime();
            long rows = 0;
            try (KvSnapshot snap = store.snapshot(); KvCursor c = snap.scan(null, null)) {
                while (c.next()) {
                    c.key();
                    c.value();
                    rows++;
                }
            }
            if (rows != total) throw new AssertionError("rows " + rows);
            report("full scan, key+value copied", total, t0);

            t0 = System.nanoTime();
            int snaps = 200_000;
            for (int i = 0; i < snaps; i++) {
                try (KvSnapshot snap = store.snapshot()) {
                    snap.get(key(i));
                }
            }
            report("snapshot open + 1 get + close", snaps, t0);

            int readers = 8;
            int perReader = 250_000;
            List<Thread> threads = new ArrayList<>();
            t0 = System.nanoTime();
            for (int r = 0; r < readers; r++) {
                int seed = r;
                threads.add(Thread.ofVirtual().start(() -> {
                    try (KvSnapshot snap = store.snapshot()) {
                        for (int i = 0; i < perReader; i++) {
                            if (snap.get(key((i * 7919L + seed) % total)) == null) throw new AssertionError();
                        }
                    }
                }));
            }
            for (Thread t : threads) t.join();
            report(readers + " virtual threads x point gets", (long) readers * perReader, t0);
        }
    }

    private static void singlePutCommits(Path dir, Durability durability, int threads, int perThread) throws Exception {
        try (LmdbKvStore store = LmdbKvStore.open(dir, LmdbOptions.defaults().withDurability(durability))) {
            AtomicLong next = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers.add(Thread.ofVirtual().start(() -> {
                    byte[] value = new byte[100];
                    for (int i = 0; i < perThread; i++) {
                        store.commit(new WriteBatch().put(key(next.getAndIncrement()), value));
                    }
                }));
            }
            for (Thread w : workers) w.join();
            report(threads + " threads x single-put commits, " + durability + " (" + store.groupCommitCount() + " group commits, "
                            + store.checkpointCount() + " checkpoints)",
                    (long) threads * perThread, t0);
        }
    }

    private static void report(String what, long ops, long startNanos) {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-95s %,12.0f ops/s  (%.2f s)%n", what, ops / secs, secs);
    }
}
