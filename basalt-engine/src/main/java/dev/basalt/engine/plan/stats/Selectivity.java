package dev.basalt.engine.plan.stats;

import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.Between;
import dev.basalt.engine.expr.ColumnRef;
import dev.basalt.engine.expr.CompareOp;
import dev.basalt.engine.expr.Comparison;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.InList;
import dev.basalt.engine.expr.IsNull;
import dev.basalt.engine.stats.Histogram;

import java.util.Locale;
import java.util.Map;

/**
 * The share of a table's rows a condition on one column keeps, read from the column's histogram
 * (col = c, col &lt;&gt; c, col &lt; c ..., BETWEEN, IN, IS [NOT] NULL with constant operands), and
 * MySQL's fixed guesses where no histogram applies.
 */
final class Selectivity {
    private Selectivity() {}

    /** MySQL's guesses without statistics: equality 10%, range 1/3, BETWEEN 1/9. */
    static final double EQUALITY = 0.1, RANGE = 1.0 / 3, BETWEEN = 1.0 / 9;

    static double guess(Expr c) {
        if (c instanceof Comparison cmp) {
            return switch (cmp.op()) {
                case EQ, NULL_SAFE_EQ -> EQUALITY;
                case NE -> 1 - EQUALITY;
                default -> RANGE;
            };
        }
        if (c instanceof Between b) return b.negated() ? 1 - BETWEEN : BETWEEN;
        if (c instanceof InList in) return Math.min(0.5, EQUALITY * in.list().size());
        if (c instanceof IsNull n) return n.negated() ? 1 - EQUALITY : EQUALITY;
        return 1;
    }

    /** The column of {@code col = constant} (either side), or -1. */
    static int equalityColumn(Expr c) {
        if (!(c instanceof Comparison cmp) || cmp.op() != CompareOp.EQ) return -1;
        if (cmp.left() instanceof ColumnRef col && cmp.right().isConstant()) return col.index();
        if (cmp.right() instanceof ColumnRef col && cmp.left().isConstant()) return col.index();
        return -1;
    }

    /** The histogram's answer for the conjunct, or -1 when it has none. */
    static double of(TableDef table, Map<String, Histogram> histograms, Expr c, EvalContext ctx) {
        try {
            return compute(table, histograms, c, ctx);
        } catch (RuntimeException e) {
            return -1; // a constant that does not evaluate at plan time (parameters, errors): no estimate
        }
    }

    private static double compute(TableDef table, Map<String, Histogram> histograms, Expr c, EvalContext ctx) {
        if (c instanceof Comparison cmp) {
            CompareOp op = cmp.op();
            Expr col = cmp.left(), value = cmp.right();
            if (!(col instanceof ColumnRef) && cmp.right() instanceof ColumnRef) {
                col = cmp.right();
                value = cmp.left();
                op = op.flip();
            }
            Histogram h = histogram(table, histograms, col);
            if (h == null || !value.isConstant()) return -1;
            Comparable<Object> v = h.key(value.eval(ctx, null));
            if (v == null) return -1;
            return switch (op) {
                case EQ, NULL_SAFE_EQ -> h.equalTo(v);
                case NE -> Math.max(0, h.nonNull() - h.equalTo(v));
                case LT -> h.below(v, false);
                case LE -> h.below(v, true);
                case GT -> Math.max(0, h.nonNull() - h.below(v, true));
                case GE -> Math.max(0, h.nonNull() - h.below(v, false));
            };
        }
        if (c instanceof Between b) {
            Histogram h = histogram(table, histograms, b.operand());
            if (h == null || !b.low().isConstant() || !b.high().isConstant()) return -1;
            Comparable<Object> lo = h.key(b.low().eval(ctx, null)), hi = h.key(b.high().eval(ctx, null));
            if (lo == null || hi == null) return -1;
            double in = Math.max(0, h.below(hi, true) - h.below(lo, false));
            return b.negated() ? Math.max(0, h.nonNull() - in) : in;
        }
        if (c instanceof InList in) {
            Histogram h = histogram(table, histograms, in.operand());
            if (h == null) return -1;
            double s = 0;
            for (Expr e : in.list()) {
                if (!e.isConstant()) return -1;
                Comparable<Object> v = h.key(e.eval(ctx, null));
                if (v == null) return -1;
                s += h.equalTo(v);
            }
            s = Math.min(h.nonNull(), s);
            return in.negated() ? Math.max(0, h.nonNull() - s) : s;
        }
        if (c instanceof IsNull n) {
            Histogram h = histogram(table, histograms, n.operand());
            if (h == null) return -1;
            return n.negated() ? h.nonNull() : h.nullValues();
        }
        return -1;
    }

    private static Histogram histogram(TableDef table, Map<String, Histogram> histograms, Expr e) {
        if (!(e instanceof ColumnRef col) || col.index() >= table.columns().size()) return null;
        return histograms.get(table.columns().get(col.index()).name().toLowerCase(Locale.ROOT));
    }
}
