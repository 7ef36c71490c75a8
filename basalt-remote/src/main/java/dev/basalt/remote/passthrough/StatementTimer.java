package dev.basalt.remote.passthrough;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Enforces a statement's time limit on the remote: when it expires while the statement still
 * runs, {@code KILL QUERY} for the backend thread goes over another connection (the busy one cannot
 * carry it), as ProxySQL does. {@link #stop()} waits for a KILL under way, so it can never reach the
 * session's next statement; {@link #fired()} tells the relay to report the remote's 1317 as
 * MySQL's 3024.
 */
final class StatementTimer {
    /** Two threads: a KILL that waits for a connection must not hold up the other sessions' limits. */
    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2, r ->
            Thread.ofPlatform().name("passthrough-time-limit").daemon(true).unstarted(r));

    private final LongConsumer killQuery;
    private ScheduledFuture<?> pending;
    private boolean running, killing;
    private volatile boolean fired;

    /** @param killQuery sends KILL QUERY for a backend thread id (errors are its own business) */
    StatementTimer(LongConsumer killQuery) { this.killQuery = killQuery; }

    /** The statement on backend thread {@code thread} starts now and may run {@code millis}. */
    synchronized void start(long millis, long thread) {
        running = true;
        fired = false;
        pending = TIMER.schedule(() -> expire(thread), millis, TimeUnit.MILLISECONDS);
    }

    private void expire(long thread) {
        synchronized (this) {
            if (!running) return;
            killing = true;
            fired = true;
        }
        try {
            killQuery.accept(thread);
        } catch (RuntimeException e) {
            // the remote is unreachable for the KILL: the statement runs on, as it would without Basalt
        } finally {
            synchronized (this) {
                killing = false;
                notifyAll();
            }
        }
    }

    /** True once the limit expired during the current statement. */
    boolean fired() { return fired; }

    /** The statement's response has ended: no KILL from now on, and none still on its way. */
    synchronized void stop() {
        running = false;
        if (pending != null) pending.cancel(false);
        pending = null;
        boolean interrupted = false;
        while (killing) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
