package dev.basalt.engine.stats;

import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.storage.codec.Keyspace;
import dev.basalt.engine.txn.Transaction;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's persisted optimizer statistics: per table the {@link TableStats} of its last
 * ANALYZE TABLE and its column {@link Histogram}s. Both live in the store under their own meta
 * keys (so they survive a restart, like InnoDB's mysql.innodb_index_stats and MySQL's
 * column_statistics dictionary table) and are cached here once read. Writes are blind: two
 * concurrent ANALYZE runs never conflict, the last one wins. Thread-safe.
 */
public final class Statistics {
    /** Meta key kinds: {@code 0x00 's' tableId} index statistics, {@code 0x00 'h' tableId} histograms. */
    static final byte META_STATISTICS = 's', META_HISTOGRAMS = 'h';

    private final ConcurrentHashMap<Integer, Optional<TableStats>> tables = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Map<String, Histogram>> histograms = new ConcurrentHashMap<>();

    /** The table's statistics, or null when it was never analysed. */
    public TableStats of(Transaction txn, TableDef def) {
        Optional<TableStats> s = tables.get(def.tableId());
        if (s == null) {
            byte[] v = txn == null ? null : txn.get(Keyspace.metaKey(META_STATISTICS, def.tableId()));
            s = Optional.ofNullable(v == null ? null : StatsCodec.decode(v));
            if (txn != null) tables.putIfAbsent(def.tableId(), s);
        }
        return s.orElse(null);
    }

    /**
     * What is known without reading the store: the table's statistics, {@code Optional.empty()}
     * when it has none, null when they were not read since start-up.
     */
    public Optional<TableStats> cached(int tableId) { return tables.get(tableId); }

    /** Told the table id when new statistics of a table are committed (automatic recalculation restarts its count). */
    private volatile java.util.function.IntConsumer onSaved;

    public void onSaved(java.util.function.IntConsumer listener) { this.onSaved = listener; }

    /** Stores new statistics; others see them once {@code txn} commits. */
    public void save(Transaction txn, TableDef def, TableStats stats) {
        txn.putBlind(Keyspace.metaKey(META_STATISTICS, def.tableId()), StatsCodec.encode(stats));
        txn.onCommit(() -> {
            tables.put(def.tableId(), Optional.of(stats));
            java.util.function.IntConsumer l = onSaved;
            if (l != null) l.accept(def.tableId());
        });
    }

    /** The table's histograms by lower-case column name (empty when none). */
    public Map<String, Histogram> histograms(Transaction txn, TableDef def) {
        Map<String, Histogram> h = histograms.get(def.tableId());
        if (h == null) {
            byte[] v = txn == null ? null : txn.get(Keyspace.metaKey(META_HISTOGRAMS, def.tableId()));
            h = v == null ? Map.of() : HistogramCodec.decode(v);
            if (txn != null) histograms.putIfAbsent(def.tableId(), h);
        }
        return h;
    }

    /** Replaces the table's histograms (all of them: the set is small). */
    public void saveHistograms(Transaction txn, TableDef def, Map<String, Histogram> all) {
        Map<String, Histogram> copy = Map.copyOf(all);
        byte[] key = Keyspace.metaKey(META_HISTOGRAMS, def.tableId());
        txn.putBlind(key, HistogramCodec.encode(copy));
        txn.onCommit(() -> histograms.put(def.tableId(), copy));
    }

    /** DROP TABLE: the stored statistics go with the table (inside the DDL transaction; caches via {@link #forget}). */
    public static void delete(Transaction txn, int tableId) {
        txn.delete(Keyspace.metaKey(META_STATISTICS, tableId));
        txn.delete(Keyspace.metaKey(META_HISTOGRAMS, tableId));
    }

    /** Drops the cached copies (the next read goes to the store). */
    public void forget(int tableId) {
        tables.remove(tableId);
        histograms.remove(tableId);
    }
}
