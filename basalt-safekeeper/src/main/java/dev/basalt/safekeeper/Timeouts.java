package dev.basalt.safekeeper;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Timeouts for the safekeepers' futures, on a timer of our own: never {@code CompletableFuture.orTimeout},
 * {@code completeOnTimeout} or {@code delayedExecutor}. Those share one JVM-wide delay thread that also runs
 * the dependent actions of whatever future it completes; anything that blocks there (a slow dependent, a
 * closing Ratis client waiting seconds for its gRPC channels, code of another library in the process)
 * stops every other timeout in the JVM: commits did not fail within their timeout, long-poll reads were
 * never answered.
 *
 * <p>Here the timer thread only starts the completion: a timed-out future is completed on a virtual thread
 * of its own, so whatever its dependents do, no other timeout waits for them.
 */
final class Timeouts {

    private static final ScheduledExecutorService TIMER = timer();
    private static final Executor COMPLETIONS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("safekeeper-timeout-", 0).factory());

    private Timeouts() {}

    /** One daemon thread; a cancelled timeout leaves the queue at once (every append has one, nearly all cancelled). */
    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("safekeeper-timeouts").factory());
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** {@code f}, failed with a {@link TimeoutException} unless it completes within {@code nanos}. */
    static <T> CompletableFuture<T> failAfter(CompletableFuture<T> f, long nanos) {
        return after(f, nanos, () -> f.completeExceptionally(new TimeoutException()));
    }

    /** {@code f}, completed with {@code value} unless it completes otherwise within {@code millis}. */
    static <T> CompletableFuture<T> completeAfter(CompletableFuture<T> f, T value, long millis) {
        return after(f, TimeUnit.MILLISECONDS.toNanos(millis), () -> f.complete(value));
    }

    private static <T> CompletableFuture<T> after(CompletableFuture<T> f, long nanos, Runnable complete) {
        if (f.isDone()) return f;
        ScheduledFuture<?> timer = TIMER.schedule(() -> COMPLETIONS.execute(complete), Math.max(0, nanos), TimeUnit.NANOSECONDS);
        f.whenComplete((v, e) -> timer.cancel(false));
        return f;
    }
}
