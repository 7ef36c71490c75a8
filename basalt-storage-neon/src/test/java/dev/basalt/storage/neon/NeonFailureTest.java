package dev.basalt.storage.neon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.WriteBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Crash and failure semantics of the commit path, with the log's failures scripted. */
class NeonFailureTest {

    private final ScriptedWalLog wal = new ScriptedWalLog();
    private NeonKvStore store = open();

    private NeonKvStore open() {
        return NeonKvStore.open(wal, new InMemoryPageReader(wal), NeonOptions.defaults());
    }

    @AfterEach
    void close() { store.close(); }

    private static byte[] b(String s) { return s.getBytes(UTF_8); }

    private static String read(NeonKvStore s, String key) {
        try (KvSnapshot snap = s.snapshot()) {
            byte[] v = snap.get(b(key));
            return v == null ? null : new String(v, UTF_8);
        }
    }

    @Test
    void aCommitWhoseAppendFailedIsNotVisibleAndTheStoreGoesOn() {
        assertEquals(1, store.commit(new WriteBatch().put(b("a"), b("1"))));
        wal.failNext.set(1);
        StorageException e = assertThrows(StorageException.class,
                () -> store.commit(new WriteBatch().put(b("a"), b("2")).put(b("torn"), b("x"))));
        assertEquals(StorageException.Kind.IO, e.kind());
        assertEquals("1", read(store, "a"));
        assertNull(read(store, "torn"));
        assertEquals(1, store.lastSequence());

        assertEquals(2, store.commit(new WriteBatch().put(b("b"), b("1"))));
        assertEquals("1", read(store, "b"));

        // A new compute on the same log sees exactly the acknowledged commits.
        store.close();
        store = open();
        assertEquals(2, store.lastSequence());
        assertEquals("1", read(store, "a"));
        assertEquals("1", read(store, "b"));
        assertNull(read(store, "torn"));
    }

    @Test
    void anAppendThatLandedDespiteItsErrorIsReportedCommitted() {
        store.commit(new WriteBatch().put(b("a"), b("1")));
        wal.landThenFail.set(1);
        // The append timed out after the quorum had it: the compute fences and reads the log back before answering.
        assertEquals(2, store.commit(new WriteBatch().put(b("a"), b("2"))));
        assertEquals("2", read(store, "a"));
        assertEquals(2, store.lastSequence());
        assertEquals(3, store.commit(new WriteBatch().put(b("c"), b("3"))));
        assertEquals("3", read(store, "c"));
        assertEquals(3, wal.committedLsn());
    }

    @Test
    void whenTheOutcomeCannotBeLearnedTheComputeStopsTakingCommits() {
        store.commit(new WriteBatch().put(b("a"), b("1")));
        wal.landThenFail.set(1);
        wal.failFence.set(100);
        StorageException e = assertThrows(StorageException.class, () -> store.commit(new WriteBatch().put(b("a"), b("2"))));
        assertTrue(e.getMessage().contains("outcome of a commit"), e.getMessage());
        assertTrue(e.getMessage().contains("restart it"), e.getMessage());
        // Not a guess either way: no later commit may build on (or overwrite) a record that may be in the log.
        wal.failFence.set(0);
        StorageException later = assertThrows(StorageException.class, () -> store.commit(new WriteBatch().put(b("a"), b("3"))));
        assertTrue(later.getMessage().contains("outcome of a commit"), later.getMessage());
        assertEquals(2, wal.committedLsn());
        // A new compute reads what the log has: the record that landed is in.
        store.close();
        store = open();
        assertEquals("2", read(store, "a"));
    }

    @Test
    void aRejectedBatchNeverReachesTheLog() {
        store.commit(new WriteBatch().put(b("a"), b("1")));
        assertThrows(IllegalStateException.class, () -> store.commit(new WriteBatch().put(b("a"), b("2")), seq -> {
            throw new IllegalStateException("conflict");
        }));
        assertEquals(1, wal.committedLsn());
    }

    @Test
    void aFencedStoreRefusesEveryFurtherCommitWithAClearError() {
        store.commit(new WriteBatch().put(b("a"), b("1")));
        wal.fence();
        StorageException first = assertThrows(StorageException.class, () -> store.commit(new WriteBatch().put(b("a"), b("2"))));
        assertTrue(first.getMessage().contains("fenced"), first.getMessage());
        StorageException again = assertThrows(StorageException.class, () -> store.commit(new WriteBatch().put(b("b"), b("2"))));
        assertTrue(again.getMessage().contains("fenced"), again.getMessage());
        assertThrows(StorageException.class, store::snapshot);
        assertEquals(1, wal.committedLsn());
    }

    @Test
    void commitsAfterCloseAreRefused() {
        store.close();
        StorageException e = assertThrows(StorageException.class, () -> store.commit(new WriteBatch().put(b("a"), b("1"))));
        assertEquals(StorageException.Kind.CLOSED, e.kind());
    }
}
