package dev.basalt.remote.passthrough;

import dev.basalt.engine.api.SqlException;
import dev.basalt.mysql.protocol.Capabilities;
import dev.basalt.mysql.relay.CommandRelay;
import dev.basalt.mysql.relay.RelayClient;
import dev.basalt.mysql.relay.RelayFactory;

import dev.basalt.remote.cache.ResultCache;
import dev.basalt.remote.cache.SchemaFacts;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Passthrough mode: the whole server fronts one MySQL server. Clients log in to Basalt; each then
 * gets a backend connection of its own, logged in with the configured account and the client's
 * own capabilities and character set, and its commands are relayed there.
 */
public final class Passthrough implements RelayFactory, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Passthrough.class.getName());
    private static final int ER_BAD_DB_ERROR = 1049;
    /** utf8mb4_general_ci: understood by every MySQL and MariaDB, for the start-up probe. */
    private static final int PROBE_CHARSET = 45;

    private final BackendEndpoint endpoint;
    private final BackendPool pool;
    private final RemoteCache cache;
    /** Open relays by Basalt connection id, for KILL. */
    private final java.util.concurrent.ConcurrentHashMap<Long, PassthroughRelay> relays = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String serverVersion;
    private volatile int capabilities = ~0;
    private volatile int mariadbCapabilities;
    /**
     * MariaDB's extended capabilities passed through: MARIADB_CLIENT_EXTENDED_TYPE_INFO (column
     * definitions name JSON, UUID... types; the relay does not read column definitions). Not the
     * others: progress reports, bulk execution and metadata caching change response shapes.
     */
    private static final int RELAYED_MARIADB_CAPABILITIES = 1 << 3;

    /**
     * Connects once to learn the server's version and capabilities (clients are shown those).
     * An unreachable server is logged, not fatal: clients get 1429 until it is back.
     */
    public Passthrough(BackendEndpoint endpoint, String fallbackVersion) {
        this(endpoint, fallbackVersion, null, null);
    }

    /**
     * With a result cache: reads are served from {@code cache} when exact; {@code ttl} also bounds
     * how old Basalt's knowledge of the remote's views and triggers may be.
     */
    public Passthrough(BackendEndpoint endpoint, String fallbackVersion, ResultCache<byte[]> cache, Duration ttl) {
        this.endpoint = endpoint;
        this.pool = new BackendPool(endpoint.maxIdle());
        this.shared = endpoint.multiplex() > 0
                ? new SharedBackends(endpoint.multiplex(), endpoint.connectTimeoutMillis(), endpoint.address(), this::acquire, RELEASES)
                : null;
        this.serverVersion = fallbackVersion;
        this.cache = cache == null ? null : new RemoteCache(cache, new SchemaFacts(this::query, ttl.toNanos()));
        // multiplexing looks at every command on the connection's thread; with the cache, the loop
        // answers hits and hands everything else to the thread (see PassthroughRelay.cachedAnswer)
        this.loop = shared == null ? RelayLoop.configured() : null;
        try {
            Backend probe = Backend.open(endpoint, new Backend.Key(Capabilities.SERVER, PROBE_CHARSET, endpoint.database()), Map.of());
            learn(probe);
            netWriteTimeoutSeconds = globalNetWriteTimeout(probe);
            pool.give(probe);
        } catch (IOException | SqlException e) {
            LOG.log(System.Logger.Level.WARNING, "passthrough: cannot reach {0} yet ({1}); clients get error 1429 until it answers",
                    endpoint.address(), e.getMessage());
        }
    }

    /**
     * The remote's global net_write_timeout, which new sessions start with (SET GLOBAL through
     * Basalt updates it): the event loop enforces it on clients that stop reading (see {@link NetWriteTimeout}).
     */
    volatile long netWriteTimeoutSeconds = NetWriteTimeout.DEFAULT_SECONDS;

    private static long globalNetWriteTimeout(Backend b) throws IOException {
        List<String[]> rows = BackendQuery.rows(b, "SELECT @@global.net_write_timeout");
        try {
            return rows.isEmpty() || rows.get(0)[0] == null ? NetWriteTimeout.DEFAULT_SECONDS
                    : Math.max(1, Long.parseLong(rows.get(0)[0]));
        } catch (NumberFormatException e) {
            return NetWriteTimeout.DEFAULT_SECONDS;
        }
    }

    private void learn(Backend b) {
        serverVersion = b.greeting.serverVersion();
        capabilities = b.greeting.capabilities();
        mariadbCapabilities = b.greeting.mariadbCapabilities() & RELAYED_MARIADB_CAPABILITIES;
    }

    public BackendEndpoint endpoint() { return endpoint; }

    /**
     * Invalidates the result cache from the remote's binlog too (writes made directly on the
     * remote), bypassing it while the stream is down or lags; returns the stream's SHOW STATUS
     * counters ({@code Basalt_remote_cache_binlog_*}).
     */
    public java.util.function.Supplier<Map<String, String>> followBinlog(dev.basalt.remote.binlog.ReplicaSettings replica) {
        if (cache == null) throw new IllegalStateException("binlog invalidation needs the result cache");
        dev.basalt.remote.binlog.BinlogWatcher w = new dev.basalt.remote.binlog.BinlogWatcher(replica, cache.binlogTarget());
        cache.binlog = w;
        w.start();
        return () -> w.status("Basalt_remote_cache_binlog_");
    }

    /** {@code Basalt_remote_cache_loop_hits}: the hits the event loop answered (empty without the cache). */
    public Map<String, String> loopStatus() {
        return cache == null ? Map.of() : Map.of("Basalt_remote_cache_loop_hits", String.valueOf(cache.loopHits.sum()));
    }

    @Override
    public String serverVersion() { return serverVersion; }

    @Override
    public int capabilities() { return capabilities; }

    @Override
    public int mariadbCapabilities() { return mariadbCapabilities; }

    @Override
    public CommandRelay open(RelayClient client) {
        Backend b = first(new Backend.Key(client.capabilities(), client.mariadbCapabilities(), client.charset(),
                databaseFor(client.database())), client.attributes());
        PassthroughRelay relay = new PassthroughRelay(this, cache, b, client.connectionId());
        // multiplexing: the login proved the account and database; the client holds no backend
        // until its first command (clients that connect many sessions at once must not wait for slots)
        if (shared != null) relay.giveBackIdle();
        relays.put(client.connectionId(), relay);
        return relay;
    }

    void closed(PassthroughRelay relay) { relays.remove(relay.connectionId(), relay); }

    /** KILL [QUERY] of a Basalt connection: sent to the remote for that connection's backend thread. */
    void kill(KillStatements.Target target) {
        PassthroughRelay relay = relays.get(target.connectionId());
        long thread = relay == null ? -1 : relay.backendThreadId();
        if (relay != null && thread < 0 && target.queryOnly()) return; // multiplexed and idle: nothing runs
        if (relay == null) throw KillStatements.unknownThread(target.connectionId());
        try {
            if (thread >= 0) query((target.queryOnly() ? "KILL QUERY " : "KILL CONNECTION ") + thread);
        } catch (SqlException e) {
            // the backend's thread ended meanwhile (1094): for KILL CONNECTION the client's still goes
            if (target.queryOnly() || e.errorCode() != KillStatements.ER_NO_SUCH_THREAD) throw e;
        } finally {
            // the client's socket closes at once, as MySQL's does, also when the remote has its thread gone already
            if (!target.queryOnly()) relay.hangUp();
        }
    }

    /** KILL QUERY of a backend thread (a time limit expired), over a connection of its own. */
    void killQuery(long backendThread) {
        query("KILL QUERY " + backendThread);
    }

    /** Runs one of Basalt's own queries on the remote (schema facts for the cache). */
    private List<String[]> query(String sql) {
        Backend b = acquire(new Backend.Key(BackendQuery.CAPABILITIES, PROBE_CHARSET, null), Map.of());
        try {
            List<String[]> rows = BackendQuery.rows(b, sql);
            release(b);
            return rows;
        } catch (IOException e) {
            b.close();
            throw RemoteErrors.queryFailed(e.getMessage());
        } catch (RuntimeException e) {
            release(b);
            throw e;
        }
    }

    /** Forwards plain commands without a thread wake-up per statement; null when off (see {@link RelayLoop}). */
    private final RelayLoop loop;

    RelayLoop loop() { return loop; }

    /** Multiplexing (mysql-multiplex): the shared backends; null for one backend per client. */
    private final SharedBackends shared;

    SharedBackends shared() { return shared; }

    /** A backend for a new client: shared when multiplexing, else its own. */
    private Backend first(Backend.Key key, Map<String, String> attributes) {
        return shared != null ? shared.borrow(new SharedBackends.Shape(key, List.of()), attributes) : acquire(key, attributes);
    }

    /** The client's database, or the configured default when it named none. */
    String databaseFor(String requested) {
        return requested != null ? requested : endpoint.database();
    }

    /** A pooled or new backend connection; 1429 when none can be opened. */
    Backend acquire(Backend.Key key, Map<String, String> attributes) {
        Backend b = pool.take(key);
        if (b != null) return b;
        try {
            b = Backend.open(endpoint, key, attributes);
            learn(b);
            return b;
        } catch (SqlException e) {
            if (e.errorCode() == ER_BAD_DB_ERROR) throw e; // the client's own mistake, as MySQL says it
            throw RemoteErrors.cannotConnect(endpoint.address() + " refused the login: " + e.getMessage());
        } catch (IOException e) {
            throw RemoteErrors.cannotConnect(endpoint.address() + ": " + e.getMessage());
        }
    }

    /**
     * Resets released backends. Platform threads on purpose: a socket once read on a virtual thread
     * is switched to non-blocking mode for good, and every later read that has to wait (each
     * response, for the next client) would cost a failed read and a poll() more.
     */
    private static final java.util.concurrent.ExecutorService RELEASES = java.util.concurrent.Executors.newCachedThreadPool(
            Thread.ofPlatform().name("passthrough-release-", 0).daemon(true).factory());

    /** A client is done with its backend: reset and pool it in the background. */
    void release(Backend b) {
        RELEASES.execute(() -> pool.give(b));
    }

    int idleBackends() { return pool.idleCount(); }

    @Override
    public void close() {
        if (cache != null && cache.binlog != null) cache.binlog.close();
        pool.close();
        if (shared != null) shared.close();
        if (loop != null) loop.close();
    }
}
