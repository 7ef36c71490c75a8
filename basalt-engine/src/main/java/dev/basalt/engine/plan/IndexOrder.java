package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.exec.ConcatOperator;
import dev.basalt.engine.exec.CorrelatedRanges;
import dev.basalt.engine.exec.FilterOperator;
import dev.basalt.engine.exec.LimitOperator;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.exec.TableScanOperator;
import dev.basalt.engine.expr.ColumnRef;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;
import dev.basalt.engine.function.AggregateFunction;
import dev.basalt.engine.table.KeyRange;
import dev.basalt.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reading one native table in an index's order, so that ORDER BY needs no sort (and LIMIT stops
 * after n entries) and MIN/MAX read a single entry from one end of an index. MySQL does the same
 * ("Backward index scan" for DESC; "Select tables optimized away" for MIN/MAX).
 *
 * <p>The order of an index is kept only through parts bound by equalities (constant in every row
 * read) followed by the ORDER BY columns, all in one direction; an IN list on the first ORDER BY
 * column still reads in order because its points are scanned in key order.
 */
final class IndexOrder {
    private IndexOrder() {}

    /** One ORDER BY key on a column of the table. */
    record Key(int column, boolean descending) {}

    /** The index to read, its ranges, and whether it is read backwards. */
    record Choice(AccessPlanner.Access access, boolean reverse) {}

    /** Types whose index key order is exactly the order ORDER BY and MIN/MAX use. */
    static boolean orderable(TableDef table, int column) {
        if (column >= table.columns().size()) return false; // hidden row id
        TypeKind k = table.columns().get(column).type().kind();
        if (k == TypeKind.BIT || k == TypeKind.ENUM || k == TypeKind.SET || k == TypeKind.JSON) return false;
        if (k == TypeKind.TIMESTAMP) return false; // stored in UTC: not the session's local order around DST changes
        return k.isInteger() || k == TypeKind.DECIMAL || k.isApproximate() || k.isString() || k.isBinary()
                || k == TypeKind.DATE || k == TypeKind.DATETIME || k == TypeKind.TIME; // YEAR: not checked yet
    }

    /**
     * An index giving the rows in {@code keys} order under these conjuncts, or null when a sort is
     * needed (no such index, or one whose lookup would be clearly worse than the best access path).
     *
     * @param limited whether a LIMIT stops the read early: then reading a secondary index in order
     *                beats a full scan and sort even though each entry costs a row lookup
     */
    static Choice choose(Relations.Native rel, List<Expr> conjuncts, List<Key> keys, boolean limited) {
        TableDef table = rel.table();
        if (keys.isEmpty()) return null;
        boolean desc = keys.getFirst().descending();
        for (Key k : keys) if (k.descending() != desc || !orderable(table, k.column())) return null;
        List<Expr> local = local(conjuncts);
        // a MATCH reads few rows through its FULLTEXT index: sorting them beats reading the table in order
        if (FulltextAccess.find(table, local, rel.lockRows()) != null) return null;
        if (SpatialAccess.find(table, local, rel.lockRows()) != null) return null;
        AccessPlanner.Access best = AccessPlanner.choose(table, local, rel.ctx(), 1000);
        AccessPlanner.Access pick = null;
        for (IndexDef index : table.indexes()) {
            AccessPlanner.Access a = AccessPlanner.forIndex(table, index, local, rel.ctx(), 1000);
            if (a == null || !follows(keyParts(table, index), a.equalityParts(), keys)) continue;
            if (index.equals(best.index())) {
                pick = a;
                break;
            }
            if (!asGoodAs(a, best, index.primary() || limited)) continue;
            if (pick == null || rank(a) > rank(pick)) pick = a;
        }
        return pick == null ? null : new Choice(pick, desc);
    }

    /**
     * The parts an index's entries are ordered by: a secondary index's entries end with the
     * primary key (as InnoDB's do), so rows with equal key values come in primary key order.
     */
    private static List<IndexPart> keyParts(TableDef table, IndexDef index) {
        var pk = table.primaryKey();
        if (index.primary() || pk.isEmpty()) return index.parts();
        List<IndexPart> parts = new ArrayList<>(index.parts());
        for (IndexPart p : pk.get().parts()) {
            if (index.parts().stream().noneMatch(q -> q.column() == p.column())) parts.add(p);
        }
        return parts;
    }

    /** Whether the parts after the equality-bound ones are the ORDER BY columns, in order. */
    private static boolean follows(List<IndexPart> parts, int equalityParts, List<Key> keys) {
        List<Integer> bound = new ArrayList<>();
        for (int i = 0; i < equalityParts; i++) bound.add(parts.get(i).column());
        int p = equalityParts;
        for (Key k : keys) {
            if (bound.contains(k.column())) continue; // constant in every row read
            if (p >= parts.size()) return false;
            IndexPart part = parts.get(p++);
            if (part.column() != k.column() || part.prefixLength() > 0 || part.descending()) return false;
        }
        return true;
    }

    private static int rank(AccessPlanner.Access a) {
        int type = switch (a.type()) {
            case "const", "eq_ref" -> 3;
            case "ref" -> 2;
            case "range" -> 1;
            default -> 0;
        };
        return a.equalityParts() * 10 + type;
    }

    /** Whether reading this index filters as well as the best path (a full scan may be beaten only when allowed). */
    private static boolean asGoodAs(AccessPlanner.Access a, AccessPlanner.Access best, boolean fullScanReplaceable) {
        if (best.index() == null) return fullScanReplaceable || rank(a) > 0;
        return rank(a) >= rank(best);
    }

    /** The conjuncts an index may use: the planner's rule for pushed conjuncts (no subqueries, some column). */
    private static List<Expr> local(List<Expr> conjuncts) {
        List<Expr> out = new ArrayList<>();
        for (Expr c : conjuncts) if (!ExprUtil.hasSubquery(c) && !ExprUtil.columns(c).isEmpty()) out.add(c);
        return out;
    }

    /** The ordered read with every conjunct applied to what it returns. */
    static Operator build(Relations.Native rel, Choice c, List<Expr> conjuncts) {
        String alias = rel.columns().isEmpty() ? rel.table().name() : rel.columns().get(0).table();
        TableScanOperator scan = new TableScanOperator(rel.store(), rel.txn(), c.access().index(), c.access().ranges(),
                c.reverse(), rel.lockRows()).describedAs(alias, c.access().type());
        if (CoveringScan.covers(rel, c.access().index())) scan.indexOnly();
        return conjuncts.isEmpty() ? scan : new FilterOperator(scan, ExprUtil.and(conjuncts), rel.ctx());
    }

    /**
     * EXPLAIN's "Using where": some condition is checked on the rows read. As in MySQL, not when
     * every condition is an equality the const/ref lookup already applies.
     */
    static String usingWhere(AccessPlanner.Access access, List<Expr> conjuncts) {
        if (conjuncts.isEmpty()) return null;
        boolean lookupOnly = ("const".equals(access.type()) || "eq_ref".equals(access.type()) || "ref".equals(access.type()))
                && conjuncts.size() == access.equalityParts();
        return lookupOnly ? null : "Using where";
    }

    static String alias(Relations.Native rel) {
        return rel.columns().isEmpty() ? rel.table().name() : rel.columns().getFirst().table();
    }

    /** The EXPLAIN row of an ordered read. */
    static ExplainRow explain(Relations.Native rel, Choice c, List<Expr> conjuncts) {
        List<String> extra = new ArrayList<>();
        String where = usingWhere(c.access(), conjuncts);
        if (where != null) extra.add(where);
        if (c.reverse()) extra.add("Backward index scan");
        if (CoveringScan.covers(rel, c.access().index())) extra.add("Using index");
        ExplainRow row = ExplainRow.of(alias(rel), rel.table(), c.access(), extra.isEmpty() ? null : String.join("; ", extra),
                PartitionPruning.explain(rel.table(), conjuncts, rel.ctx()), () -> Math.max(1, Math.round(rel.estimate(conjuncts))));
        return JsonExplainDetails.attach(row, rel, c.access(), conjuncts);
    }

    private static final Set<String> MIN_MAX = Set.of("MIN", "MAX");

    /**
     * The read of MIN/MAX's column starting after its NULLs. NULL sorts first in an index, so a
     * MIN over a column with many NULLs would otherwise read (and filter out) every one of them
     * before its answer; MySQL seeks past them the same way. Only when the column is the index
     * part right after the equality-bound ones (else the NULLs skipped would be another column's).
     */
    private static Choice skipNulls(Choice c, int column) {
        AccessPlanner.Access a = c.access();
        int p = a.equalityParts();
        // the index's own parts: bounds cannot reach the primary key appended to its entries (never NULL anyway)
        List<IndexPart> parts = a.index().parts();
        if (p >= parts.size() || parts.get(p).column() != column) return c;
        var ranges = a.ranges();
        java.util.function.Supplier<List<KeyRange>> nonNull = () -> {
            List<KeyRange> out = new ArrayList<>();
            for (KeyRange r : ranges.get()) {
                KeyRange nn = afterNulls(r, p);
                if (nn != null) out.add(nn);
            }
            return out;
        };
        if (ranges instanceof CorrelatedRanges cr) nonNull = new CorrelatedRanges(nonNull, cr.text());
        // a range now (EXPLAIN's "range scan ... over (NULL < k)", and not a whole-index read for the slow log)
        String type = "const".equals(a.type()) || "eq_ref".equals(a.type()) ? a.type() : "range";
        return new Choice(new AccessPlanner.Access(a.index(), nonNull, a.estimate(), type, Math.max(a.usedParts(), p + 1), p,
                a.refs() == null ? null : a.refs().subList(0, Math.min(p, a.refs().size()))),
                c.reverse());
    }

    /** The range without its entries whose part {@code p} is NULL (entries are ordered NULL first); null if none is left. */
    static KeyRange afterNulls(KeyRange r, int p) {
        List<Object> lo = r.lower();
        if (lo == null && p == 0 || lo != null && lo.size() == p && r.lowerInclusive()) {
            List<Object> from = new ArrayList<>(lo == null ? List.of() : lo);
            from.add(null);
            return new KeyRange(from, false, r.upper(), r.upperInclusive());
        }
        if (lo != null && lo.size() == p + 1 && lo.get(p) == null && r.lowerInclusive()) {
            if (lo.equals(r.upper())) return null; // IS NULL's point (of an IS NULL OR ...)
            return new KeyRange(lo, false, r.upper(), r.upperInclusive()); // a range starting at NULL
        }
        return r; // already starts above the NULLs
    }

    /**
     * For a query block whose only aggregates are MIN/MAX of indexed columns and that has no
     * GROUP BY: the first non-NULL qualifying entry from the proper end of an index per
     * aggregate, concatenated. The aggregate over these (at most one row each) equals the
     * aggregate over the whole table, and an empty table still gives one row of NULLs.
     * Null when some aggregate cannot be read this way.
     */
    static Operator minMax(Relations.Native rel, List<Expr> conjuncts, List<AggregateFunction> aggregates) {
        if (aggregates.isEmpty()) return null;
        List<Operator> ends = new ArrayList<>();
        for (AggregateFunction f : aggregates) {
            if (!MIN_MAX.contains(f.name()) || f.args().size() != 1 || !(f.args().getFirst() instanceof ColumnRef col)) {
                return null;
            }
            Choice c = choose(rel, conjuncts, List.of(new Key(col.index(), f.name().equals("MAX"))), true);
            if (c == null) return null;
            List<Expr> filter = new ArrayList<>(conjuncts);
            filter.add(Exprs.isNull(col, true)); // still checked: the seek below is only where the NULLs end
            ends.add(new LimitOperator(build(rel, skipNulls(c, col.index()), filter), 0, 1));
        }
        return ends.size() == 1 ? ends.getFirst() : new ConcatOperator(ends);
    }
}
