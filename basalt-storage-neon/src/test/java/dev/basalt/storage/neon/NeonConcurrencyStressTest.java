package dev.basalt.storage.neon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Readers, writers, a page server that applies the log in random spurts, a small cache and
 * pipelined appends, all at once (seeded). Each commit writes one group's keys with one value, so a
 * reader must always see a group whole, and never older than it saw before: whichever of overlay,
 * cache and page server answers, and however the floor moves meanwhile.
 */
class NeonConcurrencyStressTest {

    private static final int GROUPS = 12;
    private static final int GROUP_SIZE = 4;
    private static final int WRITERS = 3;

    private static byte[] key(int group, int member) { return String.format("g%02d-%d", group, member).getBytes(UTF_8); }

    @Test
    void groupsAreAlwaysSeenWholeAndNeverGoBack() throws Exception {
        long seed = 20261206L;
        ScriptedWalLog wal = new ScriptedWalLog();
        wal.latencyMillis = 1;
        wal.jitterMillis = 3;
        LaggingPageReader pages = new LaggingPageReader(wal);
        NeonOptions options = NeonOptions.defaults().withCacheBytes(2_000);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long end = System.nanoTime() + 2_000_000_000L;
        try (NeonKvStore store = NeonKvStore.open(wal, pages, options)) {
            WriteBatch init = new WriteBatch();
            for (int g = 0; g < GROUPS; g++) for (int m = 0; m < GROUP_SIZE; m++) init.put(key(g, m), b(0));
            store.commit(init);
            List<Thread> threads = new ArrayList<>();
            threads.add(Thread.ofPlatform().start(() -> { // the page server, applying in spurts
                Random r = new Random(seed);
                try {
                    while (System.nanoTime() < end) {
                        long applied = pages.appliedLsn("main");
                        long head = wal.committedLsn();
                        pages.cap = r.nextInt(4) == 0 ? head : applied + r.nextInt((int) Math.max(1, head - applied + 1));
                        Thread.sleep(r.nextInt(8));
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    pages.cap = Long.MAX_VALUE;
                }
            }));
            for (int w = 0; w < WRITERS; w++) {
                int id = w;
                threads.add(Thread.ofVirtual().start(() -> {
                    Random r = new Random(seed + 1 + id);
                    int[] next = new int[GROUPS];
                    try {
                        while (System.nanoTime() < end) {
                            int g = id + WRITERS * r.nextInt(GROUPS / WRITERS);
                            WriteBatch batch = new WriteBatch();
                            int v = ++next[g];
                            for (int m = 0; m < GROUP_SIZE; m++) batch.put(key(g, m), b(v));
                            store.commit(batch);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (int reader = 0; reader < 3; reader++) {
                int id = reader;
                // platform threads: busy virtual readers would hold both carriers of a small machine
                threads.add(Thread.ofPlatform().start(() -> {
                    Random r = new Random(seed + 100 + id);
                    int[] lastSeen = new int[GROUPS];
                    try {
                        while (System.nanoTime() < end) {
                            try (KvSnapshot snap = store.snapshot()) {
                                int g = r.nextInt(GROUPS);
                                int first = value(snap.get(key(g, 0)));
                                for (int m = 1; m < GROUP_SIZE; m++) assertEquals(first, value(snap.get(key(g, m))), "group " + g);
                                assertTrue(first >= lastSeen[g], "group " + g + " went back from " + lastSeen[g] + " to " + first);
                                lastSeen[g] = first;
                                if (r.nextInt(5) == 0) checkScan(snap, r.nextBoolean());
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread t : threads) t.join();
            if (failure.get() != null) throw new AssertionError(failure.get());
            assertTrue(store.lastSequence() > 10, "only " + store.lastSequence() + " commits");
        }
    }

    private static void checkScan(KvSnapshot snap, boolean reverse) {
        List<Integer> values = new ArrayList<>();
        try (KvCursor c = reverse ? snap.scanReverse(null, null) : snap.scan(null, null)) {
            while (c.next()) values.add(value(c.value()));
        }
        assertEquals(GROUPS * GROUP_SIZE, values.size());
        for (int g = 0; g < GROUPS; g++) {
            for (int m = 1; m < GROUP_SIZE; m++) {
                assertEquals(values.get(g * GROUP_SIZE), values.get(g * GROUP_SIZE + m), "scanned group " + g);
            }
        }
    }

    private static byte[] b(int v) { return Integer.toString(v).getBytes(UTF_8); }

    private static int value(byte[] v) { return Integer.parseInt(new String(v, UTF_8)); }
}
