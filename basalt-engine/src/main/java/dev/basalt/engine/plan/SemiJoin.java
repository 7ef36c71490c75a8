package dev.basalt.engine.plan;

import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.GroupKeys;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;
import dev.basalt.engine.types.Values;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A correlated {@code [NOT] EXISTS (SELECT ...)} or {@code x [NOT] IN (SELECT y ...)} whose
 * correlation is a set of equalities {@code inner = outer}, evaluated as a semi-join (anti-join
 * when negated) instead of re-running the subquery per outer row: the subquery without its
 * correlated equalities runs once and its rows go into a hash table keyed by the inner sides;
 * each outer row then probes it with the outer sides. Built by {@link SemiJoinRewrite}.
 * <p>
 * When the inner table has an index on the correlated columns, per-row index lookups (the
 * original correlated plan, {@code perRow}) are cheaper for a few outer rows; the hash table is
 * built only once the probes outnumber a fraction of the inner table's rows (adaptive, since the
 * outer row count is not known when the plan is built).
 * <p>
 * Results are exactly the subquery's: EXISTS is TRUE or FALSE; IN is three-valued as MySQL's:
 * no inner row with matching correlation: FALSE; else x NULL: NULL; some y = x: TRUE; some y
 * NULL: NULL; else FALSE. So NOT IN over a group holding a NULL is never TRUE.
 */
final class SemiJoin implements SubqueryExprs.RunsSubquery {

    /** The decorrelated subquery's rows and how to key them. */
    record Inner(Operator rows, List<Expr> keys, Expr value) {}

    /**
     * What EXPLAIN shows: the expression's text where it is not a join, the join condition, the
     * inner tables' traditional rows (to mark FirstMatch / Not exists) and the inner plan.
     */
    record Shown(String text, String keys, List<ExplainRow> innerRows, Operator plan) {}

    private final Inner inner;
    /** Outer sides of the correlated equalities; their OuterRefs read {@code holder}. */
    private final List<Expr> outerKeys;
    private final Scope.RowHolder holder;
    /** x of {@code x IN (SELECT ...)} in the outer row's layout, null for EXISTS. */
    private final Expr operand;
    private final boolean negated;
    /** The original correlated expression (index lookups per row), or null: hash from the start. */
    private final Expr perRow;
    /** Rows of the subquery's tables: lookups stop paying off past an eighth of them. Asked once, late. */
    private final LongSupplier innerRows;
    private final Shown shown;

    private long probes;
    private long threshold = -1;
    /** EXISTS: the keys seen. IN: correlation key -> the group's values. */
    private Set<Object> keys;
    private Map<Object, Group> groups;

    /** The subquery values of one correlation key, and whether one was NULL. */
    private static final class Group {
        final Set<Object> values = new HashSet<>();
        boolean sawNull;
    }

    SemiJoin(Inner inner, List<Expr> outerKeys, Scope.RowHolder holder, Expr operand, boolean negated, Expr perRow,
             LongSupplier innerRows, Shown shown) {
        this.inner = inner;
        this.outerKeys = outerKeys;
        this.holder = holder;
        this.operand = operand;
        this.negated = negated;
        this.perRow = perRow;
        this.innerRows = innerRows;
        this.shown = shown;
    }

    boolean negated() { return negated; }

    /** True when rows are first answered by index lookups (EXPLAIN shows a nested loop), else hashed. */
    boolean startsWithLookups() { return perRow != null; }

    Shown shown() { return shown; }

    Inner inner() { return inner; }

    List<Expr> outerKeys() { return outerKeys; }

    Expr operand() { return operand; }

    long innerRows() { return innerRows.getAsLong(); }

    @Override public String toString() { return shown.text(); }

    @Override public SqlType type() { return Types.BOOL_RESULT; }

    @Override public boolean nullable() { return operand != null; }

    @Override public boolean isDeterministic() { return false; }

    @Override public Object eval(EvalContext ctx, Object[] row) {
        if (perRow != null && keys == null && groups == null && usingLookups()) return perRow.eval(ctx, row);
        Boolean r = operand == null ? exists(ctx, row) : in(ctx, row);
        if (r == null) return null;
        return r != negated ? 1L : 0L;
    }

    private boolean usingLookups() {
        probes++;
        if (probes < 64) return true;
        if (threshold < 0) threshold = Math.max(64, innerRows.getAsLong() / 8);
        return probes <= threshold;
    }

    private Boolean exists(EvalContext ctx, Object[] row) {
        if (keys == null) build(ctx);
        Object k = outerKey(ctx, row);
        return k != null && keys.contains(k);
    }

    private Boolean in(EvalContext ctx, Object[] row) {
        if (groups == null) build(ctx);
        Object k = outerKey(ctx, row);
        Group g = k == null ? null : groups.get(k);
        if (g == null) return Boolean.FALSE; // no subquery row for this outer row
        Object x = operand.eval(ctx, row);
        if (x == null) return null;
        if (g.values.contains(Values.groupKey(x, operand.type()))) return Boolean.TRUE;
        return g.sawNull ? null : Boolean.FALSE;
    }

    /** The outer row's correlation key, or null when a part is NULL (then nothing matches). */
    private Object outerKey(EvalContext ctx, Object[] row) {
        Object[] saved = holder.row;
        holder.row = row;
        try {
            return key(outerKeys, ctx, row);
        } finally {
            holder.row = saved;
        }
    }

    private static Object key(List<Expr> exprs, EvalContext ctx, Object[] row) {
        if (exprs.size() == 1) {
            Object v = exprs.get(0).eval(ctx, row);
            return v == null ? null : Values.groupKey(v, exprs.get(0).type());
        }
        Object[] parts = new Object[exprs.size()];
        for (int i = 0; i < parts.length; i++) {
            Object v = exprs.get(i).eval(ctx, row);
            if (v == null) return null;
            parts[i] = Values.groupKey(v, exprs.get(i).type());
        }
        return new GroupKeys.Composite(parts);
    }

    /** Runs the decorrelated subquery once and hashes its rows. */
    private void build(EvalContext ctx) {
        Set<Object> k = new HashSet<>();
        Map<Object, Group> g = new HashMap<>();
        Operator rows = inner.rows();
        rows.open();
        try {
            Object[] r;
            while ((r = rows.next()) != null) {
                Object key = key(inner.keys(), ctx, r);
                if (key == null) continue; // a NULL never equals the outer side
                if (inner.value() == null) {
                    k.add(key);
                    continue;
                }
                Group group = g.computeIfAbsent(key, x -> new Group());
                Object v = inner.value().eval(ctx, r);
                if (v == null) group.sawNull = true;
                else group.values.add(Values.groupKey(v, inner.value().type()));
            }
        } finally {
            rows.close();
        }
        if (inner.value() == null) keys = k;
        else groups = g;
    }
}
