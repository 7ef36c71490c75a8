package dev.basalt.engine.lock;

import dev.basalt.engine.api.ErrorCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * MySQL's metadata locks for sessions without LOCK TABLES: a transaction that read or wrote a
 * table holds a shared lock on it (SHARED_READ / SHARED_WRITE) until it ends, and ALTER / DROP /
 * TRUNCATE / RENAME / CREATE INDEX / DROP INDEX take an exclusive one: they wait (PROCESSLIST
 * "Waiting for table metadata lock", 1205 after {@code lock_wait_timeout}) while another session's
 * transaction holds the table, and a waiting or running DDL makes new statements of other sessions
 * that use the table wait behind it. A session never conflicts with itself.
 *
 * <p>Cost: a transaction registers each table once, on its first use (one uncontended monitor
 * enter); statements look at the DDL side only while some DDL holds or waits for an exclusive lock
 * ({@link #ddlActive()}, one volatile read). Tables are keyed by id, so the TEMPORARY table of one
 * session never meets another session's table of the same name.
 */
public final class TransactionMetadataLocks {

    /** A table by id, with the names performance_schema.metadata_locks shows. */
    public record Table(int tableId, String database, String name) {}

    /** One row of performance_schema.metadata_locks. */
    public record Lock(long connectionId, String database, String table, String lockType, boolean granted) {}

    private static final class Entry {
        final String database, name;
        /** connection id -> [holds count, 1 if it wrote] */
        final Map<Long, int[]> shared = new LinkedHashMap<>(2);
        long exclusive;                                     // connection holding it, 0 when none
        final Set<Long> waitingExclusive = new HashSet<>(1);

        Entry(String database, String name) {
            this.database = database;
            this.name = name;
        }

        boolean unused() { return shared.isEmpty() && exclusive == 0 && waitingExclusive.isEmpty(); }
    }

    private final Object monitor = new Object();
    private final Map<Integer, Entry> entries = new HashMap<>();
    /** Connection id -> the tables its DDL waits for (deadlock search and metadata_locks). */
    private final Map<Long, List<Integer>> ddlWaits = new HashMap<>();
    /** DDL statements holding or waiting for an exclusive lock. */
    private volatile int ddl;

    /** True while some DDL holds or waits for an exclusive lock: only then do statements look. */
    public boolean ddlActive() { return ddl > 0; }

    /**
     * Registers connection {@code id}'s transaction as a user of the table (never waits: the
     * statement already passed {@link #awaitStatement}); pair with {@link #releaseShared}.
     */
    public void acquireShared(long id, Table t, boolean write) {
        synchronized (monitor) {
            Entry e = entries.computeIfAbsent(t.tableId(), k -> new Entry(t.database(), t.name()));
            int[] h = e.shared.computeIfAbsent(id, k -> new int[2]);
            h[0]++;
            if (write) h[1] = 1;
        }
    }

    /** The transaction marks a table it holds as written (SHARED_READ becomes SHARED_WRITE). */
    public void markWritten(long id, int tableId) {
        synchronized (monitor) {
            Entry e = entries.get(tableId);
            int[] h = e == null ? null : e.shared.get(id);
            if (h != null) h[1] = 1;
        }
    }

    /** The transaction ended: its shared locks go, and DDL waiting for them may proceed. */
    public void releaseShared(long id, Iterable<Integer> tableIds) {
        synchronized (monitor) {
            for (int tableId : tableIds) {
                Entry e = entries.get(tableId);
                if (e == null) continue;
                int[] h = e.shared.get(id);
                if (h != null && --h[0] <= 0) e.shared.remove(id);
                if (e.unused()) entries.remove(tableId);
            }
            monitor.notifyAll();
        }
    }

    /**
     * Before a statement of connection {@code id} that uses {@code tableIds}: waits while another
     * session's DDL holds or waits for one of them (unless this connection already holds it, as
     * MySQL grants a lock a transaction has). A wait that would close a cycle (that DDL waits for a
     * table this connection holds) fails at once with 1213.
     */
    public void awaitStatement(long id, List<Integer> tableIds, long timeoutMillis, Consumer<String> state) {
        if (ddl == 0 || tableIds.isEmpty()) return;
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        boolean waited = false;
        try {
            synchronized (monitor) {
                while (true) {
                    Long blocker = ddlBlocking(id, tableIds);
                    if (blocker == null) return;
                    if (waitsForMe(blocker, id)) throw ErrorCode.ER_LOCK_DEADLOCK.error();
                    if (!waited) {
                        state.accept("Waiting for table metadata lock");
                        waited = true;
                    }
                    waitUntil(deadline);
                }
            }
        } finally {
            if (waited) state.accept(null);
        }
    }

    /**
     * DDL of connection {@code id} on the tables: waits until no other connection holds or waits
     * for them exclusively and no other connection's transaction uses them, then holds them
     * exclusively until {@link #releaseExclusive}. 1205 after {@code timeoutMillis}.
     */
    public void acquireExclusive(long id, List<Table> tables, long timeoutMillis, Consumer<String> state) {
        if (tables.isEmpty()) return;
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        boolean waited = false;
        List<Integer> ids = new ArrayList<>(tables.size());
        synchronized (monitor) {
            ddl++;
            for (Table t : tables) {
                ids.add(t.tableId());
                entries.computeIfAbsent(t.tableId(), k -> new Entry(t.database(), t.name())).waitingExclusive.add(id);
            }
            ddlWaits.put(id, ids);
        }
        boolean granted = false;
        try {
            synchronized (monitor) {
                while (!free(id, ids)) {
                    if (!waited) {
                        state.accept("Waiting for table metadata lock");
                        waited = true;
                    }
                    waitUntil(deadline);
                }
                for (int t : ids) entries.get(t).exclusive = id;
                granted = true;
            }
        } finally {
            synchronized (monitor) {
                ddlWaits.remove(id);
                for (int t : ids) {
                    Entry e = entries.get(t);
                    e.waitingExclusive.remove(id);
                    if (e.unused()) entries.remove(t);
                }
                if (!granted) {
                    ddl--;
                    monitor.notifyAll();
                }
            }
            if (waited) state.accept(null);
        }
    }

    /** The DDL statement of connection {@code id} ended: its exclusive locks go. */
    public void releaseExclusive(long id, List<Table> tables) {
        if (tables.isEmpty()) return;
        synchronized (monitor) {
            for (Table t : tables) {
                Entry e = entries.get(t.tableId());
                if (e == null || e.exclusive != id) continue;
                e.exclusive = 0;
                if (e.unused()) entries.remove(t.tableId());
            }
            ddl--;
            monitor.notifyAll();
        }
    }

    /** Every lock held or waited for, for performance_schema.metadata_locks. */
    public List<Lock> snapshot() {
        synchronized (monitor) {
            List<Lock> out = new ArrayList<>();
            for (Entry e : entries.values()) {
                for (var h : e.shared.entrySet()) {
                    out.add(new Lock(h.getKey(), e.database, e.name, h.getValue()[1] == 1 ? "SHARED_WRITE" : "SHARED_READ", true));
                }
                if (e.exclusive != 0) out.add(new Lock(e.exclusive, e.database, e.name, "EXCLUSIVE", true));
                for (long w : e.waitingExclusive) out.add(new Lock(w, e.database, e.name, "EXCLUSIVE", false));
            }
            return out;
        }
    }

    // ------------------------------------------------------------------ internals (under monitor)

    /** No other connection holds the tables (shared or exclusive) or asked for them exclusively before. */
    private boolean free(long id, List<Integer> ids) {
        for (int t : ids) {
            Entry e = entries.get(t);
            if (e.exclusive != 0 && e.exclusive != id) return false;
            for (long holder : e.shared.keySet()) if (holder != id) return false;
        }
        return true;
    }

    /** Another connection's DDL that holds or waits for one of the tables this connection does not hold yet. */
    private Long ddlBlocking(long id, List<Integer> tableIds) {
        for (int t : tableIds) {
            Entry e = entries.get(t);
            if (e == null || e.shared.containsKey(id)) continue;
            if (e.exclusive != 0 && e.exclusive != id) return e.exclusive;
            for (long w : e.waitingExclusive) if (w != id) return w;
        }
        return null;
    }

    /** True when DDL connection {@code ddlOwner} waits for a table connection {@code id} holds. */
    private boolean waitsForMe(long ddlOwner, long id) {
        List<Integer> waits = ddlWaits.get(ddlOwner);
        if (waits == null) return false;
        for (int t : waits) {
            Entry e = entries.get(t);
            if (e != null && e.shared.containsKey(id)) return true;
        }
        return false;
    }

    /** Waits on the monitor for a release, in slices so that KILL QUERY ends the wait; 1205 past the deadline. */
    private void waitUntil(long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) throw ErrorCode.ER_LOCK_WAIT_TIMEOUT.error();
        try {
            monitor.wait(Math.max(1, Math.min(remaining / 1_000_000L, 100)));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw ErrorCode.ER_LOCK_WAIT_TIMEOUT.error();
        }
        dev.basalt.engine.exec.Cancellation.check();
    }
}
