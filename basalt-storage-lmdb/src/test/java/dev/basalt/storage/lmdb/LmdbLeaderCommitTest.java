package dev.basalt.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WAL mode's leader-based group commit ({@link LeaderCommits}): the committing session logs its
 * group itself, groups that need a checkpoint first still go to the writer thread, and under
 * concurrency every commit is validated once and answered once with its own sequence.
 */
class LmdbLeaderCommitTest {

    private static final LmdbOptions WAL = LmdbOptions.defaults().withDurability(Durability.WAL);

    @TempDir
    Path tmp;

    private static byte[] b(String s) { return s.getBytes(UTF_8); }

    @Test
    void anUncontendedCommitIsLoggedOnTheCommittingThread() {
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), WAL)) {
            AtomicReference<Thread> validatedOn = new AtomicReference<>();
            long seq = store.commit(new WriteBatch().put(b("k"), b("v")), s -> validatedOn.set(Thread.currentThread()));
            assertSame(Thread.currentThread(), validatedOn.get(), "no hand-off to the writer thread");
            try (KvSnapshot snap = store.snapshot()) {
                assertEquals(seq, snap.sequence());
                assertArrayEquals(b("v"), snap.get(b("k")));
            }
        }
    }

    @Test
    void aGroupThatNeedsACheckpointGoesToTheWriterThread() {
        Path dir = tmp.resolve("db");
        byte[] value = new byte[100_000];
        List<String> threads = new ArrayList<>();
        try (LmdbKvStore store = LmdbKvStore.open(dir, WAL.withWalSize(1 << 20))) {
            store.autoCheckpoint(false); // only a full log checkpoints now
            for (int i = 0; i < 30; i++) { // 3 MB through a 1 MB log
                value[0] = (byte) i;
                store.commit(new WriteBatch().put(b("k" + i), value.clone()), s -> threads.add(Thread.currentThread().getName()));
            }
            assertTrue(store.checkpointCount() > 0, "the log filled up and was checkpointed");
            assertTrue(threads.contains(Thread.currentThread().getName()), threads.toString());
            assertTrue(threads.stream().anyMatch(n -> n.startsWith("basalt-lmdb-writer")), threads.toString());
        }
        try (LmdbKvStore store = LmdbKvStore.open(dir, WAL); KvSnapshot snap = store.snapshot()) {
            assertEquals(30, snap.sequence());
            for (int i = 0; i < 30; i++) assertEquals((byte) i, snap.get(b("k" + i))[0]);
        }
    }

    /** 1: one group at a time; 2: the default; 4: more leaders than the log writes usually overlap. */
    @ParameterizedTest(name = "at most {0} leaders")
    @ValueSource(ints = {1, 2, 4})
    void concurrentCommitsAreValidatedOnceAndAnsweredOnceEach(int maxLeaders) throws Exception {
        int threads = 8;
        int perThread = 300;
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), WAL)) {
            store.maxLeadersForTest(maxLeaders);
            long base = store.commit(new WriteBatch().put(b("base"), b("0")));
            long groupsBefore = store.groupCommitCount();
            AtomicInteger validations = new AtomicInteger();
            ConcurrentLinkedQueue<Long> sequences = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger rejected = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> committers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                committers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            boolean reject = i % 10 == 3; // a validator refusing must fail only its own commit
                            WriteBatch batch = new WriteBatch().put(b("t" + id + "-" + i), b(Integer.toString(i)));
                            try {
                                sequences.add(store.commit(batch, s -> {
                                    validations.incrementAndGet();
                                    if (reject) throw new IllegalStateException("refused " + id + "-" + s);
                                }));
                                if (reject) failures.add(new AssertionError("a refused commit succeeded"));
                            } catch (IllegalStateException refused) {
                                if (!reject) failures.add(refused);
                                rejected.incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            start.countDown();
            for (Thread t : committers) t.join(120_000);
            for (Thread t : committers) assertTrue(!t.isAlive(), "a committer is stuck");
            assertTrue(failures.isEmpty(), failures.toString());
            int accepted = threads * perThread - rejected.get();
            assertEquals(threads * perThread / 10, rejected.get());
            assertEquals(threads * perThread, validations.get(), "each commit validated exactly once");
            // Every accepted commit has its own sequence, and together they follow the base without a gap.
            TreeSet<Long> distinct = new TreeSet<>(sequences);
            assertEquals(accepted, distinct.size());
            assertEquals(base + 1, distinct.first());
            assertEquals(base + accepted, distinct.last());
            assertTrue(store.groupCommitCount() - groupsBefore <= accepted);
            assertEquals(0, store.activeLeadersForTest(), "every lead was given back");
            try (KvSnapshot snap = store.snapshot()) {
                assertEquals(base + accepted, snap.sequence());
                for (int t = 0; t < threads; t++) {
                    for (int i = 0; i < perThread; i++) {
                        byte[] v = snap.get(b("t" + t + "-" + i));
                        if (i % 10 == 3) assertNull(v);
                        else assertArrayEquals(b(Integer.toString(i)), v);
                    }
                }
            }
        }
    }

    @Test
    void aPeriodicCheckpointLetsCommitsThroughAndRecoveryStillFindsThem() throws Exception {
        Path dir = tmp.resolve("db");
        LmdbKvStore store = LmdbKvStore.open(dir, WAL);
        CompletableFuture<Long> during = new CompletableFuture<>();
        CountDownLatch hookRan = new CountDownLatch(1);
        store.duringNextCheckpoint(() -> {
            // On the writer thread inside the checkpoint: this commit would wait for the
            // checkpoint's end (and time out here) if checkpoints still blocked commits.
            Thread.ofPlatform().start(() -> {
                try {
                    during.complete(store.commit(new WriteBatch().put(b("during"), b("x")).put(b("k0"), b("changed"))));
                } catch (Throwable e) {
                    during.completeExceptionally(e);
                }
            });
            try {
                during.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                during.completeExceptionally(e);
            }
            hookRan.countDown();
        });
        for (int i = 0; i < 5; i++) store.commit(new WriteBatch().put(b("k" + i), b("v" + i)));
        assertTrue(hookRan.await(60, TimeUnit.SECONDS), "no periodic checkpoint ran");
        long duringSeq = during.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (store.checkpointCount() == 0 && System.nanoTime() < deadline) Thread.sleep(1); // it finishes after the hook
        assertTrue(store.checkpointCount() > 0);
        store.commit(new WriteBatch().put(b("after"), b("y")).delete(b("k1")));
        store.crashForTest(); // the log, not restarted by that checkpoint, must bring back what it did not apply
        try (LmdbKvStore reopened = LmdbKvStore.open(dir, WAL); KvSnapshot snap = reopened.snapshot()) {
            assertEquals(7, snap.sequence());
            assertTrue(duringSeq >= 2 && duringSeq <= 6, "sequence " + duringSeq);
            assertArrayEquals(b("x"), snap.get(b("during")));
            assertArrayEquals(b("y"), snap.get(b("after")));
            assertNull(snap.get(b("k1")));
            assertArrayEquals(b("changed"), snap.get(b("k0"))); // k0 was committed before any checkpoint could start
            for (int i = 2; i < 5; i++) assertArrayEquals(b("v" + i), snap.get(b("k" + i)));
        }
    }

    @Test
    void aClosedStoreRefusesCommits() {
        LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), WAL);
        store.commit(new WriteBatch().put(b("k"), b("v")));
        store.close();
        assertThrows(dev.basalt.engine.storage.kv.StorageException.class, () -> store.commit(new WriteBatch().put(b("k"), b("w"))));
    }
}
