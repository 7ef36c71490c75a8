package dev.basalt.engine.exec;

import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;

import java.util.List;

/**
 * Joins every left row with the (materialized) right rows that satisfy the condition.
 * LEFT joins emit a NULL-extended row when nothing matched. RIGHT joins are planned as LEFT
 * joins with the inputs swapped and the columns put back in order by a projection.
 */
public final class NestedLoopJoinOperator implements Operator {
    private final Operator left;
    private final Operator right;
    private final Expr condition; // may be null (cross join)
    private final boolean leftOuter;
    private final int rightWidth;
    private final EvalContext ctx;
    private List<Object[]> rightRows;
    private Object[] leftRow;
    private int rightPos;
    private boolean matched;

    public NestedLoopJoinOperator(Operator left, Operator right, Expr condition, boolean leftOuter,
                                  int rightWidth, EvalContext ctx) {
        this.left = left;
        this.right = right;
        this.condition = condition;
        this.leftOuter = leftOuter;
        this.rightWidth = rightWidth;
        this.ctx = ctx;
    }

    @Override public void open() {
        rightRows = Rows.drain(right);
        left.open();
        leftRow = null;
    }

    @Override public Object[] next() {
        while (true) {
            if (leftRow == null) {
                Object[] l = left.next();
                if (l == null) return null;
                leftRow = l.clone();
                rightPos = 0;
                matched = false;
            }
            while (rightPos < rightRows.size()) {
                Object[] joined = Rows.concat(leftRow, rightRows.get(rightPos++));
                if (condition == null || condition.test(ctx, joined)) {
                    matched = true;
                    return joined;
                }
            }
            Object[] l = leftRow;
            leftRow = null;
            if (leftOuter && !matched) return Rows.concat(l, new Object[rightWidth]);
        }
    }

    @Override public void close() { left.close(); rightRows = null; }
}
