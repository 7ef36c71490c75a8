package dev.basalt.storage.memory;

import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Counts open snapshots per sequence, so the committer knows the oldest sequence anyone may still
 * read (the prune horizon). Opening a snapshot reads the published sequence inside the same lock
 * the horizon is computed under: a snapshot can therefore never register a sequence older than a
 * horizon already handed out.
 */
final class OpenSnapshots {

    private final TreeMap<Long, int[]> countBySequence = new TreeMap<>();

    synchronized long open(LongSupplier publishedSequence) {
        long seq = publishedSequence.getAsLong();
        countBySequence.computeIfAbsent(seq, k -> new int[1])[0]++;
        return seq;
    }

    synchronized void close(long seq) {
        int[] count = countBySequence.get(seq);
        if (count != null && --count[0] == 0) countBySequence.remove(seq);
    }

    /** The oldest sequence any open snapshot reads, or {@code published} if none is open. */
    synchronized long horizon(long published) {
        return countBySequence.isEmpty() ? published : Math.min(published, countBySequence.firstKey());
    }

    synchronized int openCount() {
        int n = 0;
        for (int[] c : countBySequence.values()) n += c[0];
        return n;
    }
}
