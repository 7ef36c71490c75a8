package dev.basalt.engine.plan;

import dev.basalt.engine.exec.Operator;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a subquery's plan for one outer row: publishes the row to the enclosing scope's holder,
 * then drains the plan. Uncorrelated subqueries run once per statement and are cached.
 */
final class SubqueryRunner {
    private final Operator plan;
    private final Scope.RowHolder outerHolder;
    private final boolean correlated;
    private List<Object[]> cached;
    private boolean cachedComplete;

    SubqueryRunner(Operator plan, Scope.RowHolder outerHolder, boolean correlated) {
        this.plan = plan;
        this.outerHolder = outerHolder;
        this.correlated = correlated;
    }

    boolean correlated() { return correlated; }

    /** The subquery's plan (EXPLAIN shows it under a semi-join). */
    Operator plan() { return plan; }

    /** All rows (at most {@code max}, or all when max < 0). */
    List<Object[]> rows(Object[] outerRow, int max) {
        if (!correlated && cached != null && (cachedComplete || (max >= 0 && cached.size() >= max))) {
            return max >= 0 && cached.size() > max ? cached.subList(0, max) : cached;
        }
        Object[] saved = outerHolder.row;
        outerHolder.row = outerRow;
        List<Object[]> out = new ArrayList<>();
        plan.open();
        try {
            Object[] r;
            while ((r = plan.next()) != null) {
                out.add(r.clone());
                if (max >= 0 && out.size() >= max) break;
            }
        } finally {
            plan.close();
            outerHolder.row = saved;
        }
        if (!correlated) {
            cached = out;
            cachedComplete = max < 0 || out.size() < max;
        }
        return out;
    }
}
