package dev.basalt.remote.vdb;

import dev.basalt.engine.external.RowSource;
import dev.basalt.remote.cache.CacheKey;
import dev.basalt.remote.cache.ResultCache;
import dev.basalt.remote.cache.SchemaFacts;
import dev.basalt.remote.cache.StatementAnalysis;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The result cache as one virtual database uses it (opt-in per database, {@code cache: true} in
 * basalt.yaml; the cache itself, and its size and TTL, are the server's one
 * {@code --remote-cache-size}). Kept here, beside the pool, so the engine never knows a cache exists.
 *
 * <p><b>Key:</b> the SQL actually sent, the bound values (with their Java types), the layout the
 * rows are converted to, and the server and database it runs on. Nothing of the client session
 * enters: reads run on pooled connections whose settings are the pool's, and every value of the
 * client's statement that could vary (NOW(), user variables, parameters) is evaluated by Basalt
 * and sent as a bound value, so the remote SQL is a function of the key.
 *
 * <p><b>Exactness:</b> {@link ResultCache}'s table versions, keyed {@code host:port} + database +
 * table so two virtual databases of one remote database share invalidation. A write through Basalt
 * bumps its tables before it is sent and after it returns, and once more when the pinned
 * transaction it ran in ends. Views are never cached, writes to schemas with triggers or
 * cascading foreign keys invalidate everything ({@link SchemaFacts}, learnt from the remote).
 */
final class CachedReads {
    /** The cached value: rows as the engine gets them (copied on every serve), and their weight. */
    record Rows(List<Object[]> rows, int weight) {}

    private final ResultCache<Rows> cache;
    private final SchemaFacts facts;
    /** host:port, prefix of every version key: the same remote table seen through any alias. */
    private final String server;
    private final String database;
    /**
     * Whether this database's reads use the cache. Every virtual database of a server with a cache
     * invalidates it on writes (the same remote table may be read through an alias that caches).
     */
    final boolean servesReads;

    /** The binlog streams followed (writes made directly on remotes); null: none. */
    private final ServerBinlogs binlogs;

    CachedReads(ResultCache<Rows> cache, SchemaFacts facts, VdbSpec spec, boolean servesReads) {
        this(cache, facts, spec, servesReads, null);
    }

    CachedReads(ResultCache<Rows> cache, SchemaFacts facts, VdbSpec spec, boolean servesReads, ServerBinlogs binlogs) {
        this.servesReads = servesReads;
        this.cache = cache;
        this.facts = facts;
        this.server = server(spec.host(), spec.port());
        this.database = spec.database();
        this.binlogs = binlogs;
        if (binlogs != null) binlogs.register(this);
    }

    /** The server part of every version key: {@code host:port}, host in lower case. */
    static String server(String host, int port) { return host.toLowerCase(java.util.Locale.ROOT) + ":" + port; }

    String server() { return server; }

    /** This database is gone: the binlog of its server no longer reaches it. */
    void close() {
        if (binlogs != null) binlogs.unregister(this);
    }

    static ResultCache<Rows> newCache(long maxBytes, java.time.Duration ttl) {
        return new ResultCache<>(maxBytes, ttl, Rows::weight);
    }

    /** The table key of {@code table} in remote database {@code db} (as {@link StatementAnalysis} spells it). */
    static String table(String db, String table) { return StatementAnalysis.key(db, table); }

    /**
     * Rows of a read: from the cache, or from {@code remote} (which sends {@code sql} with
     * {@code params}), recorded for the next reader when complete and small enough.
     *
     * @param layout what the rows are converted to (column kinds and positions): part of the key
     * @param reads  the tables read, as {@link #table} keys
     */
    RowSource read(String sql, List<Object> params, String layout, Set<String> reads, Supplier<RowSource> remote) {
        SchemaFacts.Facts f = facts.current();
        if (f == null || !f.allowsCaching(reads)) return remote.get(); // views, or facts not loaded yet
        dev.basalt.remote.binlog.BinlogWatcher stream = binlogs == null ? null : binlogs.watcher(server);
        if (stream != null && !stream.fresh()) { // its binlog is down or lags: a cached result may be stale
            stream.bypassed();
            return remote.get();
        }
        CacheKey key = new CacheKey(sql.getBytes(StandardCharsets.UTF_8),
                bound(params, layout).getBytes(StandardCharsets.UTF_8), server + "/" + database, 0, 0);
        Rows hit = cache.get(key);
        if (hit != null) return serve(hit.rows);
        ResultCache.Flight<Rows> flight = cache.begin(key, versionKeys(reads));
        if (flight.shared() != null) return serve(flight.shared().rows);
        if (!flight.leads()) return remote.get();
        Rows recorded = null;
        RowSource source = null;
        try {
            // Read the whole result before returning the first row: the flight must end before the
            // caller gets control, or a second scan of the same key in the same statement (a nested
            // loop over one remote table) would wait for itself.
            source = remote.get();
            List<Object[]> rows = new ArrayList<>();
            long weight = 64;
            while (true) {
                Object[] row = source.next();
                if (row == null) {
                    recorded = new Rows(List.copyOf(rows), (int) weight);
                    return serve(recorded.rows);
                }
                rows.add(row);
                weight += weight(row);
                if (weight > cache.maxEntryBytes()) return new Rest(serve(rows), source); // too big: not kept
            }
        } catch (RuntimeException e) {
            if (source != null) source.close();
            throw e;
        } finally {
            cache.finish(flight, recorded);
        }
    }

    /**
     * A write through Basalt is about to be sent, or has returned: its tables' cached results stop
     * being current. {@code sql} is analysed as MySQL text run in this database; statements it
     * cannot analyse invalidate everything.
     */
    StatementAnalysis analyse(String sql) { return StatementAnalysis.of(sql, database); }

    /** Invalidates what a write to {@code tables} (or to anything, {@code all}) may change. */
    void invalidate(boolean all, Set<String> tables) {
        SchemaFacts.Facts f = facts.current();
        if (all || f == null || f.spreads(tables)) cache.versions().bumpAll();
        else cache.versions().bump(versionKeys(tables));
    }

    /** After DDL through Basalt: views, triggers and cascades must be learnt again. */
    void schemaChanged() { facts.invalidate(); }

    private List<String> versionKeys(Set<String> tables) {
        List<String> out = new ArrayList<>(tables.size());
        for (String t : tables) out.add(server + "/" + t);
        return out;
    }

    /** Fresh arrays per reader: the engine may keep or change the rows it is given. */
    private static RowSource serve(List<Object[]> rows) {
        return new RowSource() {
            private int at;

            @Override public Object[] next() { return at < rows.size() ? rows.get(at++).clone() : null; }

            @Override public void close() { at = rows.size(); }
        };
    }

    /** Rows already read, then the rest of a result too big to keep. */
    private record Rest(RowSource head, RowSource tail) implements RowSource {
        @Override public Object[] next() {
            Object[] r = head.next();
            return r != null ? r : tail.next();
        }

        @Override public void close() {
            head.close();
            tail.close();
        }
    }

    /** The bound values exactly (type and value) and the row layout, as one string of the key. */
    static String bound(List<Object> params, String layout) {
        StringBuilder sb = new StringBuilder(layout).append('\n');
        for (Object v : params) {
            if (v == null) sb.append("N");
            else if (v instanceof byte[] b) sb.append("X:").append(HexFormat.of().formatHex(b));
            else if (v instanceof String s) sb.append("S").append(s.length()).append(':').append(s);
            else sb.append(v.getClass().getSimpleName()).append(':').append(v);
            sb.append('\u0000');
        }
        return sb.toString();
    }

    /** Approximate heap held by one row. */
    private static long weight(Object[] row) {
        long w = 16 + 8L * row.length;
        for (Object v : row) {
            w += switch (v) {
                case null -> 0;
                case String s -> 40 + 2L * s.length();
                case byte[] b -> 16 + b.length;
                case BigDecimal d -> 64 + d.precision();
                case BigInteger b -> 40 + b.bitLength() / 8;
                default -> 24;
            };
        }
        return w;
    }
}
