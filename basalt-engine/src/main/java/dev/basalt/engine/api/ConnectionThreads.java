package dev.basalt.engine.api;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Platform threads for client connections, kept for the next connection when one ends, as MySQL's
 * thread cache does ({@code thread_cache_size}, 9 idle threads by default with 151 connections).
 * Creating and ending a platform thread per connection cost about half of a short-lived
 * connection's server CPU (docs/benchmarks.md, "Connection churn"). Beyond the cached ones, threads
 * are made as needed and end after a short idle time, so a burst does not stay resident.
 *
 * <p>A thread takes the connection's name while it serves it; per-statement thread-locals are
 * cleared by the statements themselves (they are set and removed around each statement).
 */
final class ConnectionThreads {
    /** MySQL 8's autosized default: 8 + max_connections / 100. */
    static final int CACHED = 9;
    private static final String IDLE_NAME = "basalt-idle-connection-thread";
    private static final AtomicLong CREATED = new AtomicLong();

    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(CACHED, Integer.MAX_VALUE,
            10, TimeUnit.SECONDS, new SynchronousQueue<>(),
            task -> Thread.ofPlatform().daemon(true).name(IDLE_NAME + "-" + CREATED.incrementAndGet()).unstarted(task));

    static {
        // A pool below its core size makes a new thread for every task even while others are idle:
        // start the cached ones at once so that reuse begins with the second connection.
        POOL.prestartAllCoreThreads();
    }

    private ConnectionThreads() {}

    /** Runs {@code connection} on a cached or new platform thread named {@code name} meanwhile. */
    static void start(String name, Runnable connection) {
        POOL.execute(() -> {
            Thread self = Thread.currentThread();
            String idle = self.getName();
            self.setName(name);
            try {
                connection.run();
            } finally {
                Thread.interrupted(); // an interrupt meant for this connection must not reach the next
                self.setName(idle);
            }
        });
    }
}
