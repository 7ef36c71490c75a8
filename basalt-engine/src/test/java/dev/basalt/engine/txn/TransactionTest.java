package dev.basalt.engine.txn;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.storage.kv.KvCursor;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TransactionTest {
    private TestKvStore store;
    private TransactionManager tm;

    @BeforeEach
    void setUp() {
        store = new TestKvStore();
        tm = new TransactionManager(store);
    }

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static String s(byte[] b) { return b == null ? null : new String(b, StandardCharsets.UTF_8); }

    private void commitPuts(String... kv) {
        Transaction t = tm.begin();
        for (int i = 0; i < kv.length; i += 2) t.put(b(kv[i]), b(kv[i + 1]));
        t.commit();
    }

    private static List<String> keys(KvCursor c) {
        List<String> out = new ArrayList<>();
        try (c) {
            while (c.next()) out.add(s(c.key()) + "=" + s(c.value()));
        }
        return out;
    }

    @Test
    void ownWritesAreVisibleInGetAndMergedScans() {
        commitPuts("a", "1", "c", "3", "e", "5");
        Transaction t = tm.begin();
        t.put(b("b"), b("2"));
        t.delete(b("c"));
        t.put(b("e"), b("55"));
        assertEquals("2", s(t.get(b("b"))));
        assertNull(t.get(b("c")));
        assertEquals(List.of("a=1", "b=2", "e=55"), keys(t.scan(null, null)));
        assertEquals(List.of("e=55", "b=2", "a=1"), keys(t.scanReverse(null, null)));
        assertEquals(List.of("b=2"), keys(t.scan(b("b"), b("e"))));
        assertEquals(List.of("b=2"), keys(t.scanReverse(b("a\0"), b("e"))));
        t.rollback();
        Transaction u = tm.begin();
        assertEquals(List.of("a=1", "c=3", "e=5"), keys(u.scan(null, null)));
    }

    @Test
    void snapshotIsolation() {
        commitPuts("k", "old");
        Transaction reader = tm.begin();
        reader.startSnapshot();
        commitPuts("k", "new", "k2", "x");
        assertEquals("old", s(reader.get(b("k"))));
        assertEquals(List.of("k=old"), keys(reader.scan(null, null)));
        assertEquals("new", s(tm.begin().get(b("k"))));
    }

    @Test
    void readCommittedRefreshSeesNewCommitsButStillDetectsConflicts() {
        commitPuts("k", "old");
        Transaction t = tm.begin();
        assertEquals("old", s(t.get(b("k"))));
        commitPuts("k", "new");
        t.refreshSnapshot();
        assertEquals("new", s(t.get(b("k"))));
        t.put(b("k2"), b("mine"));
        commitPuts("k", "theirs");
        t.refreshSnapshot(); // must not forget that "theirs" committed after our first write's snapshot
        assertEquals("theirs", s(t.get(b("k"))));
        assertEquals(1213, assertThrows(SqlException.class, () -> t.put(b("k"), b("mine"))).errorCode());
        assertFalse(t.isActive());
        assertEquals(0, store.openSnapshots());
        assertEquals(0, tm.activeCount());
        assertEquals(0, tm.lockedKeys());
    }

    @Test
    void aLockedKeyMakesTheSecondWriterWaitAndAStaleWriterLose() {
        commitPuts("row", "0");
        Transaction t1 = tm.begin();
        Transaction t2 = tm.begin();
        t1.get(b("row"));
        t2.get(b("row"));
        t1.put(b("row"), b("1"));
        t2.setLockWaitTimeout(0);
        assertEquals(1205, assertThrows(SqlException.class, () -> t2.put(b("row"), b("2"))).errorCode());
        assertTrue(t2.isActive()); // a timeout ends the statement, not the transaction
        t2.put(b("other"), b("2"));
        t1.commit();
        // t2's snapshot predates t1's commit: its write of the row would lose at COMMIT, so it fails now
        SqlException e = assertThrows(SqlException.class, () -> t2.put(b("row"), b("2")));
        assertEquals(1213, e.errorCode());
        assertEquals("40001", e.sqlState());
        Transaction check = tm.begin();
        assertEquals("1", s(check.get(b("row"))));
        assertNull(check.get(b("other")));
        assertFalse(t2.isActive());
        assertEquals(0, tm.lockedKeys());
    }

    @Test
    void validatorRunTwiceByARetryingStoreDoesNotConflictWithItself() {
        store.validateTwice(true);
        commitPuts("a", "1");
        Transaction t = tm.begin();
        t.put(b("a"), b("2"));
        assertDoesNotThrow(t::commit);
        assertEquals("2", s(tm.begin().get(b("a"))));
    }

    @Test
    void disjointWritesBothCommit() {
        Transaction t1 = tm.begin();
        Transaction t2 = tm.begin();
        t1.put(b("a"), b("1"));
        t2.put(b("b"), b("2"));
        t1.commit();
        t2.commit();
        assertEquals(List.of("a=1", "b=2"), keys(tm.begin().scan(null, null)));
    }

    @Test
    void lockedKeyBlocksAConcurrentWriter() {
        commitPuts("acct", "100");
        Transaction t1 = tm.begin();
        t1.lockForUpdate(b("acct"));
        t1.put(b("log"), b("x"));
        Transaction t2 = tm.begin();
        t2.setLockWaitTimeout(0);
        assertEquals(1205, assertThrows(SqlException.class, () -> t2.put(b("acct"), b("0"))).errorCode());
        t2.rollback();
        assertDoesNotThrow(t1::commit);
    }

    @Test
    void skipLockedPassesOverAKeyLockedByAnother() {
        commitPuts("job1", "x", "job2", "y");
        Transaction t1 = tm.begin();
        Transaction t2 = tm.begin();
        t1.setReadLockMode(true, Transaction.LockWait.SKIP_LOCKED);
        t2.setReadLockMode(true, Transaction.LockWait.SKIP_LOCKED);
        assertTrue(t1.lockForUpdate(b("job1")));
        assertFalse(t2.lockForUpdate(b("job1")));
        assertTrue(t2.lockForUpdate(b("job2")));
        t2.setReadLockMode(true, Transaction.LockWait.NOWAIT);
        assertEquals(3572, assertThrows(SqlException.class, () -> t2.lockForUpdate(b("job1"))).errorCode());
        t1.commit();
        t2.commit();
        assertEquals(0, tm.lockedKeys());
    }

    @Test
    void sharedLocksCoexistAndBlockAWriter() {
        Transaction t1 = tm.begin();
        Transaction t2 = tm.begin();
        Transaction t3 = tm.begin();
        t1.setReadLockMode(false, Transaction.LockWait.WAIT);
        t2.setReadLockMode(false, Transaction.LockWait.WAIT);
        t1.lockForUpdate(b("r"));
        t2.lockForUpdate(b("r"));
        t3.setLockWaitTimeout(0);
        assertEquals(1205, assertThrows(SqlException.class, () -> t3.put(b("r"), b("v"))).errorCode());
        t1.rollback();
        t2.rollback();
        t3.put(b("r"), b("v"));
        t3.commit();
    }

    @Test
    void aWaitThatClosesACycleIsADeadlockAndItsTransactionIsRolledBack() throws Exception {
        Transaction t1 = tm.begin();
        Transaction t2 = tm.begin();
        t1.put(b("a"), b("1"));
        t2.put(b("b"), b("2"));
        var waiter = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var f = waiter.submit(() -> { t1.put(b("b"), b("1")); return null; }); // t1 waits for t2
            Thread.sleep(200);
            SqlException e = assertThrows(SqlException.class, () -> t2.put(b("a"), b("2")));
            assertEquals(1213, e.errorCode());
            assertFalse(t2.isActive()); // the victim is rolled back, releasing b
            f.get(10, java.util.concurrent.TimeUnit.SECONDS);
            t1.commit();
        } finally {
            waiter.shutdownNow();
        }
        assertEquals("1", s(tm.begin().get(b("b"))));
    }

    @Test
    void blindWritesNeverConflict() {
        Transaction t1 = tm.begin();
        Transaction t2 = tm.begin();
        t1.get(b("x"));
        t2.get(b("x"));
        t1.putBlind(b("counter"), b("1"));
        t1.put(b("r1"), b("a"));
        t2.putBlind(b("counter"), b("2"));
        t2.put(b("r2"), b("b"));
        t1.commit();
        assertDoesNotThrow(t2::commit);
        assertEquals("2", s(tm.begin().get(b("counter"))));
    }

    @Test
    void savepointsUndoLaterWritesOnly() {
        commitPuts("a", "1");
        Transaction t = tm.begin();
        t.put(b("a"), b("2"));
        t.savepoint("sp1");
        t.put(b("a"), b("3"));
        t.put(b("b"), b("3"));
        t.savepoint("sp2");
        t.delete(b("a"));
        t.rollbackToSavepoint("SP1"); // names are case-insensitive
        assertEquals("2", s(t.get(b("a"))));
        assertNull(t.get(b("b")));
        assertEquals(1305, assertThrows(SqlException.class, () -> t.rollbackToSavepoint("sp2")).errorCode());
        t.put(b("c"), b("4"));
        t.rollbackToSavepoint("sp1"); // still there after a rollback to it
        assertNull(t.get(b("c")));
        t.releaseSavepoint("sp1");
        SqlException e = assertThrows(SqlException.class, () -> t.releaseSavepoint("sp1"));
        assertEquals("SAVEPOINT sp1 does not exist", e.getMessage());
        t.commit();
        assertEquals("2", s(tm.begin().get(b("a"))));
    }

    @Test
    void statementMarkRollsBackOneStatement() {
        Transaction t = tm.begin();
        t.put(b("a"), b("1"));
        Transaction.Mark m = t.mark();
        t.put(b("b"), b("2"));
        t.put(b("a"), b("9"));
        t.rollbackTo(m);
        assertEquals("1", s(t.get(b("a"))));
        assertNull(t.get(b("b")));
    }

    @Test
    void readOnlyTransactionRejectsWritesWith1792() {
        Transaction t = tm.begin(true);
        SqlException e = assertThrows(SqlException.class, () -> t.put(b("a"), b("1")));
        assertEquals(1792, e.errorCode());
        assertEquals("25006", e.sqlState());
        assertTrue(t.isReadOnly());
    }

    @Test
    void diskFullMapsTo1021AndRollsBack() {
        store.failNextCommit(new StorageException(StorageException.Kind.DISK_FULL, "/data/basalt"));
        Transaction t = tm.begin();
        t.put(b("a"), b("1"));
        SqlException e = assertThrows(SqlException.class, t::commit);
        assertEquals(1021, e.errorCode());
        assertEquals("Disk full (/data/basalt); waiting for someone to free some space...", e.getMessage());
        assertFalse(t.isActive());
        assertNull(tm.begin().get(b("a")));
        store.failNextCommit(new StorageException(StorageException.Kind.IO, "boom"));
        Transaction u = tm.begin();
        u.put(b("a"), b("1"));
        assertEquals(1030, assertThrows(SqlException.class, u::commit).errorCode());
    }

    @Test
    void conflictTableShrinksAfterABulkCommitAndKeepsWhatOpenTransactionsNeed() {
        Transaction bulk = tm.begin();
        for (int i = 0; i < 20_000; i++) bulk.put(b("bulk" + i), b("v"));
        bulk.commit();
        Transaction old = tm.begin();
        assertNull(old.get(b("x"))); // its snapshot predates every commit below
        commitPuts("x", "1");
        for (int i = 0; i < 3_000; i++) commitPuts("k" + (i % 50), "v" + i);
        // the entry for x is newer than old's snapshot: pruning must keep it however often it runs
        SqlException lost = assertThrows(SqlException.class, () -> {
            old.put(b("x"), b("2"));
            old.commit();
        });
        assertEquals(1213, lost.errorCode());
        for (int i = 0; i < 1_000; i++) commitPuts("k" + (i % 50), "w" + i);
        // small enough to stay in the CPU caches: every written key is looked up here at commit
        assertTrue(tm.trackedWrites() <= 512, "tracked " + tm.trackedWrites());
    }

    @Test
    void snapshotsAreReleasedAndConflictTableStaysBounded() {
        for (int i = 0; i < 20_000; i++) {
            Transaction t = tm.begin();
            t.put(b("k" + i), b("v"));
            if (i > 0) t.delete(b("k" + (i - 1))); // keeps the copy-on-write test store small
            t.commit();
        }
        assertEquals(0, store.openSnapshots());
        assertEquals(0, tm.activeCount());
        assertTrue(tm.trackedWrites() < 10_000, "tracked " + tm.trackedWrites());
    }

    @Test
    void endingATransactionClosesCursorsLeftOpen() {
        commitPuts("a", "1", "b", "2");
        Transaction t = tm.begin();
        KvCursor open = t.scan(null, null);
        assertTrue(open.next());
        try (KvCursor closed = t.scan(null, null)) {
            assertTrue(closed.next());
        }
        assertEquals(1, store.openCursors());
        t.put(b("c"), b("3"));
        t.commit();
        assertEquals(0, store.openCursors());
        assertEquals(0, store.openSnapshots());
        open.close(); // harmless afterwards
    }

    @Test
    void cursorSurvivesWritesDuringIteration() {
        commitPuts("a", "1", "b", "2", "c", "3");
        Transaction t = tm.begin();
        List<String> seen = new ArrayList<>();
        try (KvCursor c = t.scan(null, null)) {
            while (c.next()) {
                seen.add(s(c.key()));
                t.delete(c.key());
            }
        }
        assertEquals(List.of("a", "b", "c"), seen);
        assertEquals(List.of(), keys(t.scan(null, null)));
    }
}
