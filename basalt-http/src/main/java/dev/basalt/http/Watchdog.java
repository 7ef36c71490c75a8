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

    private final ExecutorService workers;
    private final Duration timeout;

    Watchdog(ExecutorService workers, Duration timeout) {
        this.workers = workers;
        this.timeout = timeout;
    }

    <T> T run(Callable<T> work, Runnable onAbandoned) throws Exception {
        AtomicInteger state = new AtomicInteger(RUNNING);
        Future<T> future = workers.submit(() -> {
            try {
                return work.call();
            } finally {
                if (!state.compareAndSet(RUNNING, DONE)) onAbandoned.run();
            }
        });
        try {
            return timeout.isZero() ? future.get() : future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
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
