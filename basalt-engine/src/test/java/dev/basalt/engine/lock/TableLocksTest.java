package dev.basalt.engine.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.api.SqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lock table alone: which requests conflict, timeouts, release and the metadata_locks rows. */
class TableLocksTest {
    private final TableLocks locks = new TableLocks();
    private final List<String> states = new ArrayList<>();

    private static TableLocks.Locked lock(String table, boolean write) {
        return new TableLocks.Locked("db", table, table, write);
    }

    private static TableUse use(String table, boolean write) {
        return new TableUse("DB", table.toUpperCase(), table, write); // names match regardless of case
    }

    private int timeoutCode(Runnable r) {
        return assertThrows(SqlException.class, r::run).errorCode();
    }

    @Test
    void nothingHeldCostsNothing() {
        assertFalse(locks.active());
        assertNull(locks.held(1));
        locks.awaitAccess(1, List.of(use("t", true)), true, 0, states::add);
        assertFalse(locks.releaseAll(1));
    }

    @Test
    void readLocksShareAndKeepWritersOut() {
        locks.lockTables(1, List.of(lock("t", false)), 0, states::add);
        locks.lockTables(2, List.of(lock("t", false)), 0, states::add);
        locks.awaitAccess(3, List.of(use("t", false)), false, 0, states::add);
        assertEquals(1205, timeoutCode(() -> locks.awaitAccess(3, List.of(use("t", true)), true, 0, states::add)));
        assertEquals(1205, timeoutCode(() -> locks.lockTables(3, List.of(lock("t", true)), 0, states::add)));
        locks.awaitAccess(3, List.of(use("u", true)), true, 0, states::add);
    }

    @Test
    void aWriteLockKeepsReadersOutUntilReleased() throws Exception {
        List<String> waiting = new java.util.concurrent.CopyOnWriteArrayList<>();
        locks.lockTables(1, List.of(lock("t", true)), 0, states::add);
        assertEquals(1205, timeoutCode(() -> locks.awaitAccess(2, List.of(use("t", false)), false, 0, states::add)));
        CompletableFuture<Void> reader = CompletableFuture.runAsync(
                () -> locks.awaitAccess(2, List.of(use("t", false)), false, 20_000, waiting::add));
        Thread.sleep(200);
        assertFalse(reader.isDone());
        assertEquals(List.of("Waiting for table metadata lock"), waiting);
        assertEquals(List.of("TABLE SHARED_NO_READ_WRITE GRANTED 1", "TABLE SHARED_READ PENDING 2"), rows());
        assertTrue(locks.releaseTables(1));
        reader.get(10, TimeUnit.SECONDS);
        assertFalse(locks.active());
    }

    @Test
    void laterRequestsQueueBehindAWaitingWriteLock() throws Exception {
        locks.lockTables(1, List.of(lock("t", false)), 0, states::add);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(
                () -> locks.lockTables(2, List.of(lock("t", true)), 20_000, s -> { }));
        Thread.sleep(200);
        assertFalse(writer.isDone());
        assertEquals(1205, timeoutCode(() -> locks.lockTables(3, List.of(lock("t", false)), 0, states::add)));
        assertEquals(1205, timeoutCode(() -> locks.awaitAccess(3, List.of(use("t", false)), false, 0, states::add)));
        locks.awaitAccess(3, List.of(use("u", false)), false, 0, states::add);
        locks.releaseAll(1);
        writer.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("TABLE SHARED_NO_READ_WRITE GRANTED 2"), rows());
    }

    @Test
    void theGlobalReadLockStopsChangesNotReads() {
        locks.globalReadLock(1, 0, states::add);
        locks.awaitAccess(2, List.of(use("t", false)), false, 0, states::add);
        assertEquals(1205, timeoutCode(() -> locks.awaitAccess(2, List.of(), true, 0, states::add)));
        locks.lockTables(2, List.of(lock("t", false)), 0, states::add); // READ locks are compatible
        assertEquals(1205, timeoutCode(() -> locks.lockTables(3, List.of(lock("u", true)), 0, states::add)));
        assertEquals(List.of("GLOBAL SHARED GRANTED 1", "TABLE SHARED_READ_ONLY GRANTED 2"), rows());
        assertTrue(locks.releaseAll(1));
        assertFalse(locks.holdsGlobalReadLock(1));
    }

    @Test
    void theGlobalReadLockWaitsForWriteLocks() {
        locks.lockTables(1, List.of(lock("t", true)), 0, states::add);
        assertEquals(1205, timeoutCode(() -> locks.globalReadLock(2, 0, states::add)));
        locks.releaseAll(1);
        locks.globalReadLock(2, 0, states::add);
        assertTrue(locks.holdsGlobalReadLock(2));
    }

    /** performance_schema.metadata_locks rows as "TYPE LOCK_TYPE STATUS OWNER". */
    private List<String> rows() {
        List<String> out = new ArrayList<>();
        for (Object[] r : MetadataLocks.rows(locks)) out.add(r[0] + " " + r[5] + " " + r[7] + " " + r[9]);
        return out;
    }

    /**
     * A reader queued behind a waiting WRITE request never slips in between the writer's wait
     * ending and its lock being recorded (CI once saw the reader's statement run while the writer
     * held the table). Many rounds, since the gap was a few instructions wide.
     */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aQueuedReaderNeverSlipsInAsTheWriterIsGranted() throws Exception {
        // own threads: the common pool may have a single thread on a 2-core machine
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 50; round++) runQueueRound(threads, round);
        } finally {
            threads.shutdownNow();
        }
    }

    /** A PROCESSLIST state update that takes a while when the wait ends, as the session's may. */
    private static void slowStateReset(String state) {
        if (state != null) return;
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runQueueRound(java.util.concurrent.Executor threads, int round) throws Exception {
        TableLocks l = new TableLocks();
        l.lockTables(1, List.of(lock("t", false)), 0, s -> {});
        CompletableFuture<Void> writer = CompletableFuture.runAsync(
                () -> l.lockTables(2, List.of(lock("t", true)), 20_000, TableLocksTest::slowStateReset), threads);
        while (l.pendingSnapshot().isEmpty()) Thread.sleep(1);
        java.util.concurrent.atomic.AtomicBoolean writerDone = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(() -> {
            l.awaitAccess(3, List.of(use("t", false)), false, 20_000, s -> {});
            return writerDone.get(); // false: the reader went ahead of the writer queued before it
        }, threads);
        while (l.pendingSnapshot().size() < 2) Thread.sleep(1);
        l.releaseAll(1);
        writer.get(20, TimeUnit.SECONDS);
        writerDone.set(true);
        l.releaseAll(2);
        assertTrue(reader.get(20, TimeUnit.SECONDS), "round " + round + ": the reader went ahead of the queued writer");
    }
}
