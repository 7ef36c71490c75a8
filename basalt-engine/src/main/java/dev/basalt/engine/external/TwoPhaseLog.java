package dev.basalt.engine.external;

import java.util.List;

/**
 * The coordinator's log of a two-phase commit across external transactions, kept by their
 * provider. The engine drives the protocol ({@code session.ExternalCommit}); the log makes it
 * survive a crash of this server: whatever it lists as decided is committed on restart, whatever
 * it lists as only preparing is rolled back (presumed abort).
 */
public interface TwoPhaseLog {

    /**
     * Before the first prepare: records the participants durably, so a crash after a prepare never
     * leaves a prepared transaction nobody knows of. Throws when it cannot (nothing is prepared then).
     */
    Entry preparing(List<ExternalTransaction> participants);

    /**
     * True when a transaction that also wrote local tables may commit through this log, the local
     * store deciding as its last participant ({@link #preparingWithLocal}).
     */
    default boolean acceptsLocal() { return false; }

    /**
     * As {@link #preparing}, for a transaction that also wrote local tables: the entry's decision is
     * the local commit ({@link Entry#decideByLocalCommit}), so a crash before it rolls the external
     * participants back and one after it commits them.
     */
    default Entry preparingWithLocal(List<ExternalTransaction> participants) {
        throw new UnsupportedOperationException("local participant");
    }

    /** How {@link Entry#decideByLocalCommit} ended. */
    enum LocalOutcome {
        /** The local transaction committed: commit the external participants. */
        COMMITTED,
        /** It did not and never will: roll them back. */
        ROLLED_BACK,
        /** Unknown for now (the store could not be read or written): leave them prepared; the log finishes them. */
        IN_DOUBT
    }

    /** The outcome of a local commit as decision, and its failure (null when it committed cleanly), which the client sees. */
    record LocalCommit(LocalOutcome outcome, RuntimeException error) {}

    /** One distributed transaction in the log. */
    interface Entry {
        /**
         * All participants prepared: records the decision to commit durably. After this returns
         * the transaction commits, also after a crash; throws when the record could not be made
         * (the caller then rolls back every participant).
         */
        void decideCommit();

        /**
         * Every participant was told the outcome (committed, or rolled back). The log forgets the
         * entry once each participant really finished; one that did not (its server unreachable)
         * is finished later by the provider.
         */
        void finished();

        /**
         * For an entry of {@link #preparingWithLocal}, every external participant prepared: commits
         * {@code local} with the decision in it ({@link LocalDecisions#commitWith}). On failure the
         * outcome is settled before this returns ({@link LocalDecisions#settle}): a commit whose wait
         * was stopped (KILL) may still have landed.
         */
        default LocalCommit decideByLocalCommit(dev.basalt.engine.txn.Transaction local) {
            throw new UnsupportedOperationException("local participant");
        }
    }
}
