package dev.basalt.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.StorageException.Kind;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real file-system failures: a full tmpfs (ENOSPC / short writes; deletes with the space reserve,
 * a restart with commits the data file cannot take yet) and a read-only bind mount.
 * Needs root and mount rights (skipped otherwise); everything mounted is unmounted after the test.
 */
class LmdbFileSystemFailureTest {

    @TempDir
    Path tmp;
    private final java.util.List<Path> mounted = new java.util.ArrayList<>();

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @AfterEach
    void unmount() throws Exception {
        for (Path p : mounted.reversed()) run("umount", p.toString());
    }

    private static WriteBatch chunk(int n) {
        WriteBatch batch = new WriteBatch();
        byte[] value = new byte[8192];
        for (int i = 0; i < 32; i++) {
            value[0] = (byte) i;
            batch.put(String.format("chunk%05d-%02d", n, i).getBytes(UTF_8), value.clone());
        }
        return batch; // 256 KiB
    }

    @Test
    void diskFullFailsTheCommitAndTheStoreRecoversWhenSpaceReturns() throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a tmpfs");
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mnt.toString()), "mount not permitted here");
        mounted.add(mnt);
        Path filler = mnt.resolve("filler");
        Files.write(filler, new byte[2 << 20]);

        try (LmdbKvStore store = LmdbKvStore.open(mnt.resolve("db"), LmdbOptions.defaults())) {
            StorageException full = null;
            int n = 0;
            for (; n < 100 && full == null; n++) {
                try {
                    store.commit(chunk(n));
                } catch (StorageException e) {
                    full = e;
                }
            }
            assertNotNull(full, "the 6 MiB tmpfs never filled up");
            assertEquals(Kind.DISK_FULL, full.kind(), full.getMessage());
            assertTrue(full.getMessage().contains("no space left on device"), full.getMessage());
            int failed = n - 1;
            long committed = store.lastSequence();
            assertEquals(failed, committed);
            try (KvSnapshot snap = store.snapshot()) {
                assertNotNull(snap.get(String.format("chunk%05d-%02d", failed - 1, 31).getBytes(UTF_8)));
                assertEquals(null, snap.get(String.format("chunk%05d-%02d", failed, 0).getBytes(UTF_8)));
            }

            Files.delete(filler);
            assertEquals(committed + 1, store.commit(chunk(failed)));
            try (KvSnapshot snap = store.snapshot()) {
                assertNotNull(snap.get(String.format("chunk%05d-%02d", failed, 31).getBytes(UTF_8)));
            }
        }
        // And it reopens cleanly.
        try (LmdbKvStore store = LmdbKvStore.open(mnt.resolve("db"), LmdbOptions.defaults())) {
            assertTrue(store.lastSequence() > 0);
        }
    }

    /** A WAL-mode store on a 16 MiB tmpfs with a 1 MiB log and a 2 MiB reserve, filled until a commit fails. */
    private LmdbOptions smallWal() {
        return LmdbOptions.defaults().withDurability(Durability.WAL).withWalSize(1 << 20).withReserveSize(2 << 20);
    }

    private Path mountTmpfs(String size) throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a tmpfs");
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mnt.toString()), "mount not permitted here");
        mounted.add(mnt);
        return mnt;
    }

    /** Commits chunks from {@code first} until one fails; returns how many went in. */
    private static int fill(LmdbKvStore store, int first) {
        for (int n = first; n < first + 200; n++) {
            try {
                store.commit(chunk(n));
            } catch (StorageException e) {
                assertEquals(Kind.DISK_FULL, e.kind(), e.getMessage());
                return n - first;
            }
        }
        throw new AssertionError("the tmpfs never filled up");
    }

    private static WriteBatch deleteChunks(int from, int to) {
        WriteBatch batch = new WriteBatch();
        for (int n = from; n < to; n++) for (int i = 0; i < 32; i++) batch.delete(String.format("chunk%05d-%02d", n, i).getBytes(UTF_8));
        return batch;
    }

    @Test
    void deletesWorkOnAFullDiskWithTheReserveAndPutsFitAgain() throws Exception {
        Path mnt = mountTmpfs("16m");
        try (LmdbKvStore store = LmdbKvStore.open(mnt.resolve("db"), smallWal())) {
            assertTrue(Files.size(mnt.resolve("db").resolve(DiskReserve.NAME)) == 2 << 20, "the reserve is created");
            int chunks = fill(store, 0);
            assertTrue(chunks > 8, "chunks before full: " + chunks);
            assertThrows(StorageException.class, () -> store.commit(chunk(1000)), "writes keep failing while full");
            store.commit(deleteChunks(0, chunks / 2)); // with the reserve's room if the recycled pages are not enough
            store.commit(chunk(1001)); // the freed pages are reused
            try (KvSnapshot snap = store.snapshot()) {
                assertEquals(null, snap.get("chunk00000-00".getBytes(UTF_8)));
                assertNotNull(snap.get(String.format("chunk%05d-%02d", chunks - 1, 31).getBytes(UTF_8)));
            }
        }
    }

    @Test
    void fullDurabilityDeletesWorkOnAFullDiskAndPutsFitAgain() throws Exception {
        Path mnt = mountTmpfs("12m");
        try (LmdbKvStore store = LmdbKvStore.open(mnt.resolve("db"), LmdbOptions.defaults().withReserveSize(2 << 20))) {
            int chunks = fill(store, 0);
            assertTrue(chunks > 8, "chunks before full: " + chunks);
            store.commit(deleteChunks(0, chunks / 2));
            store.commit(chunk(1001));
            try (KvSnapshot snap = store.snapshot()) {
                assertEquals(null, snap.get("chunk00000-00".getBytes(UTF_8)));
                assertNotNull(snap.get("chunk01001-31".getBytes(UTF_8)));
            }
        }
    }

    @Test
    void restartsOnAFullDiskWithCommitsLeftInTheLogAndWritesResumeWhenSpaceReturns() throws Exception {
        Path mnt = mountTmpfs("16m");
        Path filler = mnt.resolve("filler");
        int chunks;
        try (LmdbKvStore store = LmdbKvStore.open(mnt.resolve("db"), smallWal().withReserveSize(0))) {
            Files.write(filler, new byte[4 << 20]);
            chunks = fill(store, 0);
        } // the final checkpoint may fail: the log keeps the commits
        try (LmdbKvStore store = LmdbKvStore.open(mnt.resolve("db"), smallWal().withReserveSize(0))) {
            try (KvSnapshot snap = store.snapshot()) {
                for (int n = 0; n < chunks; n++) assertNotNull(snap.get(String.format("chunk%05d-%02d", n, 31).getBytes(UTF_8)), "chunk " + n);
            }
            // At most one group more goes into the log (durable) before the store notices it is full.
            assertTrue(fill(store, 1000) <= 1, "writes fail on the full disk after the restart");
            Files.delete(filler);
            store.commit(chunk(2000)); // no restart needed
        }
        try (LmdbKvStore store = LmdbKvStore.open(mnt.resolve("db"), smallWal())) {
            try (KvSnapshot snap = store.snapshot()) {
                assertNotNull(snap.get("chunk02000-31".getBytes(UTF_8)));
            }
        }
    }

    @Test
    void readOnlyDirectoryIsRefusedWithPermission() throws Exception {
        Path dir = tmp.resolve("ro");
        try (LmdbKvStore store = LmdbKvStore.open(dir, LmdbOptions.defaults())) {
            store.commit(new WriteBatch().put("k".getBytes(UTF_8), "v".getBytes(UTF_8)));
        }
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to bind-mount");
        assumeTrue(run("mount", "--bind", dir.toString(), dir.toString()), "mount not permitted here");
        mounted.add(dir);
        assumeTrue(run("mount", "-o", "remount,ro,bind", dir.toString()), "read-only remount not permitted here");

        StorageException e = org.junit.jupiter.api.Assertions.assertThrows(StorageException.class,
                () -> LmdbKvStore.open(dir, LmdbOptions.defaults()));
        assertEquals(Kind.PERMISSION, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toRealPath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    }
}
