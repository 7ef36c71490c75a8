package dev.basalt.engine.plan;

import dev.basalt.engine.expr.And;
import dev.basalt.engine.expr.ColumnRef;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;
import dev.basalt.engine.expr.BinaryOp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Tree utilities over bound expressions: conjunct splitting, column sets, index remapping. */
final class ExprUtil {
    private ExprUtil() {}

    /** a AND b AND c -> [a, b, c]. */
    static List<Expr> conjuncts(Expr e) {
        List<Expr> out = new ArrayList<>();
        addConjuncts(e, out);
        return out;
    }

    private static void addConjuncts(Expr e, List<Expr> out) {
        if (e instanceof And a) {
            for (Expr c : a.children()) addConjuncts(c, out);
        } else {
            out.add(e);
        }
    }

    static Expr and(List<Expr> list) {
        Expr acc = null;
        for (Expr e : list) acc = acc == null ? e : Exprs.binary(BinaryOp.AND, acc, e);
        return acc;
    }

    /** Local column indexes referenced (not counting outer references or subquery internals). */
    static BitSet columns(Expr e) {
        BitSet b = new BitSet();
        collect(e, b);
        return b;
    }

    private static void collect(Expr e, BitSet b) {
        if (e instanceof ColumnRef c) {
            b.set(c.index());
            return;
        }
        for (Expr c : e.children()) collect(c, b);
    }

    /** True if the expression holds a subquery (it then needs rows in the canonical layout). */
    static boolean hasSubquery(Expr e) {
        if (e instanceof SubqueryExprs.RunsSubquery) return true;
        for (Expr c : e.children()) if (hasSubquery(c)) return true;
        return false;
    }

    /** True if the expression reads an enclosing or outer-joined row (an {@link OuterRef}). */
    static boolean readsOuterRow(Expr e) {
        if (e instanceof OuterRef) return true;
        for (Expr c : e.children()) if (readsOuterRow(c)) return true;
        return false;
    }

    /**
     * True if evaluating needs no column of the current row: constants and outer references only,
     * nothing non-deterministic (RAND(), subqueries). Such expressions may bound index ranges.
     */
    static boolean rowIndependent(Expr e) {
        if (e instanceof ColumnRef) return false;
        if (e instanceof OuterRef) return true;
        if (!e.isDeterministic()) return false;
        for (Expr c : e.children()) if (!rowIndependent(c)) return false;
        return true;
    }

    /** Rewrites column references: new index = map[old] (must be >= 0 for every referenced column). */
    static Expr remap(Expr e, int[] map) {
        if (e instanceof ColumnRef c) {
            int n = map[c.index()];
            if (n < 0) throw new IllegalStateException("column " + c.index() + " not available");
            return n == c.index() ? c : c.withIndex(n);
        }
        List<Expr> kids = e.children();
        if (kids.isEmpty()) return e;
        List<Expr> nk = new ArrayList<>(kids.size());
        boolean changed = false;
        for (Expr k : kids) {
            Expr r = remap(k, map);
            changed |= r != k;
            nk.add(r);
        }
        return changed ? e.withChildren(nk) : e;
    }

    /** Replaces column references by reads of the row published in {@code holder} (index nested loops). */
    static Expr toOuter(Expr e, Scope.RowHolder holder) {
        return toOuter(e, holder, null);
    }

    /**
     * The same, naming each column after {@code layout} (the published row's columns), so that
     * EXPLAIN can show which outer column a lookup reads.
     */
    static Expr toOuter(Expr e, Scope.RowHolder holder, List<PlanColumn> layout) {
        if (e instanceof ColumnRef c) {
            String source = layout == null || c.index() >= layout.size() ? null : OuterRef.source(layout.get(c.index()));
            return new OuterRef(holder, c.index(), c.type(), c.nullable(), c.name(), source);
        }
        List<Expr> kids = e.children();
        if (kids.isEmpty()) return e;
        List<Expr> nk = new ArrayList<>(kids.size());
        for (Expr k : kids) nk.add(toOuter(k, holder, layout));
        return e.withChildren(nk);
    }

    /** Shifts all column references by -offset (relation-local indexes). */
    static Expr shift(Expr e, int offset, int width) {
        int[] map = new int[offset + width];
        java.util.Arrays.fill(map, -1);
        for (int i = 0; i < width; i++) map[offset + i] = i;
        return remap(e, map);
    }
}
