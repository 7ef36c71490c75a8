package dev.basalt.remote.vdb;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.external.ExternalDatabase;
import dev.basalt.engine.external.ExternalProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's provider of virtual databases. One {@link RemoteDatabase} (and so one pool) per
 * stored spec, opened on first use and kept until {@link #close()}: DROP DATABASE removes only the
 * mapping, and an idle pool holds no connections (minimumIdle 0).
 *
 * <p>Databases defined by the server's configuration ({@link #configure}) are held here, in
 * memory: the catalog stores only a reference ({@code config1\nNAME}), so their passwords never
 * reach the data directory. A reference whose entry left the configuration fails on use until it
 * is dropped.
 */
public final class VirtualDatabaseProvider implements ExternalProvider, AutoCloseable {
    private static final String CONFIGURED = "config1\n";

    private final Map<String, RemoteDatabase> open = new ConcurrentHashMap<>();
    private final Map<String, RemoteDatabase> configured = new ConcurrentHashMap<>();
    /** The result cache configured databases may opt into (null: none), and its TTL. */
    private volatile dev.basalt.remote.cache.ResultCache<CachedReads.Rows> cache;
    private volatile java.time.Duration cacheTtl;
    /** Binlog streams of the remote servers whose entries say {@code cache-invalidation: binlog}. */
    private final ServerBinlogs binlogs = new ServerBinlogs();

    /** Two-phase commits across its databases; in memory until {@link #coordinatorLog} names a data directory. */
    private volatile XaCoordinatorLog xaLog = XaCoordinatorLog.inMemory();
    private volatile XaResolver xaResolver = new XaResolver(xaLog, this::poolOf);

    /**
     * Keeps the XA coordinator log in {@code dataDir} (before the first database is configured or
     * opened), so a crash between XA PREPARE and XA COMMIT is resolved by {@link #recover}.
     */
    public void coordinatorLog(java.nio.file.Path dataDir) throws java.io.IOException {
        XaCoordinatorLog log = XaCoordinatorLog.open(dataDir);
        log.localDecisions(xaLog.localDecisions());
        xaResolver.close();
        xaLog.close();
        xaLog = log;
        xaResolver = new XaResolver(log, this::poolOf);
    }

    /**
     * Finishes, in the background, the two-phase commits the coordinator log lists as unfinished
     * (committed ones are committed, the others rolled back), on the databases of {@code specs}
     * (every virtual database of the catalog) and the configured ones. Retries while a server is
     * unreachable.
     */
    public void recover(java.util.Collection<String> specs) {
        forgetStaleDecisions();
        if (xaLog.unfinished().isEmpty()) return;
        for (String spec : specs) {
            try {
                open(spec);
            } catch (RuntimeException e) {
                // a reference to a configured database no longer defined: it has no pool
            }
        }
        xaResolver.start();
    }

    /**
     * Deletes the local store's decisions of local+remote transactions no unfinished log entry names
     * (those finished before a shutdown or crash, whose deletion had not run yet).
     */
    private void forgetStaleDecisions() {
        var decisions = xaLog.localDecisions();
        if (decisions == null) return;
        try {
            var keep = xaLog.localIds();
            var stale = decisions.all().stream().filter(id -> !keep.contains(id)).toList();
            decisions.forget(stale);
        } catch (RuntimeException e) {
            // a read-only store (a replica): they stay, a few bytes each, until a writable start
        }
    }

    @Override public void localDecisions(dev.basalt.engine.external.LocalDecisions decisions) {
        xaLog.localDecisions(decisions);
    }

    /** The pool of a database whose {@code VdbSpec.serverKey} is {@code key}, or null. */
    private RemotePool poolOf(String key) {
        for (var dbs : java.util.List.of(configured.values(), open.values())) {
            for (RemoteDatabase db : dbs) if (db.spec().serverKey().equals(key)) return db.pool();
        }
        return null;
    }

    /** TLS of the databases created in SQL: the server's mysql-ssl-* settings (their name may give the mode). */
    private volatile dev.basalt.remote.tls.RemoteTls sqlCreatedTls = dev.basalt.remote.tls.RemoteTls.DISABLED;

    /** Sets the TLS of virtual databases created in SQL (before the first is opened). */
    public void sqlCreatedTls(dev.basalt.remote.tls.RemoteTls tls) {
        sqlCreatedTls = java.util.Objects.requireNonNull(tls, "tls");
    }

    /** SHOW STATUS counters of the binlog streams ({@code Basalt_remote_cache_binlog_*}; empty when none is followed). */
    public java.util.function.Supplier<Map<String, String>> binlogStatus() { return binlogs::status; }

    /**
     * Creates the result cache that configured databases with {@code cache} use (before
     * {@link #configure}); returns its SHOW STATUS counters ({@code Basalt_remote_cache_*}).
     */
    public java.util.function.Supplier<Map<String, String>> enableCache(long maxBytes, java.time.Duration ttl) {
        cache = CachedReads.newCache(maxBytes, ttl);
        cacheTtl = ttl;
        return cache::status;
    }

    /**
     * Defines the virtual database {@code name} from configuration; returns the spec the catalog
     * stores for it (see {@code BasaltEngine.defineExternalDatabase}), which holds no secret.
     */
    public String configure(String name, String host, int port, String database, String user, String password,
                            boolean readOnly, int poolSize, int connectTimeoutSeconds) {
        return configure(name, host, port, database, user, password, readOnly, poolSize, connectTimeoutSeconds, false);
    }

    /** As above; {@code cached}: reads are answered from the result cache ({@link #enableCache} first). */
    public String configure(String name, String host, int port, String database, String user, String password,
                            boolean readOnly, int poolSize, int connectTimeoutSeconds, boolean cached) {
        return configure(name, host, port, database, user, password, readOnly, poolSize, connectTimeoutSeconds, cached, null);
    }

    /**
     * As above; {@code binlog} (null: none): follow the remote server's binlog, so writes made
     * directly on it invalidate the cache too (one stream per server, see {@link ServerBinlogs}).
     */
    public String configure(String name, String host, int port, String database, String user, String password,
                            boolean readOnly, int poolSize, int connectTimeoutSeconds, boolean cached,
                            dev.basalt.remote.binlog.ReplicaSettings binlog) {
        return configure(name, host, port, database, user, password, readOnly, poolSize, connectTimeoutSeconds, cached,
                binlog, dev.basalt.remote.tls.RemoteTls.DISABLED);
    }

    /** As above; {@code tls}: TLS on every connection to the remote (its pool, KILL connections). */
    public String configure(String name, String host, int port, String database, String user, String password,
                            boolean readOnly, int poolSize, int connectTimeoutSeconds, boolean cached,
                            dev.basalt.remote.binlog.ReplicaSettings binlog, dev.basalt.remote.tls.RemoteTls tls) {
        return configure(name, host, port, database, user, password, readOnly, poolSize, connectTimeoutSeconds, cached,
                binlog, tls, (int) (VdbSpec.DEFAULT_READ_TIMEOUT_MS / 1000));
    }

    /**
     * As above; {@code readTimeoutSeconds}: a remote statement silent for longer fails with 1430 and
     * its connection is discarded (and its query killed on the remote).
     */
    public String configure(String name, String host, int port, String database, String user, String password,
                            boolean readOnly, int poolSize, int connectTimeoutSeconds, boolean cached,
                            dev.basalt.remote.binlog.ReplicaSettings binlog, dev.basalt.remote.tls.RemoteTls tls,
                            int readTimeoutSeconds) {
        if (cached && cache == null) throw new IllegalStateException("enableCache before configuring a cached database");
        if (binlog != null && !cached) throw new IllegalStateException("binlog invalidation is for a cached database");
        if (binlog != null) binlogs.follow(binlog, cache);
        VdbSpec spec = new VdbSpec(name, host, port, database, user, password, readOnly, poolSize,
                connectTimeoutSeconds * 1000L, readTimeoutSeconds * 1000L, tls);
        RemoteDatabase old = configured.put(name, new RemoteDatabase(spec, cache, cacheTtl, cached, binlogs, xaLog));
        if (old != null) old.close();
        return CONFIGURED + name;
    }

    @Override public Claim claim(String createName) {
        VdbSpec spec = VdbSpec.parseName(createName);
        return spec == null ? null : new Claim(spec.alias(), spec.encode());
    }

    @Override public ExternalDatabase open(String spec) {
        if (spec.startsWith(CONFIGURED)) {
            String name = spec.substring(CONFIGURED.length());
            RemoteDatabase db = configured.get(name);
            if (db == null) {
                throw new SqlException(ErrorCode.ER_CONNECT_TO_FOREIGN_DATA_SOURCE, "database '" + name
                        + "' was defined in remote-databases of basalt.yaml and no longer is; DROP DATABASE it");
            }
            return db;
        }
        // SQL-created ones never serve reads from the cache (their catalog form has no room for the
        // option) but invalidate it on writes, like every virtual database
        return open.computeIfAbsent(spec, s -> new RemoteDatabase(VdbSpec.decode(s).withServerTls(sqlCreatedTls), cache,
                cacheTtl, false, binlogs, xaLog));
    }

    @Override public String definedBy(String spec) {
        return spec.startsWith(CONFIGURED) && configured.containsKey(spec.substring(CONFIGURED.length()))
                ? "remote-databases (basalt.yaml)" : null;
    }

    /**
     * DROP DATABASE of a virtual database whose server still holds a branch of a two-phase commit in
     * doubt (its server was unreachable at the second phase): finished now if the server answers,
     * else refused (1399), since after the drop (and a restart) nothing would know how to reach the
     * server to finish it, and the branch would keep its row locks there forever.
     */
    @Override public void checkDrop(String spec) {
        if (xaLog.unfinished().isEmpty()) return;
        RemoteDatabase db;
        try {
            db = (RemoteDatabase) open(spec);
        } catch (RuntimeException e) {
            return; // a configured one no longer defined: nothing here can reach its server anyway
        }
        String key = db.spec().serverKey();
        java.util.List<String> left = xaResolver.finishOn(key);
        if (left.isEmpty()) return;
        throw new SqlException(1399, "XAE07", "XAER_RMFAIL: The command cannot be executed when global transaction is in the"
                + " PREPARED state: " + db.spec().describe() + " still holds XA transaction" + (left.size() > 1 ? "s " : " ")
                + String.join(", ", left) + " prepared by Basalt and in doubt (the server did not answer its second phase);"
                + " Basalt finishes it as soon as the server answers, then DROP DATABASE works");
    }

    @Override public String maskStatement(String statementText) { return VdbSpec.mask(statementText); }

    @Override public void close() {
        xaResolver.close();
        binlogs.close();
        for (RemoteDatabase db : open.values()) db.close();
        for (RemoteDatabase db : configured.values()) db.close();
        open.clear();
        configured.clear();
        xaLog.close();
    }
}
