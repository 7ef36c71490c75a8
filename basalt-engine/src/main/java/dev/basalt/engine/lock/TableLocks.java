package dev.basalt.engine.lock;

import dev.basalt.engine.api.ErrorCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The table locks of LOCK TABLES / FLUSH TABLES ... WITH READ LOCK and the global read lock of
 * FLUSH TABLES WITH READ LOCK, shared by the sessions of one engine. READ locks of a table are
 * shared among sessions, a WRITE lock excludes every other session; the global read lock excludes
 * other sessions' writes and DDL. Sessions without locks of their own hold nothing while their
 * statements run: they only wait at the start of a statement until no other session holds a
 * conflicting lock ({@link #awaitAccess}). There are few lock holders at a time (dumps, backups,
 * maintenance), so conflicts are found by looking through them; {@link #active()} lets every
 * statement skip all of this while nobody holds a lock.
 */
public final class TableLocks {

    /** One table a session locked, under the name (alias) its statements must use. */
    public record Locked(String database, String table, String alias, boolean write) {
        String key() { return key(database, table); }

        static String key(String database, String table) {
            return database.toLowerCase(Locale.ROOT) + "\0" + table.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A wait for a lock, as performance_schema.metadata_locks shows it (PENDING): a table, or the
     * global lock when database and table are null; lockType is MySQL's metadata-lock type.
     */
    public record Pending(long connectionId, String database, String table, String lockType) {}

    /** The metadata-lock types of LOCK TABLES ... WRITE and ... READ (performance_schema.metadata_locks). */
    static final String WRITE_LOCK = "SHARED_NO_READ_WRITE", READ_LOCK = "SHARED_READ_ONLY";

    private final Object monitor = new Object();
    /** Connection id -> the tables its LOCK TABLES holds, in statement order. */
    private final Map<Long, List<Locked>> tableLocks = new LinkedHashMap<>();
    /** Connections holding the global read lock (FLUSH TABLES WITH READ LOCK). */
    private final Set<Long> globalReadLocks = new HashSet<>();
    private final Map<Long, List<Pending>> pending = new HashMap<>();
    /** Connection id -> when its pending request arrived (a sequence number), for queueing behind WRITE requests. */
    private final Map<Long, Long> arrivals = new HashMap<>();
    private long arrivalCount;
    /** Holders of any lock: zero lets statements skip the lock table entirely. */
    private volatile int active;

    /** True while some session holds a table lock or the global read lock. */
    public boolean active() { return active > 0; }

    /** The tables connection {@code id} holds by LOCK TABLES, or null when it holds none. */
    public List<Locked> held(long id) {
        if (active == 0) return null;
        synchronized (monitor) {
            return tableLocks.get(id);
        }
    }

    public boolean holdsGlobalReadLock(long id) {
        if (active == 0) return false;
        synchronized (monitor) {
            return globalReadLocks.contains(id);
        }
    }

    /**
     * Takes {@code locks} for connection {@code id} all at once, waiting up to {@code timeoutMillis}
     * while another session holds a conflicting table lock, or the global read lock when a WRITE
     * lock is asked for. The caller has released the connection's earlier table locks.
     */
    public void lockTables(long id, List<Locked> locks, long timeoutMillis, Consumer<String> state) {
        boolean write = locks.stream().anyMatch(Locked::write);
        List<Pending> waits = new ArrayList<>();
        for (Locked l : locks) waits.add(new Pending(id, l.database(), l.table(), l.write() ? WRITE_LOCK : READ_LOCK));
        await(id, timeoutMillis, state, waits, arrival -> {
            if (write && otherGlobalReadLock(id)) return "Waiting for global read lock";
            for (Locked l : locks) {
                if (conflicts(id, l.key(), l.write()) || writeQueuedBefore(id, l.key(), arrival)) return "Waiting for table metadata lock";
            }
            return null;
        }, () -> {
            tableLocks.put(id, List.copyOf(locks));
            recount();
        });
    }

    /** FLUSH TABLES WITH READ LOCK: waits while another session holds a WRITE table lock. */
    public void globalReadLock(long id, long timeoutMillis, Consumer<String> state) {
        await(id, timeoutMillis, state, List.of(new Pending(id, null, null, "SHARED")), arrival -> {
            for (Map.Entry<Long, List<Locked>> e : tableLocks.entrySet()) {
                if (e.getKey() != id && e.getValue().stream().anyMatch(Locked::write)) return "Waiting for global read lock";
            }
            return null;
        }, () -> {
            globalReadLocks.add(id);
            recount();
        });
    }

    /**
     * Before a statement of a session holding no table locks: waits while another session holds a
     * WRITE lock on a table it uses, a READ lock on a table it writes, or (for statements that change
     * data or definitions) the global read lock.
     */
    public void awaitAccess(long id, List<TableUse> uses, boolean changes, long timeoutMillis, Consumer<String> state) {
        if (active == 0) return;
        List<Pending> waits = new ArrayList<>();
        for (TableUse u : uses) waits.add(new Pending(id, u.database(), u.table(), u.write() ? "SHARED_WRITE" : "SHARED_READ"));
        if (changes) waits.add(new Pending(id, null, null, "INTENTION_EXCLUSIVE"));
        await(id, timeoutMillis, state, waits, arrival -> {
            if (changes && otherGlobalReadLock(id)) return "Waiting for global read lock";
            for (TableUse u : uses) {
                String key = Locked.key(u.database(), u.table());
                if (conflicts(id, key, u.write()) || writeQueuedBefore(id, key, arrival)) return "Waiting for table metadata lock";
            }
            return null;
        }, () -> {});
    }

    /** UNLOCK TABLES and the end of a connection: both the table locks and the global read lock. */
    public boolean releaseAll(long id) {
        if (active == 0) return false;
        synchronized (monitor) {
            boolean had = tableLocks.remove(id) != null | globalReadLocks.remove(id);
            if (had) released();
            return had;
        }
    }

    /** START TRANSACTION / BEGIN and a new LOCK TABLES: the table locks only; true when there were some. */
    public boolean releaseTables(long id) {
        if (active == 0) return false;
        synchronized (monitor) {
            boolean had = tableLocks.remove(id) != null;
            if (had) released();
            return had;
        }
    }

    /** Granted locks as (connection id, lock) pairs; the global read lock as a Locked with null names. */
    public Map<Long, List<Locked>> grantedSnapshot() {
        synchronized (monitor) {
            Map<Long, List<Locked>> out = new LinkedHashMap<>();
            for (Long g : globalReadLocks) out.computeIfAbsent(g, k -> new ArrayList<>()).add(new Locked(null, null, null, false));
            for (var e : tableLocks.entrySet()) out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
            return out;
        }
    }

    public List<Pending> pendingSnapshot() {
        synchronized (monitor) {
            List<Pending> out = new ArrayList<>();
            for (List<Pending> p : pending.values()) out.addAll(p);
            return out;
        }
    }

    // ------------------------------------------------------------------ internals (under monitor)

    private interface Blocker {
        /** The PROCESSLIST state to wait in, or null when nothing blocks; arrival orders the requests. */
        String blockedBy(long arrival);
    }

    /**
     * Waits until {@code blocker} finds nothing, then runs {@code grant} without letting go of the
     * monitor in between (a request queued behind this one must see the lock taken, not a gap with
     * neither the pending request nor the granted lock); 1205 after the timeout, 1317 / 3024 when killed.
     */
    /** Requests granted at once / after waiting: SHOW STATUS's Table_locks_immediate and Table_locks_waited. */
    private final java.util.concurrent.atomic.LongAdder immediate = new java.util.concurrent.atomic.LongAdder(),
            waited = new java.util.concurrent.atomic.LongAdder();

    /**
     * Table_locks_immediate, Table_locks_waited: the lock requests this class handled (LOCK TABLES,
     * FLUSH TABLES WITH READ LOCK, a statement while another session holds table locks), granted
     * at once or after a wait. A statement while nobody holds a table lock asks for none.
     */
    public java.util.Map<String, String> status() {
        return java.util.Map.of("Table_locks_immediate", Long.toString(immediate.sum()),
                "Table_locks_waited", Long.toString(waited.sum()));
    }

    private void await(long id, long timeoutMillis, Consumer<String> state, List<Pending> waits, Blocker blocker, Runnable grant) {
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        String shown = null;
        try {
            synchronized (monitor) {
                long arrival = ++arrivalCount;
                while (true) {
                    String why = blocker.blockedBy(arrival);
                    if (why == null) {
                        grant.run();
                        (shown == null ? immediate : waited).increment();
                        return;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) throw ErrorCode.ER_LOCK_WAIT_TIMEOUT.error();
                    if (!why.equals(shown)) {
                        state.accept(why);
                        shown = why;
                    }
                    pending.put(id, waits);
                    arrivals.put(id, arrival);
                    // in slices, so that KILL QUERY and max_execution_time end the wait
                    long ms = Math.max(1, Math.min(left / 1_000_000, 100));
                    long waited = System.nanoTime();
                    try {
                        monitor.wait(ms);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw ErrorCode.ER_QUERY_INTERRUPTED.error();
                    } finally {
                        pending.remove(id);
                        arrivals.remove(id);
                        dev.basalt.engine.exec.StatementScans.lockWaited(System.nanoTime() - waited); // Lock_time
                    }
                    dev.basalt.engine.exec.Cancellation.check();
                }
            }
        } finally {
            if (shown != null) state.accept(null);
        }
    }

    private boolean otherGlobalReadLock(long id) {
        for (Long g : globalReadLocks) if (g != id) return true;
        return false;
    }

    /** Another session holds {@code key} WRITE, or READ when {@code write} is asked for. */
    private boolean conflicts(long id, String key, boolean write) {
        for (Map.Entry<Long, List<Locked>> e : tableLocks.entrySet()) {
            if (e.getKey() == id) continue;
            for (Locked l : e.getValue()) {
                if ((write || l.write()) && l.key().equals(key)) return true;
            }
        }
        return false;
    }

    /**
     * Another session asked for {@code key} WRITE by LOCK TABLES before this request arrived and is
     * still waiting: as MySQL's metadata locks, later readers and writers queue behind it, so a
     * stream of READ locks cannot keep a WRITE lock waiting forever.
     */
    private boolean writeQueuedBefore(long id, String key, long arrival) {
        for (Map.Entry<Long, List<Pending>> e : pending.entrySet()) {
            if (e.getKey() == id || arrivals.getOrDefault(e.getKey(), Long.MAX_VALUE) > arrival) continue;
            for (Pending p : e.getValue()) {
                if (p.lockType().equals(WRITE_LOCK) && Locked.key(p.database(), p.table()).equals(key)) return true;
            }
        }
        return false;
    }

    private void released() {
        recount();
        monitor.notifyAll();
    }

    private void recount() {
        active = tableLocks.size() + globalReadLocks.size();
    }
}
