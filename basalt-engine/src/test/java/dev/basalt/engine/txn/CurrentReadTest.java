package dev.basalt.engine.txn;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Transaction#lockCurrent}: InnoDB's current read over a KV snapshot. */
class CurrentReadTest {
    private TransactionManager tm;

    @BeforeEach
    void setUp() { tm = new TransactionManager(new TestKvStore()); }

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private void commit(String k, String v) {
        Transaction t = tm.begin();
        if (v == null) t.delete(b(k));
        else t.put(b(k), b(v));
        t.commit();
    }

    @Test
    void aLockingReadSeesTheLatestCommitWhilePlainReadsKeepTheSnapshot() {
        commit("a", "1");
        Transaction t = tm.begin();
        t.startSnapshot();
        commit("a", "2");
        assertEquals(Transaction.LockedRow.CHANGED, t.lockCurrent(b("a")));
        assertArrayEquals(b("2"), t.currentValue(b("a")));
        assertArrayEquals(b("1"), t.get(b("a")), "plain reads keep the snapshot");
        t.put(b("a"), b("3")); // based on the latest version: no conflict
        assertEquals(Transaction.LockedRow.AS_SEEN, t.lockCurrent(b("a")), "own write is the latest");
        t.commit();
        Transaction r = tm.begin();
        assertArrayEquals(b("3"), r.get(b("a")));
    }

    @Test
    void aRowDeletedSinceTheSnapshotIsGone() {
        commit("a", "1");
        Transaction t = tm.begin();
        t.startSnapshot();
        commit("a", null);
        assertEquals(Transaction.LockedRow.GONE, t.lockCurrent(b("a")));
        assertNull(t.currentValue(b("a")));
        t.commit();
    }

    @Test
    void aWriteWithoutACurrentReadStillLoses() {
        commit("a", "1");
        Transaction t = tm.begin();
        t.startSnapshot();
        commit("a", "2");
        SqlException e = assertThrows(SqlException.class, () -> t.put(b("a"), b("9")));
        assertEquals(1213, e.errorCode());
    }

    @Test
    void anIndexEntryUnderTheRowLockFollowsTheLatestVersion() {
        commit("e", "x");
        Transaction t = tm.begin();
        t.startSnapshot();
        commit("e", null); // another transaction moved the row's index entry
        t.deleteUnderRowLock(b("e"));
        t.putUnderRowLock(b("f"), b("y"));
        t.commit();
        Transaction r = tm.begin();
        assertNull(r.get(b("e")));
        assertArrayEquals(b("y"), r.get(b("f")));
    }
}
