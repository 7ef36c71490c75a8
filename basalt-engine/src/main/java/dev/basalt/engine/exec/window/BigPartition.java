package dev.basalt.engine.exec.window;

import dev.basalt.engine.exec.Cancellation;
import dev.basalt.engine.exec.QueryMemory;
import dev.basalt.engine.exec.spill.SpillFile;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.function.Accumulator;

import java.util.Comparator;

/**
 * One window partition bigger than the memory budget, evaluated from its file (sort records
 * {@code {row, partitionKey, orderKey, seq}} in window order) in two sequential passes and no
 * per-row memory. The first pass counts the rows, finds the peer groups (equal ORDER BY keys) and
 * writes one line per peer group to a side file: its size and the values that need the whole
 * group (RANGE frames ending at CURRENT ROW); it also computes whole-partition aggregates. The
 * second pass fills every row's slots and writes the rows out.
 *
 * <p>LAG, LEAD and ROWS frames a fixed number of rows around the current one go through a
 * {@link RowWindow} in the second pass (a buffer of those rows). What needs unbounded lookahead
 * or RANGE offsets (a frame from 3 PRECEDING to UNBOUNDED FOLLOWING, RANGE BETWEEN 5 PRECEDING AND
 * CURRENT ROW) is not supported here: the statement fails with the budget's error (1041), as
 * before spilling existed.
 */
final class BigPartition {
    private enum How { ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, RUNNING, PEERS, WHOLE, FIRST, LAST_ROW, LAST_OF_PEERS, LAST_OF_PARTITION, NTH, AROUND }

    private final WindowGroup group;
    private final EvalContext ctx;
    private final Comparator<Object[]> orderCmp;
    private final How[] how;
    private final QueryMemory.Lease memory;

    BigPartition(WindowGroup group, EvalContext ctx, Comparator<Object[]> orderCmp, QueryMemory.Lease memory) {
        this.memory = memory;
        this.group = group;
        this.ctx = ctx;
        this.orderCmp = orderCmp;
        how = new How[group.functions().size()];
        for (int f = 0; f < how.length; f++) {
            how[f] = classify(group.functions().get(f));
            if (how[f] == null) throw memory.overBudget();
        }
    }

    /** Whether every function of the group can be evaluated here. */
    static boolean supports(WindowGroup group) {
        for (WindowFunctionSpec fn : group.functions()) if (classify(fn) == null) return false;
        return true;
    }

    private static How classify(WindowFunctionSpec fn) {
        How how = classifyGrowing(fn);
        if (how != null) return how;
        return RowWindow.reach(fn) != null ? How.AROUND : null;
    }

    private static How classifyGrowing(WindowFunctionSpec fn) {
        FrameSpec fr = fn.frame();
        boolean growing = fr != null && fr.growing();
        FrameBoundSpec.Kind end = fr == null ? null : fr.end().kind();
        return switch (fn.kind()) {
            case ROW_NUMBER -> How.ROW_NUMBER;
            case RANK -> How.RANK;
            case DENSE_RANK -> How.DENSE_RANK;
            case PERCENT_RANK -> How.PERCENT_RANK;
            case CUME_DIST -> How.CUME_DIST;
            case NTILE -> How.NTILE;
            case AGGREGATE -> !growing ? null
                    : end == FrameBoundSpec.Kind.UNBOUNDED_FOLLOWING ? How.WHOLE
                    : end != FrameBoundSpec.Kind.CURRENT_ROW ? null
                    : fr.rows() ? How.RUNNING : How.PEERS;
            case FIRST_VALUE -> growing && (end == FrameBoundSpec.Kind.CURRENT_ROW || end == FrameBoundSpec.Kind.UNBOUNDED_FOLLOWING)
                    ? How.FIRST : null;
            case LAST_VALUE -> !growing ? null
                    : end == FrameBoundSpec.Kind.UNBOUNDED_FOLLOWING ? How.LAST_OF_PARTITION
                    : end != FrameBoundSpec.Kind.CURRENT_ROW ? null
                    : fr.rows() ? How.LAST_ROW : How.LAST_OF_PEERS;
            // the nth row of the partition, once the frame's end has reached it
            case NTH_VALUE -> growing && (end == FrameBoundSpec.Kind.CURRENT_ROW || end == FrameBoundSpec.Kind.UNBOUNDED_FOLLOWING)
                    ? How.NTH : null;
            default -> null;
        };
    }

    /** Evaluates the partition in {@code records} (deleted afterwards) and appends its rows to {@code out}. */
    void evaluate(SpillFile records, SpillFile out) {
        int n = how.length;
        SpillFile peers = SpillFile.create();
        try {
            // pass 1: size, peer groups, whole-partition values
            Accumulator[] acc = new Accumulator[n];
            Object[] whole = new Object[n];
            for (int f = 0; f < n; f++) {
                if (how[f] == How.WHOLE || how[f] == How.PEERS) acc[f] = group.functions().get(f).aggregate().newAccumulator();
            }
            long m = 0, groupSize = 0;
            Object[] prevKey = null, last = null;
            Object[] rec;
            while ((rec = records.read()) != null) {
                Cancellation.check();
                Object[] row = (Object[]) rec[0], key = (Object[]) rec[2];
                if (prevKey != null && orderCmp.compare(prevKey, key) != 0) {
                    peers.write(peerLine(groupSize, acc, last));
                    groupSize = 0;
                }
                for (int f = 0; f < n; f++) {
                    WindowFunctionSpec fn = group.functions().get(f);
                    if (acc[f] != null) acc[f].add(ctx, row);
                    if (m == 0 && how[f] == How.FIRST) whole[f] = fn.args()[0].eval(ctx, row);
                    if (m == 0 && how[f] == How.AROUND && fn.kind() == WindowFunctionSpec.Kind.FIRST_VALUE) {
                        whole[f] = fn.args()[0].eval(ctx, row);
                    }
                    if (m == fn.n() - 1 && (how[f] == How.NTH
                            || how[f] == How.AROUND && fn.kind() == WindowFunctionSpec.Kind.NTH_VALUE)) {
                        whole[f] = fn.args()[0].eval(ctx, row);
                    }
                }
                prevKey = key;
                last = row;
                groupSize++;
                m++;
            }
            if (m == 0) return;
            peers.write(peerLine(groupSize, acc, last));
            for (int f = 0; f < n; f++) {
                if (how[f] == How.WHOLE) whole[f] = acc[f].result();
                if (how[f] == How.LAST_OF_PARTITION) whole[f] = group.functions().get(f).args()[0].eval(ctx, last);
                acc[f] = how[f] == How.RUNNING ? group.functions().get(f).aggregate().newAccumulator() : null;
            }
            // pass 2: every row's slots; LAG, LEAD and ROWS offsets through a buffer of nearby rows
            int[] around = java.util.stream.IntStream.range(0, n).filter(f -> how[f] == How.AROUND).toArray();
            RowWindow window = around.length == 0 ? null : new RowWindow(group, ctx, m, around, whole, memory, out);
            records.rewind();
            long i = 0, groupStart = 0, groupEnd = 0, denseRank = 0;
            Object[] line = null;
            while ((rec = records.read()) != null) {
                Cancellation.check();
                Object[] row = (Object[]) rec[0];
                if (i == groupEnd) {
                    line = peers.read();
                    groupStart = i;
                    groupEnd = i + (Long) line[0];
                    denseRank++;
                }
                for (int f = 0; f < n; f++) {
                    WindowFunctionSpec fn = group.functions().get(f);
                    row[group.slots()[f]] = switch (how[f]) {
                        case ROW_NUMBER -> i + 1;
                        case RANK -> groupStart + 1;
                        case DENSE_RANK -> denseRank;
                        case PERCENT_RANK -> m == 1 ? 0.0 : (double) groupStart / (m - 1);
                        case CUME_DIST -> (double) groupEnd / m;
                        case NTILE -> ntile(i, m, fn.n());
                        case RUNNING -> {
                            acc[f].add(ctx, row);
                            yield acc[f].result();
                        }
                        case PEERS, LAST_OF_PEERS -> line[1 + f];
                        case WHOLE, FIRST, LAST_OF_PARTITION -> whole[f];
                        case LAST_ROW -> fn.args()[0].eval(ctx, row);
                        case NTH -> {
                            long frameEnd = fn.frame().end().kind() == FrameBoundSpec.Kind.UNBOUNDED_FOLLOWING ? m - 1
                                    : fn.frame().rows() ? i : groupEnd - 1;
                            yield fn.n() - 1 <= frameEnd ? whole[f] : null;
                        }
                        case AROUND -> row[group.slots()[f]]; // the RowWindow's
                    };
                }
                if (window == null) out.write(row);
                else window.arrived(row);
                i++;
            }
            if (window != null) window.finish();
        } finally {
            peers.close();
            records.close();
        }
    }

    /** A peer group's line: its size, then per function the value the whole group shares (or null). */
    private Object[] peerLine(long size, Accumulator[] acc, Object[] lastRow) {
        Object[] line = new Object[1 + how.length];
        line[0] = size;
        for (int f = 0; f < how.length; f++) {
            if (how[f] == How.PEERS) line[1 + f] = acc[f].result();
            if (how[f] == How.LAST_OF_PEERS) line[1 + f] = group.functions().get(f).args()[0].eval(ctx, lastRow);
        }
        return line;
    }

    /** NTILE's bucket of row i of m: the first m % buckets buckets hold one row more. */
    private static long ntile(long i, long m, long buckets) {
        long size = m / buckets;
        long bigger = m % buckets;
        return 1 + (i < bigger * (size + 1) ? i / (size + 1) : bigger + (i - bigger * (size + 1)) / size);
    }
}
