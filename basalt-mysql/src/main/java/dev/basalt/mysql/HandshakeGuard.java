package dev.basalt.mysql;

import dev.basalt.engine.api.LoginThrottle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a stranger may do before logging in, and what we count about it. Before authentication a
 * connection may send only small packets, must finish within connect_timeout, and belongs to a
 * separately capped pool so half-open handshakes cannot take the slots of real users. Repeated
 * failed logins of one 'user'@'host' are slowed down with growing delays (MySQL's
 * connection_control idea).
 */
final class HandshakeGuard {
    private static final System.Logger LOG = System.getLogger(HandshakeGuard.class.getName());

    /** Largest packet accepted before login: MySQL caps the pre-auth packet too. */
    static final int PRE_AUTH_MAX_PACKET = 16 * 1024;

    private volatile long connectTimeoutSeconds;
    private volatile int maxUnauthenticated;
    private final int failedLoginThreshold;
    private final long minDelayMillis;
    private final long maxDelayMillis;
    private volatile LoginThrottle throttle = new LoginThrottle();

    private final AtomicLong abortedConnects = new AtomicLong();
    private final AtomicLong abortedClients = new AtomicLong();
    private final AtomicLong maxConnectionErrors = new AtomicLong();
    private final AtomicLong internalErrors = new AtomicLong();
    private final AtomicLong delaysGenerated = new AtomicLong();
    private final AtomicLong evictedHandshakes = new AtomicLong();

    /**
     * @param connectTimeoutSeconds MySQL's connect_timeout (default 10)
     * @param maxUnauthenticated    connections still in their handshake at once; a new one beyond
     *                              this closes the oldest half-open handshake
     * @param failedLoginThreshold  consecutive failures after which logins are delayed
     *                              (connection_control_failed_connections_threshold, default 3)
     * @param minDelayMillis        first delay (connection_control_min_connection_delay, 1000)
     * @param maxDelayMillis        longest delay; each further failure adds a second
     */
    HandshakeGuard(long connectTimeoutSeconds, int maxUnauthenticated, int failedLoginThreshold,
                   long minDelayMillis, long maxDelayMillis) {
        if (connectTimeoutSeconds < 2) throw new IllegalArgumentException("connect_timeout must be at least 2");
        if (maxUnauthenticated < 1) throw new IllegalArgumentException("unauthenticated connection cap must be positive");
        this.connectTimeoutSeconds = connectTimeoutSeconds;
        this.maxUnauthenticated = maxUnauthenticated;
        this.failedLoginThreshold = failedLoginThreshold;
        this.minDelayMillis = minDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
        throttle.configure(failedLoginThreshold, minDelayMillis, maxDelayMillis);
    }

    /** MySQL's defaults; 64 handshakes in flight is far more than real clients ever need at once. */
    static HandshakeGuard defaults() {
        return new HandshakeGuard(10, 64, 3, 1000, 30_000);
    }

    /**
     * connect_timeout for a connection accepted now: the source's value when one is set (the
     * server's @@global.connect_timeout, so SET GLOBAL applies to the very next accept, as in
     * MySQL), else the value set last.
     */
    long connectTimeoutNanos() {
        long seconds = connectTimeoutSeconds;
        java.util.function.LongSupplier source = connectTimeoutSource;
        if (source != null) {
            long v = source.getAsLong();
            if (v >= 2 && v <= 31_536_000) seconds = v;
        }
        return TimeUnit.SECONDS.toNanos(seconds);
    }

    private volatile java.util.function.LongSupplier connectTimeoutSource;

    /** Where connect_timeout is read at each accept (null: the value set last). */
    void connectTimeoutSource(java.util.function.LongSupplier seconds) {
        connectTimeoutSource = seconds;
    }

    /** SET GLOBAL connect_timeout: applies to connections accepted from now on (MySQL's range 2..31536000). */
    void setConnectTimeoutSeconds(long seconds) {
        if (seconds >= 2 && seconds <= 31_536_000) connectTimeoutSeconds = seconds;
    }

    int maxUnauthenticated() { return maxUnauthenticated; }

    /** The server setting max-unauthenticated-connections; applies from the next accept on. */
    void setMaxUnauthenticated(int max) {
        if (max < 1) throw new IllegalArgumentException("unauthenticated connection cap must be positive");
        maxUnauthenticated = max;
    }

    /**
     * The engine's failed-login memory, shared with the other listeners; until the server hands
     * it over, a throttle of this listener's own.
     */
    void useThrottle(LoginThrottle throttle) {
        this.throttle = throttle;
        throttle.configure(failedLoginThreshold, minDelayMillis, maxDelayMillis);
    }

    /**
     * SET GLOBAL connection_control_*: threshold 0 turns throttling off; delays in milliseconds
     * within MySQL's range (at least 1000, the longest not below the first).
     */
    void configureConnectionControl(long threshold, long minDelay, long maxDelay) {
        throttle.configure(threshold, minDelay, maxDelay);
    }

    /** How long to hold this login attempt back, after earlier failures of the same account and host. */
    long delayMillis(String user, String host) {
        return throttle.delayMillis(user, host);
    }

    void delayed() { delaysGenerated.incrementAndGet(); }

    /** A failed login: logged with user and host (as MySQL's error log does), counted, remembered. */
    void loginFailed(long connectionId, String user, String host, String reason) {
        LOG.log(System.Logger.Level.WARNING, "Access denied for user ''{0}''@''{1}'' (connection {2}): {3}",
                user, host, Long.toString(connectionId), reason);
        throttle.failed(user, host);
    }

    void loginSucceeded(String user, String host) { throttle.succeeded(user, host); }

    void abortedConnect() { abortedConnects.incrementAndGet(); }

    /** A logged-in connection that ended without COM_QUIT: the peer left, broke TLS, timed out or was killed. */
    void abortedClient() { abortedClients.incrementAndGet(); }

    void maxConnectionsError() { maxConnectionErrors.incrementAndGet(); }

    void internalError() { internalErrors.incrementAndGet(); }

    void evictedHandshake() { evictedHandshakes.incrementAndGet(); }

    /** Status variables for SHOW STATUS, with MySQL's names where MySQL has the counter. */
    Map<String, String> status() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("Aborted_clients", Long.toString(abortedClients.get()));
        s.put("Aborted_connects", Long.toString(abortedConnects.get()));
        s.put("Connection_control_delay_generated", Long.toString(delaysGenerated.get()));
        s.put("Connection_errors_accept", "0");
        s.put("Connection_errors_internal", Long.toString(internalErrors.get()));
        s.put("Connection_errors_max_connections", Long.toString(maxConnectionErrors.get()));
        s.put("Connection_errors_peer_address", "0");
        s.put("Connection_errors_select", "0");
        s.put("Connection_errors_tcpwrap", "0");
        s.put("Basalt_handshakes_evicted", Long.toString(evictedHandshakes.get()));
        return s;
    }
}
