package dev.basalt.engine.exec;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.exec.spill.SpillFile;
import dev.basalt.engine.exec.spill.SpillableRows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * WITH RECURSIVE: the anchor's rows, then the recursive part run again and again over the rows
 * the previous round produced (published through {@code workingRows}), until a round adds
 * nothing. UNION (not ALL) drops rows seen before. Bounded by cte_max_recursion_depth (3636).
 * The result and working tables spill to temporary files beyond the memory budget
 * ({@link SpillableRows}); UNION's seen keys stay in memory and fail with 1041 past the budget.
 */
public final class RecursiveUnionOperator implements Operator {
    private Operator anchor; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private Operator recursive; // not final: EXPLAIN ANALYZE wraps it (wrapInputs)
    private final java.util.function.Consumer<List<Object[]>> workingRows;
    private final Function<Object[], Object> distinctKey; // null for UNION ALL
    private final long maxDepth;
    private SpillableRows result;
    private SpillableRows work;
    private int pos;
    /** UNION's seen keys against the budget. */
    private final QueryMemory.Lease seenMemory = QueryMemory.forHash();

    public RecursiveUnionOperator(Operator anchor, Operator recursive, java.util.function.Consumer<List<Object[]>> workingRows,
                                  Function<Object[], Object> distinctKey, long maxDepth) {
        this.anchor = anchor;
        this.recursive = recursive;
        this.workingRows = workingRows;
        this.distinctKey = distinctKey;
        this.maxDepth = maxDepth;
    }

    @Override public void open() {
        close();
        Set<Object> seen = distinctKey == null ? null : new HashSet<>();
        result = new SpillableRows();
        try {
            SpillableRows next = round(anchor, seen);
            long depth = 0;
            while (!next.isEmpty()) {
                Cancellation.check();
                if (++depth > maxDepth) {
                    next.close();
                    throw new SqlException(ErrorCode.ER_CTE_MAX_RECURSION_DEPTH, maxDepth);
                }
                work = next;
                workingRows.accept(work);
                next = round(recursive, seen);
                work.close();
                work = null;
            }
            next.close();
        } catch (SpillFile.Unspillable e) {
            close();
            throw new SqlException(ErrorCode.ER_OUT_OF_RESOURCES);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        } finally {
            workingRows.accept(List.of());
            seenMemory.release();
        }
        pos = 0;
    }

    /** Runs one part, adding its new rows to the result and returning them as the next working table. */
    private SpillableRows round(Operator part, Set<Object> seen) {
        SpillableRows fresh = new SpillableRows();
        part.open();
        try {
            Object[] r;
            while ((r = part.next()) != null) {
                Cancellation.check();
                if (seen != null) {
                    Object k = distinctKey.apply(r);
                    if (seen.contains(k)) continue;
                    seenMemory.add(r);
                    seen.add(k);
                }
                Object[] copy = r.clone();
                result.append(copy);
                fresh.append(copy);
            }
        } catch (RuntimeException | Error e) {
            fresh.close();
            throw e;
        } finally {
            part.close();
        }
        return fresh;
    }

    @Override public Object[] next() {
        if (result == null || pos >= result.size()) return null;
        Cancellation.check();
        return result.get(pos++);
    }

    @Override public void close() {
        if (work != null) work.close();
        work = null;
        if (result != null) result.close();
        result = null;
    }

    @Override public String explainLabel() { return "Recursive union"; }

    @Override public java.util.List<Operator> inputs() { return java.util.List.of(anchor, recursive); }

    @Override public void wrapInputs(java.util.function.UnaryOperator<Operator> wrap) {
        anchor = wrap.apply(anchor);
        recursive = wrap.apply(recursive);
    }
}
