package dev.basalt.storage.neon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.disagg.KeyValue;
import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The compute's cache of scanned ranges: a range scanned once is served without the page server,
 * stays right while our own commits write into it, and never shows an older snapshot a newer state.
 */
class NeonRangeCacheTest {

    private static byte[] b(String s) { return s.getBytes(UTF_8); }

    private static String k(int i) { return String.format("k%05d", i); }

    private static List<String> rows(KvCursor cursor) {
        List<String> out = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) out.add(new String(cursor.key(), UTF_8) + "=" + new String(cursor.value(), UTF_8));
        }
        return out;
    }

    private static List<String> scan(NeonKvStore s, String from, String to) {
        try (KvSnapshot snap = s.snapshot()) {
            return rows(snap.scan(b(from), b(to)));
        }
    }

    private static void fill(InMemoryWalLog log, int keys) {
        try (NeonKvStore writer = NeonKvStore.open(log, new InMemoryPageReader(log), NeonOptions.defaults())) {
            for (int i = 0; i < keys; i += 100) {
                WriteBatch batch = new WriteBatch();
                for (int j = i; j < i + 100 && j < keys; j++) batch.put(b(k(j)), b("v" + j));
                writer.commit(batch);
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not reached in 30 s");
            Thread.sleep(5);
        }
    }

    private static void awaitFloor(NeonKvStore s) throws InterruptedException {
        await(() -> s.floorLsn() == s.lastSequence());
    }

    @Test
    void aScannedRangeIsServedAgainWithoutThePageServer() {
        InMemoryWalLog log = new InMemoryWalLog();
        fill(log, 1000);
        LaggingPageReader pages = new LaggingPageReader(log);
        try (NeonKvStore compute = NeonKvStore.open(log, pages, NeonOptions.defaults())) {
            List<String> first = scan(compute, k(100), k(200));
            assertEquals(100, first.size());
            int scans = pages.scans.get();
            assertEquals(first, scan(compute, k(100), k(200)));
            assertEquals(first.subList(10, 20), scan(compute, k(110), k(120)), "a part of a cached range");
            try (KvSnapshot snap = compute.snapshot()) {
                List<String> reverse = rows(snap.scanReverse(b(k(100)), b(k(200))));
                assertEquals(first.reversed(), reverse);
                assertEquals("v150", new String(snap.get(b(k(150))), UTF_8), "a point read inside a cached range");
            }
            assertEquals(scans, pages.scans.get(), "no page server scan for a cached range");
            assertEquals(0, pages.gets.get(), "no page server get inside a cached range");
            scan(compute, k(150), k(250)); // overlaps the end: not wholly cached
            assertEquals(scans + 1, pages.scans.get());
            scan(compute, k(100), k(250)); // the two merged
            assertEquals(scans + 1, pages.scans.get());
        }
    }

    @Test
    void ownCommitsIntoACachedRangeAreSeenOnceTheFloorPassesThem() throws Exception {
        InMemoryWalLog log = new InMemoryWalLog();
        fill(log, 300);
        LaggingPageReader pages = new LaggingPageReader(log);
        try (NeonKvStore compute = NeonKvStore.open(log, pages, NeonOptions.defaults())) {
            scan(compute, k(0), k(300));
            int scans = pages.scans.get();
            compute.commit(new WriteBatch().put(b(k(5)), b("new")).delete(b(k(6))).put(b(k(6) + "a"), b("ins")));
            awaitFloor(compute);
            List<String> rows = scan(compute, k(4), k(8));
            assertEquals(List.of("k00004=v4", "k00005=new", "k00006a=ins", "k00007=v7"), rows);
            assertEquals(scans, pages.scans.get(), "the cached range was brought up to date, not read again");
        }
    }

    @Test
    void anOlderSnapshotDoesNotSeeCommitsTheCachedRangeAlreadyHas() throws Exception {
        InMemoryWalLog log = new InMemoryWalLog();
        fill(log, 300);
        LaggingPageReader pages = new LaggingPageReader(log);
        try (NeonKvStore compute = NeonKvStore.open(log, pages, NeonOptions.defaults())) {
            try (KvSnapshot old = compute.snapshot()) {
                compute.commit(new WriteBatch().put(b(k(5)), b("new")).delete(b(k(6))).put(b(k(6) + "a"), b("ins")));
                awaitFloor(compute);
                assertEquals(List.of("k00004=v4", "k00005=new", "k00006a=ins", "k00007=v7"), scan(compute, k(4), k(8)));
                assertEquals(List.of("k00004=v4", "k00005=v5", "k00006=v6", "k00007=v7"), rows(old.scan(b(k(4)), b(k(8)))));
                assertEquals("v5", new String(old.get(b(k(5))), UTF_8));
            }
        }
    }

    @Test
    void aScanClosedEarlyCachesOnlyThePartItRead() {
        InMemoryWalLog log = new InMemoryWalLog();
        fill(log, 1000);
        LaggingPageReader pages = new LaggingPageReader(log);
        try (NeonKvStore compute = NeonKvStore.open(log, pages, NeonOptions.defaults())) {
            try (KvSnapshot snap = compute.snapshot(); KvCursor c = snap.scan(b(k(0)), null)) {
                for (int i = 0; i < 10; i++) assertTrue(c.next());
            }
            int scans = pages.scans.get();
            assertEquals(5, scan(compute, k(2), k(7)).size());
            assertEquals(scans, pages.scans.get(), "inside the part read");
            assertEquals(100, scan(compute, k(2), k(102)).size());
            assertEquals(scans + 1, pages.scans.get(), "beyond it");
        }
    }

    @Test
    void aLongCachedRangeIsServedInPiecesAndStaysWithinTheBound() {
        InMemoryWalLog log = new InMemoryWalLog();
        fill(log, 3000);
        LaggingPageReader pages = new LaggingPageReader(log);
        long bound = 150_000;
        try (NeonKvStore compute = NeonKvStore.open(log, pages, NeonOptions.defaults().withCacheBytes(bound))) {
            List<String> all = scan(compute, k(0), k(300));
            int scans = pages.scans.get();
            assertEquals(all, scan(compute, k(0), k(300)));
            assertEquals(scans, pages.scans.get());
            for (int i = 0; i < 3000; i += 100) scan(compute, k(i), k(i + 100));
            assertTrue(compute.cacheBytes() <= bound, "cache holds " + compute.cacheBytes() + " bytes");
            assertEquals(3000, scan(compute, k(0), k(3000)).size());
        }
    }

    /**
     * Random commits, snapshots held across them and scans of random ranges, with the page server
     * lagging at times and a small cache: every scan equals the page server's own answer at the
     * snapshot's LSN.
     */
    @Test
    void randomScansMatchThePageServerAtTheSnapshotLsn() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            Random rnd = new Random(seed);
            InMemoryWalLog log = new InMemoryWalLog();
            fill(log, 400);
            LaggingPageReader pages = new LaggingPageReader(log);
            InMemoryPageReader truth = new InMemoryPageReader(log);
            NeonOptions options = NeonOptions.defaults().withCacheBytes(rnd.nextBoolean() ? 30_000 : 1 << 20);
            try (NeonKvStore compute = NeonKvStore.open(log, pages, options)) {
                List<KvSnapshot> open = new ArrayList<>();
                for (int step = 0; step < 400; step++) {
                    int op = rnd.nextInt(10);
                    if (op < 3) {
                        WriteBatch batch = new WriteBatch();
                        for (int n = rnd.nextInt(4); n >= 0; n--) {
                            String key = k(rnd.nextInt(420));
                            if (rnd.nextInt(3) == 0) batch.delete(b(key));
                            else batch.put(b(key), b("s" + step));
                        }
                        compute.commit(batch);
                    } else if (op == 3) {
                        open.add(compute.snapshot());
                    } else if (op == 4 && !open.isEmpty()) {
                        open.remove(rnd.nextInt(open.size())).close();
                    } else if (op == 5) {
                        pages.cap = rnd.nextBoolean() ? compute.lastSequence() : Long.MAX_VALUE;
                    } else {
                        boolean own = open.isEmpty() || rnd.nextBoolean();
                        KvSnapshot snap = own ? compute.snapshot() : open.get(rnd.nextInt(open.size()));
                        int a = rnd.nextInt(420);
                        int z = a + 1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 200);
                        boolean reverse = rnd.nextBoolean();
                        boolean early = rnd.nextInt(4) == 0;
                        List<String> got = new ArrayList<>();
                        try (KvCursor c = reverse ? snap.scanReverse(b(k(a)), b(k(z))) : snap.scan(b(k(a)), b(k(z)))) {
                            while ((!early || got.size() < 5) && c.next()) {
                                got.add(new String(c.key(), UTF_8) + "=" + new String(c.value(), UTF_8));
                            }
                        }
                        List<String> want = new ArrayList<>();
                        Iterator<KeyValue> it = truth.scan("main", b(k(a)), b(k(z)), snap.sequence(), reverse);
                        while ((!early || want.size() < 5) && it.hasNext()) {
                            KeyValue kv = it.next();
                            want.add(new String(kv.key(), UTF_8) + "=" + new String(kv.value(), UTF_8));
                        }
                        assertEquals(want, got, "seed " + seed + " step " + step + " scan [" + a + ", " + z + ") reverse " + reverse);
                        if (own) snap.close();
                    }
                    if (rnd.nextInt(8) == 0) Thread.sleep(3); // lets the trimmer move the floor now and then
                }
                for (KvSnapshot s : open) s.close();
                assertTrue(compute.rangeCacheHits() > 0, "seed " + seed + ": the cache was used");
            }
        }
    }
}
