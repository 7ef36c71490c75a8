package dev.basalt.engine.exec.spill;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-wide spill counters under MySQL's SHOW STATUS names: Created_tmp_disk_tables (a hash
 * aggregation, DISTINCT or UNION that went to disk), Created_tmp_files (every spill file) and
 * Sort_merge_passes (merge passes of an external sort); and Basalt's own: Basalt_spill_files_open
 * (spill files existing now), Basalt_spill_bytes (bytes written to spill files since start) and
 * Basalt_memory_used (what all running statements' operators hold, against the global limit).
 */
public final class SpillStats {
    private static final AtomicLong TMP_DISK_TABLES = new AtomicLong();
    private static final AtomicLong TMP_FILES = new AtomicLong();
    private static final AtomicLong MERGE_PASSES = new AtomicLong();
    private static final AtomicLong OPEN_FILES = new AtomicLong();
    private static final AtomicLong BYTES = new AtomicLong();

    private SpillStats() {}

    static void diskTable() { TMP_DISK_TABLES.incrementAndGet(); }

    static void file() {
        TMP_FILES.incrementAndGet();
        OPEN_FILES.incrementAndGet();
    }

    /** A spill file was deleted after {@code bytes} were written to it. */
    static void fileDeleted(long bytes) {
        OPEN_FILES.decrementAndGet();
        BYTES.addAndGet(bytes);
    }

    static void mergePass() { MERGE_PASSES.incrementAndGet(); }

    public static Map<String, String> snapshot() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Created_tmp_disk_tables", Long.toString(TMP_DISK_TABLES.get()));
        m.put("Created_tmp_files", Long.toString(TMP_FILES.get()));
        m.put("Sort_merge_passes", Long.toString(MERGE_PASSES.get()));
        m.put("Basalt_memory_used", Long.toString(dev.basalt.engine.exec.MemoryGovernor.used()));
        m.put("Basalt_spill_files_open", Long.toString(OPEN_FILES.get()));
        m.put("Basalt_spill_bytes", Long.toString(BYTES.get()));
        return m;
    }
}
