package dev.basalt.engine.plan;

import dev.basalt.engine.exec.IndexNestedLoopJoinOperator;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.expr.BinaryOp;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.Exprs;

import java.util.ArrayList;
import java.util.List;

/**
 * The optional side of an outer join read by index lookups: when it is one native table whose
 * index the ON equalities can seek and the preserved side is small next to it (typically after a
 * WHERE on the preserved table's key was pushed into it), each preserved row costs one lookup
 * instead of building a hash table of the whole optional table.
 */
final class OuterJoinLookup {
    private OuterJoinLookup() {}

    /**
     * @param preservedEstimate rough row count of the preserved side
     * @param preservedColumns  the preserved side's columns (EXPLAIN names the lookup's ref after them)
     * @param leftKeys          ON key expressions over the preserved side's columns
     * @param rightKeys         the matching expressions over the optional table's columns
     * @return the join, or null when a hash join is the better plan
     */
    static Operator plan(Operator preserved, double preservedEstimate, List<PlanColumn> preservedColumns,
                         Relations.Native optional, List<Expr> optionalConjuncts,
                         List<Expr> leftKeys, List<Expr> rightKeys, Expr residual, EvalContext ctx) {
        Scope.RowHolder holder = new Scope.RowHolder();
        List<Expr> probe = new ArrayList<>(optionalConjuncts);
        for (int i = 0; i < leftKeys.size(); i++) {
            probe.add(Exprs.binary(BinaryOp.EQ, rightKeys.get(i), ExprUtil.toOuter(leftKeys.get(i), holder, preservedColumns)));
        }
        AccessPlanner.Access access = AccessPlanner.choose(optional.table(), probe, ctx, 1000);
        if (access.index() == null || access.type().equals("range")) return null;
        if (!access.type().equals("const") && !access.type().equals("eq_ref") && preservedEstimate * 5 > optional.estimate(optionalConjuncts)) return null;
        return new IndexNestedLoopJoinOperator(preserved, optional.build(probe), row -> holder.row = row, residual, true,
                optional.columns().size(), ctx);
    }
}
