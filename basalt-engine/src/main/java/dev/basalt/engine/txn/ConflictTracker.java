package dev.basalt.engine.txn;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers which keys recent commits wrote, with their commit sequence, for first-committer-wins.
 * Entries at or below the oldest active transaction's registration sequence can never conflict
 * again and are pruned, so the table stays bounded by the write volume of the longest-running
 * transaction. {@link #conflicts}/{@link #record} run on the store's serialized commit path; they
 * and {@link #retract} (after a failed commit, on the committer's thread) synchronize on one lock.
 */
final class ConflictTracker {
    /** One commit's entry, shared by all its keys so a failed commit can take exactly its own entries back. */
    record Stamp(long sequence) {}

    /**
     * Prune when the table reaches this size (or twice what the last prune kept). Small on purpose:
     * every written or locked key is looked up here on the commit path and by row locks, and a table
     * of a few thousand entries (nodes, keys, byte arrays) misses the CPU caches on most lookups; a
     * prune costs one pass per this many commits' keys.
     */
    private static final int PRUNE_AT_LEAST = 256;

    /** Guards {@link #lastWrite}, which a prune replaces. */
    private final Object tableLock = new Object();
    private HashMap<ByteKey, Stamp> lastWrite = new HashMap<>();
    /** registration sequence -> number of active transactions registered with it. */
    private final TreeMap<Long, Integer> active = new TreeMap<>();
    private int pruneAt = PRUNE_AT_LEAST;
    /**
     * When the last prune kept more than {@link #PRUNE_AT_LEAST} entries: the sequence it ran at,
     * else -1. Those entries were kept because a transaction registered at or below them was still
     * open (typically the big commit itself, e.g. CREATE INDEX over 100,000 rows, is registered
     * while it records); once no open transaction is registered below this sequence they can all
     * go, without waiting for the table to double.
     */
    private long residueUntil = -1;

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
        synchronized (tableLock) {
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
        synchronized (tableLock) {
            for (ByteKey k : keys) {
                Stamp s = lastWrite.get(k);
                if (s != null && s.sequence() > readAt.getOrDefault(k, snapshotSequence)) return true;
            }
            return false;
        }
    }

    /** True when some key in one of the ranges ({from, to} pairs, null = open) was committed after the snapshot. */
    boolean conflictsInRanges(java.util.List<byte[][]> ranges, long snapshotSequence) {
        synchronized (tableLock) {
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
        synchronized (tableLock) {
            for (ByteKey k : keys) lastWrite.put(k, stamp);
            int size = lastWrite.size();
            if (size >= pruneAt || residueUntil >= 0 && size >= PRUNE_AT_LEAST && oldestActive(sequence - 1) >= residueUntil) {
                // Into a new map: a HashMap never shrinks its table, and after a bulk load (a
                // transaction of 100,000 rows) every prune would walk that table, mostly empty.
                long bound = oldestActive(sequence - 1);
                HashMap<ByteKey, Stamp> kept = new HashMap<>();
                for (Map.Entry<ByteKey, Stamp> e : lastWrite.entrySet()) {
                    if (e.getValue().sequence() > bound) kept.put(e.getKey(), e.getValue());
                }
                lastWrite = kept;
                pruneAt = Math.max(PRUNE_AT_LEAST, kept.size() * 2);
                residueUntil = kept.size() > PRUNE_AT_LEAST ? sequence : -1;
            }
        }
        return stamp;
    }

    /** The commit that recorded {@code stamp} was not applied: forget its entries (not newer ones). */
    void retract(Iterable<ByteKey> keys, Stamp stamp) {
        synchronized (tableLock) {
            for (ByteKey k : keys) lastWrite.remove(k, stamp);
        }
    }

    int size() {
        synchronized (tableLock) { return lastWrite.size(); }
    }
}
