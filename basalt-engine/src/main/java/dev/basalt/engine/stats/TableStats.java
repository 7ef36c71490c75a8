package dev.basalt.engine.stats;

import dev.basalt.engine.catalog.IndexDef;

import java.util.Map;

/**
 * What ANALYZE TABLE measured: the row count then, and per index the number of distinct prefixes
 * of 1, 2, ... parts (InnoDB's n_diff_pfx, shown as SHOW INDEX's Cardinality). Between two
 * ANALYZE runs the figures are scaled by the running row count ({@link #cardinality}), so they
 * stay roughly current as rows are inserted or deleted.
 *
 * @param rows        rows counted (or estimated, for tables larger than the sample)
 * @param cardinality distinct prefixes per part, by index id
 */
public record TableStats(long rows, Map<Integer, long[]> cardinality) {

    /** Distinct values of the first {@code parts} parts of the index now, or -1 when not measured. */
    public long cardinality(IndexDef index, int parts, long currentRows) {
        long[] d = cardinality.get(index.indexId());
        if (d == null || parts < 1 || parts > d.length) return -1;
        long n = d[parts - 1];
        if (rows <= 0 || currentRows == rows) return n;
        // the ratio of distinct values to rows is what the measurement tells; keep it
        double scaled = (double) n * currentRows / rows;
        return Math.max(currentRows > 0 ? 1 : 0, Math.min(currentRows, Math.round(scaled)));
    }

    /** Rows per distinct prefix of {@code parts} parts (at least 1), or -1 when not measured. */
    public double rowsPerKey(IndexDef index, int parts, long currentRows) {
        long d = cardinality(index, parts, currentRows);
        if (d < 0) return -1;
        return d == 0 ? 1 : Math.max(1, (double) currentRows / d);
    }
}
