package dev.basalt.remote.passthrough;

import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle backend connections kept for the next client with the same login settings, so a client
 * that connects often does not pay for a login on the fronted server each time. A connection is
 * reset (COM_RESET_CONNECTION, and back to its login database) before it is kept, so no session
 * state passes between clients; it is reset again when taken. Bounded: beyond {@code maxIdle} connections are closed.
 */
final class BackendPool implements AutoCloseable {
    private final int maxIdle;
    private final Map<Backend.Key, Deque<Backend>> idle = new ConcurrentHashMap<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    BackendPool(int maxIdle) { this.maxIdle = maxIdle; }

    /** A healthy idle connection for {@code key}, or null. */
    Backend take(Backend.Key key) {
        Deque<Backend> queue = idle.get(key);
        if (queue == null) return null;
        Backend b;
        while ((b = queue.pollFirst()) != null) {
            idleCount.decrementAndGet();
            // Reset again on the way out (one round trip, less than a login): it proves the
            // connection alive (after a remote restart every pooled one is dead) and gives the new
            // client session variables from the global values of now, not of when it was pooled.
            if (b.reset()) return b;
            b.close();
        }
        return null;
    }

    /** Resets and keeps {@code backend}, or closes it when the pool is full or the reset fails. */
    void give(Backend backend) {
        if (closed || idleCount.get() >= maxIdle || !backend.reset() || !backend.restoreDatabase()) {
            backend.close();
            return;
        }
        idleCount.incrementAndGet();
        idle.computeIfAbsent(backend.key, k -> new ConcurrentLinkedDeque<>()).addFirst(backend);
        if (closed) drain();
    }

    int idleCount() { return idleCount.get(); }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        for (Deque<Backend> queue : idle.values()) {
            Backend b;
            while ((b = queue.pollFirst()) != null) {
                idleCount.decrementAndGet();
                b.close();
            }
        }
    }
}
