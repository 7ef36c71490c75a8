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
 */
public final class PgServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PgServer.class.getName());
    /** PostgreSQL backend ids and engine connection ids: far above the MySQL listener's, so they do not collide. */
    private static final int FIRST_ID = 1 << 30;

    private final Engine engine;
    private final PgServerConfig config;
    private final AtomicInteger nextId = new AtomicInteger(FIRST_ID);
    private final Map<Integer, PgConnection> connections = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;
    private volatile ServerSocket serverSocket;
    private Thread acceptThread;
    /** The server's TLS context; null: SSLRequest is answered 'N'. */
    private volatile javax.net.ssl.SSLContext tls;
    private volatile javax.net.ssl.SSLParameters tlsParameters;

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
        LOG.log(System.Logger.Level.INFO, "PostgreSQL protocol listening on {0}:{1,number,#}", address, port());
    }

    public int port() {
        ServerSocket s = serverSocket;
        if (s == null) throw new IllegalStateException("not started");
        return s.getLocalPort();
    }

    private void acceptLoop() {
        while (!shuttingDown) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (serverSocket.isClosed()) return;
                LOG.log(System.Logger.Level.WARNING, "accept failed: {0}", e.toString());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
            } catch (IOException ignored) {
                // best effort
            }
            int id = nextId.getAndIncrement();
            PgConnection c = new PgConnection(this, id, socket, connections.size() >= config.maxConnections());
            connections.put(id, c);
            ThreadHandling.configured().threadBuilder().name("pg-conn-" + id).start(c);
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
    public synchronized void enableTls(javax.net.ssl.SSLContext context, javax.net.ssl.SSLParameters parameters) {
        this.tlsParameters = parameters;
        this.tls = context;
    }

    javax.net.ssl.SSLContext tls() { return tls; }

    javax.net.ssl.SSLParameters tlsParameters() { return tlsParameters; }

    PgServerConfig config() { return config; }

    void unregister(PgConnection c) { connections.remove(c.id()); }

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
