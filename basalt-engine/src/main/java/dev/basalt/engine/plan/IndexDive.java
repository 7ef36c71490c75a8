package dev.basalt.engine.plan;

import dev.basalt.engine.exec.CorrelatedRanges;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.table.KeyRange;
import dev.basalt.engine.table.TableStore;
import dev.basalt.engine.txn.Transaction;

import java.util.List;

/**
 * MySQL's index dive: the rows a range access on constants will read, counted in the index
 * itself (a key-only read stopped at {@link #LIMIT} entries, extrapolated past it). ANALYZE's cardinalities answer
 * equalities well but not ranges, and without ANALYZE nothing else answers either; join ordering
 * needs these counts to start from the right table.
 */
final class IndexDive {
    private IndexDive() {}

    /** Entries counted at most per access: past this a range's count is extrapolated (TableStore.estimateEntries). */
    static final long LIMIT = 10_000;

    /** Entries counted at least per range of an access, however many ranges came before. */
    static final long MIN_COUNT = 100;

    /**
     * Rows the access reads, or -1 when no dive applies: no index, a full index read, bounds from
     * an outer row, IN (SELECT ...) (a dive must not run the subquery), or an equality lookup when
     * {@code measured} statistics already give its rows per key. At most {@code tableRows} (when
     * known, above 0): extrapolating by key positions over far-apart keys can overshoot.
     */
    static double rows(TableStore store, Transaction txn, AccessPlanner.Access a, List<Expr> conjuncts, boolean measured,
                       double tableRows) {
        if (txn == null || a.index() == null || a.ranges() == null) return -1;
        if (!(a.type().equals("range") || a.type().equals("ref") && !measured)) return -1;
        if (a.ranges() instanceof CorrelatedRanges) return -1;
        for (Expr c : conjuncts) if (ExprUtil.hasSubquery(c) || !columnsAndConstants(c)) return -1;
        try {
            double n = 0;
            long budget = LIMIT;
            List<KeyRange> ranges = a.ranges().get();
            for (int i = 0; i < ranges.size(); i++) {
                if (budget <= 0) {
                    // the budget is spent (a long IN list): the rest as many entries per range as those counted
                    n += n / i * (ranges.size() - i);
                    break;
                }
                // each range counted up to what is left of the budget (at least MIN_COUNT), then extrapolated
                double entries = store.estimateEntries(txn, a.index(), ranges.get(i), Math.max(MIN_COUNT, budget));
                budget -= (long) Math.max(1, Math.min(entries, budget));
                n += entries;
            }
            return tableRows > 0 ? Math.min(n, tableRows) : n;
        } catch (RuntimeException e) {
            return -1; // a bound that does not evaluate while planning (a parameter, an error): no dive
        }
    }

    /** Whether the conjunct reads only the table's columns and constants (no outer row, nothing non-deterministic). */
    private static boolean columnsAndConstants(Expr e) {
        if (e instanceof dev.basalt.engine.expr.ColumnRef) return true;
        if (!e.isDeterministic()) return false;
        for (Expr c : e.children()) if (!columnsAndConstants(c)) return false;
        return true;
    }
}
