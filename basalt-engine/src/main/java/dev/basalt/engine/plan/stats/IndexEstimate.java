package dev.basalt.engine.plan.stats;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;

import java.util.List;

/**
 * Rows an index access is expected to read, from ANALYZE TABLE's cardinalities: an equality on
 * the first k parts reads rows / cardinality(k) rows; an IN list reads that per value; a range
 * reads a fixed share of what its equality prefix selects (ranges are not measured).
 */
public final class IndexEstimate {
    private IndexEstimate() {}

    /** Range bounds: none, one side (col &gt; c) or both (BETWEEN, or col &gt; a AND col &lt; b). */
    public static final int NO_RANGE = 0, ONE_SIDED = 1, TWO_SIDED = 2;

    /** The kind of a range from its conditions' count and whether the first is a BETWEEN. */
    public static int bounds(int conditions, boolean between) {
        return between || conditions >= 2 ? TWO_SIDED : ONE_SIDED;
    }

    /**
     * @param equalityParts leading parts bound by equalities
     * @param unique        a unique index with all parts bound: one row
     * @param inValues      values of an IN list on the first part (0: none)
     * @param range         NO_RANGE, ONE_SIDED or TWO_SIDED on the part after the equalities
     */
    public static double rows(IndexDef index, int equalityParts, boolean unique, int inValues, int range,
                              TableEstimates est, double rows) {
        if (unique) return 1;
        double r = rows;
        if (equalityParts > 0) {
            double perKey = est.rowsPerKey(index, equalityParts);
            r = perKey >= 0 ? perKey : rows * Math.pow(Selectivity.EQUALITY, equalityParts);
        } else if (inValues > 0) {
            double perKey = est.rowsPerKey(index, 1);
            r = Math.min(rows, inValues * (perKey >= 0 ? perKey : rows * Selectivity.EQUALITY));
        }
        if (range == ONE_SIDED) r *= Selectivity.RANGE;
        else if (range == TWO_SIDED) r *= Selectivity.BETWEEN;
        return Math.max(1, r);
    }

    /**
     * Whether a full scan beats reading {@code indexRows} rows through a secondary index: each
     * entry costs a random row lookup, so past about a quarter of the table the scan wins.
     */
    public static boolean fullScanIsCheaper(double indexRows, double tableRows) {
        return tableRows > 100 && indexRows > tableRows * SCAN_SHARE;
    }

    /** The share of the table past which a scan beats a secondary index's lookups. */
    public static final double SCAN_SHARE = 0.25;

    /** Rows a full scan keeps after the conjuncts (histograms, else MySQL's guesses). */
    public static double filtered(TableEstimates est, List<Expr> conjuncts, EvalContext ctx, double rows) {
        return rows * est.selectivity(conjuncts, ctx);
    }
}
