package dev.basalt.engine.txn;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers which keys recent commits wrote, with their commit sequence, for first-committer-wins.
 * Entries at or below the oldest active transaction's registration sequence can never conflict
 * again and are pruned, so the table stays bounded by the write volume of the longest-running
 * transaction. {@link #check}/{@link #record} run on the store's serialized commit path only;
 * registration is synchronized separately.
 */
final class ConflictTracker {
    private final Map<ByteKey, Long> lastWrite = new HashMap<>();
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
    boolean conflicts(Iterable<byte[]> keys, long snapshotSequence) {
        for (byte[] k : keys) {
            Long seq = lastWrite.get(ByteKey.of(k));
            if (seq != null && seq > snapshotSequence) return true;
        }
        return false;
    }

    void record(Iterable<byte[]> keys, long sequence) {
        for (byte[] k : keys) lastWrite.put(ByteKey.of(k), sequence);
        if (lastWrite.size() >= pruneAt) {
            long bound = oldestActive(sequence - 1);
            Iterator<Long> it = lastWrite.values().iterator();
            while (it.hasNext()) if (it.next() <= bound) it.remove();
            pruneAt = Math.max(4096, lastWrite.size() * 2);
        }
    }

    int size() { return lastWrite.size(); }
}
