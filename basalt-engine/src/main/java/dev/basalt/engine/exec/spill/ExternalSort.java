package dev.basalt.engine.exec.spill;

import dev.basalt.engine.exec.Cancellation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The merge half of an external merge sort: sorted runs (files, in arrival order) are merged
 * {@link #FAN_IN} at a time until one pass can stream the result. Ties go to the earlier run, so
 * the sort stays stable like the in-memory one. Every pass counts in Sort_merge_passes; every row
 * checks for KILL / max_execution_time.
 */
public final class ExternalSort implements AutoCloseable {
    /** Runs merged at once: each open run holds one read buffer. */
    static final int FAN_IN = 64;

    private final Comparator<Object[]> order;
    private List<SpillFile> runs;
    private PriorityQueue<Head> heap;

    private record Head(Object[] row, int run) {}

    public ExternalSort(List<SpillFile> runs, Comparator<Object[]> order) {
        this.runs = new ArrayList<>(runs);
        this.order = order;
        while (this.runs.size() > FAN_IN) intermediatePass();
        heap = startMerge(this.runs);
        SpillStats.mergePass();
    }

    /** Writes a sorted buffer as a run. */
    public static SpillFile writeRun(List<Object[]> sorted) {
        SpillFile f = SpillFile.create();
        try {
            for (Object[] r : sorted) {
                Cancellation.check();
                f.write(r);
            }
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    private void intermediatePass() {
        List<SpillFile> next = new ArrayList<>();
        for (int from = 0; from < runs.size(); from += FAN_IN) {
            List<SpillFile> group = runs.subList(from, Math.min(runs.size(), from + FAN_IN));
            if (group.size() == 1) {
                next.add(group.getFirst());
                continue;
            }
            SpillFile out = SpillFile.create();
            next.add(out);
            PriorityQueue<Head> h = startMerge(group);
            Object[] r;
            while ((r = pop(h, group)) != null) out.write(r);
            for (SpillFile f : group) f.close();
        }
        runs = next;
        SpillStats.mergePass();
    }

    private PriorityQueue<Head> startMerge(List<SpillFile> group) {
        PriorityQueue<Head> h = new PriorityQueue<>(Math.max(1, group.size()), (a, b) -> {
            int c = order.compare(a.row, b.row);
            return c != 0 ? c : Integer.compare(a.run, b.run);
        });
        for (int i = 0; i < group.size(); i++) {
            Object[] r = group.get(i).read();
            if (r != null) h.add(new Head(r, i));
        }
        return h;
    }

    private static Object[] pop(PriorityQueue<Head> h, List<SpillFile> group) {
        Cancellation.check();
        Head top = h.poll();
        if (top == null) return null;
        Object[] next = group.get(top.run).read();
        if (next != null) h.add(new Head(next, top.run));
        return top.row;
    }

    /** The next row in order, or null at the end (rows are fresh arrays). */
    public Object[] next() {
        if (heap == null) return null;
        Object[] r = pop(heap, runs);
        if (r == null) close();
        return r;
    }

    /** Deletes the remaining runs. */
    @Override public void close() {
        heap = null;
        for (SpillFile f : runs) f.close();
        runs = List.of();
    }
}
