package dev.basalt.engine.txn;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Transaction#lockGap}: range locks that stop other transactions' writes into them. */
class GapLockTest {
    private TransactionManager tm;

    @BeforeEach
    void setUp() { tm = new TransactionManager(new TestKvStore()); }

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private Transaction begin(long waitMillis) {
        Transaction t = tm.begin();
        t.setGapLocking(true);
        t.setLockWaitTimeout(waitMillis);
        return t;
    }

    private long gapRows() {
        return tm.locks().stream().filter(l -> l.mode().endsWith("GAP") && !l.mode().endsWith("NOT_GAP")).count();
    }

    @Test
    void withoutGapLockingNothingIsLocked() {
        Transaction t = tm.begin();
        assertNull(t.lockGap(null, b("a"), b("m")));
        assertEquals(0, gapRows());
    }

    @Test
    void aWriteIntoAnotherTransactionsRangeTimesOutOutsideItDoesNot() {
        Transaction holder = begin(1000);
        holder.lockGap(null, b("c"), b("f"));
        Transaction writer = begin(200);
        writer.put(b("a"), b("1"));
        writer.put(b("f"), b("1")); // the end is exclusive
        SqlException e = assertThrows(SqlException.class, () -> writer.put(b("d"), b("1")));
        assertEquals(1205, e.errorCode());
        writer.delete(b("e")); // a delete creates no phantom
        holder.lockGap(null, b("d"), b("e")); // the holder's own writes and locks never wait for itself
        holder.put(b("e2"), b("2"));
        holder.commit();
        writer.put(b("d"), b("1"));
    }

    @Test
    void aScanWidensOneLockAndTouchingRangesMerge() {
        Transaction t = begin(1000);
        GapLock g = t.lockGap(null, b("c"), b("d"));
        assertSame(g, t.lockGap(g, b("c"), b("e")));
        assertSame(g, t.lockGap(null, b("e"), b("g")), "a touching range merges into the last one");
        t.lockGap(null, b("x"), b("z"));
        assertEquals(2, gapRows());
        t.rollback();
        assertEquals(0, gapRows());
    }

    @Test
    void theWaitingWriteGoesOnWhenTheHolderEnds() throws Exception {
        Transaction holder = begin(1000);
        holder.lockGap(null, b("a"), null);
        Transaction writer = begin(10_000);
        CompletableFuture<Void> w = CompletableFuture.runAsync(() -> writer.put(b("q"), b("1")));
        assertThrows(TimeoutException.class, () -> w.get(300, TimeUnit.MILLISECONDS));
        assertEquals(1, tm.locks().stream().filter(l -> l.mode().equals("X,INSERT_INTENTION") && !l.granted()).count());
        holder.commit();
        w.get(10, TimeUnit.SECONDS);
        writer.commit();
    }

    @Test
    void twoHoldersInsertingIntoTheSharedGapDeadlock() throws Exception {
        Transaction a = begin(10_000);
        Transaction c = begin(10_000);
        a.lockGap(null, b("a"), b("z"));
        c.lockGap(null, b("a"), b("z")); // gap locks are compatible
        CompletableFuture<Void> wa = CompletableFuture.runAsync(() -> a.put(b("k"), b("1")));
        assertThrows(TimeoutException.class, () -> wa.get(300, TimeUnit.MILLISECONDS));
        SqlException e = assertThrows(SqlException.class, () -> c.put(b("m"), b("1")));
        assertEquals(1213, e.errorCode());
        assertEquals(false, c.isActive(), "the victim is rolled back");
        wa.get(10, TimeUnit.SECONDS);
        a.commit();
    }
}
