package dev.basalt.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WAL mode's pipelined log writes ({@link WalCommitter.Reservation}): a group's record is written
 * while earlier ones may still be on their way to the disk, so a record can be durable while an
 * earlier one is not. Such a record was never acknowledged and its sequences are given out again;
 * these tests check that it can never be replayed, and that groups are published in order.
 * Driven step by step on the writer thread (no timing involved).
 */
class LmdbWalPipelineTest {

    private static final LmdbOptions WAL = LmdbOptions.defaults().withDurability(Durability.WAL);

    @TempDir
    Path tmp;

    private static byte[] b(String s) { return s.getBytes(UTF_8); }

    private static byte[] read(LmdbKvStore store, String key) {
        try (KvSnapshot snap = store.snapshot()) {
            return snap.get(b(key));
        }
    }

    private static GroupCommitWriter.Commit commitOf(String key, String value) {
        return new GroupCommitWriter.Commit(new WriteBatch().put(b(key), b(value)), null, null);
    }

    @Test
    void groupsArePublishedInSequenceOrderWhateverOrderTheirWritesEnd() {
        try (LmdbKvStore store = LmdbKvStore.open(tmp.resolve("db"), WAL)) {
            store.autoCheckpoint(false);
            long base = store.commit(new WriteBatch().put(b("k0"), b("v0")));
            GroupCommitWriter.Commit first = commitOf("k1", "v1");
            GroupCommitWriter.Commit second = commitOf("k2", "v2");
            store.withWalCommitter(w -> {
                WalCommitter.Reservation r1 = w.reserve(List.of(first));
                WalCommitter.Reservation r2 = w.reserve(List.of(second));
                w.write(r2);
                w.write(r1);
                assertFalse(w.finish(r2));
                assertFalse(second.done().isDone(), "published before the group logged ahead of it");
                assertEquals(base, store.lastSequence());
                assertFalse(w.finish(r1));
                return null;
            });
            assertEquals(base + 1, first.done().join());
            assertEquals(base + 2, second.done().join());
            assertEquals(base + 2, store.lastSequence());
            assertArrayEquals(b("v2"), read(store, "k2"));
        }
    }

    @Test
    void aFailedWriteFailsTheGroupsLoggedAfterItAndNoneOfThemIsReplayed() {
        Path dir = tmp.resolve("db");
        LmdbKvStore store = LmdbKvStore.open(dir, WAL);
        store.autoCheckpoint(false);
        long base = store.commit(new WriteBatch().put(b("k0"), b("v0")));
        GroupCommitWriter.Commit failing = commitOf("lost1", "x");
        GroupCommitWriter.Commit after = commitOf("lost2", "y");
        store.withWalCommitter(w -> {
            WalCommitter.Reservation r1 = w.reserve(List.of(failing));
            WalCommitter.Reservation r2 = w.reserve(List.of(after));
            w.wal.failNextAppendAfterWriting = true;
            w.write(r1); // on disk, but reported as failed
            w.write(r2); // on disk and fine: validated as if r1 had committed, so it must fail too
            assertTrue(w.finish(r2) | w.finish(r1));
            return null;
        });
        assertTrue(failing.done().isCompletedExceptionally());
        assertTrue(after.done().isCompletedExceptionally());
        assertEquals(base, store.lastSequence());
        // The next commit takes the failed one's sequence and place in the log.
        assertEquals(base + 1, store.commit(new WriteBatch().put(b("k1"), b("v1"))));
        store.crashForTest();
        try (LmdbKvStore reopened = LmdbKvStore.open(dir, WAL)) {
            assertEquals(base + 1, reopened.lastSequence());
            assertArrayEquals(b("v1"), read(reopened, "k1"));
            assertNull(read(reopened, "lost1"));
            assertNull(read(reopened, "lost2"), "a record logged after a failed one came back");
        }
    }

    @Test
    void recoveryZerosRecordsWrittenBesideTheOneThatBrokeTheChain() throws Exception {
        Path dir = tmp.resolve("db");
        LmdbKvStore store = LmdbKvStore.open(dir, WAL);
        store.autoCheckpoint(false);
        assertEquals(1, store.commit(new WriteBatch().put(b("k1"), b("v1")))); // its record: [0, 4096)
        store.crashForTest();
        // As if the crash came while sequences 2 and 3 were being written side by side: 3's record
        // reached the disk, 2's did not (zeros at 4096). 3 was never acknowledged.
        try (FileChannel ch = FileChannel.open(WalFile.pathIn(dir), StandardOpenOption.WRITE)) {
            ByteBuffer orphan = WalRecords.encode(3, List.of(new WriteBatch().put(b("orphan"), b("never acknowledged"))),
                    ByteBuffer.allocate(4096));
            ch.write(orphan, 8192);
        }
        LmdbKvStore reopened = LmdbKvStore.open(dir, WAL);
        reopened.autoCheckpoint(false);
        assertEquals(1, reopened.lastSequence());
        assertNull(read(reopened, "orphan"));
        // Sequence 2 again, in a record that ends exactly where the orphan starts: the orphan would
        // continue its chain if recovery had left it there.
        byte[] big = new byte[6000];
        java.util.Arrays.fill(big, (byte) 'b');
        assertEquals(2, reopened.commit(new WriteBatch().put(b("k2"), big)));
        reopened.crashForTest();
        try (LmdbKvStore again = LmdbKvStore.open(dir, WAL)) {
            assertEquals(2, again.lastSequence());
            assertArrayEquals(big, read(again, "k2"));
            assertNull(read(again, "orphan"), "a record that was never acknowledged was replayed");
        }
    }
}
