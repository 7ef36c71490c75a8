package dev.basalt.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionThreadsTest {

    /** What a connection sees of its thread: its id, name, kind and interrupt flag. */
    private record Seen(long id, String name, boolean virtual, boolean interrupted, Thread thread) {}

    @AfterEach
    void defaultSize() {
        ConnectionThreads.cacheSize(ConnectionThreads.DEFAULT_CACHE_SIZE); // process-wide: leave it as found
    }

    private static Seen run(ThreadHandling mode, String name, boolean interruptItself) throws Exception {
        CompletableFuture<Seen> seen = new CompletableFuture<>();
        mode.start(name, () -> {
            Thread t = Thread.currentThread();
            seen.complete(new Seen(t.threadId(), t.getName(), t.isVirtual(), t.isInterrupted(), t));
            if (interruptItself) t.interrupt();
        });
        return seen.get(10, TimeUnit.SECONDS);
    }

    /** Waits (generously) until {@code value} is {@code expected}: threads go back to the cache after their connection. */
    private static void awaitValue(int expected, IntSupplier value, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (value.getAsInt() != expected && System.nanoTime() < deadline) Thread.sleep(10);
        assertEquals(expected, value.getAsInt(), what);
    }

    @Test
    void aPlatformThreadServesTheNextConnectionUnderItsNameWithoutTheLastOnesInterrupt() throws Exception {
        ConnectionThreads.cacheSize(0);
        ConnectionThreads.cacheSize(1);
        Seen first = run(ThreadHandling.ONE_THREAD_PER_CONNECTION, "mysql-conn-1", true);
        awaitValue(1, ConnectionThreads::cached, "the first connection's thread waits in the cache");
        Seen second = run(ThreadHandling.ONE_THREAD_PER_CONNECTION, "mysql-conn-2", false);
        assertEquals("mysql-conn-1", first.name());
        assertEquals("mysql-conn-2", second.name());
        assertEquals(first.id(), second.id(), "the cached thread served the next connection");
        assertFalse(first.virtual());
        assertFalse(second.interrupted(), "an interrupt of the previous connection does not reach the next");
    }

    @Test
    void connectionsOneAfterAnotherReuseTheCachedThreads() throws Exception {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        long created = ConnectionThreads.created();
        for (int i = 0; i < 30; i++) {
            Seen seen = run(ThreadHandling.ONE_THREAD_PER_CONNECTION, "mysql-conn-" + i, true);
            ids.add(seen.id());
            awaitValue(1, () -> ConnectionThreads.cached() > 0 ? 1 : 0, "back in the cache");
        }
        assertTrue(ids.size() <= ConnectionThreads.DEFAULT_CACHE_SIZE, "30 connections ran on " + ids.size() + " threads");
        assertTrue(ConnectionThreads.created() - created <= ConnectionThreads.DEFAULT_CACHE_SIZE,
                "threads created for 30 connections: " + (ConnectionThreads.created() - created));
    }

    /** MySQL's thread_cache_size: at most that many idle threads stay; the rest end with their connection. */
    @Test
    void theCacheKeepsAtMostItsSizeAndShrinksWhenSetLower() throws Exception {
        ConnectionThreads.cacheSize(0); // ends whatever earlier tests left idle
        assertEquals(0, ConnectionThreads.cached());
        ConnectionThreads.cacheSize(3);
        long created = ConnectionThreads.created();
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Thread>> running = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CompletableFuture<Thread> started = new CompletableFuture<>();
            running.add(started);
            ThreadHandling.ONE_THREAD_PER_CONNECTION.start("mysql-conn-" + i, () -> {
                started.complete(Thread.currentThread());
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        for (CompletableFuture<Thread> f : running) f.get(10, TimeUnit.SECONDS);
        assertEquals(created + 5, ConnectionThreads.created(), "five connections at once, none idle: five new threads");
        release.countDown();
        awaitValue(3, ConnectionThreads::cached, "three of the five threads are cached");
        awaitValue(2, () -> (int) running.stream().filter(f -> !f.join().isAlive()).count(), "the two beyond the cache ended");

        run(ThreadHandling.ONE_THREAD_PER_CONNECTION, "mysql-conn-5", false);
        assertEquals(created + 5, ConnectionThreads.created(), "a cached thread served it");
        awaitValue(3, ConnectionThreads::cached, "back in the cache");

        ConnectionThreads.cacheSize(1);
        assertEquals(1, ConnectionThreads.cached(), "SET GLOBAL thread_cache_size lower ends the surplus at once");
        ConnectionThreads.cacheSize(0);
        assertEquals(0, ConnectionThreads.cached());
        Seen uncached = run(ThreadHandling.ONE_THREAD_PER_CONNECTION, "mysql-conn-6", false);
        assertEquals(created + 6, ConnectionThreads.created(), "no cache: a new thread per connection");
        uncached.thread().join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(uncached.thread().isAlive(), "and it ends with its connection");
        assertEquals(0, ConnectionThreads.cached());
    }

    @Test
    void poolOfThreadsRunsEachConnectionOnItsOwnVirtualThread() throws Exception {
        Seen seen = run(ThreadHandling.POOL_OF_THREADS, "pg-conn-7", false);
        assertTrue(seen.virtual());
        assertEquals("pg-conn-7", seen.name());
    }
}
