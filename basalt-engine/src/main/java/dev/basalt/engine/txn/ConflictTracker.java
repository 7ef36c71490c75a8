package dev.basalt.engine.txn;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers which keys recent commits wrote, with their commit sequence, for first-committer-wins.
 * Entries at or below the oldest active transaction's registration sequence can never conflict
 * again and are pruned, so the table stays bounded by the write volume of the longest-running
 * transaction. {@link #conflicts}/{@link #record} run on the store's serialized commit path; they
 * and {@link #retract} (after a failed commit, on the committer's thread) synchronize on the table.
 */
final class ConflictTracker {
    /** One commit's entry, shared by all its keys so a failed commit can take exactly its own entries back. */
    record Stamp(long sequence) {}

    private final Map<ByteKey, Stamp> lastWrite = new HashMap<>();
    /** registration sequence -> number of active transactions registered with it. */
    private final TreeMap<Long, Integer> active = new TreeMap<>();
    private int pruneAt = 4096;

    synchronized void register(long sequence) { active.merge(sequence, 1, Integer::sum); }

    synchronized void unregister(long sequence) {
        active.computeIfPresent(sequence, (k, n) -> n == 1 ? null : n - 1);
    }

    synchronized int activeCount() {
        int n = 0;
        for (int c : active.values()) n += c;
        return n;
    }

    private synchronized long oldestActive(long fallback) {
        return active.isEmpty() ? fallback : Math.min(active.firstKey(), fallback);
    }

    /** True when some key was committed after {@code snapshotSequence}. */
    boolean conflicts(Iterable<ByteKey> keys, long snapshotSequence) {
        synchronized (lastWrite) {
            for (ByteKey k : keys) {
                Stamp s = lastWrite.get(k);
                if (s != null && s.sequence() > snapshotSequence) return true;
            }
            return false;
        }
    }

    /**
     * Like {@link #conflicts(Iterable, long)}, but a key in {@code readAt} (read by a current read)
     * counts as conflicting only when committed after the sequence it was read at.
     */
    boolean conflicts(Iterable<ByteKey> keys, long snapshotSequence, Map<ByteKey, Long> readAt) {
        if (readAt == null) return conflicts(keys, snapshotSequence);
        synchronized (lastWrite) {
            for (ByteKey k : keys) {
                Stamp s = lastWrite.get(k);
                if (s != null && s.sequence() > readAt.getOrDefault(k, snapshotSequence)) return true;
            }
            return false;
        }
    }

    /** True when some key in one of the ranges ({from, to} pairs, null = open) was committed after the snapshot. */
    boolean conflictsInRanges(java.util.List<byte[][]> ranges, long snapshotSequence) {
        synchronized (lastWrite) {
            for (Map.Entry<ByteKey, Stamp> e : lastWrite.entrySet()) {
                if (e.getValue().sequence() <= snapshotSequence) continue;
                byte[] k = e.getKey().bytes();
                for (byte[][] r : ranges) {
                    if ((r[0] == null || java.util.Arrays.compareUnsigned(k, r[0]) >= 0)
                            && (r[1] == null || java.util.Arrays.compareUnsigned(k, r[1]) < 0)) return true;
                }
            }
            return false;
        }
    }

    Stamp record(Iterable<ByteKey> keys, long sequence) {
        Stamp stamp = new Stamp(sequence);
        synchronized (lastWrite) {
            for (ByteKey k : keys) lastWrite.put(k, stamp);
            if (lastWrite.size() >= pruneAt) {
                long bound = oldestActive(sequence - 1);
                Iterator<Stamp> it = lastWrite.values().iterator();
                while (it.hasNext()) if (it.next().sequence() <= bound) it.remove();
                pruneAt = Math.max(4096, lastWrite.size() * 2);
            }
        }
        return stamp;
    }

    /** The commit that recorded {@code stamp} was not applied: forget its entries (not newer ones). */
    void retract(Iterable<ByteKey> keys, Stamp stamp) {
        synchronized (lastWrite) {
            for (ByteKey k : keys) lastWrite.remove(k, stamp);
        }
    }

    int size() {
        synchronized (lastWrite) { return lastWrite.size(); }
    }
}
