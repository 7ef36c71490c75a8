package dev.basalt.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.basalt.engine.storage.kv.CommitValidator;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches that share one group commit succeed or fail independently. */
class LmdbGroupCommitTest {

    @TempDir
    Path tmp;

    private static byte[] b(String s) { return s.getBytes(UTF_8); }

    @Test
    void failingBatchesInAGroupDoNotAffectTheOthers() throws Exception {
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), LmdbOptions.defaults())) {
            store.commit(new WriteBatch().put(b("base"), b("0")));
            long groupsBefore = store.groupCommitCount();

            // Hold the writer thread so that the next commits queue up and form a single group.
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> blocker = CompletableFuture.runAsync(() -> store.onWriterThread(env -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }), r -> Thread.ofVirtual().start(r));

            entered.await();
            int n = 9;
            List<CompletableFuture<Object>> results = new ArrayList<>();
            List<Long> validatedWith = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                WriteBatch batch = new WriteBatch().put(b("k" + id), b("v" + id));
                if (id % 3 == 1) batch.put(new byte[0], b("empty key")); // fails the store's key check
                CommitValidator validator = seq -> {
                    validatedWith.add(seq);
                    if (id % 3 == 2) throw new IllegalStateException("conflict " + id);
                };
                results.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return store.commit(batch, validator);
                    } catch (RuntimeException e) {
                        return e;
                    }
                }, r -> Thread.ofVirtual().start(r)));
                // Queue them in a known order.
                while (store.queuedRequests() < i + 1) Thread.sleep(1);
            }
            release.countDown();
            blocker.join();

            List<Long> sequences = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Object r = results.get(i).join();
                switch (i % 3) {
                    case 0 -> sequences.add((Long) r);
                    case 1 -> assertInstanceOf(StorageException.class, r);
                    default -> assertEquals("conflict " + i, ((IllegalStateException) r).getMessage());
                }
            }
            // Accepted batches got consecutive sequences in queue order; rejected ones used none.
            assertEquals(List.of(2L, 3L, 4L), sequences);
            assertEquals(groupsBefore + 1, store.groupCommitCount());
            assertEquals(4, store.lastSequence());
            try (KvSnapshot snap = store.snapshot()) {
                assertEquals(4, snap.sequence());
                for (int i = 0; i < n; i++) {
                    byte[] v = snap.get(b("k" + i));
                    if (i % 3 == 0) assertEquals("v" + i, new String(v, UTF_8));
                    else assertNull(v, "k" + i);
                }
            }
            // Validators saw the sequence their batch would get; the key check runs before them.
            assertEquals(List.of(2L, 3L, 3L, 4L, 4L, 5L), validatedWith);
        }
    }

    @Test
    void aGroupThatOverflowsTheMapIsRetriedWhole() throws Exception {
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), LmdbOptions.defaults().withInitialMapSize(256 << 10))) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> blocker = CompletableFuture.runAsync(() -> store.onWriterThread(env -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }), r -> Thread.ofVirtual().start(r));
            entered.await();

            int n = 6;
            List<CompletableFuture<Object>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                WriteBatch batch = new WriteBatch();
                for (int j = 0; j < 50; j++) batch.put(b("big" + id + "-" + j), new byte[4000]); // ~200 KB
                CommitValidator validator = seq -> {
                    if (id == 3) throw new IllegalStateException("conflict");
                };
                results.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return store.commit(batch, validator);
                    } catch (RuntimeException e) {
                        return e;
                    }
                }, r -> Thread.ofVirtual().start(r)));
                while (store.queuedRequests() < i + 1) Thread.sleep(1);
            }
            release.countDown();
            blocker.join();

            List<Object> outcomes = new ArrayList<>();
            for (CompletableFuture<Object> f : results) outcomes.add(f.join());
            assertEquals(List.of(1L, 2L, 3L), outcomes.subList(0, 3));
            assertInstanceOf(IllegalStateException.class, outcomes.get(3));
            assertEquals(List.of(4L, 5L), outcomes.subList(4, 6));
            assertEquals(1, store.groupCommitCount());
            org.junit.jupiter.api.Assertions.assertTrue(store.mapGrowthCount() > 0);
            try (KvSnapshot snap = store.snapshot()) {
                assertEquals(4000, snap.get(b("big5-49")).length);
                assertNull(snap.get(b("big3-0")));
            }
        }
    }
}
