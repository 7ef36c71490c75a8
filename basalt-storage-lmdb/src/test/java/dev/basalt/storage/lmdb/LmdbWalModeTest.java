package dev.basalt.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAL-mode specifics: validators, map growth in checkpoints, log write failures. */
class LmdbWalModeTest {

    private static final LmdbOptions WAL = LmdbOptions.defaults().withDurability(Durability.WAL);

    @TempDir
    Path tmp;

    private static byte[] b(String s) { return s.getBytes(UTF_8); }

    @Test
    void validatorsRunExactlyOncePerBatchOfAGroup() throws Exception {
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), WAL)) {
            store.commit(new WriteBatch().put(b("base"), b("0")));
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
            List<AtomicInteger> calls = new ArrayList<>();
            List<CompletableFuture<Long>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int id = i;
                AtomicInteger count = new AtomicInteger();
                calls.add(count);
                results.add(CompletableFuture.supplyAsync(() -> store.commit(new WriteBatch().put(b("k" + id), b("v" + id)), seq -> {
                    count.incrementAndGet();
                    if (id == 2) throw new IllegalStateException("conflict");
                }), r -> Thread.ofVirtual().start(r)));
            }
            while (store.queuedRequests() < 6) Thread.sleep(1);
            release.countDown();
            blocker.join();
            List<Long> sequences = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                if (i == 2) assertThrows(Exception.class, results.get(i)::join);
                else sequences.add(results.get(i).join());
            }
            for (AtomicInteger c : calls) assertEquals(1, c.get());
            assertEquals(List.of(2L, 3L, 4L, 5L, 6L), sequences.stream().sorted().toList());
            try (KvSnapshot snap = store.snapshot()) {
                assertEquals(6, snap.sequence());
                assertNull(snap.get(b("k2")));
                assertArrayEquals(b("v5"), snap.get(b("k5")));
            }
        }
    }

    @Test
    void callersMayReuseTheirArraysAfterCommit() {
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), WAL)) {
            byte[] key = b("key");
            byte[] value = b("value");
            store.commit(new WriteBatch().put(key, value));
            key[0] = 'x';
            value[0] = 'X';
            try (KvSnapshot snap = store.snapshot()) {
                assertArrayEquals(b("value"), snap.get(b("key")));
                assertNull(snap.get(b("xey")));
                byte[] read = snap.get(b("key"));
                read[0] = 'Y'; // returned arrays belong to the caller, not to the overlay
                assertArrayEquals(b("value"), snap.get(b("key")));
            }
        }
    }

    @Test
    void checkpointsGrowTheMap() {
        Path dir = tmp.resolve("db");
        byte[] value = new byte[2000];
        try (LmdbKvStore store = LmdbKvStore.open(dir, WAL.withInitialMapSize(1 << 20))) {
            store.autoCheckpoint(false);
            for (int i = 0; i < 40; i++) {
                WriteBatch batch = new WriteBatch();
                for (int j = 0; j < 100; j++) {
                    value[0] = (byte) j;
                    batch.put(b(String.format("k%03d-%03d", i, j)), value.clone());
                }
                store.commit(batch);
            }
            store.checkpointNow();
            assertTrue(store.mapGrowthCount() > 0);
            assertTrue(store.mapSize() > 8L << 20);
        }
        try (LmdbKvStore store = LmdbKvStore.open(dir, WAL.withInitialMapSize(1 << 20)); KvSnapshot snap = store.snapshot()) {
            assertEquals(0, store.replayedAtOpen());
            assertEquals(40, snap.sequence());
            int n = 0;
            try (KvCursor c = snap.scan(null, null)) {
                while (c.next()) {
                    assertEquals(2000, c.value().length);
                    n++;
                }
            }
            assertEquals(4000, n);
        }
    }

    @Test
    void aLogWriteReportedAsFailedIsNeitherVisibleNorReplayed() {
        Path dir = tmp.resolve("db");
        LmdbKvStore store = LmdbKvStore.open(dir, WAL);
        store.autoCheckpoint(false);
        store.commit(new WriteBatch().put(b("a"), b("1")));
        store.failNextWalAppendAfterWriting();
        StorageException failed = assertThrows(StorageException.class, () -> store.commit(new WriteBatch().put(b("b"), b("2"))));
        assertEquals(StorageException.Kind.IO, failed.kind());
        assertEquals(1, store.lastSequence());
        try (KvSnapshot snap = store.snapshot()) {
            assertNull(snap.get(b("b")));
        }
        // The store keeps working: the next commit takes the freed sequence (and the failed record's place).
        assertEquals(2, store.commit(new WriteBatch().put(b("c"), b("3"))));
        store.failNextWalAppendAfterWriting();
        assertThrows(StorageException.class, () -> store.commit(new WriteBatch().put(b("d"), b("4"))));
        store.crashForTest();
        // The failed records reached the disk, but their headers were wiped: they must not come back.
        try (LmdbKvStore reopened = LmdbKvStore.open(dir, WAL); KvSnapshot snap = reopened.snapshot()) {
            assertEquals(2, reopened.replayedAtOpen());
            assertEquals(2, reopened.lastSequence());
            assertNull(snap.get(b("b")));
            assertNull(snap.get(b("d")));
            assertArrayEquals(b("1"), snap.get(b("a")));
            assertArrayEquals(b("3"), snap.get(b("c")));
        }
    }
}
