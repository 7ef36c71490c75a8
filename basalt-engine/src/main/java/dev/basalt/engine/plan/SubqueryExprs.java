package dev.basalt.engine.plan;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.CompareOp;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.types.SqlType;
import dev.basalt.engine.types.Types;
import dev.basalt.engine.types.ValueComparator;
import dev.basalt.engine.types.Values;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Expressions over subqueries: scalar, EXISTS, IN, and ANY/ALL comparisons. */
final class SubqueryExprs {
    private SubqueryExprs() {}

    /** Expressions that run a subquery: they must see rows in their scope's own layout. */
    interface RunsSubquery extends Expr {}

    /** (SELECT x ...): NULL for no row, error 1242 for more than one. */
    record Scalar(SubqueryRunner runner, SqlType type) implements RunsSubquery {
        @Override public String toString() { return "(select ...)"; } // EXPLAIN's wording
        @Override public boolean nullable() { return true; }

        @Override public Object eval(EvalContext ctx, Object[] row) {
            List<Object[]> rows = runner.rows(row, 2);
            if (rows.isEmpty()) return null;
            if (rows.size() > 1) throw new SqlException(ErrorCode.ER_SUBQUERY_NO_1_ROW);
            return rows.get(0)[0];
        }

        @Override public boolean isDeterministic() { return false; }
    }

    /** EXISTS (SELECT ...). */
    record Exists(SubqueryRunner runner, boolean negated) implements RunsSubquery {
        @Override public String toString() { return negated ? "(not exists(select ...))" : "exists(select ...)"; }
        @Override public SqlType type() { return Types.BOOL_RESULT; }

        @Override public boolean nullable() { return false; }

        @Override public Object eval(EvalContext ctx, Object[] row) {
            boolean any = !runner.rows(row, 1).isEmpty();
            return any != negated ? 1L : 0L;
        }

        @Override public boolean isDeterministic() { return false; }
    }

    /**
     * x [NOT] IN (SELECT y ...), three-valued: TRUE if some y = x, else NULL if x is NULL or some y
     * is NULL (or incomparable), else FALSE. Uncorrelated subqueries build a hash set once.
     */
    static final class In implements RunsSubquery {
        private final Expr operand;
        private final SubqueryRunner runner;
        private final SqlType columnType;
        private final boolean negated;
        private final ValueComparator cmp;
        /** Both sides compare in one family, so hashing the subquery's values gives SQL equality. */
        private final boolean hashable;
        private Set<Object> keys;
        private boolean sawNull;

        @Override public String toString() { return "(" + operand + (negated ? " not in " : " in ") + "(select ...))"; }

        /**
         * For an index: {@code column IN (uncorrelated SELECT)} as the subquery's values (run once,
         * cached), else null. The predicate still filters the rows read, so the values only narrow.
         */
        java.util.function.Supplier<List<Object>> semiJoinValues() {
            if (negated || runner.correlated()) return null;
            return () -> {
                List<Object> out = new java.util.ArrayList<>();
                for (Object[] r : runner.rows(null, -1)) out.add(r[0]);
                return out;
            };
        }

        Expr operand() { return operand; }

        SubqueryRunner runner() { return runner; }

        SqlType columnType() { return columnType; }

        In(Expr operand, SubqueryRunner runner, SqlType columnType, boolean negated) {
            this.operand = operand;
            this.runner = runner;
            this.columnType = columnType;
            this.negated = negated;
            this.cmp = Values.comparator(operand.type(), columnType);
            Values.CompareAs family = Values.compareAs(columnType, columnType);
            this.hashable = Values.compareAs(operand.type(), columnType) == family
                    && Values.compareAs(operand.type(), operand.type()) == family;
        }

        @Override public SqlType type() { return Types.BOOL_RESULT; }

        @Override public boolean nullable() { return true; }

        @Override public boolean isDeterministic() { return false; }

        @Override public List<Expr> children() { return List.of(operand); }

        @Override public Expr withChildren(List<Expr> c) { return new In(c.get(0), runner, columnType, negated); }

        @Override public Object eval(EvalContext ctx, Object[] row) {
            Boolean r = contains(ctx, row);
            if (r == null) return null;
            return r != negated ? 1L : 0L;
        }

        private Boolean contains(EvalContext ctx, Object[] row) {
            Object x = operand.eval(ctx, row);
            if (!runner.correlated() && hashable) {
                if (keys == null) {
                    keys = new HashSet<>();
                    for (Object[] r : runner.rows(row, -1)) {
                        if (r[0] == null) sawNull = true;
                        else keys.add(Values.groupKey(r[0], columnType));
                    }
                }
                if (x == null) return keys.isEmpty() && !sawNull ? Boolean.FALSE : null;
                if (keys.contains(Values.groupKey(x, operand.type()))) return Boolean.TRUE;
                return sawNull ? null : Boolean.FALSE;
            }
            List<Object[]> rows = runner.rows(row, -1);
            if (rows.isEmpty()) return Boolean.FALSE;
            if (x == null) return null;
            boolean nullSeen = false;
            for (Object[] r : rows) {
                if (r[0] == null) { nullSeen = true; continue; }
                if (cmp.compare(x, r[0]) == 0) return Boolean.TRUE;
            }
            return nullSeen ? null : Boolean.FALSE;
        }
    }

    /** x op ANY (SELECT ...) / x op ALL (SELECT ...), three-valued. */
    record Quantified(Expr operand, CompareOp op, boolean all, SubqueryRunner runner, SqlType columnType) implements RunsSubquery {
        @Override public String toString() {
            return "(" + operand + " " + op.symbol() + (all ? " all" : " any") + " (select ...))";
        }
        @Override public SqlType type() { return Types.BOOL_RESULT; }

        @Override public boolean nullable() { return true; }

        @Override public boolean isDeterministic() { return false; }

        @Override public List<Expr> children() { return List.of(operand); }

        @Override public Expr withChildren(List<Expr> c) { return new Quantified(c.get(0), op, all, runner, columnType); }

        @Override public Object eval(EvalContext ctx, Object[] row) {
            List<Object[]> rows = runner.rows(row, -1);
            if (rows.isEmpty()) return all ? 1L : 0L;
            Object x = operand.eval(ctx, row);
            if (x == null) return null;
            ValueComparator cmp = Values.comparator(operand.type(), columnType);
            boolean unknown = false;
            for (Object[] r : rows) {
                if (r[0] == null) { unknown = true; continue; }
                boolean holds = op.holds(cmp.compare(x, r[0]));
                if (all && !holds) return 0L;
                if (!all && holds) return 1L;
            }
            if (unknown) return null;
            return all ? 1L : 0L;
        }
    }

    /**
     * Three-valued comparison of two rows: = and <> pairwise (any unequal pair decides), the
     * orderings lexicographically. Returns null for UNKNOWN.
     */
    static Boolean compareRows(Object[] a, List<SqlType> ta, Object[] b, List<SqlType> tb, CompareOp op) {
        if (op == CompareOp.EQ || op == CompareOp.NE || op == CompareOp.NULL_SAFE_EQ) {
            boolean unknown = false;
            for (int i = 0; i < a.length; i++) {
                if (a[i] == null || b[i] == null) {
                    if (op == CompareOp.NULL_SAFE_EQ) {
                        if (a[i] != b[i]) return false;
                        continue;
                    }
                    unknown = true;
                    continue;
                }
                if (Values.compare(a[i], ta.get(i), b[i], tb.get(i)) != 0) return op == CompareOp.NE;
            }
            if (unknown) return null;
            return op != CompareOp.NE;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || b[i] == null) return null;
            int c = Values.compare(a[i], ta.get(i), b[i], tb.get(i));
            if (c != 0) return op.holds(c);
        }
        return op.holds(0);
    }

    private static Object[] evalAll(List<Expr> exprs, EvalContext ctx, Object[] row) {
        Object[] v = new Object[exprs.size()];
        for (int i = 0; i < v.length; i++) v[i] = exprs.get(i).eval(ctx, row);
        return v;
    }

    private static List<SqlType> types(List<Expr> exprs) {
        List<SqlType> t = new java.util.ArrayList<>();
        for (Expr e : exprs) t.add(e.type());
        return t;
    }

    /** (a, b) op (SELECT x, y ...): the subquery must return at most one row. */
    record RowCompare(List<Expr> left, SubqueryRunner runner, List<SqlType> columnTypes, CompareOp op) implements RunsSubquery {
        @Override public SqlType type() { return Types.BOOL_RESULT; }

        @Override public boolean nullable() { return true; }

        @Override public boolean isDeterministic() { return false; }

        @Override public Object eval(EvalContext ctx, Object[] row) {
            List<Object[]> rows = runner.rows(row, 2);
            if (rows.isEmpty()) return null;
            if (rows.size() > 1) throw new SqlException(ErrorCode.ER_SUBQUERY_NO_1_ROW);
            Boolean r = compareRows(evalAll(left, ctx, row), types(left), rows.get(0), columnTypes, op);
            return r == null ? null : r ? 1L : 0L;
        }
    }

    /** (a, b) [NOT] IN (SELECT x, y ...). */
    record RowIn(List<Expr> left, SubqueryRunner runner, List<SqlType> columnTypes, boolean negated) implements RunsSubquery {
        @Override public SqlType type() { return Types.BOOL_RESULT; }

        @Override public boolean nullable() { return true; }

        @Override public boolean isDeterministic() { return false; }

        @Override public Object eval(EvalContext ctx, Object[] row) {
            Object[] v = evalAll(left, ctx, row);
            List<SqlType> lt = types(left);
            boolean unknown = false;
            for (Object[] r : runner.rows(row, -1)) {
                Boolean eq = compareRows(v, lt, r, columnTypes, CompareOp.EQ);
                if (eq == null) unknown = true;
                else if (eq) return negated ? 0L : 1L;
            }
            if (unknown) return null;
            return negated ? 1L : 0L;
        }
    }

    /** (a, b) < (c, d) and the like between row constructors. */
    record RowValues(List<Expr> left, List<Expr> right, CompareOp op) implements Expr {
        @Override public SqlType type() { return Types.BOOL_RESULT; }

        @Override public boolean nullable() { return true; }

        @Override public List<Expr> children() {
            List<Expr> all = new java.util.ArrayList<>(left);
            all.addAll(right);
            return all;
        }

        @Override public Expr withChildren(List<Expr> c) {
            return new RowValues(c.subList(0, left.size()), c.subList(left.size(), c.size()), op);
        }

        @Override public Object eval(EvalContext ctx, Object[] row) {
            Boolean r = compareRows(evalAll(left, ctx, row), types(left), evalAll(right, ctx, row), types(right), op);
            return r == null ? null : r ? 1L : 0L;
        }
    }
}
