package dev.basalt.engine.exec;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * WITH RECURSIVE: the anchor's rows, then the recursive part run again and again over the rows
 * the previous round produced (published through {@code workingRows}), until a round adds
 * nothing. UNION (not ALL) drops rows seen before. Bounded by cte_max_recursion_depth (3636).
 */
public final class RecursiveUnionOperator implements Operator {
    private Operator anchor; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private Operator recursive; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final java.util.function.Consumer<List<Object[]>> workingRows;
    private final Function<Object[], Object> distinctKey; // null for UNION ALL
    private final long maxDepth;
    private List<Object[]> result;
    private int pos;

    public RecursiveUnionOperator(Operator anchor, Operator recursive, java.util.function.Consumer<List<Object[]>> workingRows,
                                  Function<Object[], Object> distinctKey, long maxDepth) {
        this.anchor = anchor;
        this.recursive = recursive;
        this.workingRows = workingRows;
        this.distinctKey = distinctKey;
        this.maxDepth = maxDepth;
    }

    @Override public void open() {
        Set<Object> seen = distinctKey == null ? null : new HashSet<>();
        result = new ArrayList<>();
        List<Object[]> work = fresh(Rows.drain(anchor), seen);
        result.addAll(work);
        long depth = 0;
        while (!work.isEmpty()) {
            Cancellation.check();
            if (++depth > maxDepth) {
                throw new SqlException(ErrorCode.ER_CTE_MAX_RECURSION_DEPTH, maxDepth);
            }
            workingRows.accept(work);
            work = fresh(Rows.drain(recursive), seen);
            result.addAll(work);
        }
        workingRows.accept(List.of());
        pos = 0;
    }

    private List<Object[]> fresh(List<Object[]> rows, Set<Object> seen) {
        if (seen == null) return rows;
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : rows) if (seen.add(distinctKey.apply(r))) out.add(r);
        return out;
    }

    @Override public Object[] next() { return result != null && pos < result.size() ? result.get(pos++) : null; }

    @Override public void close() { result = null; }

    @Override public String explainLabel() { return "Recursive union"; }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(anchor, recursive); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) {
        anchor = wrap.apply(anchor);
        recursive = wrap.apply(recursive);
    }
}
