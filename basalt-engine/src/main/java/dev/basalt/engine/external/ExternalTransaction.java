package dev.basalt.engine.external;

/**
 * A transaction pinned to one connection of an external database: the writes of a session's
 * explicit transaction go there and end with its COMMIT or ROLLBACK. When a transaction writes to
 * several external servers, and all of their transactions {@link #twoPhase support it}, COMMIT
 * first {@link #prepare prepares} every one and then commits them (two-phase commit).
 */
public interface ExternalTransaction {

    /** Commits (a prepared transaction: its second phase). */
    void commit();

    /** True when {@link #prepare} is available (e.g. XA on MySQL servers). */
    default boolean twoPhase() { return false; }

    /**
     * First phase: after this returns the external server guarantees the transaction can commit;
     * only {@link #commit} or {@link #rollback} may follow. Throws when it cannot (the caller then
     * rolls every participant back).
     */
    default void prepare() { throw new UnsupportedOperationException("two-phase commit"); }

    /**
     * The log that makes a two-phase commit of this transaction with others survive a crash of
     * this server, or null (two-phase commit then still runs, without recovery). Used when all
     * participants return the same log.
     */
    default TwoPhaseLog twoPhaseLog() { return null; }

    /**
     * True when the external server ended this transaction on its own (it rolled back a deadlock
     * victim): the session's whole transaction is then over, as after a local deadlock, and only
     * {@link #rollback} may follow.
     */
    default boolean ended() { return false; }

    /** Never throws: used on error paths and when the session closes. */
    void rollback();
}
