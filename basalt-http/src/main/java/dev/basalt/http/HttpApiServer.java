package dev.basalt.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.basalt.engine.api.Engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP side of a Basalt server: the SQL API under /v1, /health and /metrics, on the JDK's
 * built-in HTTP server with a virtual thread per request. It only uses the engine's Session API,
 * like the MySQL protocol does.
 */
public final class HttpApiServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpApiServer.class.getName());

    /**
     * Connection ids of HTTP sessions start here, far above the MySQL side's (which counts from
     * 1), so CONNECTION_ID() and the process list never show the same id twice.
     */
    public static final long FIRST_CONNECTION_ID = 1L << 32;
    /**
     * Shared by every HTTP listener in the JVM: the engine keys sessions by id, so two listeners
     * over one engine (tests do that) must never hand out the same one.
     */
    private static final AtomicLong CONNECTION_IDS = new AtomicLong(FIRST_CONNECTION_ID);

    private final Engine engine;
    private final HttpConfig config;
    private HttpServer server;
    private ExecutorService requests;
    private ExecutorService statements;
    private ScheduledExecutorService reaper;
    private HttpSessions sessions;
    private StatelessSessions stateless;
    private HttpMetrics metrics;
    /** HTTPS with this context when set before {@link #start()}; plain HTTP when null. */
    private javax.net.ssl.SSLContext tls;

    public HttpApiServer(Engine engine, HttpConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /** @@require_secure_transport, read at each request of a plain HTTP listener. */
    private volatile java.util.function.BooleanSupplier secureTransportRequired = () -> false;

    /** Serves HTTPS with the server's certificate (call before {@link #start()}). */
    public synchronized void enableTls(javax.net.ssl.SSLContext context) {
        this.tls = context == null ? null : ReloadableSslContext.of(context);
    }

    /**
     * ALTER INSTANCE RELOAD TLS: new HTTPS connections get {@code next}'s certificate, open ones keep
     * theirs. A plain HTTP listener stays plain (HTTPS is chosen at start).
     */
    public void reloadTls(javax.net.ssl.SSLContext next) {
        if (tls instanceof ReloadableSslContext r && next != null) r.use(next);
    }

    /**
     * Where a plain HTTP listener reads @@require_secure_transport: while it is true every request
     * but the health probes is answered 403 with MySQL's 3159 (use --http-tls).
     */
    public void requireSecureTransport(java.util.function.BooleanSupplier required) {
        this.secureTransportRequired = required;
    }

    public synchronized void start() throws IOException {
        ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
        sessions = new HttpSessions(config.sessionIdle());
        stateless = new StatelessSessions();
        metrics = new HttpMetrics(engine, sessions, stateless);
        requests = Executors.newVirtualThreadPerTaskExecutor();
        statements = Executors.newVirtualThreadPerTaskExecutor();
        InetSocketAddress address = new InetSocketAddress(config.bind(), config.port());
        if (tls != null) {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            server = https;
        } else {
            server = HttpServer.create(address, 0);
        }
        server.setExecutor(requests);
        reaper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("basalt-http-timers").factory());
        ApiHandler api = new ApiHandler(engine, config, mapper, sessions, stateless,
                new Watchdog(statements, config.statementTimeout()), metrics, CONNECTION_IDS, reaper);
        server.createContext("/", tls != null ? api : new SecureTransportGate(api, () -> secureTransportRequired.getAsBoolean(),
                mapper, metrics));
        server.start();
        long period = Math.max(1, Math.min(60, config.sessionIdle().toSeconds() / 2));
        // a periodic task that throws is never run again: idle sessions would then pile up for good
        reaper.scheduleAtFixedRate(() -> {
            try {
                sessions.expireIdle();
                stateless.expireIdle();
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.WARNING, "expiring idle HTTP sessions: " + t, t);
            }
        }, period, period, TimeUnit.SECONDS);
    }

    /** True when serving HTTPS. */
    public boolean isTls() { return tls != null; }

    /** The port actually listened on (useful with port 0). */
    public int port() { return server.getAddress().getPort(); }

    /** Stops listening, closes held sessions (rolling back their transactions). */
    @Override
    public synchronized void close() {
        if (server == null) return;
        server.stop(0);
        reaper.shutdownNow();
        sessions.close();
        stateless.close();
        requests.shutdownNow();
        statements.shutdownNow();
        metrics.close();
        server = null;
    }
}
