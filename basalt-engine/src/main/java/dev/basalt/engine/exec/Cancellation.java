package dev.basalt.engine.exec;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;

/**
 * Whether the statement a session is running must stop: KILL QUERY, KILL CONNECTION, or its
 * max_execution_time deadline. One per session; the session installs it on the thread that runs
 * (and streams) its statement, and long loops (scans, sorts, aggregation, joins, windows,
 * recursive CTEs, stored-program loops, LOAD DATA) call {@link #check()}.
 *
 * <p>The check must be cheap enough to call per row: a thread-local read and a volatile read;
 * the clock is only read every {@value #CLOCK_EVERY} checks, and only while a deadline is set.
 * A thread without a statement (startup, recovery, background work) never stops.
 */
public final class Cancellation {

    private static final ThreadLocal<Cancellation> CURRENT = new ThreadLocal<>();
    private static final int CLOCK_EVERY = 256;

    private static final int RUNNING = 0, KILL_QUERY = 1, KILL_CONNECTION = 2;
    /**
     * A KILL QUERY (or the deadline) ended a SLEEP(), which answered 1 (MySQL: "when SLEEP() is the
     * only thing invoked by a query that is interrupted, it returns 1 and the query itself returns no
     * error"). The statement may finish its current row; any loop that checks again (a scan moving to
     * the next row: SLEEP was only part of the query) stops with 1317, as in MySQL.
     */
    private static final int SLEEP_ENDED = 3;

    private volatile int state = RUNNING;
    /** The deadline passed during this statement (a SLEEP it ended answered 1 and left no other trace). */
    private volatile boolean timedOut;
    /** System.nanoTime() after which the statement stops with 3024; 0 = no deadline. */
    private volatile long deadline;
    /** Only the statement's own thread touches this. */
    private int untilClock = CLOCK_EVERY;
    /** Waits on remote work that a KILL must stop (see {@link OutsideWait}); usually empty. */
    private final java.util.Set<OutsideWait> outside = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Installs {@code c} for this thread; returns the previous one to {@link #restore}. */
    public static Cancellation enter(Cancellation c) {
        Cancellation previous = CURRENT.get();
        CURRENT.set(c);
        return previous;
    }

    public static void restore(Cancellation previous) {
        // set, not remove(): removing and re-adding the entry every statement made the thread's
        // ThreadLocalMap expunge and rehash each time; a null value holds nothing
        CURRENT.set(previous);
    }

    /** Throws 1317 or 3024 when this thread's statement must stop. */
    public static void check() {
        Cancellation c = CURRENT.get();
        if (c == null) return;
        if (c.state == SLEEP_ENDED) throw interrupted();
        c.poll();
    }

    /**
     * As {@link #check()}, reading the deadline's clock now: for waits that check seldom (SLEEP's
     * 50 ms slices), where the clock read of every {@value #CLOCK_EVERY}th check would come
     * seconds after max_execution_time had passed.
     */
    public static void checkNow() {
        Cancellation c = CURRENT.get();
        if (c == null) return;
        c.untilClock = 1;
        check();
    }

    /**
     * The statement-level check (between result rows, between a program's statements): as
     * {@link #check()}, except that a query whose SLEEP() was interrupted may deliver its row.
     */
    public void poll() {
        int s = state;
        if (s != RUNNING && s != SLEEP_ENDED) throw interrupted();
        long d = deadline;
        if (d != 0 && --untilClock <= 0) {
            untilClock = CLOCK_EVERY;
            if (System.nanoTime() - d > 0) {
                deadline = 0; // report once: the error's own clean-up must not fail again
                timedOut = true;
                throw timedOut();
            }
        }
    }

    /**
     * A new top-level statement: a KILL QUERY aimed at the previous one is forgotten (MySQL
     * resets it the same way), a killed connection stays killed. {@code timeoutMillis} 0 = none.
     */
    public void begin(long timeoutMillis) {
        if (state == KILL_QUERY || state == SLEEP_ENDED) state = RUNNING;
        timedOut = false;
        untilClock = 1; // the first check reads the clock
        deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
    }

    /** KILL QUERY: the running statement stops at its next check. */
    public void killQuery() {
        if (state == RUNNING || state == SLEEP_ENDED) state = KILL_QUERY;
        stopOutside();
    }

    /** KILL CONNECTION: whatever runs stops, and so does anything started later. */
    public void killConnection() {
        state = KILL_CONNECTION;
        stopOutside();
    }

    /** A statement blocked outside Basalt (a remote query) cannot check: its waits are told to stop. */
    private void stopOutside() {
        for (OutsideWait w : outside) w.stop(interrupted());
    }

    static Cancellation current() { return CURRENT.get(); }

    void waitsOutside(OutsideWait w) { outside.add(w); }

    void waitEnded(OutsideWait w) { outside.remove(w); }

    /** Nanoseconds until the statement's deadline, or Long.MAX_VALUE without one. */
    long deadlineNanos() {
        long d = deadline;
        return d == 0 ? Long.MAX_VALUE : d - System.nanoTime();
    }

    public boolean killed() { return state == KILL_QUERY || state == KILL_CONNECTION; }

    public boolean connectionKilled() { return state == KILL_CONNECTION; }

    /**
     * Why the current statement was stopped, as MySQL's slow log reports it (log_slow_extra's
     * {@code Killed}, thd->killed): 1317 KILL QUERY, 1053 KILL CONNECTION (MySQL's value for it),
     * 3024 max_execution_time, 0 not stopped. Also when a SLEEP() absorbed the kill and the
     * statement itself succeeded.
     */
    public int killedErrno() {
        int s = state;
        if (s == KILL_QUERY || s == SLEEP_ENDED) return ErrorCode.ER_QUERY_INTERRUPTED.code();
        if (s == KILL_CONNECTION) return 1053;
        return timedOut ? ER_QUERY_TIMEOUT : 0;
    }

    /**
     * SLEEP() on this thread was interrupted (KILL QUERY, KILL CONNECTION or the deadline): true when it
     * answers 1, false when it must fail with 1317 because an earlier SLEEP() of the same query already
     * absorbed the KILL QUERY (SLEEP was only part of the query, e.g. one call per scanned row).
     */
    public static boolean sleepInterrupted() {
        Cancellation c = CURRENT.get();
        if (c == null) return true;
        if (c.state == SLEEP_ENDED) return false;
        if (c.state == KILL_QUERY) c.state = SLEEP_ENDED;
        return true;
    }

    public static SqlException interrupted() {
        return new SqlException(ErrorCode.ER_QUERY_INTERRUPTED);
    }

    public static SqlException timedOut() {
        return new SqlException(ER_QUERY_TIMEOUT, "HY000",
                "Query execution was interrupted, maximum statement execution time exceeded");
    }

    public static final int ER_QUERY_TIMEOUT = 3024;
}
