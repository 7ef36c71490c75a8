package dev.basalt.storage.lmdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery of WAL mode from a log that was not checkpointed: replay, torn and stale tails. */
class LmdbWalRecoveryTest {

    private static final LmdbOptions WAL = LmdbOptions.defaults().withDurability(Durability.WAL);

    @TempDir
    Path tmp;

    private static byte[] b(String s) { return s.getBytes(UTF_8); }

    /** A key longer than LMDB's 511-byte limit, so it lands in a long-key bucket. */
    private static byte[] longKey(int i) {
        byte[] k = new byte[600];
        Arrays.fill(k, (byte) 'L');
        k[599] = (byte) i;
        return k;
    }

    /** Commits 1..n: puts k<i>, deletes k<i-10> every 7th, a long key every 5th; half checkpointed. */
    private static void commitMany(LmdbKvStore store, int n) {
        store.autoCheckpoint(false); // exact control over what is left to replay
        for (int i = 1; i <= n; i++) {
            WriteBatch batch = new WriteBatch().put(b("k" + i), b("v" + i));
            if (i % 7 == 0) batch.delete(b("k" + (i - 10)));
            if (i % 5 == 0) batch.put(longKey(i), b("long" + i));
            assertEquals(i, store.commit(batch));
            if (i == n / 2) store.checkpointNow();
        }
    }

    private static void assertContents(LmdbKvStore store, int n) {
        try (KvSnapshot snap = store.snapshot()) {
            assertEquals(n, snap.sequence());
            int expected = 0;
            for (int i = 1; i <= n; i++) {
                boolean deleted = i + 10 <= n && (i + 10) % 7 == 0;
                if (deleted) assertNull(snap.get(b("k" + i)), "k" + i);
                else {
                    assertArrayEquals(b("v" + i), snap.get(b("k" + i)), "k" + i);
                    expected++;
                }
                if (i % 5 == 0) {
                    assertArrayEquals(b("long" + i), snap.get(longKey(i)));
                    expected++;
                }
            }
            int count = 0;
            try (KvCursor c = snap.scan(null, null)) {
                while (c.next()) count++;
            }
            assertEquals(expected, count);
        }
    }

    @Test
    void acknowledgedCommitsAreReplayedAfterACrashAndSequencesContinue() {
        Path dir = tmp.resolve("db");
        LmdbKvStore store = LmdbKvStore.open(dir, WAL);
        commitMany(store, 300);
        store.crashForTest();

        try (LmdbKvStore reopened = LmdbKvStore.open(dir, WAL)) {
            assertEquals(150, reopened.replayedAtOpen()); // the half after the checkpoint
            assertEquals(300, reopened.lastSequence());
            assertContents(reopened, 300);
            assertEquals(301, reopened.commit(new WriteBatch().put(b("k301"), b("v301"))));
        }
        // A clean close checkpoints everything: nothing left to replay.
        try (LmdbKvStore again = LmdbKvStore.open(dir, WAL)) {
            assertEquals(0, again.replayedAtOpen());
            assertEquals(301, again.lastSequence());
            assertArrayEquals(b("v301"), read(again, "k301"));
        }
    }

    @Test
    void openingInFullModeReplaysAndRemovesALeftoverLog() {
        Path dir = tmp.resolve("db");
        LmdbKvStore store = LmdbKvStore.open(dir, WAL);
        commitMany(store, 40);
        store.crashForTest();
        assertTrue(Files.exists(WalFile.pathIn(dir)));
        try (LmdbKvStore full = LmdbKvStore.open(dir, LmdbOptions.defaults())) {
            assertEquals(20, full.replayedAtOpen());
            assertContents(full, 40);
        }
        assertFalse(Files.exists(WalFile.pathIn(dir)));
    }

    @Test
    void tornStaleAndGarbageTailsAreIgnored() throws Exception {
        Path dir = tmp.resolve("db");
        LmdbKvStore store = LmdbKvStore.open(dir, WAL);
        commitMany(store, 60);
        store.crashForTest();

        Path wal = WalFile.pathIn(dir);
        long end;
        try (WalFile file = WalFile.open(dir, WalFile.DEFAULT_SIZE)) {
            List<WalFile.Entry> chain = file.readChain();
            assertEquals(60, chain.getLast().record().lastSequence());
            WalFile.Entry last = chain.getLast();
            end = (last.offset() + 8 + 12 + 4096) & -4096L; // records are small: the next 4 KiB boundary
        }
        try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.WRITE)) {
            // A torn record for sequence 61: right header, half the body (the rest of the file is zeros).
            byte[] value = new byte[3000];
            Arrays.fill(value, (byte) 'x');
            ByteBuffer next = WalRecords.encode(61, List.of(new WriteBatch().put(b("k61"), value)),
                    ByteBuffer.allocate(8192));
            next.limit(next.limit() / 2);
            ch.write(next, end);
            // A complete, valid record that does not continue the sequence (left over from an older cycle).
            ByteBuffer stale = WalRecords.encode(7, List.of(new WriteBatch().put(b("k7"), b("stale"))), ByteBuffer.allocate(4096));
            ch.write(stale, end + 4096);
            // Random garbage further on.
            byte[] junk = new byte[10_000];
            new Random(42).nextBytes(junk);
            ch.write(ByteBuffer.wrap(junk), end + 8192);
        }
        try (LmdbKvStore reopened = LmdbKvStore.open(dir, WAL)) {
            assertEquals(30, reopened.replayedAtOpen());
            assertEquals(60, reopened.lastSequence());
            assertContents(reopened, 60);
            assertNull(read(reopened, "k61"));
        }

        // Garbage right where the next record would go, with a plausible length.
        LmdbKvStore store2 = LmdbKvStore.open(dir, WAL);
        store2.autoCheckpoint(false);
        store2.commit(new WriteBatch().put(b("k61"), b("v61")));
        store2.crashForTest();
        try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.WRITE)) {
            ByteBuffer fake = ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            fake.putInt(0, 40).putInt(4, 0x12345678);
            ch.write(fake, 4096);
        }
        try (LmdbKvStore reopened = LmdbKvStore.open(dir, WAL)) {
            assertEquals(1, reopened.replayedAtOpen());
            assertEquals(61, reopened.lastSequence());
            assertArrayEquals(b("v61"), read(reopened, "k61"));
        }
    }

    private static byte[] read(LmdbKvStore store, String key) {
        try (KvSnapshot snap = store.snapshot()) {
            return snap.get(b(key));
        }
    }
}
