package dev.basalt.remote.vdb;

import dev.basalt.engine.external.BlockQuery;
import dev.basalt.engine.external.ColumnSpec;
import dev.basalt.engine.external.ExternalDatabase;
import dev.basalt.engine.external.ExternalTransaction;
import dev.basalt.engine.external.Outcome;
import dev.basalt.engine.external.RowSource;
import dev.basalt.engine.external.ScanRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One virtual database: its pool, its metadata cache and the SQL it sends. Unqualified names in
 * SQL sent here mean the remote database (it is every pooled connection's default database).
 */
final class RemoteDatabase implements ExternalDatabase, AutoCloseable {
    private final VdbSpec spec;
    /** Connections report affected rows the way the client asked: changed rows, or found rows. */
    private final RemotePool pool, foundRowsPool;
    private final RemoteMetadata metadata;
    /** The result cache, when this database opted in; null otherwise. */
    private final CachedReads cached;
    /** The coordinator log of two-phase commits, shared by every database of the provider. */
    private final XaCoordinatorLog xaLog;

    RemoteDatabase(VdbSpec spec) { this(spec, null, null, false); }

    /**
     * @param cache the server's result cache (null: none), which writes through this database
     *              invalidate; {@code readsCached}: reads are answered from it too
     */
    RemoteDatabase(VdbSpec spec, dev.basalt.remote.cache.ResultCache<CachedReads.Rows> cache, java.time.Duration ttl,
                   boolean readsCached) {
        this(spec, cache, ttl, readsCached, null);
    }

    /** As above; {@code binlogs}: the streams that invalidate the cache for writes made directly on remotes. */
    RemoteDatabase(VdbSpec spec, dev.basalt.remote.cache.ResultCache<CachedReads.Rows> cache, java.time.Duration ttl,
                   boolean readsCached, ServerBinlogs binlogs) {
        this(spec, cache, ttl, readsCached, binlogs, XaCoordinatorLog.inMemory());
    }

    /** As above; {@code xaLog}: where transactions writing to it and to other databases log their two-phase commit. */
    RemoteDatabase(VdbSpec spec, dev.basalt.remote.cache.ResultCache<CachedReads.Rows> cache, java.time.Duration ttl,
                   boolean readsCached, ServerBinlogs binlogs, XaCoordinatorLog xaLog) {
        this.spec = spec;
        this.xaLog = xaLog;
        this.pool = new RemotePool(spec, false);
        this.foundRowsPool = new RemotePool(spec, true);
        this.metadata = new RemoteMetadata(this);
        this.cached = cache == null ? null : new CachedReads(cache,
                new dev.basalt.remote.cache.SchemaFacts(this::textQuery, ttl.toNanos()), spec, readsCached, binlogs);
    }

    /** Rows of a query as text, for the cache's schema facts (run on a pooled connection). */
    private List<String[]> textQuery(String sql) {
        return with(null, c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                List<String[]> out = new ArrayList<>();
                while (rs.next()) {
                    String[] r = new String[n];
                    for (int i = 0; i < n; i++) r[i] = rs.getString(i + 1);
                    out.add(r);
                }
                return out;
            }
        });
    }

    VdbSpec spec() { return spec; }

    /** The pool XA recovery uses. */
    RemotePool pool() { return pool; }

    /** Work on a connection: the pinned one when in a transaction, else one borrowed for the call. */
    interface Work<T> { T run(Connection c) throws SQLException; }

    <T> T with(ExternalTransaction txn, Work<T> work) { return with(txn, pool, work); }

    private <T> T with(ExternalTransaction txn, RemotePool from, Work<T> work) {
        if (txn instanceof PinnedTransaction p) return pinned(p, work);
        try (Connection c = from.borrow()) {
            return run(c, from, work);
        } catch (SQLException e) {
            throw RemoteErrors.query(spec, e); // from close()
        }
    }

    /** Work in the transaction {@code p}; a deadlock there ends it (see {@link PinnedTransaction#ended}). */
    private <T> T pinned(PinnedTransaction p, Work<T> work) {
        try {
            return run(p.connection, null, work);
        } catch (dev.basalt.engine.api.SqlException e) {
            p.failed(e.errorCode());
            throw e;
        }
    }

    /** @param borrowedFrom the pool a borrowed {@code c} goes back to; null for a pinned one (kept after a KILL QUERY) */
    private <T> T run(Connection c, RemotePool borrowedFrom, Work<T> work) {
        try (var wait = pool.watch(c)) {
            try {
                T done = work.run(c);
                // finished as the KILL came: the result stands (a write is done), the connection is in doubt
                if (wait.stopped() && borrowedFrom != null) borrowedFrom.discard(c);
                return done;
            } catch (SQLException e) {
                throw failed(c, borrowedFrom, wait, e);
            }
        }
    }

    /** The error of a remote statement: Basalt's own 1317/3024 when a KILL or the deadline stopped it. */
    private RuntimeException failed(Connection c, RemotePool borrowedFrom, dev.basalt.engine.exec.OutsideWait wait,
                                    SQLException e) {
        if (wait.stopped()) {
            if (borrowedFrom != null) borrowedFrom.discard(c);
            return wait.reason();
        }
        if (RemoteErrors.readTimedOut(e)) {
            // a pinned one is not evicted here (it may be the other pool's); the driver has closed it,
            // so HikariCP drops it when the transaction ends, and its transaction is lost either way
            if (borrowedFrom != null) borrowedFrom.readTimedOut(c);
            else pool.killQuery(c);
            return RemoteErrors.readTimeout(spec);
        }
        if (RemoteErrors.staleMetadata(e)) metadata.invalidate();
        return RemoteErrors.query(spec, e);
    }

    @Override public List<String> tableNames() { return metadata.tableNames(); }

    @Override public List<ColumnSpec> columns(String table) { return metadata.columns(table); }

    @Override public long rowEstimate(String table) { return metadata.rowEstimate(table); }

    @Override public String describeScan(ScanRequest request) { return ScanSql.render(request); }

    @Override public RowSource scan(ScanRequest request, ExternalTransaction txn) { return scan(request, txn, false); }

    /** {@code current} (a locking read) and reads in a pinned transaction never use the cache. */
    @Override public RowSource scan(ScanRequest request, ExternalTransaction txn, boolean current) {
        String sql = ScanSql.render(request);
        List<Object> params = ScanSql.parameters(request);
        if (cached == null || !cached.servesReads || txn != null || current) {
            return open(sql, params, rs -> readRow(rs, request), txn);
        }
        // rows are full-width: the key names every column's slot and kind, and which are read
        StringBuilder layout = new StringBuilder("scan");
        for (int i = 0; i < request.columns().size(); i++) {
            layout.append(',').append(request.columns().get(i)).append(' ').append(request.types().get(i).kind())
                    .append(request.fetches(i) ? "" : " -");
        }
        return cached.read(sql, params, layout.toString(), Set.of(CachedReads.table(spec.database(), request.table())),
                () -> open(sql, params, rs -> readRow(rs, request), null));
    }

    @Override public String blockServer() { return spec.blockServer(); }

    @Override public String describeQuery(BlockQuery query) { return QuerySql.of(query).sql; }

    /** A pushed-down query block (see {@link QuerySql}): rows of its select list, typed as the planner said. */
    @Override public RowSource query(BlockQuery query, List<Object> values, ExternalTransaction txn) {
        return query(query, values, txn, false);
    }

    @Override public RowSource query(BlockQuery query, List<Object> values, ExternalTransaction txn, boolean current) {
        QuerySql q = QuerySql.of(query);
        ResultReader reader = rs -> {
            Object[] row = new Object[query.types().size()];
            for (int i = 0; i < row.length; i++) row[i] = RemoteValues.read(rs, i + 1, query.types().get(i));
            return row;
        };
        List<Object> params = q.bind(values);
        if (cached == null || !cached.servesReads || txn != null || current) return open(q.sql, params, reader, txn);
        StringBuilder layout = new StringBuilder("block");
        for (var t : query.types()) layout.append(',').append(t.kind());
        Set<String> reads = new java.util.LinkedHashSet<>();
        for (BlockQuery.Source src : query.from()) {
            // same-server databases joined in one block: each table under its own remote database
            String db = src.db() instanceof RemoteDatabase r ? r.spec.database() : null;
            if (db == null) return open(q.sql, params, reader, null);
            reads.add(CachedReads.table(db, src.table()));
        }
        return cached.read(q.sql, params, layout.toString(), reads, () -> open(q.sql, params, reader, null));
    }

    /** Turns the current result row into engine values. */
    private interface ResultReader { Object[] read(ResultSet rs) throws SQLException; }

    /** Runs a SELECT: streamed on a borrowed connection, or read whole on the pinned one. */
    private RowSource open(String sql, List<Object> params, ResultReader reader, ExternalTransaction txn) {
        if (txn instanceof PinnedTransaction p) {
            // the pinned connection may be needed by another scan of the same statement: read all now
            List<Object[]> rows = pinned(p, c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < params.size(); i++) RemoteValues.bind(ps, i + 1, params.get(i));
                    try (ResultSet rs = ps.executeQuery()) {
                        List<Object[]> out = new ArrayList<>();
                        while (rs.next()) out.add(reader.read(rs));
                        return out;
                    }
                }
            });
            return new ListSource(rows);
        }
        Connection c = pool.borrow();
        // watched until the stream closes: rows may be slow to come long after the first
        var wait = pool.watch(c);
        try {
            PreparedStatement ps = c.prepareStatement(sql);
            for (int i = 0; i < params.size(); i++) RemoteValues.bind(ps, i + 1, params.get(i));
            ps.setFetchSize(1000); // stream: a big table is never held in memory whole
            return new StreamSource(c, ps, ps.executeQuery(), reader, wait);
        } catch (SQLException e) {
            RuntimeException error = failed(c, pool, wait, e);
            wait.close();
            closeQuietly(c);
            throw error;
        }
    }

    /** A full-width row: columns the scan did not select stay null (the query never reads them). */
    private static Object[] readRow(ResultSet rs, ScanRequest request) throws SQLException {
        Object[] row = new Object[request.types().size()];
        int at = 1;
        for (int i = 0; i < row.length; i++) {
            if (request.fetches(i)) row[i] = RemoteValues.read(rs, at++, request.types().get(i));
        }
        return row;
    }

    @Override public Outcome execute(String sql, boolean foundRows, ExternalTransaction txn) {
        if (cached == null) return run(sql, foundRows, txn);
        dev.basalt.remote.cache.StatementAnalysis a = cached.analyse(sql);
        if (!a.changesData()) return run(sql, foundRows, txn);
        // before: nothing read from now on is stored as current; after: nothing read while it ran
        cached.invalidate(a.writesAll(), a.writes());
        try {
            return run(sql, foundRows, txn);
        } finally {
            cached.invalidate(a.writesAll(), a.writes());
            if (txn instanceof PinnedTransaction p) p.wrote(a.writesAll(), a.writes()); // again when it ends
            if (a.ddl()) cached.schemaChanged();
        }
    }

    private Outcome run(String sql, boolean foundRows, ExternalTransaction txn) {
        Outcome o = with(txn, foundRows ? foundRowsPool : pool, c -> {
            try (Statement st = c.createStatement()) {
                boolean rows = st.execute(sql, Statement.RETURN_GENERATED_KEYS);
                if (rows) return textRows(st.getResultSet()).withWarnings(warnings(st));
                long affected = st.getLargeUpdateCount();
                long id = 0;
                try (ResultSet keys = st.getGeneratedKeys()) {
                    if (keys != null && keys.next()) id = keys.getLong(1);
                }
                return Outcome.update(Math.max(0, affected), id, null).withWarnings(warnings(st));
            }
        });
        if (isDdl(sql)) metadata.invalidate();
        return o;
    }

    /** The statement's warnings as SHOW WARNINGS would list them on the remote. */
    private static List<Outcome.Warning> warnings(Statement st) throws SQLException {
        List<Outcome.Warning> out = new ArrayList<>();
        for (java.sql.SQLWarning w = st.getWarnings(); w != null && out.size() < 64; w = w.getNextWarning()) {
            // JDBC does not say Note from Warning; MySQL clients mostly look at the code
            out.add(new Outcome.Warning("Warning", w.getErrorCode(), w.getMessage()));
        }
        return out;
    }

    private static Outcome textRows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> cols = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) cols.add(md.getColumnLabel(i));
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
            Object[] r = new Object[cols.size()];
            for (int i = 0; i < r.length; i++) r[i] = rs.getString(i + 1);
            rows.add(r);
        }
        rs.close();
        return Outcome.rows(cols, rows);
    }

    private static boolean isDdl(String sql) {
        String s = sql.stripLeading().toUpperCase(Locale.ROOT);
        return s.startsWith("CREATE") || s.startsWith("DROP") || s.startsWith("ALTER") || s.startsWith("TRUNCATE")
                || s.startsWith("RENAME");
    }

    @Override public Outcome insertRows(String table, List<String> columns, List<Object[]> rows, boolean replace,
                                        boolean ignore, ExternalTransaction txn) {
        if (rows.isEmpty()) return Outcome.update(0, 0, "Records: 0  Duplicates: 0  Warnings: 0");
        if (cached == null) return insert(table, columns, rows, replace, ignore, txn);
        Set<String> written = Set.of(CachedReads.table(spec.database(), table));
        cached.invalidate(false, written);
        try {
            return insert(table, columns, rows, replace, ignore, txn);
        } finally {
            cached.invalidate(false, written);
            if (txn instanceof PinnedTransaction p) p.wrote(false, written);
        }
    }

    private Outcome insert(String table, List<String> columns, List<Object[]> rows, boolean replace, boolean ignore,
                           ExternalTransaction txn) {
        StringBuilder head = new StringBuilder(replace ? "REPLACE " : ignore ? "INSERT IGNORE " : "INSERT ");
        head.append("INTO ").append(ScanSql.quote(table)).append(" (");
        for (int i = 0; i < columns.size(); i++) head.append(i == 0 ? "" : ", ").append(ScanSql.quote(columns.get(i)));
        head.append(") VALUES ");
        return with(txn, c -> {
            long affected = 0, firstId = 0;
            // a few hundred rows per statement: few round trips, bounded statement size
            for (int from = 0; from < rows.size(); from += 500) {
                int to = Math.min(rows.size(), from + 500);
                StringBuilder sql = new StringBuilder(head);
                String tuple = "(" + "?, ".repeat(columns.size() - 1) + "?)";
                for (int r = from; r < to; r++) sql.append(r == from ? "" : ", ").append(tuple);
                try (PreparedStatement ps = c.prepareStatement(sql.toString(), Statement.RETURN_GENERATED_KEYS)) {
                    int p = 1;
                    for (int r = from; r < to; r++) {
                        for (Object v : rows.get(r)) RemoteValues.bind(ps, p++, v);
                    }
                    affected += ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        if (firstId == 0 && keys != null && keys.next()) firstId = keys.getLong(1);
                    }
                }
            }
            return Outcome.update(affected, firstId, "Records: " + rows.size() + "  Duplicates: 0  Warnings: 0");
        });
    }

    /** An XA transaction on a pinned connection (see {@link PinnedTransaction}). */
    @Override public ExternalTransaction begin(boolean foundRows) {
        RemotePool from = foundRows ? foundRowsPool : pool;
        return PinnedTransaction.start(spec, from.borrow(), from, pool, cached, xaLog);
    }

    @Override public boolean readOnly() { return spec.readOnly(); }

    @Override public String serverKey() { return spec.serverKey(); }

    @Override public String describe() { return spec.describe(); }

    @Override public String quotedName() { return ScanSql.quote(spec.database()); }

    @Override public void close() {
        if (cached != null) cached.close();
        pool.close();
        foundRowsPool.close();
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) c.close();
        } catch (Exception ignored) {
            // releasing after a failure
        }
    }

    /** Rows already read. */
    private record ListSource(List<Object[]> rows, int[] pos) implements RowSource {
        ListSource(List<Object[]> rows) { this(rows, new int[1]); }

        @Override public Object[] next() { return pos[0] < rows.size() ? rows.get(pos[0]++) : null; }

        @Override public void close() { pos[0] = rows.size(); }
    }

    /** A streamed result holding its borrowed connection until the end or close. */
    private final class StreamSource implements RowSource {
        private Connection c;
        private final PreparedStatement ps;
        private final ResultSet rs;
        private final ResultReader reader;
        private final dev.basalt.engine.exec.OutsideWait wait;

        StreamSource(Connection c, PreparedStatement ps, ResultSet rs, ResultReader reader,
                     dev.basalt.engine.exec.OutsideWait wait) {
            this.c = c;
            this.ps = ps;
            this.rs = rs;
            this.reader = reader;
            this.wait = wait;
        }

        @Override public Object[] next() {
            if (c == null) return null;
            try {
                // a stopped read fails even when the remote answered (an interrupted SLEEP() returns 1)
                if (wait.stopped()) throw new SQLException("stopped");
                if (rs.next()) return reader.read(rs);
            } catch (SQLException e) {
                RuntimeException error = failed(c, pool, wait, e);
                close();
                throw error;
            }
            close();
            return null;
        }

        @Override public void close() {
            if (c == null) return;
            // stopped while the engine held rows: the rest of the result is drained by the killed
            // statement's error, and the connection does not go back to the pool
            if (wait.stopped()) pool.discard(c);
            closeQuietly(rs);
            closeQuietly(ps);
            wait.close();
            closeQuietly(c);
            c = null;
        }
    }
}
