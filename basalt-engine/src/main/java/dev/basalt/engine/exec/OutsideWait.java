package dev.basalt.engine.exec;

import dev.basalt.engine.api.SqlException;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A statement waiting on work outside Basalt (a query running on a remote server) cannot check its
 * {@link Cancellation} while it is blocked in a socket read, so KILL QUERY, KILL CONNECTION and the
 * max_execution_time deadline call the {@code stop} action the waiter registered instead (for a
 * remote MySQL: {@code KILL QUERY <thread>} over another connection). The waiter then fails with
 * {@link #reason()} (1317 or 3024) rather than the remote's error.
 *
 * <p>The stop runs on a shared background thread, so KILL returns at once (as in MySQL) even when
 * the remote is slow to answer. It is repeated every second until the wait ends: a kill that reached
 * the remote just before the query did is forgotten there, and must be sent again. No stop runs
 * after {@link #close()} returns (the remote connection may then be running someone else's query).
 */
public final class OutsideWait implements AutoCloseable {

    private static final ScheduledThreadPoolExecutor STOPPER = stopper();
    private static final long RETRY_MILLIS = 1000;
    private static final OutsideWait NONE = new OutsideWait(null, null);

    private final Cancellation owner;
    private final Runnable stop;
    private ScheduledFuture<?> timer;
    private SqlException reason;
    private boolean closed;

    private OutsideWait(Cancellation owner, Runnable stop) {
        this.owner = owner;
        this.stop = stop;
    }

    /**
     * Starts a wait of this thread's statement; {@code stop} must make the outside work end soon
     * (it may be called more than once, from another thread). A thread without a statement gets a
     * wait that never stops.
     */
    public static OutsideWait begin(Runnable stop) {
        Cancellation c = Cancellation.current();
        if (c == null) return NONE;
        OutsideWait w = new OutsideWait(c, stop);
        c.waitsOutside(w);
        if (c.killed()) {
            w.stop(Cancellation.interrupted()); // the KILL came before the wait did
        } else {
            long left = c.deadlineNanos();
            if (left != Long.MAX_VALUE) w.stopAt(left);
        }
        return w;
    }

    private synchronized void stopAt(long nanos) {
        if (closed || reason != null) return;
        timer = STOPPER.schedule(() -> stop(Cancellation.timedOut()), Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** Called by KILL (another thread) and by the deadline timer. */
    void stop(SqlException why) {
        synchronized (this) {
            if (closed || reason != null) return;
            reason = why;
            if (timer != null) timer.cancel(false);
            timer = STOPPER.schedule(this::sendStop, 0, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void sendStop() {
        if (closed) return;
        try {
            stop.run();
        } catch (RuntimeException ignored) {
            // the remote may be gone; the waiter ends anyway at its socket timeout
        }
        timer = STOPPER.schedule(this::sendStop, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Whether a KILL or the deadline stopped this wait. */
    public synchronized boolean stopped() { return reason != null; }

    /** The error the waiting statement fails with once stopped: 1317, or 3024 for the deadline. */
    public synchronized SqlException reason() { return reason; }

    /** The wait is over: no stop is sent from now on. */
    @Override public void close() {
        if (owner == null) return;
        synchronized (this) {
            closed = true;
            if (timer != null) timer.cancel(false);
        }
        owner.waitEnded(this);
    }

    private static ScheduledThreadPoolExecutor stopper() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "basalt-outside-stop");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }
}
