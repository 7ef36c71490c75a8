package dev.basalt.storage.neon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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

    /**
     * No quorum to fence: the commit whose outcome is unknown waits (its answer is the truth, later), new
     * commits fail at once with a clear IO error, reads go on; once a quorum answers the compute settles
     * the waiting commit from the log and takes commits again by itself (no restart).
     */
    @Test
    void whenTheOutcomeCannotBeLearnedYetTheComputeWaitsAndResumesByItself() throws Exception {
        CompletableFuture<Long> unknown = commitWithoutQuorum(wal.landThenFail); // the record lands, the compute hears a timeout
        assertEquals("1", read(store, "a")); // not visible while unknown; reads go on
        StorageException meanwhile = assertThrows(StorageException.class, () -> store.commit(new WriteBatch().put(b("b"), b("1"))));
        assertEquals(StorageException.Kind.IO, meanwhile.kind());
        assertEquals(2, wal.committedLsn()); // the refused commit never reached the log

        wal.failFence.set(0); // a quorum is back
        assertEquals(2, unknown.get(30, TimeUnit.SECONDS));
        assertEquals("2", read(store, "a"));
        assertEquals(3, store.commit(new WriteBatch().put(b("b"), b("1"))));
        assertEquals("1", read(store, "b"));
    }

    @Test
    void aCommitThatDidNotLandFailsOnceAQuorumIsBackAndTheNextTakesItsLsn() throws Exception {
        CompletableFuture<Long> unknown = commitWithoutQuorum(wal.failNext); // the record does not land
        wal.failFence.set(0);
        ExecutionException e = assertThrows(ExecutionException.class, () -> unknown.get(30, TimeUnit.SECONDS));
        StorageException failed = assertInstanceOf(StorageException.class, e.getCause());
        assertTrue(failed.getMessage().contains("not in the log"), failed.getMessage());
        assertEquals("1", read(store, "a"));
        assertEquals(2, store.commit(new WriteBatch().put(b("a"), b("3"))));
        assertEquals("3", read(store, "a"));
        store.close();
        store = open();
        assertEquals("3", read(store, "a"));
        assertEquals(2, store.lastSequence());
    }

    /**
     * Commits a=1, then a=2 with {@code failure} scripted for its append and no quorum to fence; returns
     * the second commit, still waiting, once later commits are refused.
     */
    private CompletableFuture<Long> commitWithoutQuorum(java.util.concurrent.atomic.AtomicInteger failure) throws InterruptedException {
        store.commit(new WriteBatch().put(b("a"), b("1")));
        failure.set(1);
        wal.failFence.set(Integer.MAX_VALUE);
        CompletableFuture<Long> unknown = CompletableFuture.supplyAsync(() -> store.commit(new WriteBatch().put(b("a"), b("2"))));
        awaitRecovering(failure);
        assertFalse(unknown.isDone(), "answered before its outcome was known");
        return unknown;
    }

    /**
     * Waits until the scripted failure was used (the commit was sent), then until new commits are refused
     * because that one waits for a quorum (each probe is refused before it is sent).
     */
    private void awaitRecovering(java.util.concurrent.atomic.AtomicInteger scripted) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (scripted.get() > 0 && System.nanoTime() < end) Thread.sleep(5);
        long before = wal.committedLsn();
        while (System.nanoTime() < end) {
            try {
                store.commit(new WriteBatch().put(b("probe"), b("x")));
                fail("a commit was taken while an earlier one's outcome was unknown");
            } catch (StorageException e) {
                if (e.getMessage().contains("no quorum")) {
                    assertEquals(before, wal.committedLsn());
                    return;
                }
                throw e;
            }
        }
        fail("commits were not refused");
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
