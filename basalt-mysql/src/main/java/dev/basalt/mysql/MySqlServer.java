package dev.basalt.mysql;

import dev.basalt.engine.api.Engine;
import dev.basalt.engine.api.ThreadHandling;
import dev.basalt.mysql.auth.ServerKeys;
import dev.basalt.mysql.auth.Sha2Cache;
import dev.basalt.mysql.relay.RelayFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MySQL protocol listener. One platform thread accepts; each connection runs on its own
 * virtual thread with plain blocking, buffered socket I/O.
 */
public final class MySqlServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MySqlServer.class.getName());

    private final Engine engine;
    private final MySqlServerConfig config;
    private final RelayFactory relays;
    private final ServerKeys keys = new ServerKeys();
    private final Sha2Cache sha2Cache;
    private final AtomicLong nextConnectionId = new AtomicLong(1);
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final HandshakeGuard guard = HandshakeGuard.defaults();
    private volatile boolean shuttingDown;
    /** How connections start TLS; null: CLIENT_SSL is not offered. */
    private volatile dev.basalt.tls.TlsHandshake tls;
    /** @@require_secure_transport, read at each login. */
    private volatile java.util.function.BooleanSupplier requireSecureTransport = () -> false;
    private volatile ServerSocket serverSocket;
    private Thread acceptThread;

    public MySqlServer(Engine engine, MySqlServerConfig config) {
        this(engine, config, null, true);
    }

    /**
     * Passthrough mode: clients still log in here (the engine's accounts), then every command is
     * served by a relay from {@code relays} instead of the engine.
     */
    public MySqlServer(Engine engine, MySqlServerConfig config, RelayFactory relays) {
        this(engine, config, relays, true);
    }

    /**
     * @param trustStoredSha2Hashes when false, caching_sha2_password behaves like MySQL with an
     *                              empty cache: an account's first login needs full (RSA) authentication
     */
    MySqlServer(Engine engine, MySqlServerConfig config, boolean trustStoredSha2Hashes) {
        this(engine, config, null, trustStoredSha2Hashes);
    }

    private MySqlServer(Engine engine, MySqlServerConfig config, RelayFactory relays, boolean trustStoredSha2Hashes) {
        this.engine = engine;
        this.config = config;
        this.relays = relays;
        this.sha2Cache = new Sha2Cache(trustStoredSha2Hashes);
        guard.useThrottle(engine.loginThrottle()); // failed logins count across every port of the engine
    }

    /** Binds and starts accepting. Port 0 binds an ephemeral port; see {@link #port()}. */
    public synchronized void start() throws IOException {
        if (serverSocket != null) throw new IllegalStateException("already started");
        // relayed connections need their socket's channel: a relay's event loop may serve them (CommandRelay.serveOnLoop)
        ServerSocket socket = relays != null ? java.nio.channels.ServerSocketChannel.open().socket() : new ServerSocket();
        socket.setReuseAddress(true);
        String address = config.bindAddress();
        boolean wildcard = address == null || address.isEmpty() || address.equals("*");
        socket.bind(wildcard ? new InetSocketAddress(config.port()) : new InetSocketAddress(address, config.port()), 128);
        serverSocket = socket;
        acceptThread = Thread.ofPlatform().name("basalt-mysql-accept").daemon(true).start(this::acceptLoop);
        Thread.ofPlatform().name("basalt-mysql-watchdog").daemon(true).start(this::watchdogLoop);
        LOG.log(System.Logger.Level.INFO, "MySQL protocol listening on {0}:{1,number,#}", config.bindAddress(), port());
    }

    public int port() {
        ServerSocket s = serverSocket;
        if (s == null) throw new IllegalStateException("not started");
        return s.getLocalPort();
    }

    public int openConnections() { return connections.size(); }

    private void acceptLoop() {
        while (!shuttingDown) {
            try {
                if (!acceptOne()) return;
            } catch (Throwable t) {
                // e.g. OutOfMemoryError while another connection's statement holds the heap: this
                // thread must outlive it, or the process stays up and serves no one
                LOG.log(System.Logger.Level.ERROR, "accept loop: " + t, t);
                pause();
            }
        }
    }

    /** Accepts and starts one connection; false once the listening socket is closed. */
    private boolean acceptOne() {
        Socket socket;
        try {
            socket = serverSocket.accept();
        } catch (IOException e) {
            if (serverSocket.isClosed()) return false;
            LOG.log(System.Logger.Level.WARNING, "accept failed: {0}", e.toString());
            pause(); // e.g. out of file descriptors: don't spin
            return true;
        }
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "socket options: {0}", e.toString());
        }
        Connection connection = new Connection(this, nextConnectionId.getAndIncrement(), socket);
        if (!admit()) {
            guard.maxConnectionsError();
            Thread.ofVirtual().start(connection::rejectTooManyConnections);
            return true;
        }
        connections.add(connection);
        try {
            // A relay blocks on two sockets in turn; platform threads read them with one blocking
            // syscall each, where a virtual thread parks and is woken through the poller. Engine
            // connections follow the thread_handling setting (ThreadHandling says why).
            String name = "mysql-conn-" + connection.id();
            if (relays != null) Thread.ofPlatform().name(name).start(connection);
            else ThreadHandling.configured().start(name, connection);
        } catch (Throwable t) {
            connections.remove(connection);
            try {
                socket.close();
            } catch (IOException ignored) {
                // the connection never started; nothing else holds the socket
            }
            throw t;
        }
        return true;
    }

    /**
     * Logged-in connections count against max_connections; connections still in their handshake
     * have their own cap, and past it the oldest half-open handshake is closed to make room, so a
     * flood of idle sockets can delay but never lock out a real client.
     */
    private boolean admit() {
        int authenticated = 0, pending = 0;
        Connection oldest = null;
        for (Connection c : connections) {
            if (c.isClosed()) continue; // hung up on, its thread not yet gone: holds no slot
            if (c.inHandshake()) {
                pending++;
                if (oldest == null || c.acceptedAt() - oldest.acceptedAt() < 0) oldest = c;
            } else {
                authenticated++;
            }
        }
        if (authenticated >= config.maxConnections()) return false;
        if (pending >= guard.maxUnauthenticated() && oldest != null) {
            LOG.log(System.Logger.Level.WARNING, "{0} unfinished handshakes: closing the oldest (connection {1})",
                    pending, Long.toString(oldest.id()));
            guard.evictedHandshake();
            oldest.forceClose();
        }
        return true;
    }

    /** Pre-login limits and counters (Aborted_connects, Connection_errors_*). */
    HandshakeGuard guard() { return guard; }

    /**
     * The pre-login limits the server was started with: connect_timeout in seconds (2..31536000;
     * SET GLOBAL connect_timeout changes it later) and the cap on connections still in their
     * handshake (default 64).
     */
    public void preLoginLimits(long connectTimeoutSeconds, int maxUnauthenticated) {
        if (connectTimeoutSeconds < 2 || connectTimeoutSeconds > 31_536_000) {
            throw new IllegalArgumentException("connect_timeout out of range: " + connectTimeoutSeconds);
        }
        guard.setConnectTimeoutSeconds(connectTimeoutSeconds);
        guard.setMaxUnauthenticated(maxUnauthenticated);
    }

    /**
     * Reads connect_timeout (seconds) from {@code seconds} at every accept, e.g. the server's
     * @@global.connect_timeout, so that SET GLOBAL connect_timeout applies to the next connection.
     */
    public void connectTimeoutSource(java.util.function.LongSupplier seconds) {
        guard.connectTimeoutSource(seconds);
    }

    /** Status variables of the listener for SHOW STATUS (the server registers them with the engine). */
    public java.util.Map<String, String> status() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>(guard.status());
        m.put("Ssl_library", tlsLibrary()); // which TLS implementation new connections get (BoringSSL or the JDK's)
        return m;
    }

    /** Once a second: timeouts that a blocked connection thread cannot notice itself. */
    private void watchdogLoop() {
        while (!shuttingDown) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            try {
                long now = System.nanoTime();
                for (Connection c : connections) c.checkTimeouts(now);
            } catch (Throwable t) { // one bad connection must not end the timeouts of all
                LOG.log(System.Logger.Level.ERROR, "watchdog: " + t, t);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops accepting, closes idle connections, lets running statements finish, and after
     * {@code drain} hangs up on whatever is left. Idle clients see their socket close (or ERR 1053
     * if a command was already on its way).
     */
    public void shutdown(Duration drain) {
        synchronized (this) {
            if (serverSocket == null || shuttingDown) return;
            shuttingDown = true;
        }
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing listener: {0}", e.toString());
        }
        long deadline = System.nanoTime() + drain.toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            for (Connection c : connections) c.closeIfIdle();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Connection c : connections) c.forceClose();
        try {
            acceptThread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() { shutdown(Duration.ofSeconds(5)); }

    /** Offers TLS (CLIENT_SSL) to connections accepted from now on; the server builds the context. */
    public void enableTls(javax.net.ssl.SSLContext context) { enableTls(context, null); }

    /**
     * As {@link #enableTls(javax.net.ssl.SSLContext)}, each TLS socket configured with
     * {@code parameters} (null: the context's defaults): protocols (tls_version), cipher suites
     * (ssl_cipher) and whether the client is asked for a certificate (a CA is configured; REQUIRE
     * X509 / ISSUER / SUBJECT need one). Called again (ALTER INSTANCE RELOAD TLS), it applies to
     * connections accepted afterwards; existing ones keep their session. Null context: TLS off.
     */
    public void enableTls(javax.net.ssl.SSLContext context, javax.net.ssl.SSLParameters parameters) {
        enableTls(context == null ? null : new dev.basalt.tls.JdkTlsHandshake(context, parameters));
    }

    /**
     * As {@link #enableTls(javax.net.ssl.SSLContext, javax.net.ssl.SSLParameters)} with any TLS
     * implementation (e.g. an OpenSSL engine); null: TLS off for connections accepted from now on.
     */
    public void enableTls(dev.basalt.tls.TlsHandshake handshake) {
        this.tls = handshake;
    }

    /** The TLS implementation new connections use, e.g. "BoringSSL"; empty when TLS is off. */
    public String tlsLibrary() {
        dev.basalt.tls.TlsHandshake t = tls;
        return t == null ? "" : t.library();
    }

    /** Where the listener reads @@require_secure_transport: when true, logins over plain TCP get 3159. */
    public void requireSecureTransport(java.util.function.BooleanSupplier required) {
        this.requireSecureTransport = required;
    }

    // ---- for connections ----

    dev.basalt.tls.TlsHandshake tls() { return tls; }

    boolean secureTransportRequired() { return requireSecureTransport.getAsBoolean(); }

    Engine engine() { return engine; }

    /** The relay factory in passthrough mode, else null. */
    RelayFactory relays() { return relays; }

    MySqlServerConfig config() { return config; }

    ServerKeys keys() { return keys; }

    Sha2Cache sha2Cache() { return sha2Cache; }

    boolean isShuttingDown() { return shuttingDown; }

    void unregister(Connection c) { connections.remove(c); }

    /** MySQL's default max_prepared_stmt_count: prepared statements open at once, server-wide. */
    static final int MAX_PREPARED_STATEMENTS = 16_382;
    private final java.util.concurrent.atomic.AtomicInteger preparedStatements = new java.util.concurrent.atomic.AtomicInteger();

    /** Counts one more open prepared statement, unless the server-wide limit is reached. */
    boolean reservePreparedStatement() {
        while (true) {
            int n = preparedStatements.get();
            if (n >= MAX_PREPARED_STATEMENTS) return false;
            if (preparedStatements.compareAndSet(n, n + 1)) return true;
        }
    }

    void releasePreparedStatements(int n) { if (n > 0) preparedStatements.addAndGet(-n); }

    /** Prepared statements open on all connections (Prepared_stmt_count). */
    public int openPreparedStatements() { return preparedStatements.get(); }

    enum KillOutcome { KILLED, NO_SUCH_CONNECTION, NOT_OWNER }

    /**
     * COM_PROCESS_KILL: hangs up on the connection with that id. Without privilege information in
     * the Session API, a user may only kill connections of the same user (MySQL's rule for
     * accounts lacking CONNECTION_ADMIN).
     */
    KillOutcome kill(long connectionId, String requestingUser) {
        for (Connection c : connections) {
            if (c.id() == connectionId) {
                if (!requestingUser.equals(c.user())) return KillOutcome.NOT_OWNER;
                c.forceClose();
                return KillOutcome.KILLED;
            }
        }
        return KillOutcome.NO_SUCH_CONNECTION;
    }
}
