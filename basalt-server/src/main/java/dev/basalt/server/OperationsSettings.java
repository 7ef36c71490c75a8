package dev.basalt.server;

import java.nio.file.Path;

/**
 * Operability settings: the query logs, the format of the server's own log and the init file.
 * Kept apart from {@link ServerSettings} because only start-up reads them.
 *
 * @param slowLog        slow_query_log at start
 * @param slowLogFile    its file, or null for HOSTNAME-slow.log in the data directory
 * @param longQueryTime  long_query_time in seconds
 * @param generalLog     general_log at start
 * @param generalLogFile its file, or null for HOSTNAME.log in the data directory
 * @param logOutput      log_output: FILE, TABLE, both (comma-separated) or NONE
 * @param logNotUsingIndexes log_queries_not_using_indexes at start
 * @param logSlowAdmin   log_slow_admin_statements at start
 * @param logSlowExtra   log_slow_extra at start
 * @param logFormat      "text" or "json"
 * @param initFile       SQL run when a new data directory is created, or null
 */
public record OperationsSettings(boolean slowLog, Path slowLogFile, double longQueryTime, boolean generalLog,
                                 Path generalLogFile, String logOutput, boolean logNotUsingIndexes, boolean logSlowAdmin,
                                 boolean logSlowExtra, String logFormat, Path initFile) {

    public static final OperationsSettings DEFAULTS =
            new OperationsSettings(false, null, 10, false, null, "FILE", false, false, false, "text", null);

    public OperationsSettings {
        if (longQueryTime < 0) throw new SettingsException("long-query-time: must not be negative");
        for (String m : logOutput.split(",", -1)) {
            if (!java.util.Set.of("FILE", "TABLE", "NONE").contains(m.strip().toUpperCase(java.util.Locale.ROOT))) {
                throw new SettingsException("log-output: expected FILE, TABLE, NONE or a comma-separated list of them, got '"
                        + logOutput + "'");
            }
        }
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new SettingsException("log-format: expected text or json, got '" + logFormat + "'");
        }
    }

    /** Sets the query-log globals of a started server: the default files go into the data directory. */
    void applyTo(dev.basalt.engine.BasaltEngine engine, ServerSettings server) {
        Path dir = server.storage().equals("lmdb") ? server.dataDir().toAbsolutePath().normalize()
                : Path.of("").toAbsolutePath();
        String host = String.valueOf(engine.variables().global("hostname"));
        var v = engine.variables();
        v.configure("long_query_time", longQueryTime);
        v.configure("slow_query_log_file", (slowLogFile != null ? slowLogFile : dir.resolve(host + "-slow.log")).toString());
        v.configure("general_log_file", (generalLogFile != null ? generalLogFile : dir.resolve(host + ".log")).toString());
        v.configure("log_output", logOutput);
        v.configure("log_queries_not_using_indexes", logNotUsingIndexes ? 1L : 0L);
        v.configure("log_slow_admin_statements", logSlowAdmin ? 1L : 0L);
        v.configure("log_slow_extra", logSlowExtra ? 1L : 0L);
        v.configure("slow_query_log", slowLog ? 1L : 0L);
        v.configure("general_log", generalLog ? 1L : 0L);
    }
}
