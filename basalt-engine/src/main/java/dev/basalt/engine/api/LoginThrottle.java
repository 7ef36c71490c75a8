package dev.basalt.engine.api;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consecutive failed logins per user and client address, and how long to hold the next attempt
 * back (MySQL's connection_control idea: after a threshold of failures, growing delays). One per
 * engine, shared by every listener (MySQL, PostgreSQL, HTTP), so a password guesser gains nothing
 * by switching ports. The listeners log and count; this only remembers.
 */
public final class LoginThrottle {
    /** Failed logins of one user and address remembered at most; beyond, the oldest is forgotten. */
    private static final int MAX_TRACKED_FAILURES = 10_000;

    private volatile int threshold = 3;
    private volatile long minDelayMillis = 1000;
    private volatile long maxDelayMillis = 30_000;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    /**
     * connection_control_*: threshold 0 turns throttling off; delays in milliseconds within
     * MySQL's range (at least 1000, the longest not below the first). Out-of-range values are ignored.
     */
    public void configure(long threshold, long minDelay, long maxDelay) {
        if (threshold >= 0 && threshold <= Integer.MAX_VALUE) this.threshold = (int) threshold;
        if (minDelay >= 1000) minDelayMillis = minDelay;
        if (maxDelay >= 1000) maxDelayMillis = Math.max(maxDelay, minDelayMillis);
    }

    /** How long to hold this login attempt back: 0 below the threshold, then 1 s more per failure, capped. */
    public long delayMillis(String user, String address) {
        int t = threshold;
        if (t <= 0) return 0;
        Integer n = failures.get(key(user, address));
        if (n == null || n < t) return 0;
        long grown = (long) (n - t) * 1000;
        return Math.min(maxDelayMillis, Math.max(minDelayMillis, grown));
    }

    public void failed(String user, String address) {
        if (failures.size() >= MAX_TRACKED_FAILURES) {
            Iterator<String> it = failures.keySet().iterator();
            if (it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        failures.merge(key(user, address), 1, Integer::sum);
    }

    public void succeeded(String user, String address) {
        failures.remove(key(user, address));
    }

    /** The client address as the MySQL listener names it (IPv6 loopback "::1", no scope id). */
    public static String address(java.net.InetAddress a) {
        if (a instanceof java.net.Inet6Address) {
            if (a.isLoopbackAddress()) return "::1";
            String text = a.getHostAddress();
            int scope = text.indexOf('%');
            return scope >= 0 ? text.substring(0, scope) : text;
        }
        return a.getHostAddress();
    }

    private static String key(String user, String address) { return user + "@" + address; }
}
