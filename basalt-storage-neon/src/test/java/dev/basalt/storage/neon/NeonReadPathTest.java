package dev.basalt.storage.neon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The read path: lazy start, the bounded cache, the overlay while the page server lags, and trimming. */
class NeonReadPathTest {

    private static byte[] b(String s) { return s.getBytes(UTF_8); }

    private static String read(NeonKvStore s, String key) {
        try (KvSnapshot snap = s.snapshot()) {
            byte[] v = snap.get(b(key));
            return v == null ? null : new String(v, UTF_8);
        }
    }

    private static List<String> keys(KvCursor cursor) {
        List<String> out = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) out.add(new String(cursor.key(), UTF_8) + "=" + new String(cursor.value(), UTF_8));
        }
        return out;
    }

    private static void fill(InMemoryWalLog log, int keys, int valueBytes) {
        try (NeonKvStore writer = NeonKvStore.open(log, new InMemoryPageReader(log), NeonOptions.defaults())) {
            for (int i = 0; i < keys; i += 100) {
                WriteBatch batch = new WriteBatch();
                for (int j = i; j < i + 100 && j < keys; j++) batch.put(b(String.format("k%05d", j)), new byte[valueBytes]);
                writer.commit(batch);
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not reached in 10 s");
            Thread.sleep(5);
        }
    }

    @Test
    void aNewComputeStartsWithoutReadingAndFetchesLazily() {
        InMemoryWalLog log = new InMemoryWalLog();
        fill(log, 1000, 10);
        LaggingPageReader pages = new LaggingPageReader(log);
        try (NeonKvStore compute = NeonKvStore.open(log, pages, NeonOptions.defaults())) {
            assertEquals(10, compute.lastSequence());
            assertEquals(0, pages.gets.get() + pages.scans.get(), "opening must not read data");
            assertEquals(10, read(compute, "k00042").length());
            assertEquals(1, pages.gets.get());
            read(compute, "k00042");
            assertEquals(1, pages.gets.get(), "the second read comes from the cache");
            assertEquals(1, compute.cacheHits());
        }
    }

    @Test
    void theCacheStaysWithinItsBound() {
        InMemoryWalLog log = new InMemoryWalLog();
        fill(log, 2000, 100);
        long bound = 20_000;
        LaggingPageReader pages = new LaggingPageReader(log);
        try (NeonKvStore compute = NeonKvStore.open(log, pages, NeonOptions.defaults().withCacheBytes(bound))) {
            for (int i = 0; i < 2000; i++) read(compute, String.format("k%05d", i));
            assertTrue(compute.cacheBytes() <= bound, "cache holds " + compute.cacheBytes() + " bytes");
            assertTrue(compute.cacheBytes() > bound / 2, "cache holds " + compute.cacheBytes() + " bytes");
            int before = pages.gets.get();
            read(compute, "k01999"); // recently used: still cached
            assertEquals(before, pages.gets.get());
            read(compute, "k00000"); // least recently used: evicted
            assertEquals(before + 1, pages.gets.get());
        }
    }

    @Test
    void ownCommitsAreReadFromTheOverlayWhileThePageServerLagsThenTrimmed() throws Exception {
        InMemoryWalLog log = new InMemoryWalLog();
        fill(log, 300, 1);
        LaggingPageReader pages = new LaggingPageReader(log);
        try (NeonKvStore compute = NeonKvStore.open(log, pages, NeonOptions.defaults())) {
            long start = compute.lastSequence();
            pages.cap = start; // the page server stops applying
            assertEquals(1, read(compute, "k00007").length()); // cached at the floor
            for (int i = 0; i < 20; i++) {
                compute.commit(new WriteBatch().put(b("k00007"), b("new" + i)).put(b("n" + i), b("v" + i)).delete(b(String.format("k%05d", i + 100))));
            }
            assertTrue(compute.overlayBytes() > 0);
            assertEquals("new19", read(compute, "k00007"));
            assertEquals("v3", read(compute, "n3"));
            assertNull(read(compute, "k00105"));
            assertEquals(1, read(compute, "k00200").length()); // untouched: the page server at the floor, no waiting
            try (KvSnapshot snap = compute.snapshot()) {
                List<String> range = keys(snap.scan(b("k00098"), b("k00122")));
                assertEquals(List.of("k00098=\0", "k00099=\0", "k00120=\0", "k00121=\0"), range);
                assertEquals(List.of("n9=v9", "n8=v8", "n7=v7"), keys(snap.scanReverse(b("n7"), b("n9z"))));
            }

            pages.cap = Long.MAX_VALUE; // it catches up: the overlay empties, the cached k00007 is refreshed
            await(() -> compute.overlayBytes() == 0 && compute.floorLsn() == compute.lastSequence());
            int gets = pages.gets.get();
            assertEquals("new19", read(compute, "k00007"));
            assertEquals(gets, pages.gets.get(), "k00007 was refreshed in the cache when the floor passed it");
            assertEquals("v3", read(compute, "n3"));
            assertNull(read(compute, "k00105"));
        }
    }

    @Test
    void anOpenSnapshotKeepsItsViewWhileTheFloorMovesPastIt() throws Exception {
        InMemoryWalLog log = new InMemoryWalLog();
        LaggingPageReader pages = new LaggingPageReader(log);
        try (NeonKvStore compute = NeonKvStore.open(log, pages, NeonOptions.defaults())) {
            compute.commit(new WriteBatch().put(b("a"), b("1")).put(b("b"), b("1")));
            await(() -> compute.floorLsn() == 1);
            pages.cap = 1;
            compute.commit(new WriteBatch().put(b("a"), b("2")));
            try (KvSnapshot old = compute.snapshot()) {
                compute.commit(new WriteBatch().put(b("a"), b("3")).delete(b("b")));
                pages.cap = Long.MAX_VALUE;
                await(() -> compute.floorLsn() == 3);
                assertEquals("2", new String(old.get(b("a")), UTF_8));
                assertEquals("1", new String(old.get(b("b")), UTF_8));
                assertEquals(List.of("a=2", "b=1"), keys(old.scan(null, null)));
            }
            assertEquals("3", read(compute, "a"));
            assertNull(read(compute, "b"));
            await(() -> compute.overlayBytes() == 0);
        }
    }

    @Test
    void aReadByAnOldSnapshotDoesNotLeaveAStaleValueInTheCache() throws Exception {
        InMemoryWalLog log = new InMemoryWalLog();
        LaggingPageReader pages = new LaggingPageReader(log);
        try (NeonKvStore compute = NeonKvStore.open(log, pages, NeonOptions.defaults())) {
            compute.commit(new WriteBatch().put(b("k"), b("1")));
            await(() -> compute.floorLsn() == 1 && compute.overlayBytes() == 0);
            pages.cap = 1;
            try (KvSnapshot old = compute.snapshot()) {
                compute.commit(new WriteBatch().put(b("k"), b("2")));
                pages.cap = Long.MAX_VALUE;
                await(() -> compute.floorLsn() == 2);
                assertEquals("1", new String(old.get(b("k")), UTF_8)); // from the page server at LSN 1
            }
            await(() -> compute.overlayBytes() == 0);
            assertEquals("2", read(compute, "k"));
        }
    }

    @Test
    void commitsWaitWhileTheOverlayIsFullAndGoOnWhenThePageServerCatchesUp() throws Exception {
        InMemoryWalLog log = new InMemoryWalLog();
        LaggingPageReader pages = new LaggingPageReader(log);
        try (NeonKvStore compute = NeonKvStore.open(log, pages, NeonOptions.defaults().withOverlayBytes(2_000))) {
            pages.cap = 0;
            compute.commit(new WriteBatch().put(b("big"), new byte[5_000])); // over the bound now
            Thread next = Thread.ofVirtual().start(() -> compute.commit(new WriteBatch().put(b("x"), b("1"))));
            next.join(300);
            assertTrue(next.isAlive(), "the second commit waits for room");
            pages.cap = Long.MAX_VALUE;
            next.join(10_000);
            assertEquals("1", read(compute, "x"));
            assertEquals(2, compute.lastSequence());
        }
    }
}
