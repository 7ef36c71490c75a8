package dev.basalt.engine.exec;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;

import java.math.BigDecimal;

/**
 * A per-statement memory budget for the operators that buffer rows (sort, hash aggregation,
 * DISTINCT, hash join build, window partitions, recursive CTE tables): over the budget the
 * statement fails with a MySQL error (1038 for a sort, 1041 otherwise) instead of the JVM running
 * out of heap for everyone. Operators that can spill ask first ({@link Lease#tryAddBytes}) and go
 * to temporary files (package {@code exec.spill}) instead of failing. Every lease also counts
 * against the server-wide {@link MemoryGovernor}.
 *
 * <p>The budget is {@code -Dbasalt.queryMemoryLimit=<bytes>} or half the maximum heap. Sizes are
 * estimates of the buffered rows (object headers, references, values), good to a small factor.
 * The session installs one per statement on the thread that runs it, like {@link Cancellation};
 * each operator holds a {@link Lease} it gives back when it closes or restarts (a correlated
 * subquery re-sorting per outer row does not add up).
 */
public final class QueryMemory {

    private static final ThreadLocal<QueryMemory> CURRENT = new ThreadLocal<>();
    private static volatile long LIMIT = configuredLimit();

    /**
     * Spill files of this statement not yet deleted by their operator (deleted at the next
     * statement / close). Concurrent: KILL CONNECTION may close the session from another thread.
     */
    private final java.util.Set<dev.basalt.engine.exec.spill.SpillFile> spillFiles =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Bytes held by this statement's open leases; only the statement's thread touches it. */
    private long used;

    /**
     * This statement's share of the {@link MemoryGovernor} total; given back in full when the
     * statement ends even if an operator never released its lease. Leases of an earlier
     * statement ({@link #generation}) no longer give anything back.
     */
    private final java.util.concurrent.atomic.AtomicLong globalHeld = new java.util.concurrent.atomic.AtomicLong();
    private int generation;

    static long configuredLimit() {
        return configuredBytes("basalt.queryMemoryLimit", 1, 2);
    }

    /**
     * A byte limit from a system property, or {@code numerator/denominator} of the maximum heap
     * (1 GB when the heap is unbounded) when the property is absent or not a number.
     */
    static long configuredBytes(String property, long numerator, long denominator) {
        String p = System.getProperty(property);
        if (p != null) {
            try {
                return Math.max(1, Long.parseLong(p.trim()));
            } catch (NumberFormatException ignored) {
                // fall back to the heap-derived default
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        return max == Long.MAX_VALUE ? 1L << 30 : max / denominator * numerator;
    }

    public static long limit() { return LIMIT; }

    /** Changes the per-statement budget (tests; a server setting). */
    public static void setLimit(long bytes) { LIMIT = Math.max(1, bytes); }

    /** Registers a spill file with the running statement, so an error or KILL cannot leave it behind. */
    public static void track(dev.basalt.engine.exec.spill.SpillFile f) {
        QueryMemory m = CURRENT.get();
        if (m != null) m.spillFiles.add(f);
    }

    public static void untrack(dev.basalt.engine.exec.spill.SpillFile f) {
        QueryMemory m = CURRENT.get();
        if (m != null) m.spillFiles.remove(f);
    }

    /**
     * Deletes the spill files the statement's operators left and gives its memory back to the
     * server-wide total (statement end, KILL, error, disconnect).
     */
    public void deleteSpillFiles() {
        // The set's iterator is weakly consistent (no copy needed, KILL may close concurrently);
        // this runs twice per statement and copying the usually empty set showed in profiles.
        for (var f : spillFiles) {
            f.close();
            spillFiles.remove(f);
        }
        returnGlobalShare();
    }

    private synchronized void returnGlobalShare() {
        generation++;
        MemoryGovernor.release(globalHeld.getAndSet(0));
    }

    /** A lease gives its bytes back; false when it belongs to an earlier statement (whose end gave them back). */
    private synchronized boolean releaseGlobal(int leaseGeneration, long bytes) {
        if (leaseGeneration != generation) return false;
        globalHeld.addAndGet(-bytes);
        MemoryGovernor.release(bytes);
        return true;
    }

    public static QueryMemory enter(QueryMemory m) {
        QueryMemory previous = CURRENT.get();
        CURRENT.set(m);
        return previous;
    }

    public static void restore(QueryMemory previous) {
        // set, not remove(): removing and re-adding the entry every statement made the thread's
        // ThreadLocalMap expunge and rehash each time; a null value holds nothing
        CURRENT.set(previous);
    }

    /** A new top-level statement: nothing is held. */
    public void begin() {
        used = 0;
        deleteSpillFiles();
    }

    /** A lease for a sorting operator (1038 when over budget). */
    public static Lease forSort() { return new Lease(true); }

    /** A lease for hash tables and buffers (1041 when over budget). */
    public static Lease forHash() { return new Lease(false); }

    /** What one operator holds. */
    public static final class Lease {
        private final boolean sort;
        private QueryMemory owner;
        private int generation;
        private long held;

        private Lease(boolean sort) { this.sort = sort; }

        public void add(Object[] row) { addBytes(sizeOf(row)); }

        public void addBytes(long bytes) {
            if (!attach()) return; // not a session's statement: unbounded
            held += bytes;
            owner.used += bytes;
            owner.globalHeld.addAndGet(bytes);
            boolean withinGlobal = MemoryGovernor.add(bytes);
            if (owner.used > LIMIT) {
                release();
                throw overBudget();
            }
            if (!withinGlobal) {
                long statementBytes = owner.used;
                release();
                throw MemoryGovernor.exceeded(statementBytes);
            }
        }

        /** Binds the lease to the running statement on first use; false outside a session's statement. */
        private boolean attach() {
            if (owner == null) {
                owner = CURRENT.get();
                if (owner == null) return false;
                generation = owner.generation;
            }
            return true;
        }

        /**
         * Adds {@code bytes} when they fit the budget and says so; when they do not, nothing is
         * added and the caller spills to disk instead of failing. Operators that can spill stop
         * at half the budget: the other half stays for those that cannot (a hash join's build
         * side opened after a full DISTINCT or INTERSECT would fail otherwise).
         */
        public boolean tryAddBytes(long bytes) {
            if (!attach()) return true; // not a session's statement: unbounded
            if (owner.used + bytes > LIMIT / 2) return false;
            // the server-wide total too: many statements spill rather than fill the heap together
            if (!MemoryGovernor.tryAdd(bytes)) return false;
            held += bytes;
            owner.used += bytes;
            owner.globalHeld.addAndGet(bytes);
            return true;
        }

        public boolean tryAdd(Object[] row) { return tryAddBytes(sizeOf(row)); }

        /** The error this lease fails with when even spilling cannot help. */
        public SqlException overBudget() {
            return sort ? new SqlException(1038, "HY001", "Out of sort memory, consider increasing server sort buffer size")
                    : new SqlException(ErrorCode.ER_OUT_OF_RESOURCES);
        }

        public void release() {
            if (owner != null && owner.releaseGlobal(generation, held)) owner.used -= held;
            owner = null;
            held = 0;
        }
    }

    /** An estimate of a buffered row's heap footprint: the array and its values. */
    public static long sizeOf(Object[] row) {
        if (row == null) return 0;
        long n = 16 + 8L * row.length + 16; // array, references, the list/map entry pointing at it
        for (Object v : row) n += sizeOf(v);
        return n;
    }

    private static long sizeOf(Object v) {
        return switch (v) {
            case null -> 0;
            case String s -> 40 + s.length();
            case byte[] b -> 16 + b.length;
            case BigDecimal d -> 40 + d.precision() / 2;
            case Object[] a -> sizeOf(a);
            default -> 24;
        };
    }
}
