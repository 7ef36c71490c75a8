package dev.basalt.engine.lock;

import dev.basalt.engine.api.ErrorCode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * MySQL's metadata locks for sessions without LOCK TABLES: a transaction that read or wrote a
 * table holds a shared lock on it (SHARED_READ / SHARED_WRITE) until it ends, and ALTER / DROP /
 * TRUNCATE / RENAME / CREATE INDEX / DROP INDEX take an exclusive one: they wait (PROCESSLIST
 * "Waiting for table metadata lock", 1205 after {@code lock_wait_timeout}) while other
 * transactions hold the table, and a waiting or running DDL makes new statements of other sessions
 * that use the table wait behind it.
 *
 * <p>Cost: a shared lock is a counter on the table's {@link Table} (which each {@code TableStore}
 * finds once), changed under that table's own monitor, without allocation; who holds what is
 * remembered by the transactions themselves ({@link TableUseRecorder}) and read from them only
 * for performance_schema.metadata_locks and deadlock checks. Statements look at the DDL side only
 * while some DDL holds or waits for an exclusive lock ({@link #ddlActive()}, one volatile read).
 * Tables are keyed by id, so one session's TEMPORARY table never meets another session's table of
 * the same name.
 */
public final class TransactionMetadataLocks {

    /** One table's lock state, by table id; its monitor guards it. */
    public static final class Table {
        final int tableId;
        volatile String database, name;
        private int holders;                          // transactions holding it shared
        private long exclusive;                       // connection holding it exclusively, 0 when none
        private final List<Long> waiting = new ArrayList<>(1); // connections whose DDL waits for it

        Table(int tableId, String database, String name) {
            this.tableId = tableId;
            this.database = database;
            this.name = name;
        }

        public int tableId() { return tableId; }
    }

    /** One row of performance_schema.metadata_locks. */
    public record Lock(long connectionId, String database, String table, String lockType, boolean granted) {}

    private final Map<Integer, Table> tables = new ConcurrentHashMap<>();
    /** Connection id -> the tables its DDL waits for (deadlock checks). */
    private final Map<Long, List<Table>> ddlWaits = new ConcurrentHashMap<>();
    /** DDL statements holding or waiting for an exclusive lock. */
    private volatile int ddl;

    /** True while some DDL holds or waits for an exclusive lock: only then do statements look. */
    public boolean ddlActive() { return ddl > 0; }

    /** The lock state of a table (created on first use; names kept current for display). */
    public Table table(int tableId, String database, String name) {
        Table t = tables.computeIfAbsent(tableId, id -> new Table(id, database, name));
        if (!name.equals(t.name) || !database.equals(t.database)) { // renamed
            t.database = database;
            t.name = name;
        }
        return t;
    }

    /** The lock state of a table some transaction or DDL has used, or null. */
    Table find(int tableId) { return tables.get(tableId); }

    /** A transaction's first use of the table (never waits: the statement passed {@link #awaitStatement}). */
    void enter(Table t) {
        synchronized (t) {
            t.holders++;
        }
    }

    /** The transaction that entered ended. */
    void exit(Table t) {
        synchronized (t) {
            if (--t.holders <= 0) {
                t.holders = 0;
                if (!t.waiting.isEmpty()) t.notifyAll();
            }
        }
    }

    /**
     * Before a statement of connection {@code id} that uses {@code used} tables: waits while another
     * session's DDL holds or waits for one it does not hold yet ({@code holds}), as MySQL grants a
     * transaction a lock it has. A wait that would close a cycle (that DDL waits for a table this
     * connection holds) fails at once with 1213.
     */
    void awaitStatement(long id, List<Table> used, java.util.function.Predicate<Table> holds, long timeoutMillis,
                        Consumer<String> state) {
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        boolean waited = false;
        try {
            for (Table t : used) {
                if (holds.test(t)) continue;
                synchronized (t) {
                    while (true) {
                        long blocker = t.exclusive != 0 && t.exclusive != id ? t.exclusive : otherWaiter(t, id);
                        if (blocker == 0) break;
                        List<Table> theirs = ddlWaits.get(blocker);
                        if (theirs != null) for (Table w : theirs) if (holds.test(w)) throw ErrorCode.ER_LOCK_DEADLOCK.error();
                        if (!waited) {
                            state.accept("Waiting for table metadata lock");
                            waited = true;
                        }
                        waitOn(t, deadline);
                    }
                }
            }
        } finally {
            if (waited) state.accept(null);
        }
    }

    private static long otherWaiter(Table t, long id) {
        for (long w : t.waiting) if (w != id) return w;
        return 0;
    }

    /**
     * DDL of connection {@code id} on the tables: waits until no transaction holds them and no other
     * DDL holds them, then holds them exclusively until {@link #releaseExclusive}. 1205 after
     * {@code timeoutMillis}. The caller has ended its own transaction (DDL's implicit commit).
     */
    public void acquireExclusive(long id, List<Table> wanted, long timeoutMillis, Consumer<String> state) {
        if (wanted.isEmpty()) return;
        List<Table> sorted = new ArrayList<>(wanted);
        sorted.sort(Comparator.comparingInt(Table::tableId)); // one order for every DDL: no cycles among them
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        synchronized (this) {
            ddl++;
        }
        for (Table t : sorted) {
            synchronized (t) {
                t.waiting.add(id);
            }
        }
        ddlWaits.put(id, sorted);
        int granted = 0;
        boolean waited = false;
        try {
            for (Table t : sorted) {
                synchronized (t) {
                    while (t.holders > 0 || t.exclusive != 0 && t.exclusive != id) {
                        if (!waited) {
                            state.accept("Waiting for table metadata lock");
                            waited = true;
                        }
                        waitOn(t, deadline);
                    }
                    t.exclusive = id;
                    granted++;
                }
            }
        } finally {
            ddlWaits.remove(id);
            for (Table t : sorted) {
                synchronized (t) {
                    t.waiting.remove(id);
                    if (granted < sorted.size() && t.exclusive == id) t.exclusive = 0; // gave up: release all
                    t.notifyAll();
                }
            }
            if (granted < sorted.size()) {
                synchronized (this) {
                    ddl--;
                }
            }
            if (waited) state.accept(null);
        }
    }

    /** The DDL statement of connection {@code id} ended: its exclusive locks go. */
    public void releaseExclusive(long id, List<Table> held) {
        if (held.isEmpty()) return;
        for (Table t : held) {
            synchronized (t) {
                if (t.exclusive == id) t.exclusive = 0;
                t.notifyAll();
            }
        }
        synchronized (this) {
            ddl--;
        }
    }

    /** DDL's exclusive locks, held and waited for, for performance_schema.metadata_locks. */
    List<Lock> exclusiveLocks() {
        List<Lock> out = new ArrayList<>();
        if (ddl == 0) return out;
        for (Table t : tables.values()) {
            synchronized (t) {
                if (t.exclusive != 0) out.add(new Lock(t.exclusive, t.database, t.name, "EXCLUSIVE", true));
                for (long w : t.waiting) if (w != t.exclusive) out.add(new Lock(w, t.database, t.name, "EXCLUSIVE", false));
            }
        }
        return out;
    }

    /** Waits on the table's monitor (held) for a release, in slices so KILL QUERY ends the wait; 1205 past the deadline. */
    private static void waitOn(Table t, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) throw ErrorCode.ER_LOCK_WAIT_TIMEOUT.error();
        long waited = System.nanoTime();
        try {
            t.wait(Math.max(1, Math.min(remaining / 1_000_000L, 100)));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw ErrorCode.ER_LOCK_WAIT_TIMEOUT.error();
        } finally {
            dev.basalt.engine.exec.StatementScans.lockWaited(System.nanoTime() - waited); // Lock_time
        }
        dev.basalt.engine.exec.Cancellation.check();
    }
}
