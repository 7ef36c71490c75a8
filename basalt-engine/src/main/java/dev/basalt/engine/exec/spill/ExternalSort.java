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
    /** Passes this merge made, the final streaming one included (the statement's Sort_merge_passes). */
    private long passes;

    private record Head(Object[] row, int run) {}

    public ExternalSort(List<SpillFile> runs, Comparator<Object[]> order) {
        this.runs = new ArrayList<>(runs);
        this.order = order;
        while (this.runs.size() > FAN_IN) intermediatePass();
        heap = startMerge(this.runs);
        SpillStats.mergePass();
        passes++;
    }

    public long mergePasses() { return passes; }

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
            next.add(group.size() == 1 ? group.getFirst() : mergeGroup(group, order));
        }
        runs = next;
        SpillStats.mergePass();
        passes++;
    }

    /** Merges consecutive runs into one (stable: ties keep run order) and deletes them. */
    private static SpillFile mergeGroup(List<SpillFile> group, Comparator<Object[]> order) {
        SpillFile out = SpillFile.create();
        try {
            PriorityQueue<Head> h = startMerge(group, order);
            Object[] r;
            while ((r = pop(h, group)) != null) out.write(r);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        for (SpillFile f : group) f.close();
        return out;
    }

    /**
     * The runs of a sort being written. Runs are small when other operators of the statement hold
     * most of its budget (a run per row, at worst), and each run is an open file: so as soon as
     * {@link #FAN_IN} runs of one size class wait, they are merged into one run of the next class
     * (as an LSM tree's levels), and a sort never holds more than FAN_IN files per class, about
     * FAN_IN * log64(rows) in all, instead of one per run. Rows are merged O(log64 n) times.
     */
    public static final class Runs implements AutoCloseable {
        private final Comparator<Object[]> order;
        private final List<SpillFile> files = new ArrayList<>();
        /** Each run's class: 0 as written, one more per merge; never increasing along the list. */
        private final List<Integer> levels = new ArrayList<>();
        private long passes;

        public Runs(Comparator<Object[]> order) {
            this.order = order;
        }

        public void add(SpillFile run) {
            files.add(run);
            levels.add(0);
            while (files.size() >= FAN_IN) {
                int n = files.size(), level = levels.get(n - 1);
                if (levels.get(n - FAN_IN) != level) return; // fewer than FAN_IN runs of the last class
                List<SpillFile> tail = files.subList(n - FAN_IN, n);
                SpillFile merged = mergeGroup(new ArrayList<>(tail), order);
                tail.clear();
                levels.subList(n - FAN_IN, n).clear();
                files.add(merged);
                levels.add(level + 1);
                SpillStats.mergePass();
                passes++;
            }
        }

        public boolean isEmpty() { return files.isEmpty(); }

        /** Merges done while the runs were written (counted in Sort_merge_passes). */
        public long mergePasses() { return passes; }

        /** The runs in arrival order, for {@link ExternalSort}; this object no longer owns them. */
        public List<SpillFile> release() {
            List<SpillFile> out = new ArrayList<>(files);
            files.clear();
            levels.clear();
            return out;
        }

        /** Deletes the runs (a sort that failed). */
        @Override public void close() {
            for (SpillFile f : files) f.close();
            files.clear();
            levels.clear();
        }
    }

    private PriorityQueue<Head> startMerge(List<SpillFile> group) { return startMerge(group, order); }

    private static PriorityQueue<Head> startMerge(List<SpillFile> group, Comparator<Object[]> order) {
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
