package dev.basalt.engine;

import dev.basalt.engine.api.Engine;
import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.UserAccount;
import dev.basalt.engine.catalog.Catalog;
import dev.basalt.engine.catalog.DatabaseDef;
import dev.basalt.engine.session.BasaltSession;
import dev.basalt.engine.session.SystemVariables;
import dev.basalt.engine.storage.kv.KvStore;
import dev.basalt.engine.table.Tables;
import dev.basalt.engine.txn.Transaction;
import dev.basalt.engine.txn.TransactionManager;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's composition point: a SQL engine over one key-value store. Holds what all sessions
 * share: the transaction manager, the catalog, table storage, global variables and the list of
 * open sessions (SHOW PROCESSLIST, KILL).
 */
public final class BasaltEngine implements Engine {

    private final KvStore store;
    private final dev.basalt.engine.api.LoginThrottle loginThrottle = new dev.basalt.engine.api.LoginThrottle();
    private final EngineConfig config;
    private final TransactionManager transactions;
    private final Tables tables;
    private final Catalog catalog;
    private final SystemVariables variables;
    /** Slow and general query logs: written by sessions, configured by their globals. */
    private final dev.basalt.engine.session.QueryLogs queryLogs;
    private final ConcurrentHashMap<Long, BasaltSession> sessions = new ConcurrentHashMap<>();
    private final long startMillis = System.currentTimeMillis();
    private final AtomicLong questions = new AtomicLong();
    private final dev.basalt.engine.session.CommandCounters commands = new dev.basalt.engine.session.CommandCounters();
    private volatile dev.basalt.engine.api.StatementObserver statementObserver;
    private final java.util.List<java.util.function.Supplier<java.util.Map<String, String>>> statusSources =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final dev.basalt.engine.routine.StoredPrograms programs;
    private final dev.basalt.engine.event.EventStore events;
    private final dev.basalt.engine.event.EventScheduler eventScheduler;
    private final dev.basalt.engine.security.Accounts accounts;
    private final AtomicLong internalIds = new AtomicLong(1L << 40);
    private final dev.basalt.engine.external.ExternalDatabases externals = new dev.basalt.engine.external.ExternalDatabases();
    private final dev.basalt.engine.lock.TableLocks tableLocks = new dev.basalt.engine.lock.TableLocks();

    public BasaltEngine(KvStore store, EngineConfig config) {
        this.store = store;
        this.config = config;
        this.transactions = new TransactionManager(store);
        this.tables = new Tables();
        this.catalog = new Catalog(store, tables);
        this.programs = new dev.basalt.engine.routine.StoredPrograms(store);
        this.events = new dev.basalt.engine.event.EventStore(store);
        this.accounts = new dev.basalt.engine.security.Accounts(store, config.rootPassword());
        this.variables = new SystemVariables(config.serverVersion(), config.maxAllowedPacket(), 3306, null);
        if (store.readOnly()) variables.configure("read_only", 1L); // what tools check; writes get 1290
        this.queryLogs = new dev.basalt.engine.session.QueryLogs(variables);
        // the connection-thread cache is process-wide: the engine's variable sizes it
        variables.onGlobalChange(name -> {
            if (name.equals("thread_cache_size") && variables.global(name) instanceof Long n) dev.basalt.engine.api.ThreadHandling.threadCacheSize(n);
        });
        ensureDefaultDatabases();
        // FULLTEXT indexes of an older data directory get their entries (logged per index)
        if (!store.readOnly()) dev.basalt.engine.table.FulltextUpgrade.run(catalog.snapshot(), tables, transactions::begin);
        snapshotAgeWatchdog = new dev.basalt.engine.session.SnapshotAgeWatchdog(this);
        MysqlLogTables.ensure(new BasaltSession(this, internalIds.incrementAndGet(), "root", "localhost", false));
        queryLogs.tables(new LogTableWriter(this));
        // start-up work is not the clients' questions
        questions.set(0);
        commands.clear();
        this.eventScheduler = new dev.basalt.engine.event.EventScheduler(this);
        eventScheduler.start();
        this.statsAutoRecalc = new dev.basalt.engine.stats.AutoRecalc(tables, catalog, transactions::begin,
                () -> !store.readOnly() && Long.valueOf(1L).equals(variables.global("innodb_stats_auto_recalc")));
    }

    private final dev.basalt.engine.stats.AutoRecalc statsAutoRecalc;

    /** innodb_stats_auto_recalc's background recalculation of table statistics. */
    public dev.basalt.engine.stats.AutoRecalc statsAutoRecalc() { return statsAutoRecalc; }

    /**
     * Makes sure the catalog has the external database {@code alias} with this spec (a database
     * defined outside SQL, at start-up). 1007 when a different database of that name exists: it
     * is the user's, so it is neither replaced nor hidden.
     */
    public void defineExternalDatabase(String alias, String spec) {
        DatabaseDef want = new DatabaseDef(alias, "utf8mb4", "utf8mb4_0900_ai_ci", spec);
        Transaction t = transactions.begin();
        try {
            DatabaseDef have = catalog.snapshot(t).database(alias).orElse(null);
            if (have == null) catalog.createDatabase(t, want, false);
            else if (!spec.equals(have.external())) throw ErrorCode.ER_DB_CREATE_EXISTS.error(alias);
            t.commit();
        } catch (RuntimeException e) {
            t.rollback();
            throw e;
        }
    }

    /** MySQL ships with a few schemas; clients (and tests) expect `mysql` and `sys` to be there. */
    private void ensureDefaultDatabases() {
        if (catalog.snapshot().hasDatabase("mysql")) return;
        Transaction t = transactions.begin();
        try {
            catalog.createDatabase(t, DatabaseDef.of("mysql"), true);
            catalog.createDatabase(t, DatabaseDef.of("sys"), true);
            t.commit();
        } catch (RuntimeException e) {
            t.rollback();
            throw e;
        }
    }

    @Override
    public String serverVersion() { return config.serverVersion(); }

    @Override
    public dev.basalt.engine.api.LoginThrottle loginThrottle() { return loginThrottle; }

    @Override
    public Optional<UserAccount> findUser(String user) {
        return "root".equals(user) ? Optional.of(UserAccount.withPassword("root", config.rootPassword())) : Optional.empty();
    }

    @Override
    public Optional<UserAccount> findUser(String user, String clientHost) {
        return accounts.match(user, clientHost).map(dev.basalt.engine.security.Account::forLogin);
    }

    /** Accounts and their privileges. */
    public dev.basalt.engine.security.Accounts accounts() { return accounts; }

    @Override
    public Session openSession(SessionOptions options) {
        long id = options.connectionId() > 0 ? options.connectionId() : internalIds.incrementAndGet();
        BasaltSession s = new BasaltSession(this, id, options.user(), options.host(), options.foundRows());
        if (options.database() != null) s.useDatabase(options.database());
        sessions.put(id, s);
        if (options.connectionId() > 0) {
            connections.incrementAndGet();
            queryLogs.connected(id, options.user(), s.host(), options.database());
        }
        return s;
    }

    /** Called by a session when it closes. */
    public void sessionClosed(BasaltSession s) {
        closedBytesReceived.add(s.bytesReceived());
        closedBytesSent.add(s.bytesSent());
        sessions.remove(s.connectionId());
        if (s.connectionId() < (1L << 40)) queryLogs.quit(s.connectionId(), s.userName(), s.host());
    }

    public dev.basalt.engine.session.QueryLogs queryLogs() { return queryLogs; }

    /** Bytes of connections closed already: with the open ones', SHOW GLOBAL STATUS's Bytes_received / Bytes_sent. */
    private final java.util.concurrent.atomic.LongAdder closedBytesReceived = new java.util.concurrent.atomic.LongAdder(),
            closedBytesSent = new java.util.concurrent.atomic.LongAdder();

    /** Bytes all MySQL-port connections received from their clients since start. */
    public long bytesReceived() {
        long n = closedBytesReceived.sum();
        for (BasaltSession s : sessions.values()) n += s.bytesReceived();
        return n;
    }

    /** Bytes all MySQL-port connections sent their clients since start. */
    public long bytesSent() {
        long n = closedBytesSent.sum();
        for (BasaltSession s : sessions.values()) n += s.bytesSent();
        return n;
    }

    /** Client connections opened since start (Connections in SHOW GLOBAL STATUS, basalt_connections_opened in /metrics). */
    private final AtomicLong connections = new AtomicLong();

    public long connectionsOpened() { return connections.get(); }

    /** Sessions running a statement now (Threads_running). */
    public long sessionsRunning() {
        long n = 0;
        for (BasaltSession s : sessions.values()) if (s.currentStatement() != null) n++;
        return n;
    }

    /** Ends idle transactions holding a snapshot past max_snapshot_age. */
    private dev.basalt.engine.session.SnapshotAgeWatchdog snapshotAgeWatchdog;

    public Collection<BasaltSession> sessions() { return sessions.values(); }

    public BasaltSession session(long id) { return sessions.get(id); }

    @Override
    public String statistics() {
        long uptime = (System.currentTimeMillis() - startMillis) / 1000;
        return "Uptime: " + uptime + "  Threads: " + sessions.size() + "  Questions: " + questions.get()
                + "  Slow queries: 0  Opens: 0  Flush tables: 1  Open tables: " + catalog.snapshot().allTables().size()
                + "  Queries per second avg: " + String.format("%.3f", uptime == 0 ? 0.0 : questions.get() / (double) uptime);
    }

    /**
     * Adds status variables from outside the engine (e.g. the remote result cache's counters) to
     * SHOW STATUS; the supplier is asked each time, so values are current.
     */
    public void addStatusSource(java.util.function.Supplier<java.util.Map<String, String>> source) {
        statusSources.add(source);
    }

    /**
     * Sets who hears of every client statement's end (latency and error metrics); null: nobody,
     * and statements are not timed for it.
     */
    public void statementObserver(dev.basalt.engine.api.StatementObserver observer) {
        this.statementObserver = observer;
    }

    public dev.basalt.engine.api.StatementObserver statementObserver() {
        return statementObserver;
    }

    /** Who rebuilds the listeners' TLS for ALTER INSTANCE RELOAD TLS; null while the server offers none. */
    private volatile dev.basalt.engine.api.TlsReloader tlsReloader;

    public void tlsReloader(dev.basalt.engine.api.TlsReloader reloader) { this.tlsReloader = reloader; }

    public dev.basalt.engine.api.TlsReloader tlsReloader() { return tlsReloader; }

    /** What the SHUTDOWN statement asks for: the host's stop, the same as SIGTERM; null when embedded. */
    private volatile Runnable shutdownRequest;

    public void shutdownRequest(Runnable request) { this.shutdownRequest = request; }

    public Runnable shutdownRequest() { return shutdownRequest; }

    /** The status variables of {@link #addStatusSource} sources, in their order. */
    public java.util.Map<String, String> externalStatus() {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
        for (var source : statusSources) all.putAll(source.get());
        return all;
    }

    public long uptimeSeconds() { return (System.currentTimeMillis() - startMillis) / 1000; }

    public void countQuestion() { questions.incrementAndGet(); }


    /** Com_xxx counters of SHOW STATUS. */
    public dev.basalt.engine.session.CommandCounters commands() { return commands; }

    public long questions() { return questions.get(); }

    public TransactionManager transactions() { return transactions; }

    /** Lets CREATE DATABASE names this provider claims become external databases. */
    public void registerExternalProvider(dev.basalt.engine.external.ExternalProvider provider) {
        provider.localDecisions(new dev.basalt.engine.external.LocalDecisions(transactions));
        externals.register(provider);
    }

    public dev.basalt.engine.external.ExternalDatabases externals() { return externals; }

    /** LOCK TABLES and FLUSH TABLES WITH READ LOCK of every session. */
    public dev.basalt.engine.lock.TableLocks tableLocks() { return tableLocks; }

    public Tables tables() { return tables; }

    public Catalog catalog() { return catalog; }

    /** Stored procedures, functions and triggers. */
    public dev.basalt.engine.routine.StoredPrograms programs() { return programs; }

    public SystemVariables variables() { return variables; }

    /** Events (CREATE EVENT) and the scheduler that runs them. */
    public dev.basalt.engine.event.EventStore events() { return events; }

    public EngineConfig config() { return config; }

    public KvStore store() { return store; }

    @Override
    public void close() {
        statsAutoRecalc.close();
        snapshotAgeWatchdog.close();
        eventScheduler.close();
        for (BasaltSession s : sessions.values()) s.close();
        externals.close();
        store.close();
    }
}
