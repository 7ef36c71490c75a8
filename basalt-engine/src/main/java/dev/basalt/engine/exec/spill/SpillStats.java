package dev.basalt.engine.exec.spill;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-wide spill counters under MySQL's SHOW STATUS names: Created_tmp_disk_tables (a hash
 * aggregation, DISTINCT or UNION that went to disk), Created_tmp_files (every spill file) and
 * Sort_merge_passes (merge passes of an external sort).
 */
public final class SpillStats {
    private static final AtomicLong TMP_DISK_TABLES = new AtomicLong();
    private static final AtomicLong TMP_FILES = new AtomicLong();
    private static final AtomicLong MERGE_PASSES = new AtomicLong();

    private SpillStats() {}

    static void diskTable() { TMP_DISK_TABLES.incrementAndGet(); }

    static void file() { TMP_FILES.incrementAndGet(); }

    static void mergePass() { MERGE_PASSES.incrementAndGet(); }

    public static Map<String, String> snapshot() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Created_tmp_disk_tables", Long.toString(TMP_DISK_TABLES.get()));
        m.put("Created_tmp_files", Long.toString(TMP_FILES.get()));
        m.put("Sort_merge_passes", Long.toString(MERGE_PASSES.get()));
        return m;
    }
}
