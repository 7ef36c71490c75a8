package dev.basalt.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * Real file-system failures: a full tmpfs (ENOSPC / short writes) and a read-only bind mount.
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
