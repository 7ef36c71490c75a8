package dev.basalt.http;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The statement timeout. The work runs on its own virtual thread; when it outlives the timeout the
 * client gets 503 with MySQL's 3024, the thread is interrupted, the caller interrupts the
 * session's statement (Session.interruptForClose), and the session is given up:
 * {@code onAbandoned} closes it once the work really ends, so it is never reused while the
 * statement may still run.
 */
final class Watchdog {

    private static final int RUNNING = 0, DONE = 1, ABANDONED = 2;
    /** How often a running statement's client is checked for a hang-up: the delay before it stops. */
    static final long PROBE_MILLIS = 250;

    private final ExecutorService workers;
    private final Duration timeout;

    Watchdog(ExecutorService workers, Duration timeout) {
        this.workers = workers;
        this.timeout = timeout;
    }

    <T> T run(Callable<T> work, Runnable onAbandoned) throws Exception {
        return run(work, onAbandoned, ClientGone.NEVER, () -> { });
    }

    /**
     * As {@link #run(Callable, Runnable)}, and while the work runs the client's connection is
     * probed every {@link #PROBE_MILLIS}: when the client has hung up, {@code onClientGone} stops
     * the statement (once), and the work is still waited for so the session is free afterwards.
     */
    <T> T run(Callable<T> work, Runnable onAbandoned, ClientGone client, Runnable onClientGone) throws Exception {
        AtomicInteger state = new AtomicInteger(RUNNING);
        Future<T> future = workers.submit(() -> {
            try {
                return work.call();
            } finally {
                if (!state.compareAndSet(RUNNING, DONE)) onAbandoned.run();
            }
        });
        try {
            return await(future, client, onClientGone);
        } catch (TimeoutException e) {
            if (state.compareAndSet(RUNNING, ABANDONED)) {
                future.cancel(true);
                throw ApiError.timeout();
            }
            return unwrap(future);
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
    }

    /** Waits for the work up to the timeout, probing the client between slices of waiting. */
    private <T> T await(Future<T> future, ClientGone client, Runnable onClientGone) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean told = false;
        while (true) {
            long left = timeout.isZero() ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left <= 0) throw new TimeoutException();
            long slice = client == ClientGone.NEVER || told ? left : Math.min(left, TimeUnit.MILLISECONDS.toNanos(PROBE_MILLIS));
            try {
                return future.get(slice, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (!told && client.check()) {
                    told = true;
                    onClientGone.run();
                }
            }
        }
    }

    private static <T> T unwrap(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
    }

    private static Exception rethrow(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception ex) return ex;
        if (cause instanceof Error err) throw err;
        return e;
    }
}
