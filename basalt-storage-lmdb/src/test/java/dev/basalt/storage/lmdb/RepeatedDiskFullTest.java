package dev.basalt.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.StorageException.Kind;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several full-disk episodes in a row on a tmpfs that never grows: each time the disk fills, a
 * write that only deletes (DELETE, TRUNCATE, DROP TABLE) must still go through and give the
 * space back, although the reserve file was spent in the first episode and the file system never
 * has room to make it again. Then the store restarts on the full disk and deletes still work.
 * Needs root to mount the tmpfs (skipped otherwise); unmounted after the test.
 */
class RepeatedDiskFullTest {

    private static final int EPISODES = 4;

    @TempDir
    Path tmp;
    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) run("umount", mounted.toString());
    }

    @Test
    void walDurability() throws Exception {
        episodes(LmdbOptions.defaults().withDurability(Durability.WAL).withWalSize(1 << 20).withReserveSize(2 << 20));
    }

    @Test
    void fullDurability() throws Exception {
        episodes(LmdbOptions.defaults().withReserveSize(2 << 20));
    }

    private void episodes(LmdbOptions options) throws Exception {
        Path db = mountTmpfs("16m").resolve("db");
        Deque<Integer> live = new ArrayDeque<>();
        int next = 0;
        try (LmdbKvStore store = LmdbKvStore.open(db, options)) {
            for (int episode = 1; episode <= EPISODES; episode++) {
                next = fill(store, next, live);
                assertTrue(live.size() > 4, "episode " + episode + ": chunks before full: " + live.size());
                // Odd episodes free half the chunks (DELETE), even ones all of them (TRUNCATE / DROP TABLE).
                int drop = episode % 2 == 1 ? live.size() / 2 : live.size();
                WriteBatch deletes = new WriteBatch();
                for (int i = 0; i < drop; i++) deleteChunk(deletes, live.removeFirst());
                commitOrFail(store, deletes, "episode " + episode + ": deleting " + drop + " chunks on the full disk");
                int first = next;
                putEventually(store, chunk(next++), "episode " + episode + ": a put after the deletes");
                live.addLast(first);
                check(store, live);
            }
            next = fill(store, next, live);
        }
        // Restart on the full disk: it opens, everything is there, and a delete still works.
        try (LmdbKvStore store = LmdbKvStore.open(db, options)) {
            check(store, live);
            WriteBatch deletes = new WriteBatch();
            while (!live.isEmpty()) deleteChunk(deletes, live.removeFirst());
            commitOrFail(store, deletes, "after the restart on a full disk: deleting every chunk");
            putEventually(store, chunk(next), "after the restart: a put after the deletes");
            live.add(next);
            check(store, live);
        } // its final checkpoint may fail on the full disk: the log keeps the commits
        try (LmdbKvStore store = LmdbKvStore.open(db, options)) {
            check(store, live);
            try (KvSnapshot snap = store.snapshot()) {
                assertNull(snap.get(key(next - 2, 0)), "the chunks deleted after the restart stay deleted");
            }
        }
    }

    private static void commitOrFail(LmdbKvStore store, WriteBatch batch, String what) {
        try {
            store.commit(batch);
        } catch (StorageException e) {
            throw new AssertionError(what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The freed pages are reusable once the write after the deletes has committed (LMDB keeps the
     * previous state intact), and in WAL mode once the checkpoint has moved on: retried briefly
     * while it reports disk full, as docs/security.md describes.
     */
    private static void putEventually(LmdbKvStore store, WriteBatch batch, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                store.commit(batch);
                return;
            } catch (StorageException e) {
                if (e.kind() != Kind.DISK_FULL || System.nanoTime() > deadline) throw new AssertionError(what + " failed: " + e.getMessage(), e);
                Thread.sleep(100);
            }
        }
    }

    private static void check(LmdbKvStore store, Deque<Integer> live) {
        try (KvSnapshot snap = store.snapshot()) {
            for (int n : live) assertNotNull(snap.get(key(n, 31)), "chunk " + n);
            if (!live.isEmpty()) assertNull(snap.get(key(live.peekFirst() - 1, 0)), "deleted chunk " + (live.peekFirst() - 1));
        }
    }

    /** Commits chunks from {@code first} until one fails with DISK_FULL; returns the next number. */
    private static int fill(LmdbKvStore store, int first, Deque<Integer> live) {
        for (int n = first; n < first + 400; n++) {
            try {
                store.commit(chunk(n));
                live.addLast(n);
            } catch (StorageException e) {
                assertEquals(Kind.DISK_FULL, e.kind(), e.getMessage());
                return n + 1;
            }
        }
        throw new AssertionError("the tmpfs never filled up");
    }

    private static byte[] key(int n, int i) {
        return String.format("chunk%05d-%02d", n, i).getBytes(UTF_8);
    }

    /** 32 values of 8 KiB: 256 KiB. */
    private static WriteBatch chunk(int n) {
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < 32; i++) {
            byte[] value = new byte[8192];
            value[0] = (byte) n;
            value[1] = (byte) i;
            batch.put(key(n, i), value);
        }
        return batch;
    }

    private static void deleteChunk(WriteBatch batch, int n) {
        for (int i = 0; i < 32; i++) batch.delete(key(n, i));
    }

    private Path mountTmpfs(String size) throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a tmpfs");
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mnt.toString()), "mount not permitted here");
        mounted = mnt;
        return mnt;
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
