package dev.basalt.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers keep getting and scanning while the writer grows the map many times. A reader touching
 * the old mapping would crash the JVM; a cursor that failed to re-seek would see wrong rows.
 */
class LmdbMapGrowthStressTest {

    @TempDir
    Path tmp;

    @Test
    void readersSurviveRepeatedRemaps() throws Exception {
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), LmdbOptions.defaults().withInitialMapSize(256 << 10))) {
            // A fixed set of rows whose values always sum to zero within any snapshot.
            WriteBatch seed = new WriteBatch();
            for (int i = 0; i < 100; i++) seed.put(String.format("acct%03d", i).getBytes(UTF_8), "0".getBytes(UTF_8));
            store.commit(seed);

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong scans = new AtomicLong();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                readers.add(Thread.ofVirtual().start(() -> {
                    try {
                        while (writing.get()) {
                            try (KvSnapshot snap = store.snapshot(); KvCursor c = snap.scan("acct".getBytes(UTF_8), "acct~".getBytes(UTF_8))) {
                                long sum = 0;
                                int rows = 0;
                                while (c.next()) {
                                    sum += Long.parseLong(new String(c.value(), UTF_8));
                                    rows++;
                                    if (rows % 10 == 0) Thread.yield(); // let the writer remap mid-scan
                                }
                                assertEquals(100, rows);
                                assertEquals(0, sum);
                                assertTrue(snap.get("acct050".getBytes(UTF_8)) != null);
                                scans.incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            byte[] blob = new byte[2048];
            for (int round = 1; round <= 200; round++) {
                // Every account 0 except two holding -round and +round: the sum stays zero.
                int debit = round % 100;
                int credit = (debit + 1 + round % 99) % 100;
                WriteBatch batch = new WriteBatch();
                for (int i = 0; i < 100; i++) {
                    long v = i == debit ? -round : i == credit ? round : 0;
                    batch.put(String.format("acct%03d", i).getBytes(UTF_8), Long.toString(v).getBytes(UTF_8));
                }
                // Bulk that forces the map to grow every few rounds.
                for (int i = 0; i < 64; i++) batch.put(String.format("bulk%04d-%02d", round, i).getBytes(UTF_8), blob);
                store.commit(batch);
            }
            writing.set(false);
            for (Thread r : readers) r.join();
            if (failure.get() != null) throw new AssertionError(failure.get());
            assertTrue(store.mapGrowthCount() >= 4, "growths " + store.mapGrowthCount());
            assertTrue(scans.get() > 0);
        }
    }
}
