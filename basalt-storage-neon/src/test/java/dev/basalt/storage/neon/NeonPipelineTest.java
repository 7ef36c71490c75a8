package dev.basalt.storage.neon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Commits keep several appends in flight and are acknowledged in LSN order. */
class NeonPipelineTest {

    private static byte[] b(String s) { return s.getBytes(UTF_8); }

    @Test
    void concurrentCommitsShareTheLogRoundTrips() throws Exception {
        ScriptedWalLog wal = new ScriptedWalLog();
        wal.latencyMillis = 20;
        int threads = 16;
        int perThread = 10;
        try (NeonKvStore store = NeonKvStore.open(wal, new InMemoryPageReader(wal), NeonOptions.defaults())) {
            long started = System.nanoTime();
            List<Long> sequences = runConcurrently(store, threads, perThread);
            long millis = (System.nanoTime() - started) / 1_000_000;
            int commits = threads * perThread;
            // One round trip after another would take commits x 20 ms = 3.2 s.
            assertTrue(millis < commits * 20 / 3, "took " + millis + " ms");
            assertTrue(wal.maxInFlight.get() > 4, "at most " + wal.maxInFlight.get() + " in flight");
            assertEquals(commits, Set.copyOf(sequences).size());
            assertEquals(commits, store.lastSequence());
        }
    }

    @Test
    void appendsThatLandedDespiteTheirErrorsAreReportedCommittedWithTheCommitsInFlightBehindThem() throws Exception {
        ScriptedWalLog wal = new ScriptedWalLog();
        wal.latencyMillis = 5;
        wal.landThenFail.set(3); // timeouts after the quorum had the record, while later ones are in flight
        try (NeonKvStore store = NeonKvStore.open(wal, new InMemoryPageReader(wal), NeonOptions.defaults())) {
            List<Long> sequences = runConcurrently(store, 8, 10); // throws if any commit was reported failed
            assertEquals(80, Set.copyOf(sequences).size());
            assertEquals(80, store.lastSequence());
            assertEquals(80, wal.committedLsn());
            try (KvSnapshot snap = store.snapshot()) {
                for (int t = 0; t < 8; t++) for (int i = 0; i < 10; i++) assertEquals("v", new String(snap.get(b(t + "-" + i)), UTF_8));
            }
        }
    }

    @Test
    void acknowledgementsComeInLsnOrderEvenWhenTheLogAnswersOutOfOrder() throws Exception {
        ScriptedWalLog wal = new ScriptedWalLog();
        wal.latencyMillis = 1;
        wal.jitterMillis = 15;
        try (NeonKvStore store = NeonKvStore.open(wal, new InMemoryPageReader(wal), NeonOptions.defaults())) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                workers.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < 25; i++) {
                            long seq = store.commit(new WriteBatch().put(b("w" + id), b(Integer.toString(i))));
                            // Acknowledged means: this and every earlier commit is visible.
                            assertTrue(store.lastSequence() >= seq);
                            try (KvSnapshot snap = store.snapshot()) {
                                assertTrue(snap.sequence() >= seq);
                                assertEquals(Integer.toString(i), new String(snap.get(b("w" + id)), UTF_8));
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread w : workers) w.join();
            if (failure.get() != null) throw new AssertionError(failure.get());
            assertEquals(200, store.lastSequence());
        }
    }

    private static List<Long> runConcurrently(NeonKvStore store, int threads, int perThread) throws Exception {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < perThread; i++) seen.add(store.commit(new WriteBatch().put(b(id + "-" + i), b("v"))));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread w : workers) w.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
        return new ArrayList<>(seen);
    }
}
