package dev.basalt.engine.api;

import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Platform threads for client connections, kept for the next connection when one ends, as MySQL's
 * thread cache does: at most {@code thread_cache_size} idle threads wait (9 by default, MySQL 8's
 * autosized value for 151 connections); a connection takes the most recently cached one, or a new
 * thread when none waits; a thread whose connection ends while the cache is full ends too.
 * Creating and ending a platform thread per connection cost about half of a short-lived
 * connection's server CPU (docs/benchmarks.md, "Connection churn").
 *
 * <p>Counted as MySQL's {@code Threads_cached} (idle threads now) and {@code Threads_created}
 * (threads made since start). Process-wide, like {@link ThreadHandling#configured()}.
 *
 * <p>A thread takes the connection's name while it serves it; per-statement thread-locals are
 * cleared by the statements themselves (they are set and removed around each statement).
 */
final class ConnectionThreads {
    /** MySQL 8's autosized default: 8 + max_connections / 100. */
    static final int DEFAULT_CACHE_SIZE = 9;
    /** MySQL's upper bound for thread_cache_size. */
    static final int MAX_CACHE_SIZE = 16384;
    private static final String IDLE_NAME = "basalt-idle-connection-thread";
    private static final AtomicLong CREATED = new AtomicLong();
    /** Idle threads, most recently cached last (a warm stack is reused first). Guarded by itself. */
    private static final ArrayDeque<Worker> IDLE = new ArrayDeque<>();
    private static int cacheSize = DEFAULT_CACHE_SIZE; // guarded by IDLE

    private ConnectionThreads() {}

    /** Runs {@code connection} on a cached or new platform thread named {@code name} meanwhile. */
    static void start(String name, Runnable connection) {
        Worker cached;
        synchronized (IDLE) {
            cached = IDLE.pollLast();
        }
        Task task = new Task(name, connection);
        if (cached != null) {
            cached.next.add(task); // it waits for exactly this hand-over: never full
            return;
        }
        Worker fresh = new Worker();
        fresh.next.add(task);
        Thread.ofPlatform().daemon(true).name(IDLE_NAME + "-" + CREATED.incrementAndGet()).start(fresh);
    }

    /** SET GLOBAL thread_cache_size: surplus idle threads end now, as MySQL trims its cache. */
    static void cacheSize(long size) {
        int n = (int) Math.max(0, Math.min(MAX_CACHE_SIZE, size));
        synchronized (IDLE) {
            cacheSize = n;
            while (IDLE.size() > n) IDLE.pollFirst().next.add(Task.END);
        }
    }

    /** The cache's size now. */
    static int cacheSize() {
        synchronized (IDLE) {
            return cacheSize;
        }
    }

    /** Threads_cached: idle threads waiting for a connection. */
    static int cached() {
        synchronized (IDLE) {
            return IDLE.size();
        }
    }

    /** Threads_created: threads made for connections since start. */
    static long created() {
        return CREATED.get();
    }

    private record Task(String name, Runnable connection) {
        static final Task END = new Task(null, null);
    }

    private static final class Worker implements Runnable {
        /** The next connection (or END); one at a time. */
        final BlockingQueue<Task> next = new ArrayBlockingQueue<>(1);

        @Override
        public void run() {
            Thread self = Thread.currentThread();
            String idle = self.getName();
            while (true) {
                Task task = take();
                if (task == Task.END) return;
                self.setName(task.name());
                try {
                    task.connection().run();
                } catch (Throwable t) {
                    // reported as an uncaught one would be; the thread still serves the next connection
                    self.getUncaughtExceptionHandler().uncaughtException(self, t);
                } finally {
                    Thread.interrupted(); // an interrupt meant for this connection must not reach the next
                    self.setName(idle);
                }
                synchronized (IDLE) {
                    if (IDLE.size() >= cacheSize) return; // the cache is full: end, as MySQL does
                    IDLE.addLast(this);
                }
            }
        }

        private Task take() {
            while (true) {
                try {
                    return next.take();
                } catch (InterruptedException e) {
                    // only a hand-over or END wakes an idle thread
                }
            }
        }
    }
}
