package dev.basalt.engine.plan.stats;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.stats.Histogram;
import dev.basalt.engine.stats.TableStats;
import dev.basalt.engine.table.TableStore;
import dev.basalt.engine.txn.Transaction;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the planner knows of one table from ANALYZE TABLE: rows per key value of each index
 * prefix (rows / cardinality) and, through column histograms, the share of rows a condition on a
 * non-indexed column keeps. Absent statistics leave the planner with its structural rules.
 */
public final class TableEstimates {
    private final TableDef table;
    private final TableStats stats;
    private final Map<String, Histogram> histograms;
    private final LongSupplier currentRows;
    private long rows = -1;

    private TableEstimates(TableDef table, TableStats stats, Map<String, Histogram> histograms, LongSupplier currentRows) {
        this.table = table;
        this.stats = stats;
        this.histograms = histograms;
        this.currentRows = currentRows;
    }

    /**
     * The estimates of a table, or null when it has neither index statistics nor histograms.
     *
     * @param currentRows the running row count (asked only when needed: the first ask counts rows)
     */
    public static TableEstimates of(TableStore store, Transaction txn, LongSupplier currentRows) {
        if (txn == null) return null;
        TableStats stats = store.statistics(txn);
        Map<String, Histogram> histograms = store.histograms(txn);
        if (stats == null && histograms.isEmpty()) return null;
        return new TableEstimates(store.def(), stats, histograms, currentRows);
    }

    /** Whether ANALYZE TABLE measured the indexes (else only histograms are known). */
    public boolean hasIndexStatistics() { return stats != null; }

    /** The table's rows now (the running count, or what ANALYZE counted when that is unknown). */
    public long rows() {
        if (rows < 0) {
            long now = currentRows == null ? -1 : currentRows.getAsLong();
            rows = now >= 0 ? now : stats != null ? stats.rows() : 1000;
        }
        return rows;
    }

    /** Rows per distinct value of the index's first {@code parts} parts, or -1 when not measured. */
    public double rowsPerKey(IndexDef index, int parts) {
        return stats == null ? -1 : stats.rowsPerKey(index, parts, rows());
    }

    /**
     * The share of rows a conjunct keeps: from its column's histogram, or for an equality on the
     * first column of an analysed index from that index's cardinality; -1 when neither applies.
     */
    public double selectivity(Expr conjunct, EvalContext ctx) {
        double h = histograms.isEmpty() ? -1 : Selectivity.of(table, histograms, conjunct, ctx);
        if (h >= 0 || stats == null) return h;
        int column = Selectivity.equalityColumn(conjunct);
        if (column < 0) return -1;
        for (IndexDef ix : table.indexes()) {
            if (ix.keyless() || ix.parts().getFirst().column() != column) continue;
            double perKey = rowsPerKey(ix, 1);
            if (perKey >= 0) return Math.min(1, perKey / Math.max(1, rows()));
        }
        return -1;
    }

    /** The share of rows a conjunct keeps by its column's histogram alone, or -1 when none answers. */
    public double histogramSelectivity(Expr conjunct, EvalContext ctx) {
        return histograms.isEmpty() ? -1 : Selectivity.of(table, histograms, conjunct, ctx);
    }

    /**
     * The share of rows all these conjuncts keep: histograms where they apply, MySQL's default
     * guesses elsewhere (10% for an equality, a third for a range, 100% for other conditions).
     */
    public double selectivity(List<Expr> conjuncts, EvalContext ctx) {
        double s = 1;
        for (Expr c : conjuncts) {
            double h = selectivity(c, ctx);
            s *= h >= 0 ? h : Selectivity.guess(c);
        }
        return s;
    }
}
