package dev.basalt.engine.exec.window;

import dev.basalt.engine.exec.QueryMemory;
import dev.basalt.engine.exec.spill.SpillFile;
import dev.basalt.engine.expr.EvalContext;
import dev.basalt.engine.function.Accumulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The window functions of a {@link BigPartition} that read rows a bounded number of positions
 * around the current one: LAG and LEAD, and ROWS frames whose ends are a fixed number of rows
 * away (aggregates, FIRST_VALUE, LAST_VALUE, NTH_VALUE over {@code ROWS BETWEEN 3 PRECEDING AND
 * 2 FOLLOWING} and the like). The partition streams through a buffer holding the rows from
 * {@code behind} positions before the row being finished to {@code ahead} positions after it: a
 * row is finished, and written out, once the rows it needs have arrived (or the partition ended).
 * Memory is the buffer's rows, counted against the statement's budget: offsets too large for it
 * (LEAD(x, 10000000)) fail with 1041 as an in-memory partition would.
 */
final class RowWindow {

    /** How far from the current row a function reads, in rows (both >= 0). */
    record Reach(long behind, long ahead) {}

    private final WindowGroup group;
    private final EvalContext ctx;
    private final long m;
    private final int[] functions;
    private final long behind, ahead;
    private final QueryMemory.Lease memory;
    private final SpillFile out;
    /** Values that need no buffer: the partition's first row's and nth row's argument. */
    private final Object[] captured;
    /** ROWS frames from UNBOUNDED PRECEDING to n PRECEDING/FOLLOWING: one running accumulator each. */
    private final Accumulator[] running;
    private final long[] fed;

    /** Buffered rows; buffer.get(head) is row number {@code first}. */
    private final List<Object[]> buffer = new ArrayList<>();
    private int head;
    private long first;
    private long arrived;
    private long next;
    private int mostBuffered;

    RowWindow(WindowGroup group, EvalContext ctx, long m, int[] functions, Object[] captured,
              QueryMemory.Lease memory, SpillFile out) {
        this.group = group;
        this.ctx = ctx;
        this.m = m;
        this.functions = functions;
        this.captured = captured;
        this.memory = memory;
        this.out = out;
        long b = 0, a = 0;
        running = new Accumulator[group.functions().size()];
        fed = new long[running.length];
        for (int f : functions) {
            WindowFunctionSpec fn = group.functions().get(f);
            Reach r = reach(fn);
            b = Math.max(b, r.behind());
            a = Math.max(a, r.ahead());
            if (fn.kind() == WindowFunctionSpec.Kind.AGGREGATE && fn.frame().growing()) {
                running[f] = fn.aggregate().newAccumulator();
            }
        }
        behind = b;
        ahead = a;
    }

    /**
     * How far {@code fn} reads around the current row, or null when it is not one of the
     * functions this class evaluates (RANGE frames with offsets, frames up to UNBOUNDED
     * FOLLOWING that start at an offset, ...).
     */
    static Reach reach(WindowFunctionSpec fn) {
        return switch (fn.kind()) {
            case LAG -> new Reach(fn.n(), 0);
            case LEAD -> new Reach(0, fn.n());
            case AGGREGATE, FIRST_VALUE, LAST_VALUE, NTH_VALUE -> frameReach(fn);
            default -> null;
        };
    }

    private static Reach frameReach(WindowFunctionSpec fn) {
        FrameSpec fr = fn.frame();
        if (fr == null || !fr.rows()) return null;
        Long start = offset(fr.start()), end = offset(fr.end());
        boolean fromStart = fr.start().kind() == FrameBoundSpec.Kind.UNBOUNDED_PRECEDING;
        boolean toEnd = fr.end().kind() == FrameBoundSpec.Kind.UNBOUNDED_FOLLOWING;
        // the rows read: [start, end] for aggregates, one row for the others
        Long lo, hi;
        switch (fn.kind()) {
            case AGGREGATE -> {
                if (toEnd || fromStart && end == null) return null;
                lo = fromStart ? end : start; // a running accumulator is fed the frame's last row
                hi = end;
            }
            case FIRST_VALUE -> {
                if (fromStart) return toEnd ? null : new Reach(0, 0); // the captured first row
                lo = hi = start;
            }
            case LAST_VALUE -> {
                if (toEnd) return null;
                lo = hi = end;
            }
            default -> { // NTH_VALUE
                if (fromStart) return toEnd ? null : new Reach(0, 0); // the captured nth row
                lo = hi = start + fn.n() - 1;
            }
        }
        if (lo == null || hi == null) return null;
        return new Reach(Math.max(0, -Math.min(lo, hi)), Math.max(0, Math.max(lo, hi)));
    }

    /** A bound's offset from the current row in rows (PRECEDING negative), null when unbounded. */
    private static Long offset(FrameBoundSpec b) {
        return switch (b.kind()) {
            case PRECEDING -> -b.rows();
            case CURRENT_ROW -> 0L;
            case FOLLOWING -> b.rows();
            default -> null;
        };
    }

    /** The next row of the partition, its other slots filled; rows go out as soon as they are finished. */
    void arrived(Object[] row) {
        buffer.add(row);
        if (buffer.size() - head > mostBuffered) { // the buffer grows to its steady size once
            mostBuffered = buffer.size() - head;
            memory.add(row);
        }
        arrived++;
        while (next < m && next + ahead < arrived) finish(next++);
        forget();
    }

    /** The partition ended: the last rows have all the rows they will get. */
    void finish() {
        while (next < arrived) finish(next++);
        buffer.clear();
        memory.release();
    }

    private void finish(long i) {
        Object[] row = rowAt(i);
        for (int f : functions) row[group.slots()[f]] = value(group.functions().get(f), f, i, row);
        out.write(row);
    }

    private Object value(WindowFunctionSpec fn, int f, long i, Object[] row) {
        switch (fn.kind()) {
            case LAG, LEAD -> {
                long j = fn.kind() == WindowFunctionSpec.Kind.LAG ? i - fn.n() : i + fn.n();
                if (j >= 0 && j < m) return fn.args()[0].eval(ctx, rowAt(j));
                return fn.defaultValue() == null ? null : fn.defaultValue().eval(ctx, row);
            }
            default -> { }
        }
        FrameSpec fr = fn.frame();
        long lo = fr.start().kind() == FrameBoundSpec.Kind.UNBOUNDED_PRECEDING ? 0 : Math.max(0, i + offset(fr.start()));
        long hi = fr.end().kind() == FrameBoundSpec.Kind.UNBOUNDED_FOLLOWING ? m - 1 : Math.min(m - 1, i + offset(fr.end()));
        boolean fromStart = fr.start().kind() == FrameBoundSpec.Kind.UNBOUNDED_PRECEDING;
        return switch (fn.kind()) {
            case FIRST_VALUE -> lo > hi ? null : fromStart ? captured[f] : fn.args()[0].eval(ctx, rowAt(lo));
            case LAST_VALUE -> lo > hi ? null : fn.args()[0].eval(ctx, rowAt(hi));
            case NTH_VALUE -> {
                long at = lo + fn.n() - 1;
                yield lo > hi || at > hi ? null : fromStart ? captured[f] : fn.args()[0].eval(ctx, rowAt(at));
            }
            default -> aggregate(fn, f, lo, hi);
        };
    }

    private Object aggregate(WindowFunctionSpec fn, int f, long lo, long hi) {
        Accumulator acc = running[f];
        if (acc != null) { // the frame only grows: feed it the rows up to its new end
            while (fed[f] <= hi) acc.add(ctx, rowAt(fed[f]++));
            return acc.result();
        }
        acc = fn.aggregate().newAccumulator();
        for (long j = lo; j <= hi; j++) acc.add(ctx, rowAt(j));
        return acc.result();
    }

    private Object[] rowAt(long index) {
        return buffer.get(head + (int) (index - first));
    }

    /** Drops the rows no function will read again; compacts the list now and then. */
    private void forget() {
        while (first < next - behind && head < buffer.size()) {
            buffer.set(head++, null);
            first++;
        }
        if (head > 1024 && head > buffer.size() / 2) {
            buffer.subList(0, head).clear();
            head = 0;
        }
    }
}
