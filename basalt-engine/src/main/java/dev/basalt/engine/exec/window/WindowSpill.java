package dev.basalt.engine.exec.window;

import dev.basalt.engine.exec.Cancellation;
import dev.basalt.engine.exec.QueryMemory;
import dev.basalt.engine.exec.StatementScans;
import dev.basalt.engine.exec.spill.ExternalSort;
import dev.basalt.engine.exec.spill.SpillFile;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.expr.Expr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A window operator's input beyond the memory budget. For each {@link WindowGroup} the rows are
 * sorted on disk (an external merge sort by PARTITION BY, ORDER BY and the previous order, so ties
 * keep it as in memory), then read back one partition at a time: a partition that fits is
 * evaluated in memory by the {@link PartitionEvaluator}; a bigger one goes to its own file and is
 * evaluated by {@link BigPartition} in sequential passes when its functions allow (else it is kept
 * in memory up to the whole budget, then 1041). The rows of the last group's pass are
 * the output.
 *
 * <p>Sort records are {@code {row, partitionKey, orderKey, seq}}: keys are computed once per group.
 */
final class WindowSpill implements AutoCloseable {
    private final EvalContext ctx;
    private final QueryMemory.Lease memory;
    /** The rows in the current order: input, then each group's output. */
    private SpillFile rows;
    private ExternalSort merge;
    /** The statement's counters: each group's on-disk sort adds its passes to Sort_merge_passes, as ORDER BY's do. */
    private final StatementScans scans;

    WindowSpill(EvalContext ctx, QueryMemory.Lease memory, List<Object[]> inMemory, StatementScans scans) {
        this.ctx = ctx;
        this.memory = memory;
        this.scans = scans;
        rows = SpillFile.create();
        for (Object[] r : inMemory) rows.write(r);
        memory.release();
    }

    void add(Object[] row) { rows.write(row); }

    /** Evaluates every group; afterwards {@link #next} returns the output rows. */
    void evaluate(List<WindowGroup> groups) {
        for (WindowGroup g : groups) evaluate(g);
    }

    Object[] next() {
        Object[] r = rows == null ? null : rows.read();
        if (r == null) close();
        return r;
    }

    private void evaluate(WindowGroup g) {
        Comparator<Object[]> pcmp = WindowOperator.comparator(g.partition(), null);
        Comparator<Object[]> ocmp = WindowOperator.comparator(g.order(), g.descending());
        Comparator<Object[]> recordOrder = (a, b) -> {
            int c = pcmp.compare((Object[]) a[1], (Object[]) b[1]);
            if (c == 0) c = ocmp.compare((Object[]) a[2], (Object[]) b[2]);
            return c != 0 ? c : Long.compare((Long) a[3], (Long) b[3]);
        };
        ExternalSort.Runs runs = sortedRuns(g, recordOrder);
        long passes = runs.mergePasses();
        merge = new ExternalSort(runs.release(), recordOrder);
        if (scans != null) scans.mergePasses(passes + merge.mergePasses());
        rows.close();
        rows = SpillFile.create();
        PartitionEvaluator pe = new PartitionEvaluator(g, ctx, ocmp);
        boolean streamable = BigPartition.supports(g);
        Object[] rec = merge.next();
        while (rec != null) {
            Cancellation.check();
            // one partition: records while the partition key stays the same
            Object[] pkey = (Object[]) rec[1];
            List<Object[]> part = new ArrayList<>();
            SpillFile big = null;
            while (rec != null && pcmp.compare(pkey, (Object[]) rec[1]) == 0) {
                if (big == null && (part.isEmpty() || memory.tryAdd(rec))) {
                    part.add(rec);
                } else if (!streamable) {
                    memory.add(rec); // LAG, LEAD, sliding frames: the partition must be in memory (1041 past the budget)
                    part.add(rec);
                } else {
                    if (big == null) {
                        big = SpillFile.create();
                        for (Object[] r : part) big.write(r);
                        part.clear();
                        memory.release();
                    }
                    big.write(rec);
                }
                rec = merge.next();
            }
            if (big == null) {
                Object[][] prow = new Object[part.size()][];
                Object[][] pok = new Object[part.size()][];
                for (int i = 0; i < prow.length; i++) {
                    prow[i] = (Object[]) part.get(i)[0];
                    pok[i] = (Object[]) part.get(i)[2];
                }
                pe.evaluate(prow, pok);
                for (Object[] r : prow) rows.write(r);
                memory.release();
            } else {
                new BigPartition(g, ctx, ocmp, memory).evaluate(big, rows);
            }
        }
        merge.close();
        merge = null;
    }

    /** Reads the rows in their current order as sort records and writes them as sorted runs. */
    private ExternalSort.Runs sortedRuns(WindowGroup g, Comparator<Object[]> recordOrder) {
        ExternalSort.Runs runs = new ExternalSort.Runs(recordOrder);
        List<Object[]> buffer = new ArrayList<>();
        long seq = 0;
        try {
            Object[] r;
            while ((r = rows.read()) != null) {
                Cancellation.check();
                Object[] rec = {r, keys(g.partition(), r), keys(g.order(), r), seq++};
                if (!buffer.isEmpty() && !memory.tryAdd(rec)) {
                    buffer.sort(recordOrder);
                    runs.add(ExternalSort.writeRun(buffer));
                    buffer.clear();
                    memory.release();
                }
                buffer.add(rec);
            }
            buffer.sort(recordOrder);
            runs.add(ExternalSort.writeRun(buffer));
            memory.release();
            WindowOperator.countPass(g, seq, true, scans);
            return runs;
        } catch (RuntimeException e) {
            runs.close();
            throw e;
        }
    }

    private Object[] keys(Expr[] exprs, Object[] row) {
        Object[] k = new Object[exprs.length];
        for (int i = 0; i < exprs.length; i++) k[i] = exprs[i].eval(ctx, row);
        return k;
    }

    @Override public void close() {
        if (merge != null) merge.close();
        merge = null;
        if (rows != null) rows.close();
        rows = null;
        memory.release();
    }
}
