package dev.basalt.http;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How /metrics exports the status variables of the engine's status sources (storage, MySQL
 * listener, remote cache, binlog streams, Neon compute) and the engine's own server-wide ones
 * (text plan cache, spills): SHOW STATUS shows them all as plain
 * numbers, but Prometheus tells a counter (only grows from start; named {@code ..._total}, read
 * with {@code rate()}) from a gauge (goes up and down). The counters are listed here by name;
 * everything else is a gauge, which is never a wrong type for a value, only a less useful one.
 * A value counted in microseconds ({@code _us}) is exported in seconds, Prometheus' base unit.
 * Every name gets the {@code basalt_} prefix (MySQL's Aborted_connects: basalt_aborted_connects_total).
 */
final class StatusMetricKinds {

    private StatusMetricKinds() {}

    /** Status variables that only grow while the server runs. */
    private static final Set<String> COUNTERS = Set.of(
            // the MySQL listener (HandshakeGuard): MySQL's names
            "Aborted_clients", "Aborted_connects", "Connection_control_delay_generated", "Basalt_handshakes_evicted",
            // LMDB storage
            "Basalt_storage_commits", "Basalt_storage_group_commits", "Basalt_storage_durable_writes",
            "Basalt_storage_durable_write_time_us", "Basalt_storage_checkpoints",
            // the passthrough result cache and the binlog streams that invalidate it
            "Basalt_remote_cache_hits", "Basalt_remote_cache_misses", "Basalt_remote_cache_stores",
            "Basalt_remote_cache_evictions", "Basalt_remote_cache_invalidations",
            "Basalt_remote_cache_binlog_events", "Basalt_remote_cache_binlog_invalidations",
            "Basalt_remote_cache_binlog_bypasses", "Basalt_remote_cache_binlog_reconnects",
            "Basalt_remote_cache_binlog_gaps",
            // the engine: text plan cache, sorts and hash tables that went to disk
            "Basalt_text_plan_cache_hits", "Basalt_text_plan_cache_misses", "Created_tmp_disk_tables",
            "Created_tmp_files", "Sort_merge_passes", "Sort_rows", "Sort_scan", "Sort_range", "Basalt_spill_bytes",
            "Created_tmp_tables", "Select_full_join", "Select_full_range_join", "Select_range", "Select_range_check", "Select_scan", "Table_locks_immediate", "Table_locks_waited",
            // a Neon compute's page cache
            "Neon_cache_hits", "Neon_cache_misses", "Neon_range_cache_hits", "Neon_range_cache_misses");

    /** Name prefixes of counter families (MySQL's Connection_errors_accept, _internal, ...). */
    private static final List<String> COUNTER_PREFIXES = List.of("Connection_errors_");

    /** What a status variable becomes on /metrics. */
    record Export(String name, boolean counter, String baseUnit, double scale) {}

    static Export of(String statusName) {
        boolean counter = COUNTERS.contains(statusName) || COUNTER_PREFIXES.stream().anyMatch(statusName::startsWith);
        // Basalt_storage_commits -> basalt_storage_commits; Aborted_connects -> basalt_aborted_connects (one prefix for all)
        String name = statusName.toLowerCase(Locale.ROOT);
        if (!name.startsWith("basalt_")) name = "basalt_" + name;
        if (name.endsWith("_us")) {
            // Micrometer appends the unit (and _total for a counter): basalt_storage_durable_write_time_seconds_total
            return new Export(name.substring(0, name.length() - 3), counter, "seconds", 1e-6);
        }
        return new Export(name, counter, null, 1);
    }
}
