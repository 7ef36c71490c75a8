package dev.basalt.server;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Engine;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.mysql.MySqlServer;
import dev.basalt.mysql.MySqlServerConfig;
import dev.basalt.remote.cache.ResultCache;
import dev.basalt.remote.passthrough.BackendEndpoint;
import dev.basalt.remote.passthrough.Passthrough;
import dev.basalt.storage.lmdb.Durability;
import dev.basalt.storage.lmdb.LmdbKvStore;
import dev.basalt.storage.lmdb.LmdbOptions;
import dev.basalt.storage.memory.MemoryKvStore;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running Basalt: a key-value store, the SQL engine over it and the MySQL protocol server in
 * front. The only composition root: the command line and embedded tests both start it here.
 *
 * <pre>{@code
 * try (BasaltServer server = BasaltServer.start(ServerSettings.defaults().withPort(0).withStorage("memory"))) {
 *     connect to 127.0.0.1:server.port() ...
 * }
 * }</pre>
 */
public final class BasaltServer implements AutoCloseable {

    /** How long close() lets open connections finish their current statement. */
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(5);
    /** Backend connections passthrough keeps open for reuse after their clients leave. */
    private static final int PASSTHROUGH_IDLE_BACKENDS = 32;

    private static final Logger LOG = Logger.getLogger(BasaltServer.class.getName());

    private final ServerSettings settings;
    private final Engine engine;
    private final MySqlServer mysql;
    private final Passthrough passthrough;
    /** The HTTP SQL API, when --http-port is set (basalt-http). */
    private dev.basalt.http.HttpApiServer http;
    private boolean closed;
    /** The PostgreSQL listener when pg-port is set (see {@link #startPostgres}), else null. */
    private dev.basalt.pgwire.PgServer postgres;
    /** The certificate all listeners present; null when TLS is off. */
    private dev.basalt.server.tls.ServerTls tls;
    /** Pre-login limits every listener applies ({@link #applyPreLogin}). */
    private PreLoginSettings preLogin = PreLoginSettings.DEFAULTS;

    private BasaltServer(ServerSettings settings, Engine engine, MySqlServer mysql, Passthrough passthrough) {
        this.settings = settings;
        this.engine = engine;
        this.mysql = mysql;
        this.passthrough = passthrough;
        // read at every accept: SET GLOBAL connect_timeout applies to the next connection, as in MySQL
        mysql.connectTimeoutSource(this::connectTimeoutSeconds);
    }

    /**
     * Opens the storage, the engine and starts listening; returns once clients can connect.
     *
     * @throws SettingsException when the settings are unsafe (empty root password off loopback)
     * @throws dev.basalt.engine.storage.kv.StorageException when the store cannot be opened
     *         (kind LOCKED: another server uses the data directory; FORMAT: --migrate needed)
     * @throws IOException when the address cannot be listened on
     */
    public static BasaltServer start(ServerSettings settings) throws IOException {
        return start(settings, HttpSettings.OFF);
    }

    /** As {@link #start(ServerSettings)}, plus the HTTP SQL API on the same bind address when enabled. */
    public static BasaltServer start(ServerSettings settings, HttpSettings httpSettings) throws IOException {
        return start(settings, httpSettings, dev.basalt.server.tls.TlsSettings.OFF, NeonSettings.DEFAULTS);
    }

    /** As {@link #start(ServerSettings, HttpSettings)}, with the settings of neon storage. */
    public static BasaltServer start(ServerSettings settings, HttpSettings httpSettings, NeonSettings neon) throws IOException {
        return start(settings, httpSettings, dev.basalt.server.tls.TlsSettings.OFF, neon);
    }

    /**
     * As {@link #start(ServerSettings, HttpSettings)}, with TLS as {@code tlsSettings} say (the
     * command line's default is on, with a generated certificate; embedded servers ask for it).
     */
    public static BasaltServer start(ServerSettings settings, HttpSettings httpSettings,
                                     dev.basalt.server.tls.TlsSettings tlsSettings) throws IOException {
        return start(settings, httpSettings, tlsSettings, NeonSettings.DEFAULTS);
    }

    /** The whole start: TLS as {@code tlsSettings} say and, for neon storage, {@code neon}. */
    public static BasaltServer start(ServerSettings settings, HttpSettings httpSettings,
                                     dev.basalt.server.tls.TlsSettings tlsSettings, NeonSettings neon) throws IOException {
        BindPolicy.check(settings);
        // before the store opens: a bad certificate file should not cost a store open and close; a
        // generated certificate is made while the store opens (PendingTls)
        dev.basalt.server.tls.PendingTls pendingTls = dev.basalt.server.tls.PendingTls.start(tlsSettings,
                settings.storage().equals("lmdb") ? DataDirectory.prepare(settings.dataDir()) : null,
                BasaltVersion.current().serverVersion());
        KvStore store = settings.storage().startsWith("neon") ? NeonStorage.open(settings, neon) : openStore(settings);
        dev.basalt.server.tls.ServerTls tls;
        try {
            tls = pendingTls.get();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        BasaltEngine engine;
        dev.basalt.remote.vdb.VirtualDatabaseProvider vdbs;
        try {
            BasaltEngine basalt = new BasaltEngine(store, new EngineConfig(
                    BasaltVersion.current().serverVersion(), settings.rootPassword(), settings.maxAllowedPacket()));
            // virtual databases (CREATE DATABASE alias__remote__...); the engine closes the provider
            vdbs = new dev.basalt.remote.vdb.VirtualDatabaseProvider();
            // the name of a SQL-created one has no room for TLS: they take the mysql-ssl-* settings
            vdbs.sqlCreatedTls(settings.mysql().tls());
            // XA two-phase commits across virtual databases survive a crash when there is a data directory
            if (settings.storage().equals("lmdb")) vdbs.coordinatorLog(DataDirectory.prepare(settings.dataDir()));
            basalt.registerExternalProvider(vdbs);
            FileAccessSettings files = settings.files();
            if (files.secureFilePriv() != null) {
                basalt.variables().configure("secure_file_priv", files.secureFilePriv().toString());
            }
            basalt.variables().configure("local_infile", files.localInfile() ? 1L : 0L);
            if (store instanceof dev.basalt.storage.neon.NeonKvStore compute) basalt.addStatusSource(compute::status);
            if (store instanceof LmdbKvStore lmdb) basalt.addStatusSource(lmdb::status); // Basalt_storage_*
            engine = basalt;
        } catch (RuntimeException | IOException e) {
            store.close();
            throw e;
        }
        try {
            defineRemoteDatabases(settings, engine, vdbs);
            // two-phase commits a crash left unfinished are finished in the background
            vdbs.recover(engine.catalog().snapshot().databases().stream()
                    .filter(dev.basalt.engine.catalog.DatabaseDef::isExternal).map(d -> d.external()).toList());
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        // The engine owns the store from here on: engine.close() closes (and syncs) it.
        MySqlServerConfig listener = new MySqlServerConfig(settings.bind(), settings.port(),
                settings.maxAllowedPacket(), settings.authPlugin(), settings.maxConnections());
        Passthrough passthrough = settings.storage().equals("mysql") ? openPassthrough(settings, engine) : null;
        MySqlServer mysql = new MySqlServer(engine, listener, passthrough);
        engine.addStatusSource(mysql::status); // Aborted_connects, Connection_errors_*
        describeTls((BasaltEngine) engine, mysql, tls, tlsSettings.generated());
        try {
            mysql.start();
        } catch (IOException | RuntimeException e) {
            if (passthrough != null) passthrough.close();
            closeQuietly(mysql, engine);
            if (e instanceof IOException io) throw listenFailure(settings, io);
            throw e;
        }
        describeServer(engine, settings, mysql.port());
        BasaltServer server = new BasaltServer(settings, engine, mysql, passthrough);
        server.tls = tls;
        if (tls != null) server.enableTlsReload((BasaltEngine) engine, settings);
        if (httpSettings.enabled()) server.startHttp(httpSettings, tlsSettings.https());
        return server;
    }

    private void startHttp(HttpSettings h, boolean https) throws IOException {
        dev.basalt.http.HttpApiServer api = new dev.basalt.http.HttpApiServer(engine, new dev.basalt.http.HttpConfig(
                settings.bind(), h.port(), settings.maxAllowedPacket(), Duration.ofSeconds(h.statementTimeoutSeconds()),
                dev.basalt.http.HttpConfig.DEFAULT_SESSION_IDLE));
        if (https) {
            api.enableTls(tls.httpsContext());
            LOG.info("TLS on the HTTPS port: " + tls.httpsLibrary());
        }
        api.requireSecureTransport(this::secureTransportRequired);
        try {
            api.start();
        } catch (IOException | RuntimeException e) {
            close(Duration.ZERO);
            IOException io = new IOException("cannot listen for HTTP on " + hostPort(settings.bind(), h.port()) + ": " + e.getMessage());
            io.initCause(e);
            throw io;
        }
        http = api;
    }

    /** The HTTP API's port, or -1 when it is off. */
    public int httpPort() { return http == null ? -1 : http.port(); }

    /** Hands the listener the TLS context and shows it in the variables (have_ssl, ssl_cert, ...). */
    private static void describeTls(BasaltEngine engine, MySqlServer mysql, dev.basalt.server.tls.ServerTls tls,
                                    boolean generated) {
        var variables = engine.variables();
        mysql.requireSecureTransport(() -> Long.valueOf(1L).equals(variables.global("require_secure_transport")));
        if (tls == null) return;
        mysql.enableTls(tls.handshake());
        LOG.info("TLS on the MySQL port: " + tls.library());
        variables.configure("have_ssl", "YES");
        variables.configure("have_openssl", "YES");
        dev.basalt.server.tls.TlsOptions options = tls.options();
        variables.configure("tls_version", options.tlsVersion());
        variables.configure("ssl_cipher", options.sslCipher());
        variables.configure("tls_ciphersuites", options.tlsCiphersuites());
        variables.configure("ssl_crl", options.crl() == null ? "" : options.crl().toString());
        variables.configure("ssl_crlpath", options.crlPath() == null ? "" : options.crlPath().toString());
        variables.configure("ssl_cert", shown(tls.cert(), generated));
        variables.configure("ssl_key", shown(tls.key(), generated));
        variables.configure("ssl_ca", shown(tls.ca(), generated));
    }

    /** A file as @@ssl_* show it: generated files by name (MySQL: relative to the data directory), others in full. */
    private static String shown(Path file, boolean generated) {
        if (file == null) return "";
        return generated ? file.getFileName().toString() : file.toString();
    }

    /**
     * ALTER INSTANCE RELOAD TLS: the engine asks, a new context from the current ssl_* variables
     * goes to the MySQL, PostgreSQL and HTTPS listeners.
     */
    private void enableTlsReload(BasaltEngine basalt, ServerSettings s) {
        Path dataDir = s.storage().equals("lmdb") ? s.dataDir() : null;
        dev.basalt.server.tls.TlsReload reload = new dev.basalt.server.tls.TlsReload(basalt.variables(), dataDir,
                BasaltVersion.current().serverVersion(), tls, this::useTls);
        basalt.tlsReloader(reload);
        basalt.addStatusSource(reload::status); // Current_tls_*, Ssl_server_not_*
    }

    /** New connections use {@code next} (null: no TLS offered); existing ones keep their sessions. */
    private synchronized void useTls(dev.basalt.server.tls.ServerTls next) {
        tls = next;
        mysql.enableTls(next == null ? null : next.handshake());
        if (postgres != null) postgres.enableTls(next == null ? null : next.handshake()); // same library as the MySQL port
        // HTTPS takes the new certificate too; with TLS switched off (NO ROLLBACK ON ERROR) it keeps its last one
        if (http != null && next != null) http.reloadTls(next.httpsContext());
        var variables = ((BasaltEngine) engine).variables();
        variables.configure("have_ssl", next == null ? "DISABLED" : "YES");
        variables.configure("have_openssl", next == null ? "DISABLED" : "YES");
    }

    /** The certificate the listeners present, or null when TLS is off. */
    public dev.basalt.server.tls.ServerTls tls() { return tls; }

    /** The true @@port, @@hostname and @@datadir (tools display them), known once listening. */
    private static void describeServer(BasaltEngine engine, ServerSettings settings, int port) {
        engine.variables().configure("port", (long) port);
        engine.variables().configure("thread_handling", dev.basalt.engine.api.ThreadHandling.configured().variableValue());
        // the cache is process-wide and sized at start (thread-cache-size): the variable shows that size
        engine.variables().configure("thread_cache_size", (long) dev.basalt.engine.api.ThreadHandling.threadCacheSize());
        try {
            engine.variables().configure("hostname", java.net.InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            // keep "localhost"
        }
        if (settings.storage().equals("lmdb")) {
            String dir = settings.dataDir().toAbsolutePath().normalize().toString();
            engine.variables().configure("datadir", dir.endsWith("/") ? dir : dir + "/");
        }
    }

    /**
     * basalt.yaml's remote-databases: held by the provider in memory, referenced (without the
     * password) from the catalog. A database of the same name made with SQL is the user's: start-up
     * fails rather than hiding or replacing it.
     */
    private static void defineRemoteDatabases(ServerSettings s, BasaltEngine engine,
                                              dev.basalt.remote.vdb.VirtualDatabaseProvider vdbs) {
        RemoteCacheSettings c = s.remoteCache();
        if (c.binlog() != null && !s.storage().equals("mysql")) {
            throw new SettingsException("remote-cache-invalidation: binlog is for passthrough (--storage mysql); virtual"
                    + " databases take cache-invalidation: binlog on their remote-databases entry");
        }
        boolean anyCached = s.remoteDatabases().stream().anyMatch(RemoteDatabaseEntry::cache);
        if (anyCached && !c.enabled()) {
            String name = s.remoteDatabases().stream().filter(RemoteDatabaseEntry::cache).findFirst().orElseThrow().name();
            throw new SettingsException("remote-databases: entry '" + name + "': cache: true needs a result cache size"
                    + " (--remote-cache-size, or remote-cache: size: in basalt.yaml)");
        }
        // one cache for the virtual databases that opt in (passthrough has its own: the two modes exclude each other)
        if (anyCached) engine.addStatusSource(vdbs.enableCache(c.sizeBytes(), Duration.ofSeconds(c.ttlSeconds())));
        if (s.remoteDatabases().stream().anyMatch(e -> e.binlog() != null)) engine.addStatusSource(vdbs.binlogStatus());
        for (RemoteDatabaseEntry e : s.remoteDatabases()) {
            String spec = vdbs.configure(e.name(), e.host(), e.port(), e.database(), e.user(), e.password(),
                    e.readOnly(), e.poolSize(), e.connectTimeoutSeconds(), e.cache(), replica(e.host(), e.port(),
                            e.user(), e.password(), e.binlog(), e.tls()), e.tls(), e.readTimeoutSeconds());
            try {
                engine.defineExternalDatabase(e.name(), spec);
            } catch (dev.basalt.engine.api.SqlException ex) {
                throw new SettingsException("remote-databases: '" + e.name() + "' is already a database (made with"
                        + " SQL); drop it or rename the entry (" + ex.getMessage() + ")");
            }
        }
    }

    /** How Basalt follows a remote's binlog: its own replication account, or the one reads use. Null for none. */
    private static dev.basalt.remote.binlog.ReplicaSettings replica(String host, int port, String user, String password,
                                                                   RemoteCacheSettings.BinlogInvalidation b,
                                                                   dev.basalt.remote.tls.RemoteTls tls) {
        if (b == null) return null;
        boolean own = !b.user().isEmpty();
        return dev.basalt.remote.binlog.ReplicaSettings.of(host, port, own ? b.user() : user, own ? b.password() : password,
                b.serverId(), tls);
    }

    /** Passthrough: the engine only holds the accounts clients log in with; commands go to the fronted server. */
    private static Passthrough openPassthrough(ServerSettings s, BasaltEngine engine) {
        MysqlTarget t = s.mysql();
        BackendEndpoint endpoint = new BackendEndpoint(t.host(), t.port(), t.user(), t.password(), t.database(),
                t.connectTimeoutSeconds() * 1000, PASSTHROUGH_IDLE_BACKENDS, t.tls(), t.multiplex(),
                t.socket().isEmpty() ? null : java.nio.file.Path.of(t.socket()));
        RemoteCacheSettings c = s.remoteCache();
        if (!c.enabled()) return new Passthrough(endpoint, engine.serverVersion());
        Duration ttl = Duration.ofSeconds(c.ttlSeconds());
        ResultCache<byte[]> cache = ResultCache.ofBytes(c.sizeBytes(), ttl);
        engine.addStatusSource(cache::status);
        Passthrough p = new Passthrough(endpoint, engine.serverVersion(), cache, ttl);
        engine.addStatusSource(p::loopStatus);
        // writes made directly on the remote: followed from its binlog (docs/remote.md)
        var replica = replica(t.host(), t.port(), t.user(), t.password(), c.binlog(), t.tls());
        if (replica != null) engine.addStatusSource(p.followBinlog(replica));
        return p;
    }

    /** Names the address in the message: the JDK's "Address already in use" alone does not say which. */
    private static IOException listenFailure(ServerSettings s, IOException e) {
        String message = "cannot listen on " + hostPort(s.bind(), s.port()) + ": " + e.getMessage();
        IOException wrapped = e instanceof BindException ? new BindException(message) : new IOException(message);
        wrapped.initCause(e);
        return wrapped;
    }

    private static KvStore openStore(ServerSettings s) throws IOException {
        return switch (s.storage()) {
            case "memory", "mysql" -> new MemoryKvStore();
            case "lmdb" -> {
                Path dir = DataDirectory.prepare(s.dataDir());
                LmdbOptions defaults = LmdbOptions.defaults();
                Durability durability = switch (s.durability()) {
                    case "relaxed" -> Durability.RELAXED;
                    case "wal" -> Durability.WAL;
                    default -> Durability.FULL;
                };
                yield LmdbKvStore.open(dir, new LmdbOptions(
                        durability, s.migrate(), defaults.initialMapSize(), defaults.relaxedSyncInterval()));
            }
            default -> throw new SettingsException("unknown storage " + s.storage());
        };
    }

    /**
     * Starts the PostgreSQL protocol listener beside the MySQL one: same bind address, engine and
     * accounts (root's configured password for SCRAM-SHA-256). Returns the port listened on.
     */
    public synchronized int startPostgres(int port) throws IOException {
        if (postgres != null) throw new IllegalStateException("PostgreSQL listener already started");
        if (passthrough != null) throw new SettingsException("pg-port: not available with --storage mysql (passthrough)");
        dev.basalt.pgwire.PgServer pg = new dev.basalt.pgwire.PgServer(engine, dev.basalt.pgwire.PgServerConfig.of(
                settings.bind(), port, settings.maxAllowedPacket(), settings.maxConnections(), settings.rootPassword()));
        if (tls != null) { // the MySQL port's handshake: same tls-library, same BoringSSL context
            pg.enableTls(tls.handshake());
            LOG.info("TLS on the PostgreSQL port: " + tls.library());
        }
        // unknown users' mock salts must not change at restart (that would tell them from real ones)
        if (settings.storage().equals("lmdb")) pg.mockAuthSecret(dev.basalt.pgwire.MockAuthSecret.loadOrCreate(settings.dataDir()));
        pg.requireSecureTransport(this::secureTransportRequired);
        pg.preLoginLimits(this::connectTimeoutSeconds, preLogin.maxUnauthenticated());
        try {
            pg.start();
        } catch (IOException e) {
            IOException wrapped = new IOException("cannot listen on " + hostPort(settings.bind(), port) + " (pg-port): "
                    + e.getMessage());
            wrapped.initCause(e);
            throw wrapped;
        }
        postgres = pg;
        return pg.port();
    }

    /**
     * Sets connect-timeout (as @@global.connect_timeout) and max-unauthenticated-connections for the
     * MySQL listener and the PostgreSQL one, started already or later.
     */
    public synchronized void applyPreLogin(PreLoginSettings limits) {
        preLogin = limits;
        if (engine instanceof BasaltEngine b) b.variables().configure("connect_timeout", limits.connectTimeoutSeconds());
        mysql.preLoginLimits(limits.connectTimeoutSeconds(), limits.maxUnauthenticated());
        if (postgres != null) postgres.preLoginLimits(this::connectTimeoutSeconds, limits.maxUnauthenticated());
    }

    /** @@global.connect_timeout, which SET GLOBAL may have changed since start. */
    private long connectTimeoutSeconds() {
        return engine instanceof BasaltEngine b && b.variables().global("connect_timeout") instanceof Long n
                ? n : preLogin.connectTimeoutSeconds();
    }

    /** @@require_secure_transport: every listener refuses plaintext clients while it is ON. */
    private boolean secureTransportRequired() {
        return engine instanceof BasaltEngine b && Long.valueOf(1L).equals(b.variables().global("require_secure_transport"));
    }

    /** The PostgreSQL listener's port; -1 when it is off. */
    public int pgPort() { return postgres == null ? -1 : postgres.port(); }

    /** The port actually listened on (useful with port 0). */
    public int port() { return mysql.port(); }

    public ServerSettings settings() { return settings; }

    public Engine engine() { return engine; }

    /** e.g. {@code lmdb at /home/me/data} or {@code memory}. */
    public String storageDescription() {
        return switch (settings.storage()) {
            case "lmdb" -> "lmdb at " + settings.dataDir().toAbsolutePath().normalize();
            case "mysql" -> "mysql passthrough to " + passthrough.endpoint().address() + ", server "
                    + passthrough.serverVersion() + (settings.remoteCache().enabled() ? ", result cache " + settings.remoteCache() : "");
            default -> settings.storage();
        };
    }

    /** e.g. {@code 127.0.0.1:3306} or {@code [::1]:3306}. */
    public String address() { return hostPort(settings.bind(), port()); }

    /** The one line printed when clients can connect. */
    public String readyLine() {
        BasaltVersion v = BasaltVersion.current();
        return "Basalt " + v.basalt() + " ready for connections on " + address()
                + " (storage: " + storageDescription() + (passthrough != null ? "" : ", MySQL protocol " + v.mysql())
                + (http == null ? "" : (http.isTls() ? ", HTTPS on " : ", HTTP on ") + hostPort(settings.bind(), http.port()))
                + (tls == null ? "" : ", TLS") + ")";
    }

    /** Stops accepting, lets open connections drain for up to {@link #DEFAULT_DRAIN}, then closes everything. */
    @Override
    public void close() { close(DEFAULT_DRAIN); }

    /** Idempotent: later calls return at once. */
    public synchronized void close(Duration drain) {
        if (closed) return;
        closed = true;
        if (http != null) http.close();
        if (postgres != null) postgres.shutdown(drain);
        try {
            mysql.shutdown(drain);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "error while draining connections", e);
        }
        if (passthrough != null) passthrough.close();
        closeQuietly(mysql, engine);
    }

    private static void closeQuietly(MySqlServer mysql, Engine engine) {
        try {
            mysql.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "error while closing the MySQL listener", e);
        }
        try {
            engine.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "error while closing the engine and storage", e);
        }
    }

    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
