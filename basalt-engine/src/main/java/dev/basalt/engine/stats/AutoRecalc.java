package dev.basalt.engine.stats;

import dev.basalt.engine.catalog.Catalog;
import dev.basalt.engine.catalog.CatalogSnapshot;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.table.Tables;
import dev.basalt.engine.txn.Transaction;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * InnoDB's innodb_stats_auto_recalc: once the rows changed in a table since its statistics were
 * taken exceed 10% of the rows they counted, a background thread takes them again (the same
 * collection as ANALYZE TABLE), so plans follow a bulk load without an ANALYZE. Changes count
 * when their transaction commits (InnoDB counts them as they are made); a table is queued once
 * however many commits pass the mark meanwhile.
 *
 * <p>A table's STATS_AUTO_RECALC=0 or 1 overrides innodb_stats_auto_recalc for it, as in InnoDB.
 *
 * <p>Only tables with statistics are recalculated: InnoDB takes a table's first statistics when
 * it is created, Basalt at the first ANALYZE TABLE; until then the planner uses its defaults.
 */
public final class AutoRecalc implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AutoRecalc.class.getName());

    /** InnoDB's threshold: a tenth of the rows (dict_stats_update_if_needed). */
    static final long FRACTION = 10;

    private final Tables tables;
    private final Catalog catalog;
    private final Supplier<Transaction> begin;
    private final BooleanSupplier enabled;
    private final ConcurrentHashMap<Integer, AtomicLong> changed = new ConcurrentHashMap<>();
    private final Set<Integer> queued = ConcurrentHashMap.newKeySet();
    private final AtomicLong recalculated = new AtomicLong();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "basalt-stats-auto-recalc");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param enabled reads innodb_stats_auto_recalc (global) when a table passes the mark
     */
    public AutoRecalc(Tables tables, Catalog catalog, Supplier<Transaction> begin, BooleanSupplier enabled) {
        this.tables = tables;
        this.catalog = catalog;
        this.begin = begin;
        this.enabled = enabled;
        tables.onCommittedChanges(this::committed);
        tables.statistics().onSaved(id -> changed.remove(id));
    }

    /** Automatic recalculations finished since start-up (SHOW STATUS Basalt_stats_auto_recalcs). */
    public long recalculated() { return recalculated.get(); }

    /** After a commit: counts the table's changed rows and queues it once they pass the mark. */
    private void committed(int tableId, long rows) {
        long n = changed.computeIfAbsent(tableId, k -> new AtomicLong()).addAndGet(rows);
        Optional<TableStats> stats = tables.statistics().cached(tableId);
        if (stats != null && (stats.isEmpty() || n <= stats.get().rows() / FRACTION)) return;
        // statistics not read since start-up: the worker reads them and decides
        if (on(catalog.snapshot().tableById(tableId).orElse(null)) && queued.add(tableId)) {
            try {
                worker.execute(() -> recalculate(tableId));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                queued.remove(tableId);
            }
        }
    }

    /** The table's STATS_AUTO_RECALC, or innodb_stats_auto_recalc when it is DEFAULT (or the table is unknown). */
    private boolean on(TableDef def) {
        boolean server = enabled.getAsBoolean();
        return def == null ? server : def.options().stats().autoRecalc(server);
    }

    private void recalculate(int tableId) {
        queued.remove(tableId); // changes made from here on count toward the next run
        Transaction txn = begin.get();
        try {
            CatalogSnapshot snapshot = catalog.snapshot(txn);
            TableDef def = snapshot.tableById(tableId).orElse(null);
            if (def == null || snapshot.isTemporary(tableId) || !on(def)) {
                txn.rollback();
                return;
            }
            TableStats old = tables.statistics().of(txn, def);
            AtomicLong count = changed.get(tableId);
            if (old == null || count == null || count.get() <= old.rows() / FRACTION) {
                txn.rollback();
                return;
            }
            count.set(0);
            tables.statistics().save(txn, def, TableAnalyzer.analyze(txn, tables, def));
            txn.commit();
            recalculated.incrementAndGet();
        } catch (RuntimeException e) {
            txn.rollback();
            // the table keeps its last statistics; the next changes past the mark try again
            LOG.log(System.Logger.Level.WARNING, "automatic statistics of table id " + tableId + " not taken: " + e, e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
