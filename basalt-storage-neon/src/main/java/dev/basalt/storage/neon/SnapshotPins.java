package dev.basalt.storage.neon;

import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The floor LSN each open snapshot reads the page server at. Overlay versions above the oldest such
 * floor stay, so a snapshot always finds every version between its floor and its own LSN in the
 * overlay. Opening reads the floor under the same lock the trim bound is computed under, so a
 * snapshot can never pin a floor below a bound already handed out.
 */
final class SnapshotPins {

    private final TreeMap<Long, int[]> countByFloor = new TreeMap<>();

    synchronized long pin(LongSupplier floor) {
        long f = floor.getAsLong();
        countByFloor.computeIfAbsent(f, k -> new int[1])[0]++;
        return f;
    }

    synchronized void unpin(long floor) {
        int[] count = countByFloor.get(floor);
        if (count != null && --count[0] == 0) countByFloor.remove(floor);
    }

    /** How far the overlay may be trimmed: the oldest pinned floor, or {@code floor} if none. */
    synchronized long trimBound(long floor) {
        return countByFloor.isEmpty() ? floor : Math.min(floor, countByFloor.firstKey());
    }

    synchronized int open() {
        int n = 0;
        for (int[] c : countByFloor.values()) n += c[0];
        return n;
    }
}
