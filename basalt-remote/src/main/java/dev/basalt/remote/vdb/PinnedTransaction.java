package dev.basalt.remote.vdb;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.external.ExternalTransaction;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A session's transaction on one remote connection, held from its first remote write to
 * COMMIT/ROLLBACK. It is an XA transaction from the start ({@code XA START}), because whether a
 * second server will be written in the same transaction is known only later: alone, it commits in
 * one phase ({@code XA COMMIT ... ONE PHASE}, one round trip more than a plain COMMIT); with other
 * servers, the session's COMMIT runs {@link #prepare} ({@code XA END} + {@code XA PREPARE}) on
 * every one before committing any. The XA identifier is unique per transaction (two virtual
 * databases of one server are two participants there).
 */
final class PinnedTransaction implements ExternalTransaction {
    private enum State { ACTIVE, PREPARED, ENDED }

    private final VdbSpec spec;
    final Connection connection;
    /** Where a prepared transaction is finished when its own connection was lost. */
    private final RemotePool recovery;
    /** The XA identifier, quoted for SQL ({@code 'basalt-<uuid>'}). */
    private final String xid;
    private State state = State.ACTIVE;
    /** Known to be committed or rolled back on the remote (false: it may still be prepared there). */
    private volatile boolean resolved;
    /** Where a two-phase commit with other databases is logged (shared by the provider's databases). */
    private final XaCoordinatorLog log;
    /** The result cache of the database, or null; and what this transaction wrote, to invalidate when it ends. */
    private final CachedReads cached;
    private final java.util.Set<String> written = new java.util.HashSet<>();
    private boolean wroteAll;

    /** The pool {@link #connection} came from. */
    private final RemotePool owner;

    private PinnedTransaction(VdbSpec spec, Connection connection, RemotePool owner, RemotePool recovery,
                              CachedReads cached, XaCoordinatorLog log) {
        this.spec = spec;
        this.owner = owner;
        this.log = log;
        this.connection = connection;
        this.recovery = recovery;
        this.cached = cached;
        this.xid = "'basalt-" + UUID.randomUUID() + "'";
    }

    /** Starts the XA transaction on {@code connection} (autocommit stays on: XA ignores it). */
    static PinnedTransaction start(VdbSpec spec, Connection connection, RemotePool owner, RemotePool recovery,
                                   CachedReads cached, XaCoordinatorLog log) {
        PinnedTransaction t = new PinnedTransaction(spec, connection, owner, recovery, cached, log);
        try {
            t.run(connection, "XA START " + t.xid);
        } catch (SQLException e) {
            t.release();
            throw RemoteErrors.query(spec, e);
        }
        return t;
    }

    /** A statement of this transaction wrote these tables (or unknown ones, {@code all}). */
    void wrote(boolean all, java.util.Set<String> tables) {
        wroteAll |= all;
        written.addAll(tables);
    }

    @Override public boolean twoPhase() { return true; }

    @Override public dev.basalt.engine.external.TwoPhaseLog twoPhaseLog() { return log; }

    /** The XA identifier without quotes. */
    String xid() { return xid.substring(1, xid.length() - 1); }

    /** The participant's database, as the coordinator log names it (no password). */
    String serverKey() { return spec.serverKey(); }

    /** The remote rolled it back as a deadlock victim (1213); it is rollback-only there now. */
    private volatile boolean deadlocked;

    /** A statement of this transaction failed with {@code errno} on the remote. */
    void failed(int errno) {
        if (errno == 1213) deadlocked = true;
    }

    @Override public boolean ended() { return deadlocked; }

    /** True once the remote has committed or rolled it back for sure. */
    boolean resolved() { return resolved; }

    @Override public void prepare() {
        if (state != State.ACTIVE) throw new IllegalStateException("prepare in state " + state);
        try {
            run(connection, "XA END " + xid);
            run(connection, "XA PREPARE " + xid);
            state = State.PREPARED;
        } catch (SQLException e) {
            throw RemoteErrors.query(spec, e);
        }
    }

    @Override public void commit() {
        try {
            if (state == State.ACTIVE) {
                run(connection, "XA END " + xid);
                run(connection, "XA COMMIT " + xid + " ONE PHASE");
                resolved = true;
            } else if (state == State.PREPARED) {
                commitPrepared();
            }
        } catch (SQLException e) {
            throw RemoteErrors.query(spec, e);
        } finally {
            state = State.ENDED;
            release();
        }
    }

    /**
     * Second phase. The remote keeps a prepared XA transaction when the connection that prepared
     * it is lost (MariaDB 10.5+, MySQL 5.7+), so a failure is retried once on a fresh connection.
     */
    private void commitPrepared() {
        try {
            run(connection, "XA COMMIT " + xid);
            resolved = true;
            return;
        } catch (SQLException first) {
            try (Connection c = recovery.borrow()) {
                run(c, "XA COMMIT " + xid);
                resolved = true;
                return;
            } catch (SQLException | RuntimeException again) {
                throw new SqlException(ErrorCode.ER_QUERY_ON_FOREIGN_DATA_SOURCE.code(),
                        ErrorCode.ER_QUERY_ON_FOREIGN_DATA_SOURCE.sqlState(),
                        ErrorCode.ER_QUERY_ON_FOREIGN_DATA_SOURCE.format(spec.describe() + ": the prepared XA transaction "
                                + xid + " could not be committed (" + RemoteErrors.scrub(spec, first.getMessage())
                                + "); the other servers committed, and Basalt commits it there as soon as it can (its coordinator"
                                + " log says so, also across a restart)"));
            }
        }
    }

    @Override public void rollback() {
        try {
            if (state == State.ACTIVE) {
                quietly(connection, "XA END " + xid);
                // a failed XA ROLLBACK may be a lost connection after an XA PREPARE that did happen
                resolved = quietly(connection, "XA ROLLBACK " + xid) || rollbackElsewhere();
            } else if (state == State.PREPARED) {
                // a prepared transaction outlives its connection: roll it back from another one
                resolved = quietly(connection, "XA ROLLBACK " + xid) || rollbackElsewhere();
            }
        } finally {
            state = State.ENDED;
            release();
        }
    }

    /**
     * XA ROLLBACK on a fresh connection: true when it is rolled back now or the remote does not know
     * it (1397 XAER_NOTA: never prepared, so ended with its connection). False when the remote is
     * unreachable: it then keeps a prepared transaction, which the coordinator log's resolver ends.
     */
    private boolean rollbackElsewhere() {
        try (Connection c = recovery.borrow()) {
            run(c, "XA ROLLBACK " + xid);
            return true;
        } catch (SQLException e) {
            return e.getErrorCode() == 1397;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The outcome is in doubt (the local store could not say whether the local commit, the decision,
     * landed): nothing is sent; the connection is closed for good (a session holding a prepared
     * branch cannot run anything else), and the remote keeps the branch prepared, as after a lost
     * connection, for the coordinator log's resolver.
     */
    void abandon() {
        if (state == State.ENDED) return;
        state = State.ENDED;
        owner.discard(connection);
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already closed by the eviction
        }
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Runs {@code sql}; false when it failed (the connection may be gone: the server then rolls back). */
    private static boolean quietly(Connection c, String sql) {
        try {
            run(c, sql);
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private void release() {
        // the writes are now visible to everyone (or undone): results read before are not current
        if (cached != null && (wroteAll || !written.isEmpty())) cached.invalidate(wroteAll, written);
        try {
            connection.close(); // back to the pool
        } catch (SQLException ignored) {
            // a broken connection is evicted by the pool
        }
    }
}
