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
    }
}
