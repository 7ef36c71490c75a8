package dev.basalt.pageserver.timeline;

import java.util.Arrays;

/**
 * LSN -> commit time of a timeline, to turn "branch at TIMESTAMP" into "the newest LSN committed at
 * or before it". Commit times come from the compute's clock; they are assumed not to go backwards
 * along the log (a binary search), which holds for one writer with a sane clock.
 */
final class CommitClock {

    private long[] lsns = new long[1024];
    private long[] times = new long[1024];
    private int size;

    synchronized void add(long lsn, long timeMicros) {
        if (size > 0 && lsn <= lsns[size - 1]) return; // replayed after a restart: already known
        if (size == lsns.length) {
            lsns = Arrays.copyOf(lsns, size * 2);
            times = Arrays.copyOf(times, size * 2);
        }
        lsns[size] = lsn;
        times[size] = timeMicros;
        size++;
    }

    /** Merges entries read back from layer files (any order) at startup. */
    synchronized void addAll(long[] moreLsns, long[] moreTimes) {
        for (int i = 0; i < moreLsns.length; i++) add(moreLsns[i], moreTimes[i]);
    }

    /** The newest known LSN whose commit time is {@code <= timeMicros}, or -1 when none is known. */
    synchronized long lsnAt(long timeMicros) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= timeMicros) lo = mid + 1;
            else hi = mid;
        }
        return lo == 0 ? -1 : lsns[lo - 1];
    }

    /** The oldest LSN whose commit time is known, or -1. */
    synchronized long oldestKnown() { return size == 0 ? -1 : lsns[0]; }
}
