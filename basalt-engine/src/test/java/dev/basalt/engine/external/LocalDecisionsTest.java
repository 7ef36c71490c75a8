package dev.basalt.engine.external;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.testkv.TestKvStore;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.engine.txn.TransactionManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local store's decision of a local+remote two-phase commit: made by the local commit, made final by settle. */
class LocalDecisionsTest {
    private static final byte[] ROW = {1, 0, 0, 0, 9, 1};
    private TransactionManager tm;
    private LocalDecisions decisions;

    @BeforeEach
    void setUp() {
        tm = new TransactionManager(new TestKvStore());
        decisions = new LocalDecisions(tm);
    }

    @Test
    void aLandedLocalCommitSettlesAsCommitted() {
        Transaction t = tm.begin();
        t.put(ROW, new byte[] {7});
        decisions.commitWith(t, "g-1");
        assertTrue(decisions.settle("g-1"));
        assertTrue(decisions.settle("g-1")); // and stays so
    }

    @Test
    void aMissingDecisionSettlesAsRolledBackForGood() {
        assertFalse(decisions.settle("g-2"));
        assertFalse(decisions.settle("g-2"));
    }

    /**
     * The local commit had not landed when the outcome was settled (say its wait was stopped and it
     * is still queued): settle's write of the same key makes it lose, so it can never land after a
     * rollback was decided, and its rows stay out.
     */
    @Test
    void aLateLocalCommitLosesToTheSettledRollback() {
        Transaction late = tm.begin();
        late.put(ROW, new byte[] {7});
        late.startSnapshot();
        assertFalse(decisions.settle("g-3"));
        SqlException e = assertThrows(SqlException.class, () -> decisions.commitWith(late, "g-3"));
        assertEquals(1213, e.errorCode());
        Transaction r = tm.begin();
        assertNull(r.get(ROW));
        r.rollback();
        assertFalse(decisions.settle("g-3"));
    }

    @Test
    void forgetDeletesDecisions() {
        Transaction t = tm.begin();
        decisions.commitWith(t, "g-4");
        assertFalse(decisions.settle("g-5"));
        assertEquals(List.of("g-4", "g-5"), decisions.all());
        decisions.forget(List.of("g-4", "g-5"));
        assertEquals(List.of(), decisions.all());
    }
}
