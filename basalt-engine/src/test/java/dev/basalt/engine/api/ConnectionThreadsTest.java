package dev.basalt.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionThreadsTest {

    /** What a connection sees of its thread: its id, name, kind and interrupt flag. */
    private record Seen(long id, String name, boolean virtual, boolean interrupted) {}

    private static Seen run(ThreadHandling mode, String name, boolean interruptItself) throws Exception {
        CompletableFuture<Seen> seen = new CompletableFuture<>();
        mode.start(name, () -> {
            Thread t = Thread.currentThread();
            seen.complete(new Seen(t.threadId(), t.getName(), t.isVirtual(), t.isInterrupted()));
            if (interruptItself) t.interrupt();
        });
        return seen.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aPlatformThreadServesTheNextConnectionUnderItsNameWithoutTheLastOnesInterrupt() throws Exception {
        Seen first = run(ThreadHandling.ONE_THREAD_PER_CONNECTION, "mysql-conn-1", true);
        Thread.sleep(200); // the first connection has ended; its thread waits in the cache
        Seen second = run(ThreadHandling.ONE_THREAD_PER_CONNECTION, "mysql-conn-2", false);
        assertEquals("mysql-conn-1", first.name());
        assertEquals("mysql-conn-2", second.name());
        assertFalse(first.virtual());
        assertFalse(second.interrupted(), "an interrupt of the previous connection does not reach the next");
    }

    @Test
    void connectionsOneAfterAnotherReuseTheCachedThreads() throws Exception {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (int i = 0; i < 30; i++) {
            ids.add(run(ThreadHandling.ONE_THREAD_PER_CONNECTION, "mysql-conn-" + i, true).id());
            Thread.sleep(20); // the connection's thread is back in the cache before the next one comes
        }
        assertTrue(ids.size() <= ConnectionThreads.CACHED, "30 connections ran on " + ids.size() + " threads");
    }

    @Test
    void poolOfThreadsRunsEachConnectionOnItsOwnVirtualThread() throws Exception {
        Seen seen = run(ThreadHandling.POOL_OF_THREADS, "pg-conn-7", false);
        assertTrue(seen.virtual());
        assertEquals("pg-conn-7", seen.name());
    }
}
