package dev.basalt.engine.session;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.txn.Transaction;

import java.util.function.Function;

/**
 * A session's transaction state machine. With autocommit on and no BEGIN, every statement runs in
 * a transaction of its own that commits when the statement ends. After BEGIN, or with autocommit
 * off, statements share one transaction until COMMIT / ROLLBACK (or an implicit commit by DDL);
 * a failing statement is undone alone (statement atomicity), the transaction stays open.
 */
public final class SessionTransaction {

    private final BasaltSession session;
    private Transaction current;
    private boolean explicit;
    /** Writes to an external database inside this transaction go to one pinned connection. */
    private dev.basalt.engine.external.ExternalTransaction external;
    private String externalServer;
    /** Set when the open transaction was ended for holding its snapshot too long: the age, reported once. */
    private long expiredAgeMillis = -1;

    /** The isolation level the open transaction started with (transaction_isolation at its start). */
    private IsolationLevel isolation = IsolationLevel.REPEATABLE_READ;

    SessionTransaction(BasaltSession session) {
        this.session = session;
    }

    /** The open transaction, or null. */
    public Transaction current() { return current; }

    public boolean isExplicit() { return explicit; }

    public boolean isReadOnly() { return current != null && current.isReadOnly(); }

    /** BEGIN / START TRANSACTION: commits an open transaction first, as MySQL does. */
    public void begin(boolean readOnlyTxn, boolean consistentSnapshot) {
        commit();
        current = session.engine().transactions().begin(readOnlyTxn);
        dev.basalt.engine.catalog.Catalog.bindSession(current, session.connectionId());
        isolation = IsolationLevel.of(session);
        current.setLockWaitTimeout(lockWaitMillis());
        explicit = true;
        if (consistentSnapshot) current.startSnapshot();
    }

    /** COMMIT: a conflict (1213) or storage error ends the transaction rolled back. */
    public void commit() {
        Transaction t = current;
        current = null;
        explicit = false;
        var x = external;
        external = null;
        externalServer = null;
        // at most one of the two has writes (see external()), so this is not a two-phase commit
        try {
            if (t != null) t.commit();
        } catch (RuntimeException e) {
            if (x != null) x.rollback();
            throw e;
        }
        if (x != null) x.commit();
    }

    public void rollback() {
        Transaction t = current;
        current = null;
        explicit = false;
        var x = external;
        external = null;
        externalServer = null;
        if (x != null) x.rollback();
        if (t != null) t.rollback();
    }

    /**
     * The pinned transaction on an external database for a statement of this session, or null when
     * the statement runs on its own (autocommit, or a read of a server this transaction did not
     * write to). A transaction writes to one place: local tables or one remote server (1235 else).
     */
    public dev.basalt.engine.external.ExternalTransaction external(dev.basalt.engine.external.ExternalDatabase db,
                                                                   boolean write) {
        if (nextStatementIsSingle() && external == null) return null;
        String server = db.serverKey();
        if (external != null) {
            if (server.equals(externalServer)) return external;
            if (!write) return null;
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET,
                    "a transaction writing to two remote servers; COMMIT first");
        }
        if (!write) return null;
        if (current != null && current.hasWrites()) {
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET,
                    "a transaction writing to local tables and a remote server; COMMIT first");
        }
        forStatement();
        external = db.begin(session.clientFoundRows());
        externalServer = server;
        return external;
    }

    /** Local writes are refused once this transaction wrote to a remote server. */
    public void checkLocalWrite() {
        if (external != null) {
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET,
                    "a transaction writing to a remote server and local tables; COMMIT first");
        }
    }

    public void rollbackQuietly() {
        try {
            rollback();
        } catch (RuntimeException ignored) {
            // closing a connection must not fail
        }
    }

    /**
     * max_snapshot_age: a transaction whose read snapshot is older than {@code maxMillis} is rolled
     * back (its snapshot closed, so the store can reclaim old versions) and remembered, so the
     * session's next statement reports it. True when it ended the transaction now.
     */
    public boolean expireSnapshot(long maxMillis) {
        if (maxMillis <= 0 || current == null) return false;
        long age = current.snapshotAgeMillis();
        if (age <= maxMillis) return false;
        rollbackQuietly();
        expiredAgeMillis = age;
        return true;
    }

    /**
     * Before a client statement: the error for a transaction ended by {@link #expireSnapshot}
     * (once; ROLLBACK just clears it, as after a deadlock).
     */
    public void reportExpiredSnapshot(boolean isRollback, long maxMillis) {
        long age = expiredAgeMillis;
        if (age < 0) return;
        expiredAgeMillis = -1;
        if (isRollback) return;
        // as for a deadlock victim: the whole transaction is rolled back and may be retried
        throw new SqlException(1213, "40001", "Transaction rolled back: its read snapshot was "
                + (age / 1000) + " s old, over max_snapshot_age (" + (maxMillis / 1000) + " s); try restarting transaction");
    }

    /** True when the next statement will run in a transaction of its own. */
    public boolean nextStatementIsSingle() {
        return current == null && session.autocommit();
    }

    /**
     * Called before each statement the client sends. READ COMMITTED (and READ UNCOMMITTED, which
     * behaves as READ COMMITTED) reads a fresh snapshot per statement, as InnoDB's read view per
     * consistent read; REPEATABLE READ and SERIALIZABLE keep the transaction's first snapshot.
     */
    public void beforeStatement() {
        forgetIfEnded();
        if (current == null) return;
        if (isolation.snapshotPerStatement()) current.refreshSnapshot();
        current.setLockWaitTimeout(lockWaitMillis()); // the session may have changed it mid-transaction
    }

    /** innodb_lock_wait_timeout, in milliseconds. */
    private long lockWaitMillis() {
        return Math.max(0, session.variables().getLong("innodb_lock_wait_timeout")) * 1000L;
    }

    /**
     * True when a plain SELECT must read as SELECT ... FOR SHARE: SERIALIZABLE inside a multi-statement
     * transaction (InnoDB's rule; with autocommit a lone SELECT stays a consistent read).
     */
    public boolean plainReadsLock(boolean singleStatement) {
        return !singleStatement && current != null && isolation == IsolationLevel.SERIALIZABLE;
    }

    /** The isolation level of the open transaction (REPEATABLE READ when none is open). */
    public IsolationLevel isolation() { return current == null ? IsolationLevel.REPEATABLE_READ : isolation; }

    /**
     * A transaction can end under the session: a deadlock victim or a stale locked row (1213) is
     * rolled back where the lock was requested, possibly while a result streamed. As in InnoDB,
     * the next statement then runs as if after ROLLBACK.
     */
    private void forgetIfEnded() {
        if (current == null || current.isActive()) return;
        current = null;
        explicit = false;
        var x = external;
        external = null;
        externalServer = null;
        if (x != null) x.rollback();
    }

    /** The transaction a statement should use, starting one if needed. */
    public Transaction forStatement() {
        forgetIfEnded();
        if (current == null) {
            boolean ro = session.variables().getBool("transaction_read_only");
            current = session.engine().transactions().begin(ro);
            dev.basalt.engine.catalog.Catalog.bindSession(current, session.connectionId());
            isolation = IsolationLevel.of(session);
            current.setLockWaitTimeout(lockWaitMillis());
        }
        return current;
    }

    /**
     * Runs a statement body with statement atomicity. Single-statement transactions commit at the
     * end; inside an open transaction a failure rolls back just this statement.
     */
    public <T> T run(Function<Transaction, T> body) {
        boolean single = nextStatementIsSingle();
        Transaction t = forStatement();
        if (single) t.setOptimisticWrites(true); // autocommit: see Transaction.setOptimisticWrites
        Transaction.Mark mark = single ? null : t.mark();
        try {
            T result = body.apply(t);
            if (single) {
                current = null;
                t.commit();
            } else {
                t.release(mark);
            }
            return result;
        } catch (RuntimeException | Error e) { // an OutOfMemoryError must not leave the transaction open
            if (single) {
                current = null;
                try {
                    t.rollback();
                } catch (RuntimeException ignored) {
                    // already ended (e.g. failed commit)
                }
            } else if (t.isActive()) {
                t.rollbackTo(mark);
            } else {
                current = null;
                explicit = false;
                var x = external;
                external = null;
                externalServer = null;
                if (x != null) x.rollback(); // the transaction is over: its remote part too
            }
            throw e;
        }
    }

    /** Ends a single-statement transaction that streamed a result (read-only work). */
    public void finishSingle(Transaction t) {
        if (current == t) current = null;
        t.commit();
    }

    /** Implicit commit before DDL and similar statements. */
    public void implicitCommit() {
        if (current != null) commit();
    }
}
