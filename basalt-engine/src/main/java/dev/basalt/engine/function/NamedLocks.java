package dev.basalt.engine.function;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * User-level locks of GET_LOCK / RELEASE_LOCK, shared by all sessions of the process. A lock is
 * owned by a connection and re-entrant. The session should call {@link #releaseAll(long)} when
 * a connection ends.
 */
public final class NamedLocks {
    private NamedLocks() {}

    private static final class Held {
        long owner;
        int count;
    }

    private static final Map<String, Held> LOCKS = new HashMap<>();
    private static final Object MONITOR = new Object();

    /** Connection id -> the lock name it is waiting for in GET_LOCK (for deadlock detection). */
    private static final Map<Long, String> WAITING = new HashMap<>();

    /** Names are case-insensitive; MySQL limits them to 64 characters and refuses the empty name (3057). */
    private static String key(String name) {
        if (name.isEmpty() || name.codePointCount(0, name.length()) > 64) {
            throw dev.basalt.engine.api.ErrorCode.ER_USER_LOCK_WRONG_NAME.error(name);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** True when the owner of {@code k}, following what each owner waits for, leads back to {@code me}. */
    private static boolean closesCycle(String k, long me) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        String name = k;
        while (name != null) {
            Held h = LOCKS.get(name);
            if (h == null) return false;
            if (h.owner == me) return true;
            if (!seen.add(h.owner)) return false;
            name = WAITING.get(h.owner);
        }
        return false;
    }

    /** 1 when acquired, 0 on timeout; a negative timeout waits forever. */
    static long acquire(String name, long connectionId, double timeoutSeconds) throws InterruptedException {
        String k = key(name);
        long deadline = timeoutSeconds < 0 ? Long.MAX_VALUE : System.nanoTime() + (long) (timeoutSeconds * 1e9);
        synchronized (MONITOR) {
            while (true) {
                Held h = LOCKS.get(k);
                if (h == null) {
                    h = new Held();
                    h.owner = connectionId;
                    LOCKS.put(k, h);
                }
                if (h.owner == connectionId) {
                    h.count++;
                    return 1;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) return 0;
                // two connections each waiting for a lock the other holds: the requester gives up (3058),
                // as MySQL's metadata-lock deadlock detection does; no transaction is rolled back
                if (closesCycle(k, connectionId)) throw dev.basalt.engine.api.ErrorCode.ER_USER_LOCK_DEADLOCK.error();
                // in slices: KILL QUERY / max_execution_time end the wait with 1317 / 3024
                long ms = Math.max(1, Math.min(left / 1_000_000, 100));
                WAITING.put(connectionId, k);
                try {
                    MONITOR.wait(ms);
                } finally {
                    WAITING.remove(connectionId);
                }
                dev.basalt.engine.exec.Cancellation.check();
            }
        }
    }

    /** 1 released, 0 held by another connection, null when nobody holds it. */
    static Long release(String name, long connectionId) {
        synchronized (MONITOR) {
            Held h = LOCKS.get(key(name));
            if (h == null) return null;
            if (h.owner != connectionId) return 0L;
            if (--h.count == 0) {
                LOCKS.remove(key(name));
                MONITOR.notifyAll();
            }
            return 1L;
        }
    }

    /** Owner connection id, or null when free. */
    static Long owner(String name) {
        synchronized (MONITOR) {
            Held h = LOCKS.get(key(name));
            return h == null ? null : h.owner;
        }
    }

    /** Releases every lock of a connection; returns how many lock acquisitions were released. */
    public static long releaseAll(long connectionId) {
        long n = 0;
        synchronized (MONITOR) {
            for (Iterator<Held> it = LOCKS.values().iterator(); it.hasNext(); ) {
                Held h = it.next();
                if (h.owner == connectionId) {
                    n += h.count;
                    it.remove();
                }
            }
            if (n > 0) MONITOR.notifyAll();
        }
        return n;
    }
}
