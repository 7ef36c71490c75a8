package dev.basalt.remote.passthrough;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Multiplexing (mysql-multiplex N): at most N backend connections are held by clients at once,
 * and the ones given back between statements by clients without session state wait here for the
 * next client whose session looks the same: same login settings and the same harmless SETs (such
 * as the one Connector/J sends at connect) run since the backend's session began. A client whose
 * SETs no idle backend has gets one reset (COM_RESET_CONNECTION) with its SETs replayed, as
 * ProxySQL does with session variables. Idle ones count against N, so the remote never sees more
 * than N connections from clients (plus KILL and schema connections).
 */
final class SharedBackends implements AutoCloseable {
    /** What a backend's session is: its login settings and the SETs run on it since, in order. */
    record Shape(Backend.Key key, List<String> settings) {}

    private final int max;
    private final int waitMillis;
    private final String address;
    private final Semaphore slots;
    /** Opens (or takes from the reset pool) a backend with these login settings and connect attributes. */
    private final BiFunction<Backend.Key, Map<String, String>, Backend> opener;
    private final Executor resets;
    private final Map<Shape, Deque<Backend>> idle = new ConcurrentHashMap<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    SharedBackends(int max, int waitMillis, String address, BiFunction<Backend.Key, Map<String, String>, Backend> opener,
                   Executor resets) {
        this.max = max;
        this.waitMillis = waitMillis;
        this.address = address;
        this.slots = new Semaphore(max, true);
        this.opener = opener;
        this.resets = resets;
    }

    /** A backend whose session is {@code shape}; waits for a free slot up to the connect timeout, then 1429. */
    Backend borrow(Shape shape, Map<String, String> attributes) {
        try {
            if (!slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw RemoteErrors.cannotConnect(address + ": all " + max
                        + " backend connections (mysql-multiplex) stayed busy for " + waitMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RemoteErrors.cannotConnect("interrupted while waiting for a backend connection");
        }
        try {
            Backend b = poll(shape);
            if (b != null) return b;
            b = another(shape.key());
            if (b == null) {
                // an idle one of another login makes room for a new connection: N stays the bound
                if (idleCount.get() + max - slots.availablePermits() > max) closeOneIdle();
                b = opener.apply(shape.key(), attributes);
            }
            replay(b, shape.settings());
            return b;
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** The client needs {@code b} no longer and left nothing on it but {@code settings}. */
    void giveBack(Backend b, List<String> settings) {
        keep(b, settings);
        slots.release();
    }

    /** The client leaves holding {@code b} (maybe with state on it): reset in the background, then shared. */
    void returnHeld(Backend b) {
        resets.execute(() -> {
            try {
                if (!closed && b.reset() && b.restoreDatabase()) keep(b, List.of());
                else b.close();
            } finally {
                slots.release();
            }
        });
    }

    /** The client's backend broke and was closed: only its slot comes back. */
    void lost() { slots.release(); }

    private void keep(Backend b, List<String> settings) {
        if (closed) {
            b.close();
            return;
        }
        idleCount.incrementAndGet();
        idle.computeIfAbsent(new Shape(b.key, settings), k -> new ConcurrentLinkedDeque<>()).addFirst(b);
    }

    private Backend poll(Shape shape) {
        Deque<Backend> q = idle.get(shape);
        Backend b = q == null ? null : q.pollFirst();
        if (b != null) idleCount.decrementAndGet();
        return b;
    }

    /** An idle backend of the same login with other SETs, reset to a fresh session; null when none. */
    private Backend another(Backend.Key key) {
        for (Map.Entry<Shape, Deque<Backend>> e : idle.entrySet()) {
            if (!e.getKey().key().equals(key)) continue;
            Backend b;
            while ((b = e.getValue().pollFirst()) != null) {
                idleCount.decrementAndGet();
                if (b.reset() && b.restoreDatabase()) return b;
                b.close();
            }
        }
        return null;
    }

    private void closeOneIdle() {
        for (Deque<Backend> q : idle.values()) {
            Backend b = q.pollLast();
            if (b != null) {
                idleCount.decrementAndGet();
                b.close();
                return;
            }
        }
    }

    /** Runs the client's SETs on a fresh session, responses discarded; a failure is 1430. */
    private static void replay(Backend b, List<String> settings) {
        for (String sql : settings) {
            byte[] text = sql.getBytes(StandardCharsets.UTF_8);
            byte[] packet = new byte[text.length + 1];
            packet[0] = 0x03; // COM_QUERY
            System.arraycopy(text, 0, packet, 1, text.length);
            try {
                b.channel.writePacket(0, packet, 0, packet.length);
                if (b.relay.to(null, null, null).results() == ResponseRelay.FAILED) {
                    b.close();
                    throw RemoteErrors.queryFailed("the session's SET failed on a shared backend connection: " + sql);
                }
            } catch (IOException e) {
                b.close();
                throw RemoteErrors.queryFailed("lost a shared backend connection: " + e.getMessage());
            }
        }
    }

    int idleCount() { return idleCount.get(); }

    @Override
    public void close() {
        closed = true;
        for (Deque<Backend> q : idle.values()) {
            Backend b;
            while ((b = q.pollFirst()) != null) {
                idleCount.decrementAndGet();
                b.close();
            }
        }
    }
}
