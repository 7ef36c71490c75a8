package dev.basalt.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.StorageException.Kind;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmdbKvStoreTest {

    @TempDir
    Path tmp;

    private static byte[] b(String s) { return s.getBytes(UTF_8); }

    private static String s(byte[] b) { return b == null ? null : new String(b, UTF_8); }

    private static String read(LmdbKvStore store, String key) {
        try (KvSnapshot snap = store.snapshot()) {
            return s(snap.get(b(key)));
        }
    }

    @Test
    void reopenKeepsDataAndSequence() {
        Path dir = tmp.resolve("db");
        try (LmdbKvStore store = LmdbKvStore.open(dir, LmdbOptions.defaults())) {
            store.commit(new WriteBatch().put(b("a"), b("1")));
            store.commit(new WriteBatch().put(b("b"), b("2")).delete(b("a")));
        }
        try (LmdbKvStore store = LmdbKvStore.open(dir, LmdbOptions.defaults())) {
            assertEquals(2, store.lastSequence());
            assertNull(read(store, "a"));
            assertEquals("2", read(store, "b"));
            try (KvSnapshot snap = store.snapshot()) {
                assertEquals(2, snap.sequence());
            }
            assertEquals(3, store.commit(new WriteBatch().put(b("c"), b("3"))));
        }
    }

    @Test
    void concurrentCommitsAreGrouped() throws Exception {
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), LmdbOptions.defaults())) {
            int threads = 8;
            int perThread = 50;
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers.add(Thread.ofVirtual().start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) store.commit(new WriteBatch().put(b(id + ":" + i), b("v")));
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            start.countDown();
            for (Thread w : workers) w.join();
            if (failure.get() != null) throw new AssertionError(failure.get());
            assertEquals(threads * perThread, store.commitCount());
            assertEquals(threads * perThread, store.lastSequence());
            assertTrue(store.groupCommitCount() < store.commitCount(),
                    "groups " + store.groupCommitCount() + " commits " + store.commitCount());
        }
    }

    @Test
    void mapGrowsOnDemandWhileReadersKeepTheirView() {
        LmdbOptions tiny = LmdbOptions.defaults().withInitialMapSize(1 << 20);
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), tiny)) {
            WriteBatch seed = new WriteBatch();
            for (int i = 0; i < 200; i++) seed.put(b(String.format("seed%04d", i)), b("s" + i));
            store.commit(seed);

            byte[] blob = new byte[4096];
            try (KvSnapshot old = store.snapshot(); KvCursor cursor = old.scan(null, null)) {
                // Read part of the old view, grow the map under the open cursor, read the rest.
                for (int i = 0; i < 50; i++) assertTrue(cursor.next());
                for (int batchNo = 0; batchNo < 50; batchNo++) {
                    WriteBatch batch = new WriteBatch();
                    for (int i = 0; i < 256; i++) {
                        blob[0] = (byte) i;
                        batch.put(b(String.format("blob%02d-%03d", batchNo, i)), blob.clone());
                    }
                    store.commit(batch); // 1 MiB each, 50 MiB in all
                }
                assertTrue(store.mapGrowthCount() > 0);
                assertTrue(store.mapSize() >= 50L << 20, "map size " + store.mapSize());
                int seen = 50;
                while (cursor.next()) {
                    assertEquals("s" + seen, s(cursor.value()));
                    seen++;
                }
                assertEquals(200, seen);
                assertNull(old.get(b("blob00-000")));
            }
            try (KvSnapshot snap = store.snapshot()) {
                byte[] v = snap.get(b("blob49-255"));
                assertEquals(4096, v.length);
                assertEquals((byte) 255, v[0]);
                int count = 0;
                try (KvCursor c = snap.scan(b("blob"), b("blob~"))) {
                    while (c.next()) count++;
                }
                assertEquals(50 * 256, count);
            }
        }
    }

    @Test
    void secondOpenOfTheSameDirectoryIsRefused() throws Exception {
        Path dir = tmp.resolve("db");
        try (LmdbKvStore first = LmdbKvStore.open(dir, LmdbOptions.defaults())) {
            StorageException e = assertThrows(StorageException.class, () -> LmdbKvStore.open(dir, LmdbOptions.defaults()));
            assertEquals(Kind.LOCKED, e.kind());
            assertEquals("data directory " + dir.toRealPath() + " is in use by another Basalt server (pid "
                    + ProcessHandle.current().pid() + ")", e.getMessage());
            // The refused open must not have disturbed the first store.
            first.commit(new WriteBatch().put(b("k"), b("v")));
            assertEquals("v", read(first, "k"));
        }
        try (LmdbKvStore again = LmdbKvStore.open(dir, LmdbOptions.defaults())) {
            assertEquals("v", read(again, "k"));
        }
    }

    @Test
    void newerFormatIsRefused() {
        Path dir = tmp.resolve("db");
        try (LmdbKvStore store = LmdbKvStore.open(dir, LmdbOptions.defaults())) {
            store.onWriterThread(env -> env.overwriteFormatVersion(FormatMigrations.CURRENT_VERSION + 1));
        }
        for (boolean migrate : new boolean[] {false, true}) {
            StorageException e = assertThrows(StorageException.class,
                    () -> LmdbKvStore.open(dir, LmdbOptions.defaults().withMigrate(migrate)));
            assertEquals(Kind.FORMAT, e.kind());
            assertTrue(e.getMessage().contains("format version " + (FormatMigrations.CURRENT_VERSION + 1)), e.getMessage());
        }
    }

    @Test
    void olderFormatNeedsMigrateAndIsBackedUp() throws Exception {
        Path dir = tmp.resolve("db");
        // A registry where version 0 existed and upgrades to 1 by rewriting every value.
        FormatMigrations zeroToOne = new FormatMigrations(1, java.util.Map.of(0, (txn, data, meta) -> {
            ByteBuffer key = LmdbEnvironment.direct(b("migrated"));
            data.put(txn, key, LmdbEnvironment.direct(b("yes")));
        }));
        try (LmdbKvStore store = LmdbKvStore.open(dir, LmdbOptions.defaults(), zeroToOne)) {
            store.commit(new WriteBatch().put(b("k"), b("v")));
            store.onWriterThread(env -> env.overwriteFormatVersion(0));
        }

        StorageException refused = assertThrows(StorageException.class,
                () -> LmdbKvStore.open(dir, LmdbOptions.defaults(), zeroToOne));
        assertEquals(Kind.FORMAT, refused.kind());
        String real = dir.toRealPath().toString();
        assertTrue(refused.getMessage().startsWith("data directory " + real + " was written by format version 0; this server uses 1; "
                + "start with --migrate to upgrade it in place (a backup is kept in " + real + "/backup-format0-"), refused.getMessage());

        Path backup;
        try (LmdbKvStore store = LmdbKvStore.open(dir, LmdbOptions.defaults().withMigrate(true), zeroToOne)) {
            backup = store.migrationBackup();
            assertEquals("v", read(store, "k"));
            assertEquals("yes", read(store, "migrated"));
            assertEquals(1, store.lastSequence());
        }
        assertTrue(backup.getFileName().toString().startsWith("backup-format0-"));
        assertTrue(Files.size(backup.resolve("data.mdb")) > 0);
        // The backup is the untouched old store.
        try (var env = org.lmdbjava.Env.create().setMaxDbs(4).open(backup.toFile())) {
            var data = env.openDbi(LmdbEnvironment.DATA_DBI);
            try (var txn = env.txnRead()) {
                assertNull(data.get(txn, LmdbEnvironment.direct(b("migrated"))));
                assertTrue(data.get(txn, LmdbEnvironment.direct(b("k"))) != null);
            }
        }
        // Upgraded in place: a plain open now works.
        try (LmdbKvStore store = LmdbKvStore.open(dir, LmdbOptions.defaults(), zeroToOne)) {
            assertNull(store.migrationBackup());
            assertEquals("v", read(store, "k"));
        }
    }

    @Test
    void commitFailureReachesEveryCallerAndTheStoreRecovers() {
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), LmdbOptions.defaults())) {
            store.commit(new WriteBatch().put(b("a"), b("1")));
            store.injectCommitFailure(LmdbErrors.ENOSPC);
            StorageException full = assertThrows(StorageException.class,
                    () -> store.commit(new WriteBatch().put(b("a"), b("2")).put(b("b"), b("2"))));
            assertEquals(Kind.DISK_FULL, full.kind());
            assertTrue(full.getMessage().contains("ENOSPC"), full.getMessage());
            assertEquals("1", read(store, "a"));
            assertNull(read(store, "b"));
            assertEquals(1, store.lastSequence());

            store.injectCommitFailure(LmdbErrors.EIO);
            assertEquals(Kind.IO, assertThrows(StorageException.class,
                    () -> store.commit(new WriteBatch().put(b("c"), b("3")))).kind());
            store.injectCommitFailure(LmdbErrors.EROFS);
            assertEquals(Kind.PERMISSION, assertThrows(StorageException.class,
                    () -> store.commit(new WriteBatch().put(b("c"), b("3")))).kind());

            // Space is back: the next commit works and takes the next sequence.
            assertEquals(2, store.commit(new WriteBatch().put(b("a"), b("2"))));
            assertEquals("2", read(store, "a"));
        }
    }

    @Test
    void emptyKeysFailOnlyTheirBatchAndLongKeysWork() {
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), LmdbOptions.defaults())) {
            StorageException e = assertThrows(StorageException.class,
                    () -> store.commit(new WriteBatch().put(b("ok"), b("1")).put(new byte[0], b("x"))));
            assertEquals(Kind.OTHER, e.kind());
            byte[] huge = new byte[2000];
            huge[0] = 'y'; // sorts between "y" and "z"
            assertEquals(1, store.commit(new WriteBatch().put(b("y"), b("y")).put(b("z"), b("z")).put(huge, b("h"))));
            try (KvSnapshot snap = store.snapshot()) {
                assertNull(snap.get(b("ok")));
                assertEquals("h", s(snap.get(huge)));
                assertNull(snap.get(new byte[0]));
                assertEquals(List.of("y", "h", "z"), values(snap.scan(null, null)));
                assertEquals(List.of("z", "h", "y"), values(snap.scanReverse(null, null)));
                assertEquals(List.of("h", "z"), values(snap.scan(huge, null)));
                assertEquals(List.of("y"), values(snap.scan(null, huge)));
                assertEquals(List.of("y"), values(snap.scanReverse(null, huge)));
                assertEquals(List.of("z", "h"), values(snap.scanReverse(huge, null)));
                assertEquals(List.of("y", "h", "z"), values(snap.scan(new byte[0], null)));
            }
        }
    }

    private static List<String> values(KvCursor cursor) {
        List<String> out = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) out.add(s(cursor.value()));
        }
        return out;
    }

    private static List<String> keys(KvCursor cursor) {
        List<String> out = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) out.add(s(cursor.key()));
        }
        return out;
    }

    @Test
    void forgottenCursorsAndSnapshotsAreCleanedUp() {
        LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), LmdbOptions.defaults());
        store.commit(new WriteBatch().put(b("a"), b("1")).put(b("b"), b("2")));
        for (int i = 0; i < 200; i++) {
            KvSnapshot snap = store.snapshot();
            KvCursor cursor = snap.scan(null, null);
            assertTrue(cursor.next());
            snap.close(); // cursor left open
        }
        KvSnapshot leftOpen = store.snapshot();
        KvCursor leftCursor = leftOpen.scan(null, null);
        assertTrue(leftCursor.next());
        store.close();
        assertEquals(Kind.CLOSED, assertThrows(StorageException.class, () -> leftOpen.get(b("a"))).kind());
        assertEquals(Kind.CLOSED, assertThrows(StorageException.class, leftCursor::next).kind());
        leftCursor.close();
        leftOpen.close();
    }

    @Test
    void relaxedDurabilitySyncsInTheBackgroundAndAtClose() {
        Path dir = tmp.resolve("db");
        LmdbOptions relaxed = LmdbOptions.defaults().withDurability(Durability.RELAXED)
                .withRelaxedSyncInterval(Duration.ofMillis(20));
        try (LmdbKvStore store = LmdbKvStore.open(dir, relaxed)) {
            for (int i = 0; i < 100; i++) store.commit(new WriteBatch().put(b("k" + i), b("v" + i)));
            assertEquals("v99", read(store, "k99"));
        }
        try (LmdbKvStore store = LmdbKvStore.open(dir, LmdbOptions.defaults())) {
            assertEquals(100, store.lastSequence());
            assertEquals("v42", read(store, "k42"));
        }
    }

    @Test
    void valuesAreCopiedOutOfTheMap() {
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), LmdbOptions.defaults())) {
            byte[] value = new byte[10_000];
            for (int i = 0; i < value.length; i++) value[i] = (byte) i;
            store.commit(new WriteBatch().put(b("big"), value));
            byte[] got;
            try (KvSnapshot snap = store.snapshot()) {
                got = snap.get(b("big"));
            }
            store.commit(new WriteBatch().put(b("big"), new byte[10_000]));
            assertArrayEquals(value, got);
            try (KvSnapshot snap = store.snapshot(); KvCursor c = snap.scanReverse(null, null)) {
                assertTrue(c.next());
                assertArrayEquals(new byte[10_000], c.value());
                assertFalse(c.next());
            }
        }
    }

    @Test
    void fatalLmdbErrorReopensTheEnvironment() {
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), LmdbOptions.defaults())) {
            store.commit(new WriteBatch().put(b("a"), b("1")).put(b("b"), b("2")));
            KvSnapshot before = store.snapshot();
            KvCursor cursor = before.scan(null, null);
            assertTrue(cursor.next());

            store.injectCommitFailure(LmdbErrors.MDB_PANIC);
            StorageException panic = assertThrows(StorageException.class, () -> store.commit(new WriteBatch().put(b("c"), b("3"))));
            assertEquals(Kind.IO, panic.kind());
            assertTrue(panic.getMessage().contains("MDB_PANIC"), panic.getMessage());

            // Snapshots from before the reopen fail cleanly instead of touching a closed environment.
            assertEquals(Kind.IO, assertThrows(StorageException.class, () -> before.get(b("a"))).kind());
            assertEquals(Kind.IO, assertThrows(StorageException.class, cursor::next).kind());
            cursor.close();
            before.close();

            assertEquals(2, store.commit(new WriteBatch().put(b("c"), b("3"))));
            assertEquals("1", read(store, "a"));
            assertEquals("3", read(store, "c"));
        }
    }
}
