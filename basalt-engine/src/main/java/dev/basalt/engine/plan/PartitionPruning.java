package dev.basalt.engine.plan;

import dev.basalt.engine.catalog.ColumnDef;
import dev.basalt.engine.catalog.TableDef;
import dev.basalt.engine.expr.Between;
import dev.basalt.engine.expr.Coercion;
import dev.basalt.engine.expr.ColumnRef;
import dev.basalt.engine.expr.CompareOp;
import dev.basalt.engine.expr.Comparison;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.InList;
import dev.basalt.engine.expr.IsNull;
import dev.basalt.engine.partition.Partitioning;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Partition pruning: the partitions a query block can read given its pushed conjuncts, for the
 * {@code partitions} column of EXPLAIN. Equalities and IN lists on every partitioning column are
 * routed as rows; a range on the one column of a monotonic RANGE partitioning keeps the partitions
 * between its ends. Anything else (or any doubt) keeps every partition.
 */
final class PartitionPruning {
    private PartitionPruning() {}

    /** Too many value combinations are not worth routing one by one. */
    private static final int MAX_COMBINATIONS = 256;

    /** EXPLAIN's partitions value: the partitions read, comma-separated; null for a table without partitions. */
    static String explain(TableDef table, List<Expr> conjuncts, EvalContext ctx) {
        if (table.options().partitioning() == null) return null;
        Partitioning p = Partitioning.of(ctx, table);
        TreeSet<Integer> kept;
        try {
            kept = prune(p, table, conjuncts, ctx);
        } catch (RuntimeException e) {
            kept = null; // a value that does not convert: no pruning
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < p.size(); i++) {
            if (kept != null && !kept.contains(i)) continue;
            if (!b.isEmpty()) b.append(',');
            b.append(p.names().get(i));
        }
        return b.isEmpty() ? null : b.toString();
    }

    /** The partitions kept, or null for all. */
    private static TreeSet<Integer> prune(Partitioning p, TableDef table, List<Expr> conjuncts, EvalContext ctx) {
        List<Integer> used = p.usedColumns();
        List<List<Object>> values = new ArrayList<>();
        int combinations = 1;
        for (int c : used) {
            List<Object> v = equalValues(table, c, conjuncts, ctx);
            if (v == null) {
                return used.size() == 1 && p.monotonic() ? ranged(p, table, c, conjuncts, ctx) : null;
            }
            combinations *= Math.max(1, v.size());
            if (combinations > MAX_COMBINATIONS) return null;
            values.add(v);
        }
        TreeSet<Integer> kept = new TreeSet<>();
        route(p, table, used, values, 0, new Object[table.rowWidth()], kept, ctx);
        return kept;
    }

    private static void route(Partitioning p, TableDef table, List<Integer> used, List<List<Object>> values, int at,
                              Object[] row, TreeSet<Integer> kept, EvalContext ctx) {
        if (at == used.size()) {
            try {
                kept.add(p.partitionOf(ctx, row));
            } catch (dev.basalt.engine.api.SqlException e) {
                // no partition holds this value: nothing to read for it
            }
            return;
        }
        for (Object v : values.get(at)) {
            row[used.get(at)] = v;
            route(p, table, used, values, at + 1, row, kept, ctx);
        }
    }

    /** The values a conjunct pins the column to ({@code c = v}, {@code c IN (...)}, {@code c IS NULL}), or null. */
    private static List<Object> equalValues(TableDef table, int column, List<Expr> conjuncts, EvalContext ctx) {
        for (Expr e : conjuncts) {
            if (e instanceof Comparison c && c.op() == CompareOp.EQ) {
                Expr v = other(c, column);
                if (v != null) return List.of(convert(table, column, v, ctx));
            } else if (e instanceof InList in && !in.negated() && isColumn(in.operand(), column)
                    && in.list().stream().allMatch(ExprUtil::rowIndependent)) {
                List<Object> out = new ArrayList<>();
                for (Expr v : in.list()) out.add(convert(table, column, v, ctx));
                return out;
            } else if (e instanceof IsNull n && !n.negated() && isColumn(n.operand(), column)) {
                List<Object> out = new ArrayList<>();
                out.add(null);
                return out;
            }
        }
        return null;
    }

    /** RANGE over one column: the partitions from the lower end's to the upper end's. */
    private static TreeSet<Integer> ranged(Partitioning p, TableDef table, int column, List<Expr> conjuncts, EvalContext ctx) {
        Object lo = null, hi = null;
        for (Expr e : conjuncts) {
            if (e instanceof Comparison c) {
                Expr v = other(c, column);
                if (v == null) continue;
                CompareOp op = c.left() instanceof ColumnRef ? c.op() : c.op().flip();
                if (op == CompareOp.GT || op == CompareOp.GE) lo = convert(table, column, v, ctx);
                else if (op == CompareOp.LT || op == CompareOp.LE) hi = convert(table, column, v, ctx);
            } else if (e instanceof Between b && !b.negated() && isColumn(b.operand(), column)
                    && ExprUtil.rowIndependent(b.low()) && ExprUtil.rowIndependent(b.high())) {
                lo = convert(table, column, b.low(), ctx);
                hi = convert(table, column, b.high(), ctx);
            }
        }
        if (lo == null && hi == null) return null;
        int first = 0, last = p.size() - 1;
        Object[] row = new Object[table.rowWidth()];
        if (lo != null) {
            row[column] = lo;
            try {
                first = p.partitionOf(ctx, row);
            } catch (dev.basalt.engine.api.SqlException e) {
                return new TreeSet<>(); // above every partition
            }
        }
        if (hi != null) {
            row[column] = hi;
            try {
                last = p.partitionOf(ctx, row);
            } catch (dev.basalt.engine.api.SqlException e) {
                last = p.size() - 1;
            }
        }
        TreeSet<Integer> kept = new TreeSet<>();
        for (int i = first; i <= last; i++) kept.add(i);
        return kept;
    }

    private static Expr other(Comparison c, int column) {
        if (isColumn(c.left(), column) && ExprUtil.rowIndependent(c.right())) return c.right();
        if (isColumn(c.right(), column) && ExprUtil.rowIndependent(c.left())) return c.left();
        return null;
    }

    private static boolean isColumn(Expr e, int column) {
        return e instanceof ColumnRef r && r.index() == column;
    }

    /** A constant as the column stores it (throws when it does not convert: the caller then keeps everything). */
    private static Object convert(TableDef table, int column, Expr v, EvalContext ctx) {
        ColumnDef c = table.columns().get(column);
        Object value = v.eval(ctx, null);
        return value == null ? null : Coercion.toColumn(ctx, value, v.type(), c.type(), c.name(), 1);
    }
}
