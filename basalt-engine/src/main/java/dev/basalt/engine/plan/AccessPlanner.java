package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.IndexDef;
import dev.basalt.engine.catalog.IndexPart;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.Between;
import dev.basalt.engine.expr.ColumnRef;
import dev.basalt.engine.expr.CompareOp;
import dev.basalt.engine.expr.Comparison;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.InList;
import dev.basalt.engine.expr.IsNull;
import dev.basalt.engine.expr.Or;
import dev.basalt.engine.plan.stats.IndexEstimate;
import dev.basalt.engine.plan.stats.TableEstimates;
import dev.basalt.engine.table.KeyRange;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.TypeKind;
import dev.basalt.engine.types.Values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Chooses how to read a native table given the conjuncts that apply to it: the index whose
 * leading columns are bound by equalities (and then one range) matches best, preferring the
 * primary key. Bounds are expressions evaluated when the scan opens.
 */
final class AccessPlanner {
    private AccessPlanner() {}

    /** One sargable condition on a column: col op bound, col BETWEEN lo AND hi, col IN (...), col IS NULL. */
    private record Cond(int column, CompareOp op, Expr bound, Expr bound2, List<Expr> inList, boolean isNull,
                        List<Cond> anyOf, Supplier<List<Object>> subqueryValues) {
        Cond(int column, CompareOp op, Expr bound, Expr bound2, List<Expr> inList, boolean isNull) {
            this(column, op, bound, bound2, inList, isNull, null, null);
        }

        Cond(int column, CompareOp op, Expr bound, Expr bound2, List<Expr> inList, boolean isNull, List<Cond> anyOf) {
            this(column, op, bound, bound2, inList, isNull, anyOf, null);
        }

        /** An IN list, IN (SELECT ...) or an OR of conditions on the column: read as several ranges. */
        boolean multiRange() { return inList != null || anyOf != null || subqueryValues != null; }
    }

    /**
     * The chosen access path: an index (null = full scan) and its ranges, computed on demand.
     * {@code type} is MySQL's EXPLAIN access type: const, ref, range or ALL.
     */
    record Access(IndexDef index, Supplier<List<KeyRange>> ranges, double estimate, String type, int usedParts,
                  int equalityParts, List<String> refs) {

        /** An access whose equality parts (if any) are all bound by constants. */
        Access(IndexDef index, Supplier<List<KeyRange>> ranges, double estimate, String type, int usedParts,
               int equalityParts) {
            this(index, ranges, estimate, type, usedParts, equalityParts, null);
        }
    }

    /**
     * @param rows estimated row count of the table (for the cost of a full scan)
     */
    static Access choose(TableDef table, List<Expr> conjuncts, EvalContext ctx, double rows) {
        return choose(table, conjuncts, ctx, rows, null);
    }

    /**
     * With statistics ({@code est} not null, see plan.stats), the index expected to read the
     * fewest rows wins, and a secondary index expected to read a large share of the table loses
     * to a full scan; without them, the structural score decides.
     */
    static Access choose(TableDef table, List<Expr> conjuncts, EvalContext ctx, double rows, TableEstimates est) {
        List<Cond> conds = new ArrayList<>();
        java.util.Map<Cond, Expr> sources = new java.util.IdentityHashMap<>();
        for (Expr c : conjuncts) {
            Cond k = sargable(c, table);
            if (k != null) {
                conds.add(k);
                sources.put(k, c);
            }
        }
        boolean measured = est != null && est.hasIndexStatistics();
        if (measured) rows = est.rows();
        Candidate best = null;
        double bestRows = Double.MAX_VALUE;
        for (IndexDef index : table.indexes()) {
            Candidate c = candidate(index, conds);
            if (c == null) continue;
            if (measured) {
                double r = c.score() < 5 ? Double.MAX_VALUE : IndexEstimate.rows(c.index(), c.eq().size(), c.score() >= 1000,
                        inValues(c.in()), c.range().isEmpty() ? 0 : IndexEstimate.bounds(c.range().size(), c.range().getFirst().bound2() != null),
                        est, rows);
                if (c.score() >= 5 && c.score() < 1000) {
                    // a skewed column: its histogram knows how many rows this value (or range) has, the
                    // index's cardinality only the average per value
                    double h = histogramRows(c, sources, est, ctx, rows);
                    if (h >= 0) r = h;
                }
                if (best == null || r < bestRows || r == bestRows && c.score() > best.score()) {
                    best = c;
                    bestRows = r;
                }
            } else if (best == null || c.score() > best.score()) {
                best = c;
            }
        }
        if (measured && best != null && best.score() < 1000 && !best.index().primary() && constantBounds(best)
                && IndexEstimate.fullScanIsCheaper(bestRows, rows)) {
            best = null; // each entry costs a row lookup: reading most of the table through it is slower than a scan
        }
        if (!measured && est != null && best != null && best.score() >= 5 && best.score() < 1000 && !best.index().primary()
                && constantBounds(best) && histogramShare(best, sources, est, ctx) > IndexEstimate.SCAN_SHARE) {
            best = null; // no ANALYZE yet, but the column's histogram shows the lookup reads most of the table
        }
        Access a = access(table, conjuncts, ctx, rows, best);
        boolean scan = best == null || best.score() < 5;
        if (est == null || !measured && !scan) return a;
        double estimate = scan ? IndexEstimate.filtered(est, conjuncts, ctx, est.rows()) : bestRows;
        return new Access(a.index(), a.ranges(), Math.max(1, estimate), a.type(), a.usedParts(), a.equalityParts(), a.refs());
    }

    /**
     * Rows the candidate's lookup reads by the histograms of the columns it binds: the table's rows
     * times each bound condition's share; -1 unless a histogram answers every one of them.
     */
    private static double histogramRows(Candidate c, java.util.Map<Cond, Expr> sources, TableEstimates est,
                                        EvalContext ctx, double rows) {
        double share = histogramShare(c, sources, est, ctx);
        return share < 0 ? -1 : Math.max(1, rows * share);
    }

    /** The share of the table the candidate's lookup reads by its columns' histograms, or -1. */
    private static double histogramShare(Candidate c, java.util.Map<Cond, Expr> sources, TableEstimates est,
                                         EvalContext ctx) {
        List<Cond> used = new ArrayList<>(c.eq());
        if (c.in() != null) used.add(c.in());
        used.addAll(c.range());
        double share = 1;
        for (Cond k : used) {
            Expr source = sources.get(k);
            double s = source == null ? -1 : est.histogramSelectivity(source, ctx);
            if (s < 0) return -1;
            share *= s;
        }
        return share;
    }

    /** Values an IN list / OR / IN (SELECT) reads (0: none; 10 for a subquery's unknown count). */
    private static int inValues(Cond in) {
        if (in == null) return 0;
        if (in.inList() != null) return in.inList().size();
        if (in.anyOf() != null) return in.anyOf().size();
        return 10;
    }

    /** Whether the candidate's bounds are constants (not an outer row's values, as in a join's index lookups). */
    private static boolean constantBounds(Candidate c) {
        for (Cond e : c.eq()) if (e.bound() != null && !e.bound().isConstant()) return false;
        return true;
    }

    /**
     * The access through one given index (for reading in its order), with whatever its leading
     * columns can use of the conjuncts; null when the index cannot be range-scanned at all.
     */
    static Access forIndex(TableDef table, IndexDef index, List<Expr> conjuncts, EvalContext ctx, double rows) {
        List<Cond> conds = new ArrayList<>();
        for (Expr c : conjuncts) {
            Cond k = sargable(c, table);
            if (k != null) conds.add(k);
        }
        Candidate c = candidate(index, conds);
        if (c == null) return null;
        if (c.score() < 5) {
            // nothing bound: the whole index, NULLs included, in key order
            return new Access(index, () -> List.of(KeyRange.all()), Math.max(1, rows), "index", 0, 0);
        }
        return access(table, conjuncts, ctx, rows, c);
    }

    /** How well an index serves the conditions: equalities on leading parts, then an IN list or a range. */
    private record Candidate(IndexDef index, List<Cond> eq, List<Cond> range, Cond in, double score) {}

    private static Candidate candidate(IndexDef index, List<Cond> conds) {
        if (index.keyless()) return null; // word or MBR entries, no keys to range-scan (see FulltextAccess, SpatialAccess)
        List<Cond> eq = new ArrayList<>();
        List<Cond> range = new ArrayList<>();
        Cond in = null;
        for (IndexPart part : index.parts()) {
            if (part.prefixLength() > 0 || part.descending()) break;
            Cond e = equality(conds, part.column());
            if (e != null) {
                eq.add(e);
                continue;
            }
            if (eq.isEmpty()) {
                for (Cond c : conds) if (c.column() == part.column() && c.multiRange()) { in = c; break; }
                if (in != null) break;
            }
            for (Cond c : conds) {
                if (c.column() == part.column() && !c.multiRange() && c.op() != CompareOp.EQ && !c.isNull()) {
                    range.add(c);
                }
            }
            break;
        }
        double score;
        boolean full = eq.size() == index.parts().size();
        if (full && index.unique() && eq.stream().noneMatch(Cond::isNull)) score = 1000;
        else score = eq.size() * 10 + (in != null ? 8 : 0) + (range.isEmpty() ? 0 : 5);
        if (index.primary()) score += 1;
        return new Candidate(index, eq, range, in, score);
    }

    private static Access access(TableDef table, List<Expr> conjuncts, EvalContext ctx, double rows, Candidate best) {
        double bestScore = best == null ? 0 : best.score();
        double all = Math.max(1, rows);
        double filtered = conjuncts.isEmpty() ? all : Math.max(1, all / (2.0 * conjuncts.size()));
        if (best == null || bestScore < 5) return new Access(null, null, filtered, "ALL", 0, 0);
        IndexDef index = best.index();
        List<Cond> eq = best.eq();
        List<Cond> range = best.range();
        Cond in = best.in();
        double estimate = bestScore >= 1000 ? 1 : Math.min(filtered, Math.max(1, all / (bestScore * bestScore / 10)));
        // one row per outer row's key (a join's lookup) is MySQL's eq_ref; per constant key, const
        String type = bestScore >= 1000 ? (constantBounds(best) ? "const" : "eq_ref")
                : range.isEmpty() && in == null ? "ref" : "range";
        int used = eq.size() + (in != null || !range.isEmpty() ? 1 : 0);
        Supplier<List<KeyRange>> ranges = () -> ranges(table, index, eq, range, in, ctx);
        String correlated = correlatedText(table, eq);
        if (correlated != null) ranges = new dev.basalt.engine.exec.CorrelatedRanges(ranges, correlated);
        return new Access(index, ranges, estimate, type, used, eq.size(), refs(eq));
    }

    /**
     * EXPLAIN's ref per equality part, as MySQL prints it: {@code const} for a constant, the outer
     * column ({@code db.alias.col}) a join's or correlated subquery's lookup reads, {@code func}
     * for any other expression of outer rows. Null when every part is a constant.
     */
    private static List<String> refs(List<Cond> eq) {
        List<String> refs = new ArrayList<>();
        boolean outer = false;
        for (Cond c : eq) {
            String r = c.bound() == null || !ExprUtil.readsOuterRow(c.bound()) ? "const"
                    : c.bound() instanceof OuterRef o && o.source() != null ? o.source() : "func";
            outer |= !r.equals("const");
            refs.add(r);
        }
        return outer ? List.copyOf(refs) : null;
    }

    /** EXPLAIN's {@code id=t_id} for equalities bound by an outer row, or null when all are constant. */
    private static String correlatedText(TableDef table, List<Cond> eq) {
        boolean correlated = false;
        List<String> parts = new ArrayList<>();
        for (Cond c : eq) {
            if (c.bound() == null) return null;
            correlated |= !c.bound().isConstant();
            parts.add(table.columns().get(c.column()).name() + "=" + dev.basalt.engine.exec.ExplainText.condition(c.bound()));
        }
        return correlated ? String.join(", ", parts) : null;
    }

    /** An equality (or IS NULL) on the column, or null. */
    private static Cond equality(List<Cond> conds, int column) {
        for (Cond c : conds) {
            if (c.column() == column && (c.op() == CompareOp.EQ || c.isNull()) && !c.multiRange()) return c;
        }
        return null;
    }

    private static Cond sargable(Expr e, TableDef table) {
        if (e instanceof Or) {
            // an OR of sargable conditions on one column: the union of their ranges
            List<Cond> parts = new ArrayList<>();
            for (Expr d : disjuncts(e, new ArrayList<>())) {
                Cond k = sargable(d, table);
                if (k == null || !parts.isEmpty() && parts.getFirst().column() != k.column()) return null;
                parts.add(k);
            }
            return new Cond(parts.getFirst().column(), CompareOp.EQ, null, null, null, false, parts);
        }
        if (e instanceof SubqueryExprs.In in && in.operand() instanceof ColumnRef col
                && usable(table, col.index(), in.columnType())) {
            Supplier<List<Object>> values = in.semiJoinValues();
            return values == null ? null : new Cond(col.index(), CompareOp.EQ, null, null, null, false, null, values);
        }
        if (e instanceof Comparison c) {
            CompareOp op = c.op();
            if (op == CompareOp.NE || op == CompareOp.NULL_SAFE_EQ) return null;
            if (c.left() instanceof ColumnRef col && ExprUtil.rowIndependent(c.right())
                    && (usable(table, col.index(), c.right().type()) || op == CompareOp.EQ && stringOnInteger(table, col.index(), c.right().type()))) {
                return new Cond(col.index(), op, c.right(), null, null, false);
            }
            if (c.right() instanceof ColumnRef col && ExprUtil.rowIndependent(c.left())
                    && (usable(table, col.index(), c.left().type()) || op == CompareOp.EQ && stringOnInteger(table, col.index(), c.left().type()))) {
                return new Cond(col.index(), op.flip(), c.left(), null, null, false);
            }
            return null;
        }
        if (e instanceof Between b && !b.negated() && b.operand() instanceof ColumnRef col
                && ExprUtil.rowIndependent(b.low()) && ExprUtil.rowIndependent(b.high())
                && usable(table, col.index(), b.low().type()) && usable(table, col.index(), b.high().type())) {
            return new Cond(col.index(), CompareOp.GE, b.low(), b.high(), null, false);
        }
        if (e instanceof InList in && !in.negated() && in.operand() instanceof ColumnRef col) {
            for (Expr v : in.list()) {
                if (!ExprUtil.rowIndependent(v) || !usable(table, col.index(), v.type())) return null;
            }
            return new Cond(col.index(), CompareOp.EQ, null, null, in.list(), false);
        }
        if (e instanceof IsNull n && !n.negated() && n.operand() instanceof ColumnRef col
                && col.index() < table.columns().size()) {
            return new Cond(col.index(), CompareOp.EQ, null, null, null, true);
        }
        return null;
    }

    private static List<Expr> disjuncts(Expr e, List<Expr> out) {
        if (e instanceof Or o) {
            disjuncts(o.left(), out);
            disjuncts(o.right(), out);
        } else {
            out.add(e);
        }
        return out;
    }

    /** The intervals one condition of an OR matches (none when a bound is NULL). */
    private static void intervals(Cond c, SqlType t, EvalContext ctx, List<RangeUnion.Interval> out) {
        if (c.anyOf() != null) {
            for (Cond d : c.anyOf()) intervals(d, t, ctx, out);
            return;
        }
        if (c.isNull()) {
            out.add(RangeUnion.Interval.point(null));
            return;
        }
        if (c.inList() != null) {
            for (Expr e : c.inList()) {
                Object v = keyValue(e.eval(ctx, null), t);
                if (v != null) out.add(RangeUnion.Interval.point(v));
            }
            return;
        }
        Object v = keyValue(c.bound().eval(ctx, null), t);
        if (v == null) return; // a comparison with NULL matches nothing
        if (c.bound2() != null) {
            Object hi = keyValue(c.bound2().eval(ctx, null), t);
            if (hi != null) out.add(new RangeUnion.Interval(v, true, true, hi, true));
            return;
        }
        switch (c.op()) {
            case EQ -> out.add(RangeUnion.Interval.point(v));
            case GT, GE -> out.add(RangeUnion.above(v, c.op() == CompareOp.GE));
            case LT, LE -> out.add(RangeUnion.below(v, c.op() == CompareOp.LE));
            default -> throw new IllegalStateException(c.op().toString());
        }
    }

    /** Whether values of {@code bound} can be turned into keys of the column without changing comparisons. */
    private static boolean usable(TableDef table, int column, SqlType bound) {
        if (column >= table.columns().size()) return false; // hidden row id
        SqlType col = table.columns().get(column).type();
        TypeKind b = bound.kind();
        if (b == TypeKind.NULL_TYPE) return true;
        Values.CompareAs as = Values.compareAs(col, bound);
        TypeKind k = col.kind();
        if (k == TypeKind.BIT || k == TypeKind.YEAR) return false;
        if (k.isInteger()) return as == Values.CompareAs.INTEGER;
        if (k == TypeKind.DECIMAL) return as == Values.CompareAs.DECIMAL && (b.isInteger() || b == TypeKind.DECIMAL);
        if (k.isApproximate()) return b.isNumeric();
        if (k == TypeKind.ENUM || k == TypeKind.SET || k == TypeKind.JSON) return false;
        if (k.isString()) {
            return as == Values.CompareAs.STRING && Values.pickCollation(col, bound) == col.collation();
        }
        if (k.isBinary()) return b.isBinary();
        if (k == TypeKind.DATE || k == TypeKind.DATETIME || k == TypeKind.TIMESTAMP || k == TypeKind.TIME) return b == k
                || (k == TypeKind.TIMESTAMP && b == TypeKind.DATETIME) || (k == TypeKind.DATETIME && b == TypeKind.TIMESTAMP);
        return false;
    }

    /**
     * int_column = 'string' (a string literal, or a parameter sent as text, as PostgreSQL clients
     * send them untyped): MySQL compares them as numbers, and only a string whose number is a
     * whole one can be equal, so an equality reads the index at that key (see keyValue).
     */
    private static boolean stringOnInteger(TableDef table, int column, SqlType bound) {
        if (column >= table.columns().size()) return false;
        SqlType col = table.columns().get(column).type();
        return col.kind().isInteger() && !col.unsigned() && col.kind() != TypeKind.BIT && col.kind() != TypeKind.YEAR
                && bound.kind().isString();
    }

    /** Converts a bound value to the column's Java representation for key encoding. */
    private static Object keyValue(Object v, SqlType col) {
        if (v == null) return null;
        TypeKind k = col.kind();
        if (k.isInteger() && v instanceof String s) {
            // only from stringOnInteger's equalities: a string that is not a whole number equals no integer
            double d = dev.basalt.engine.types.Numbers.parseDouble(s);
            return d == Math.rint(d) && Math.abs(d) < 9.0e18 ? (Object) (long) d : null;
        }
        if (k == TypeKind.DECIMAL) {
            return switch (v) {
                case Long l -> BigDecimal.valueOf(l);
                case BigInteger b -> new BigDecimal(b);
                default -> v;
            };
        }
        if (k.isApproximate() && v instanceof Number n) return n.doubleValue();
        return v;
    }

    private static List<KeyRange> ranges(TableDef table, IndexDef index, List<Cond> eq, List<Cond> range, Cond in,
                                         EvalContext ctx) {
        List<Object> prefix = new ArrayList<>();
        for (Cond c : eq) {
            SqlType t = table.columns().get(c.column()).type();
            if (c.isNull()) {
                prefix.add(null);
                continue;
            }
            Object v = keyValue(c.bound().eval(ctx, null), t);
            if (v == null) return List.of(); // col = NULL matches nothing
            prefix.add(v);
        }
        if (in != null && in.anyOf() != null) {
            SqlType t = table.columns().get(in.column()).type();
            List<RangeUnion.Interval> parts = new ArrayList<>();
            intervals(in, t, ctx, parts);
            return RangeUnion.ranges(prefix, parts, Values.orderComparator(t));
        }
        if (in != null) {
            SqlType t = table.columns().get(in.column()).type();
            Comparator<Object> order = Values.orderComparator(t);
            List<Object> values = new ArrayList<>();
            if (in.subqueryValues() != null) {
                for (Object o : in.subqueryValues().get()) {
                    Object v = keyValue(o, t);
                    if (v != null) values.add(v);
                }
            } else {
                for (Expr e : in.inList()) {
                    Object v = keyValue(e.eval(ctx, null), t);
                    if (v != null) values.add(v);
                }
            }
            values.sort(order);
            List<KeyRange> out = new ArrayList<>();
            Object prev = null;
            for (Object v : values) {
                if (prev != null && order.compare(prev, v) == 0) continue;
                prev = v;
                List<Object> p = new ArrayList<>(prefix);
                p.add(v);
                out.add(KeyRange.point(p));
            }
            return out;
        }
        if (range.isEmpty()) return List.of(KeyRange.point(prefix));
        int column = range.get(0).column();
        SqlType t = table.columns().get(column).type();
        Comparator<Object> order = Values.orderComparator(t);
        Object lower = null, upper = null;
        boolean lowerInc = true, upperInc = true, hasLower = false, hasUpper = false;
        for (Cond c : range) {
            Object v = keyValue(c.bound().eval(ctx, null), t);
            if (v == null) return List.of(); // comparison with NULL matches nothing
            if (c.bound2() != null) { // BETWEEN
                Object hi = keyValue(c.bound2().eval(ctx, null), t);
                if (hi == null) return List.of();
                if (!hasLower || order.compare(v, lower) > 0) { lower = v; lowerInc = true; hasLower = true; }
                if (!hasUpper || order.compare(hi, upper) < 0) { upper = hi; upperInc = true; hasUpper = true; }
                continue;
            }
            switch (c.op()) {
                case GT, GE -> {
                    boolean inc = c.op() == CompareOp.GE;
                    int cmp = hasLower ? order.compare(v, lower) : 1;
                    if (cmp > 0 || (cmp == 0 && !inc)) { lower = v; lowerInc = inc; hasLower = true; }
                }
                case LT, LE -> {
                    boolean inc = c.op() == CompareOp.LE;
                    int cmp = hasUpper ? order.compare(v, upper) : -1;
                    if (cmp < 0 || (cmp == 0 && !inc)) { upper = v; upperInc = inc; hasUpper = true; }
                }
                default -> { }
            }
        }
        List<Object> lo = new ArrayList<>(prefix);
        List<Object> hi = new ArrayList<>(prefix);
        if (hasLower) {
            lo.add(lower);
        } else {
            lo.add(null); // skip NULLs: a range comparison never matches NULL
            lowerInc = false;
        }
        if (hasUpper) hi.add(upper);
        return List.of(new KeyRange(lo, lowerInc, hasUpper ? hi : (prefix.isEmpty() ? null : hi), upperInc));
    }
}
