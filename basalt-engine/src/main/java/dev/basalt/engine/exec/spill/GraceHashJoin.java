package dev.basalt.engine.exec.spill;

import dev.basalt.engine.exec.Cancellation;
import dev.basalt.engine.exec.Operator;
import dev.basalt.engine.exec.QueryMemory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spilled half of a hash join whose build side outgrew the memory budget (a grace hash join).
 * Both inputs go to {@link Partitions#FANOUT} files by key hash, so matching rows always meet in
 * the same pair of files, and pairs are joined one at a time. A build partition still too big is
 * split again with the next level's hash; one that cannot split (one key, or a join without keys
 * where every row shares the bucket) is joined in chunks: as many build rows as fit, the probe
 * file read once per chunk, a bit per probe row remembering which found a partner so a LEFT join
 * emits its unmatched rows exactly once, with the last chunk.
 *
 * <p>Output comes partition by partition, not in probe order (SQL promises no order here).
 */
public final class GraceHashJoin implements AutoCloseable {

    /** The join's semantics, as the in-memory operator has them. */
    public interface Matcher {
        /** The build row's key, or null when it can never match. */
        Object buildKey(Object[] row);

        /** The probe row's key, or null when it can never match. */
        Object probeKey(Object[] row);

        /** The joined row when the pair satisfies the residual condition, else null. */
        Object[] join(Object[] probe, Object[] build);

        /** What an unmatched probe row gives: the NULL-extended row for a LEFT join, null for an inner one. */
        Object[] unmatched(Object[] probe);
    }

    private record Pair(SpillFile build, SpillFile probe, int depth, boolean noSplit) {}

    private final Matcher matcher;
    private final QueryMemory.Lease memory;
    private Partitions buildParts = new Partitions(0);
    private final Deque<Pair> todo = new ArrayDeque<>();

    // the pair being joined
    private Pair cur;
    private final Map<Object, List<Object[]>> table = new HashMap<>();
    /** First build row of the next chunk (read when the current one was full); null: this chunk is the last. */
    private Object[] pendingBuild;
    private boolean lastChunk;
    private BitSet matchedBefore;
    private long probeOrdinal;
    private Object[] probeRow;
    private List<Object[]> bucket;
    private int pos;
    private boolean matched;

    /**
     * Starts spilling: the rows the operator already holds go to the build partitions; it adds the
     * rest of its build input with {@link #addBuild}, then hands over the probe input.
     */
    public GraceHashJoin(Matcher matcher, QueryMemory.Lease memory, Map<Object, List<Object[]>> inMemory) {
        this.matcher = matcher;
        this.memory = memory;
        moveTo(buildParts, inMemory);
    }

    public void addBuild(Object key, Object[] row) {
        buildParts.add(key.hashCode(), row);
    }

    /** Partitions the whole probe input (the caller opens and closes it); joining starts at {@link #next}. */
    public void partitionProbe(Operator probe) {
        Partitions probeParts = new Partitions(0);
        try {
            Object[] l;
            while ((l = probe.next()) != null) addProbe(probeParts, l);
            queuePairs(buildParts, probeParts, 0);
        } finally {
            probeParts.close();
            buildParts.close();
            buildParts = null;
        }
    }

    /** Writes a hash table's rows to build partitions and gives their memory back. */
    private void moveTo(Partitions build, Map<Object, List<Object[]>> rows) {
        for (var e : rows.entrySet()) {
            for (Object[] r : e.getValue()) build.add(e.getKey().hashCode(), r);
        }
        memory.release();
    }

    private void addProbe(Partitions probe, Object[] row) {
        Cancellation.check();
        Object k = matcher.probeKey(row);
        probe.add(k == null ? 0 : k.hashCode(), row); // a NULL key matches nothing: any partition will do
    }

    private void queuePairs(Partitions build, Partitions probe, int depth) {
        SpillFile[] b = build.takeByIndex();
        SpillFile[] p = probe.takeByIndex();
        int nonEmpty = 0;
        for (SpillFile f : b) if (f != null) nonEmpty++;
        // all build rows in one partition: splitting again by hash would not separate them
        boolean noSplit = nonEmpty <= 1;
        for (int i = 0; i < b.length; i++) {
            if (p[i] == null) {
                if (b[i] != null) b[i].close(); // build rows with no probe row to meet
            } else {
                todo.push(new Pair(b[i], p[i], depth, noSplit));
            }
        }
    }

    /** The next joined row, or null when every pair is done. */
    public Object[] next() {
        while (true) {
            Cancellation.check();
            if (cur == null && !startPair()) return null;
            if (probeRow == null) {
                Object[] l = cur.probe.read();
                if (l == null) {
                    if (lastChunk) {
                        endPair();
                    } else {
                        loadChunk();
                        cur.probe.rewind();
                        probeOrdinal = 0;
                    }
                    continue;
                }
                probeRow = l;
                Object k = matcher.probeKey(l);
                bucket = k == null ? null : table.get(k);
                pos = 0;
                matched = matchedBefore != null && matchedBefore.get((int) probeOrdinal);
            }
            if (bucket != null) {
                while (pos < bucket.size()) {
                    Object[] joined = matcher.join(probeRow, bucket.get(pos++));
                    if (joined != null) {
                        if (!matched && !lastChunk) matchedBefore.set((int) probeOrdinal);
                        matched = true;
                        return joined;
                    }
                }
            }
            Object[] l = probeRow;
            probeRow = null;
            probeOrdinal++;
            if (lastChunk && !matched) {
                Object[] u = matcher.unmatched(l);
                if (u != null) return u;
            }
        }
    }

    /** Takes the next pair and loads its first chunk; splits it instead when it is too big and can split. */
    private boolean startPair() {
        while (!todo.isEmpty()) {
            Pair p = todo.pop();
            cur = p;
            probeRow = null;
            probeOrdinal = 0;
            matchedBefore = null;
            if (p.build == null) { // no build rows: only a LEFT join's unmatched rows come out
                table.clear();
                pendingBuild = null;
                lastChunk = true;
                return true;
            }
            loadChunk();
            if (lastChunk) return true;
            if (!p.noSplit && p.depth + 1 < Partitions.MAX_DEPTH) {
                split(p);
                continue;
            }
            matchedBefore = new BitSet();
            return true;
        }
        cur = null;
        return false;
    }

    /**
     * Fills the table from the build file: the row left over from the last chunk first (a chunk
     * always holds at least one row), then until the budget is full or the file ends.
     */
    private void loadChunk() {
        table.clear();
        memory.release();
        Object[] r = pendingBuild;
        pendingBuild = null;
        boolean first = true;
        while (true) {
            if (r == null) r = cur.build.read();
            if (r == null) {
                lastChunk = true;
                return;
            }
            Cancellation.check();
            if (!memory.tryAdd(r) && !first) {
                pendingBuild = r;
                lastChunk = false;
                return;
            }
            first = false;
            Object k = matcher.buildKey(r);
            if (k != null) table.computeIfAbsent(k, x -> new ArrayList<>(2)).add(r);
            r = null;
        }
    }

    /** Re-partitions a pair one level deeper: the chunk in memory, the rest of the build file, the probe file. */
    private void split(Pair p) {
        Partitions b = new Partitions(p.depth + 1);
        Partitions pr = new Partitions(p.depth + 1);
        try {
            moveTo(b, table);
            table.clear();
            Object[] r = pendingBuild;
            pendingBuild = null;
            while (true) {
                if (r == null) r = p.build.read();
                if (r == null) break;
                Cancellation.check();
                Object k = matcher.buildKey(r);
                if (k != null) b.add(k.hashCode(), r);
                r = null;
            }
            Object[] l;
            while ((l = p.probe.read()) != null) addProbe(pr, l);
            p.build.close();
            p.probe.close();
            queuePairs(b, pr, p.depth + 1);
        } finally {
            b.close();
            pr.close();
            cur = null;
        }
    }

    private void endPair() {
        if (cur.build != null) cur.build.close();
        cur.probe.close();
        cur = null;
        table.clear();
        memory.release();
        matchedBefore = null;
    }

    /** Deletes every file left (the statement ending early, LIMIT, an error). */
    @Override public void close() {
        if (cur != null) endPair();
        for (Pair p : todo) {
            if (p.build != null) p.build.close();
            p.probe.close();
        }
        todo.clear();
        if (buildParts != null) buildParts.close();
        buildParts = null;
        table.clear();
        memory.release();
    }
}
