package dev.basalt.pgwire;

import dev.basalt.engine.api.Engine;
import dev.basalt.engine.api.ThreadHandling;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL protocol (v3) listener, beside the MySQL one on the same engine. One platform
 * thread accepts; each connection runs on its own virtual thread.
 *
 * <p>Strangers are bounded as on the MySQL port: only logged-in connections count against
 * max_connections; connections still starting up or authenticating have their own cap, past
 * which the oldest is closed (max-unauthenticated-connections), and must have logged in within
 * connect_timeout of their accept,
 * so idle or trickling sockets cannot lock real users out.
 */
public final class PgServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PgServer.class.getName());
    /** PostgreSQL backend ids and engine connection ids: far above the MySQL listener's, so they do not collide. */
    private static final int FIRST_ID = 1 << 30;
    /** Connections still in their start-up at once, by default; the MySQL listener's default cap. */
    static final int DEFAULT_MAX_UNAUTHENTICATED = 64;

    private final Engine engine;
    private final PgServerConfig config;
    private final AtomicInteger nextId = new AtomicInteger(FIRST_ID);
    private final Map<Integer, PgConnection> connections = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;
    private volatile ServerSocket serverSocket;
    private Thread acceptThread;
    private Thread watchdogThread;
    /** Connections that have logged in and not yet ended: what max_connections bounds. */
    private final AtomicInteger loggedIn = new AtomicInteger();
    /**
     * From accept to AuthenticationOk at most, in seconds (PostgreSQL's authentication_timeout, here
     * MySQL's connect_timeout: the server hands over @@global.connect_timeout, read at every round
     * of the watchdog, so SET GLOBAL applies at once).
     */
    private volatile java.util.function.LongSupplier loginTimeoutSeconds = () -> 10;
    /** Connections still in their start-up at once (max-unauthenticated-connections). */
    private volatile int maxUnauthenticated = DEFAULT_MAX_UNAUTHENTICATED;
    /** How SSLRequest upgrades the socket (JDK or BoringSSL); null: SSLRequest is answered 'N'. */
    private volatile dev.basalt.tls.TlsHandshake tls;
    /** Keys unknown users' mock SCRAM salts; the server hands over the data directory's ({@link MockAuthSecret}). */
    private volatile byte[] mockAuthSecret = MockAuthSecret.ephemeral();
    /** @@require_secure_transport, read at each login: when true a plaintext startup is refused. */
    private volatile java.util.function.BooleanSupplier secureTransportRequired = () -> false;

    public PgServer(Engine engine, PgServerConfig config) {
        this.engine = engine;
        this.config = config;
    }

    public synchronized void start() throws IOException {
        if (serverSocket != null) throw new IllegalStateException("already started");
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        String address = config.bindAddress();
        boolean wildcard = address == null || address.isEmpty() || address.equals("*");
        socket.bind(wildcard ? new InetSocketAddress(config.port()) : new InetSocketAddress(address, config.port()), 128);
        serverSocket = socket;
        acceptThread = Thread.ofPlatform().name("basalt-pg-accept").daemon(true).start(this::acceptLoop);
        watchdogThread = Thread.ofPlatform().name("basalt-pg-login-watchdog").daemon(true).start(this::watchdogLoop);
        LOG.log(System.Logger.Level.INFO, "PostgreSQL protocol listening on {0}:{1,number,#}", address, port());
    }

    public int port() {
        ServerSocket s = serverSocket;
        if (s == null) throw new IllegalStateException("not started");
        return s.getLocalPort();
    }

    private void acceptLoop() {
        while (!shuttingDown) {
            try {
                if (!acceptOne()) return;
            } catch (Throwable t) {
                // e.g. OutOfMemoryError while a statement holds the heap: the listener must outlive it
                LOG.log(System.Logger.Level.ERROR, "pg accept loop: " + t, t);
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
        } catch (IOException ignored) {
            // best effort
        }
        makeRoomForHandshake();
        int id = nextId.getAndIncrement();
        PgConnection c = new PgConnection(this, id, socket);
        connections.put(id, c);
        try {
            ThreadHandling.configured().start("pg-conn-" + id, c);
        } catch (Throwable t) {
            connections.remove(id);
            try {
                socket.close();
            } catch (IOException ignored) {
                // never started: nothing else holds the socket
            }
            throw t;
        }
        return true;
    }

    /** At the handshake cap, the oldest unfinished start-up is closed: a flood can delay real clients, not refuse them. */
    private void makeRoomForHandshake() {
        int pending = 0;
        PgConnection oldest = null;
        for (PgConnection c : connections.values()) {
            if (!c.inHandshake()) continue;
            pending++;
            if (oldest == null || c.acceptedAt() - oldest.acceptedAt() < 0) oldest = c;
        }
        if (pending >= maxUnauthenticated && oldest != null) {
            LOG.log(System.Logger.Level.WARNING, "{0} unfinished pg start-ups: closing the oldest (connection {1})",
                    pending, Integer.toString(oldest.id()));
            oldest.forceClose();
        }
    }

    /** Twice a second: closes connections that have not logged in within the login timeout. */
    private void watchdogLoop() {
        while (!shuttingDown) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            try {
                Duration loginTimeout = loginTimeout();
                long now = System.nanoTime(), limit = loginTimeout.toNanos();
                for (PgConnection c : connections.values()) {
                    if (c.inHandshake() && now - c.acceptedAt() > limit + c.loginDelayNanos()) {
                        LOG.log(System.Logger.Level.INFO, "pg connection {0}: no login within {1} s, closed",
                                Integer.toString(c.id()), loginTimeout.toSeconds());
                        c.forceClose();
                    }
                }
            } catch (Throwable t) { // the next round tries again
                LOG.log(System.Logger.Level.ERROR, "pg login watchdog: " + t, t);
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

    /** How long a client has from accept to logged in; a value out of connect_timeout's range counts as 10 s. */
    Duration loginTimeout() {
        long seconds = loginTimeoutSeconds.getAsLong();
        return Duration.ofSeconds(seconds >= 2 && seconds <= 31_536_000 ? seconds : 10);
    }

    /** Tests shorten it (at least 2 s, connect_timeout's minimum). */
    void loginTimeout(Duration timeout) {
        long seconds = timeout.toSeconds();
        if (seconds < 2) throw new IllegalArgumentException("login timeout below 2 s");
        this.loginTimeoutSeconds = () -> seconds;
    }

    /**
     * The pre-login limits, as on the MySQL port: the login timeout in seconds (the server passes
     * @@global.connect_timeout; read twice a second) and the cap on connections still starting up.
     */
    public void preLoginLimits(java.util.function.LongSupplier connectTimeoutSeconds, int maxUnauthenticated) {
        if (maxUnauthenticated < 1) throw new IllegalArgumentException("unauthenticated connection cap must be positive");
        this.loginTimeoutSeconds = connectTimeoutSeconds;
        this.maxUnauthenticated = maxUnauthenticated;
    }

    /** Every max_connections slot is held by a logged-in client: a start-up gets 53300 before authenticating. */
    boolean atConnectionLimit() { return loggedIn.get() >= config.maxConnections(); }

    /** Takes a slot for an authenticated connection; false when none is left (53300). */
    boolean claimSlot(PgConnection c) {
        while (true) {
            int n = loggedIn.get();
            if (n >= config.maxConnections()) return false;
            if (loggedIn.compareAndSet(n, n + 1)) return true;
        }
    }

    Engine engine() { return engine; }

    /** Answers SSLRequest with 'S' and TLS from now on; the server builds the context. */
    public void enableTls(javax.net.ssl.SSLContext context) { enableTls(context, null); }

    /**
     * As {@link #enableTls(javax.net.ssl.SSLContext)}, each TLS socket configured with
     * {@code parameters} (null: the context's defaults), which may ask for a client certificate
     * (REQUIRE X509). A later call (ALTER INSTANCE RELOAD TLS) applies to new connections only.
     */
    public void enableTls(javax.net.ssl.SSLContext context, javax.net.ssl.SSLParameters parameters) {
        enableTls(context == null ? null : new dev.basalt.tls.JdkTlsHandshake(context, parameters));
    }

    /**
     * Answers SSLRequest with 'S' and runs the handshake in {@code handshake}'s library (the one the
     * MySQL port uses, per {@code tls-library}); null: TLS off. New connections only.
     */
    public void enableTls(dev.basalt.tls.TlsHandshake handshake) { this.tls = handshake; }

    dev.basalt.tls.TlsHandshake tls() { return tls; }

    /** The TLS library SSLRequest upgrades in, for logs and tests; null: TLS off. */
    public String tlsLibrary() {
        dev.basalt.tls.TlsHandshake t = tls;
        return t == null ? null : t.library();
    }

    /**
     * The secret unknown user names' SCRAM salts are derived from; a server with a data directory
     * passes {@link MockAuthSecret#loadOrCreate}'s, so the salts stay the same across restarts.
     * Without a call, a secret of this process.
     */
    public void mockAuthSecret(byte[] secret) {
        if (secret.length < 16) throw new IllegalArgumentException("mock authentication secret too short");
        this.mockAuthSecret = secret.clone();
    }

    byte[] mockAuthSecret() { return mockAuthSecret; }

    /**
     * Where the listener reads @@require_secure_transport: when true, a startup outside TLS gets
     * FATAL 28000 as from a pg_hba.conf with only {@code hostssl} lines.
     */
    public void requireSecureTransport(java.util.function.BooleanSupplier required) {
        this.secureTransportRequired = required;
    }

    boolean secureTransportRequired() { return secureTransportRequired.getAsBoolean(); }

    PgServerConfig config() { return config; }

    void unregister(PgConnection c) {
        if (connections.remove(c.id()) != null && c.loggedIn()) loggedIn.decrementAndGet();
    }

    /** CancelRequest: best effort, as in PostgreSQL; a wrong key is ignored silently. */
    void cancel(int backendId, int secret) {
        PgConnection c = connections.get(backendId);
        if (c != null && c.secret() == secret) c.cancel();
    }

    public void shutdown(Duration drain) {
        synchronized (this) {
            if (serverSocket == null || shuttingDown) return;
            shuttingDown = true;
        }
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        long deadline = System.nanoTime() + drain.toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            for (PgConnection c : connections.values()) c.closeIfIdle();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (PgConnection c : connections.values()) c.forceClose();
    }

    @Override
    public void close() { shutdown(Duration.ofSeconds(5)); }
}
