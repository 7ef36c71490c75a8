package dev.basalt.engine.exec.spill;

/**
 * The overflow of a hybrid hash operator (GROUP BY, DISTINCT): rows whose key is not in memory
 * when the budget is full go to one of {@link #FANOUT} files by key hash, so every key lands in
 * exactly one file and each file can be processed alone later (recursively, with a different hash
 * at each level so a partition that is still too big splits further).
 */
public final class Partitions implements AutoCloseable {
    public static final int FANOUT = 16;
    /** Levels of re-partitioning before giving up (16^8 partitions: keys whose hashes collide). */
    public static final int MAX_DEPTH = 8;

    private final SpillFile[] files = new SpillFile[FANOUT];
    private final int depth;

    public Partitions(int depth) {
        this.depth = depth;
        SpillStats.diskTable();
    }

    public int depth() { return depth; }

    /** Writes {@code row} to the partition of {@code keyHash}. */
    public void add(int keyHash, Object[] row) {
        int p = Math.floorMod(mix(keyHash, depth), FANOUT);
        if (files[p] == null) files[p] = SpillFile.create();
        files[p].write(row);
    }

    /** The non-empty partitions, handed over to the caller (who closes them). */
    public java.util.List<SpillFile> take() {
        java.util.List<SpillFile> out = new java.util.ArrayList<>();
        for (int i = 0; i < FANOUT; i++) {
            if (files[i] != null) out.add(files[i]);
            files[i] = null;
        }
        return out;
    }

    /** All partitions by index (null where no row went), handed over to the caller (who closes them). */
    public SpillFile[] takeByIndex() {
        SpillFile[] out = files.clone();
        java.util.Arrays.fill(files, null);
        return out;
    }

    private static int mix(int h, int depth) {
        long x = (h & 0xFFFFFFFFL) * 0x9E3779B97F4A7C15L + depth * 0xC2B2AE3D27D4EB4FL;
        x ^= x >>> 29;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 32;
        return (int) x;
    }

    @Override public void close() {
        for (SpillFile f : take()) f.close();
    }
}
