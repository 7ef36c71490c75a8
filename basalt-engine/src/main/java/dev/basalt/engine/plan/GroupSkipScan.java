package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.exec.FilterOperator;
import dev.basalt.engine.exec.GroupSkipScanOperator;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.expr.ColumnRef;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.function.AggregateFunction;
import dev.basalt.engine.plan.stats.TableEstimates;
import dev.basalt.engine.table.KeyRange;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Plans MySQL's loose index scan for {@code SELECT g, MIN(v), MAX(v) FROM t [WHERE <on g>] GROUP BY g}
 * over an index (g..., v, ...): see GroupSkipScanOperator. Used when ANALYZE TABLE says the groups
 * are big enough (a few seeks per group beat reading every entry), the conditions are only on the
 * grouped columns (so they hold for a whole group or none of it), and the groups are read in
 * ascending key order.
 */
final class GroupSkipScan {
    private GroupSkipScan() {}

    /** Rows per group below which reading every entry is cheaper than three seeks per group. */
    static final double MIN_GROUP_ROWS = 8;

    /** The read, with EXPLAIN's row, or null when the shape does not fit. */
    record Plan(Operator operator, ExplainRow explain) {}

    static Plan plan(Relations.Native rel, List<Expr> conjuncts, List<IndexOrder.Key> keys, List<AggregateFunction> aggregates) {
        if (rel.lockRows() || keys.isEmpty() || rel.txn() == null) return null;
        BitSet grouped = new BitSet();
        for (IndexOrder.Key k : keys) {
            if (k.descending()) return null;
            grouped.set(k.column());
        }
        int value = -1;
        boolean min = false, max = false;
        for (AggregateFunction f : aggregates) {
            if (!(f.name().equals("MIN") || f.name().equals("MAX")) || f.args().size() != 1
                    || !(f.args().getFirst() instanceof ColumnRef c) || value >= 0 && c.index() != value) {
                return null;
            }
            value = c.index();
            min |= f.name().equals("MIN");
            max |= f.name().equals("MAX");
        }
        for (Expr c : conjuncts) {
            if (ExprUtil.hasSubquery(c) || !c.isDeterministic()) return null;
            BitSet cols = ExprUtil.columns(c);
            cols.andNot(grouped);
            if (!cols.isEmpty()) return null;
        }
        TableEstimates est = TableEstimates.of(rel.store(), rel.txn(), null);
        if (est == null || !est.hasIndexStatistics()) return null;
        for (IndexDef index : rel.table().indexes()) {
            if (!fits(rel, index, keys, value)) continue;
            double perGroup = est.rowsPerKey(index, keys.size());
            if (perGroup < MIN_GROUP_ROWS) continue;
            double all = Math.max(1, est.rows() / perGroup);
            // EXPLAIN's rows: as many groups as the rows the conditions select make (an index dive:
            // counted only when EXPLAIN asks)
            java.util.function.LongSupplier shown = conjuncts.isEmpty() ? () -> Math.round(all)
                    : () -> Math.max(1, Math.round(Math.min(all, rel.readCost(conjuncts) / perGroup)));
            return build(rel, index, conjuncts, keys, min, max, all, shown);
        }
        return null;
    }

    /** Whether the index starts with the grouped columns in GROUP BY order, then the MIN/MAX column (if any). */
    private static boolean fits(Relations.Native rel, IndexDef index, List<IndexOrder.Key> keys, int value) {
        if (index.keyless()) return false;
        List<IndexPart> parts = index.parts();
        int need = keys.size() + (value >= 0 ? 1 : 0);
        if (parts.size() < need) return false;
        for (int i = 0; i < need; i++) {
            IndexPart p = parts.get(i);
            int column = i < keys.size() ? keys.get(i).column() : value;
            if (p.column() != column || p.prefixLength() > 0 || p.descending()) return false;
            if (!IndexOrder.orderable(rel.table(), column)) return false;
        }
        return true;
    }

    private static Plan build(Relations.Native rel, IndexDef index, List<Expr> conjuncts, List<IndexOrder.Key> keys,
                              boolean min, boolean max, double groups, java.util.function.LongSupplier shownRows) {
        AccessPlanner.Access access = AccessPlanner.forIndex(rel.table(), index, conjuncts, rel.ctx(), 1000);
        java.util.function.Supplier<List<KeyRange>> ranges = access == null ? () -> List.of(KeyRange.all()) : access.ranges();
        int[] groupColumns = new int[keys.size()];
        for (int i = 0; i < groupColumns.length; i++) groupColumns[i] = keys.get(i).column();
        boolean covering = CoveringScan.covers(rel, index);
        String alias = IndexOrder.alias(rel);
        Operator op = new GroupSkipScanOperator(rel.store(), rel.txn(), index, ranges, groupColumns, min, max, covering, alias);
        if (!conjuncts.isEmpty()) op = new FilterOperator(op, ExprUtil.and(conjuncts), rel.ctx());
        AccessPlanner.Access shown = new AccessPlanner.Access(index, ranges, groups, "range",
                access == null ? 0 : access.usedParts(), access == null ? 0 : access.equalityParts());
        String extra = (conjuncts.isEmpty() ? "" : "Using where; ") + "Using index for group-by";
        ExplainRow row = ExplainRow.of(alias, rel.table(), shown, extra,
                PartitionPruning.explain(rel.table(), conjuncts, rel.ctx()), shownRows);
        return new Plan(op, JsonExplainDetails.attach(row, rel, shown, conjuncts));
    }
}
