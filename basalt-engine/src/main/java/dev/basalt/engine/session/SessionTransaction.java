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
    /**
     * Writes to an external database inside this transaction go to one pinned connection per
     * server (keyed by serverKey, in the order they were first written). Two or more only when all
     * support two-phase commit.
     */
    private java.util.Map<String, dev.basalt.engine.external.ExternalTransaction> externals = new java.util.LinkedHashMap<>();
    /** How errors name the databases of {@link #externals} (their {@code describe()}). */
    private final java.util.List<String> externalNames = new java.util.ArrayList<>();
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
        current.setGapLocking(!isolation.snapshotPerStatement()); // READ COMMITTED takes no gap locks
        current.setLockWaitTimeout(lockWaitMillis());
        explicit = true;
        if (consistentSnapshot) current.startSnapshot();
    }

    /** COMMIT: a conflict (1213) or storage error ends the transaction rolled back. */
    public void commit() {
        Transaction t = current;
        current = null;
        explicit = false;
        var xs = takeExternals();
        if (t != null && t.hasWrites() && !xs.isEmpty()) {
            // local and remote writes: the local commit is the decision of the remotes' two-phase commit
            ExternalCommit.commitWithLocal(t, xs);
            return;
        }
        try {
            if (t != null) t.commit();
        } catch (RuntimeException e) {
            for (var x : xs) x.rollback();
            throw e;
        }
        ExternalCommit.commit(xs);
    }

    /** Ends this session's hold on its external transactions; returns them (for commit or rollback). */
    private java.util.List<dev.basalt.engine.external.ExternalTransaction> takeExternals() {
        if (externals.isEmpty()) return java.util.List.of();
        var xs = java.util.List.copyOf(externals.values());
        externals = new java.util.LinkedHashMap<>();
        externalNames.clear();
        return xs;
    }

    private void rollbackExternals() {
        for (var x : takeExternals()) x.rollback();
    }

    public void rollback() {
        Transaction t = current;
        current = null;
        explicit = false;
        rollbackExternals();
        if (t != null) t.rollback();
    }

    /**
     * The pinned transaction on an external database for a statement of this session, or null when
     * the statement runs on its own (autocommit, or a read of a server this transaction did not
     * write to). A transaction writes to several remote servers, or to local tables and remote
     * servers, only when each supports two-phase commit (1235 else).
     */
    public dev.basalt.engine.external.ExternalTransaction external(dev.basalt.engine.external.ExternalDatabase db,
                                                                   boolean write) {
        if (nextStatementIsSingle() && externals.isEmpty()) return null;
        String server = db.serverKey();
        var pinned = externals.get(server);
        if (pinned != null || !write) return pinned;
        for (var other : externals.values()) {
            if (!other.twoPhase()) {
                throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET,
                        "a transaction writing to two remote servers without two-phase commit; COMMIT first");
            }
        }
        forStatement();
        var started = db.begin(session.clientFoundRows());
        if (!externals.isEmpty() && !started.twoPhase()) {
            started.rollback();
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET,
                    "a transaction writing to two remote servers without two-phase commit; COMMIT first");
        }
        if (current != null && current.hasWrites() && !ExternalCommit.acceptsLocal(withStarted(started))) {
            started.rollback();
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "a transaction writing to local tables and to the"
                    + " remote database " + db.describe() + " (it does not support two-phase commit); COMMIT first");
        }
        externals.put(server, started);
        externalNames.add(db.describe());
        return started;
    }

    private java.util.List<dev.basalt.engine.external.ExternalTransaction> withStarted(
            dev.basalt.engine.external.ExternalTransaction started) {
        var all = new java.util.ArrayList<>(externals.values());
        all.add(started);
        return all;
    }

    /**
     * Local writes join a transaction that wrote to remote servers only when they commit atomically
     * with them: the local commit as the decision of their two-phase commit (ExternalCommit.commitWithLocal).
     */
    public void checkLocalWrite() {
        if (!externals.isEmpty() && !ExternalCommit.acceptsLocal(externals.values())) {
            throw new SqlException(ErrorCode.ER_NOT_SUPPORTED_YET, "a transaction writing to the remote database"
                    + (externalNames.size() > 1 ? "s " : " ") + String.join(", ", externalNames)
                    + " and to local tables (it does not support two-phase commit); COMMIT first");
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
     * rolled back where the lock was requested, possibly while a result streamed; a remote server
     * may do the same to its part. As in InnoDB, the next statement then runs as if after ROLLBACK.
     */
    private void forgetIfEnded() {
        if (externals.values().stream().anyMatch(dev.basalt.engine.external.ExternalTransaction::ended)) {
            rollback(); // a remote server ended its part (a deadlock victim): the whole transaction is over
            return;
        }
        if (current == null || current.isActive()) return;
        current = null;
        explicit = false;
        rollbackExternals();
    }

    /** The transaction a statement should use, starting one if needed. */
    public Transaction forStatement() {
        forgetIfEnded();
        if (current == null) {
            boolean ro = session.variables().getBool("transaction_read_only");
            current = session.engine().transactions().begin(ro);
            dev.basalt.engine.catalog.Catalog.bindSession(current, session.connectionId());
            isolation = IsolationLevel.of(session);
            current.setGapLocking(!isolation.snapshotPerStatement()); // READ COMMITTED takes no gap locks
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
                rollbackExternals(); // the transaction is over: its remote part too
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
