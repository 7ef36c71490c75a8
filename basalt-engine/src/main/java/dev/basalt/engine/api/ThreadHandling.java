package dev.basalt.engine.api;

import java.util.Locale;

/**
 * How the protocol listeners run client connections (MariaDB's {@code thread_handling} names).
 *
 * <p>{@link #ONE_THREAD_PER_CONNECTION} (the default, as MySQL's): a platform thread per connection.
 * A client waiting for its answer is woken by one blocking read returning; measured on 2 cores, a
 * single connection's small statements ran 2-4x faster than on virtual threads, whose reads park
 * and are woken through the JDK's poller and a carrier thread (two more thread hand-offs per
 * statement, costly on a busy machine). {@link #POOL_OF_THREADS}: a virtual thread per connection,
 * for many thousands of mostly idle connections, multiplexed over a few carrier threads.
 */
public enum ThreadHandling {
    ONE_THREAD_PER_CONNECTION("one-thread-per-connection"),
    POOL_OF_THREADS("pool-of-threads");

    private static volatile ThreadHandling configured = ONE_THREAD_PER_CONNECTION;

    private final String variableValue;

    ThreadHandling(String variableValue) {
        this.variableValue = variableValue;
    }

    /** The name shown by {@code @@thread_handling} and accepted by the setting. */
    public String variableValue() { return variableValue; }

    /**
     * Runs one connection: on a platform thread from {@link ConnectionThreads}' cache, or on a new
     * virtual thread; named {@code name} while it runs.
     */
    public void start(String name, Runnable connection) {
        if (this == ONE_THREAD_PER_CONNECTION) {
            ConnectionThreads.start(name, connection);
        } else {
            Thread.ofVirtual().name(name).start(connection);
        }
    }

    /** The mode by its variable name, any case; null when unknown. */
    public static ThreadHandling fromName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ThreadHandling t : values()) {
            if (t.variableValue.equals(n)) return t;
        }
        return null;
    }

    /** The process-wide mode the listeners use for connections accepted from now on. */
    public static ThreadHandling configured() { return configured; }

    /** SET GLOBAL thread_cache_size: idle connection threads kept (0..16384; MySQL's range, clamped). */
    public static void threadCacheSize(long size) {
        ConnectionThreads.cacheSize(size);
    }

    /** The thread cache's size now: the start-up setting, or the last SET GLOBAL thread_cache_size. */
    public static int threadCacheSize() { return ConnectionThreads.cacheSize(); }

    /** Threads_cached: idle connection threads waiting for the next connection. */
    public static int threadsCached() { return ConnectionThreads.cached(); }

    /** Threads_created: connection threads made since start (a cached one serving again is not counted). */
    public static long threadsCreated() { return ConnectionThreads.created(); }

    /** Set once at start by the server (the setting {@code thread-handling}). */
    public static void configure(ThreadHandling mode) {
        configured = java.util.Objects.requireNonNull(mode);
    }
}
