package dev.basalt.engine.statement;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.exec.StatementScans;
import dev.basalt.engine.session.BasaltSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SHOW [GLOBAL | SESSION] STATUS rows, also performance_schema.global_status / session_status,
 * and the server-wide ones without a session for readers that have none (/metrics: a scrape
 * opens no session, so it counts in neither Threads_connected nor Com_show_status). Most
 * counters are server-wide in both; Bytes_*, the sort, temporary-table and join counters are the
 * session's unless global, the Ssl_* ones the session's connection (empty without one).
 */
public final class ServerStatus {
    private ServerStatus() {}

    /** SHOW GLOBAL STATUS by name, in its order, read without a session. */
    public static Map<String, String> global(BasaltEngine engine) {
        return map(rows(engine, null, true));
    }

    /** SHOW GLOBAL VARIABLES by name, in its order, read without a session. */
    public static Map<String, String> globalVariables(BasaltEngine engine) {
        return map(InformationSchema.globalVariables(engine));
    }

    /** @param s the session asking, or null (then {@code global} must be true) */
    static List<Object[]> rows(BasaltEngine engine, BasaltSession s, boolean global) {
        List<Object[]> rows = new ArrayList<>();
        // the client traffic of this connection, or of all since start (the MySQL port's packets, headers included)
        rows.add(new Object[]{"Bytes_received", String.valueOf(global ? engine.bytesReceived() : s.bytesReceived())});
        rows.add(new Object[]{"Bytes_sent", String.valueOf(global ? engine.bytesSent() : s.bytesSent())});
        rows.add(new Object[]{"Connections", String.valueOf(engine.connectionsOpened())});
        rows.add(new Object[]{"Questions", String.valueOf(engine.questions())});
        rows.add(new Object[]{"Threads_connected", String.valueOf(engine.sessions().size())});
        // the connection-thread cache (one-thread-per-connection), process-wide as MySQL's
        rows.add(new Object[]{"Threads_cached", String.valueOf(dev.basalt.engine.api.ThreadHandling.threadsCached())});
        rows.add(new Object[]{"Threads_created", String.valueOf(dev.basalt.engine.api.ThreadHandling.threadsCreated())});
        rows.add(new Object[]{"Threads_running", String.valueOf(engine.sessionsRunning())});
        rows.add(new Object[]{"Uptime", String.valueOf(engine.uptimeSeconds())});
        rows.add(new Object[]{"Uptime_since_flush_status", String.valueOf(engine.uptimeSeconds())});
        // counted while the slow log is on (statements are timed only then)
        rows.add(new Object[]{"Slow_queries", String.valueOf(engine.queryLogs().slowQueries())});
        // this connection's TLS; empty for a plaintext one, as MySQL shows
        rows.add(new Object[]{"Ssl_cipher", s == null ? "" : s.tlsCipher()});
        rows.add(new Object[]{"Ssl_version", s == null ? "" : s.tlsVersion()});
        engine.commands().snapshot().forEach((name, n) -> rows.add(new Object[]{name, String.valueOf(n)}));
        // Ssl_library: GLOBAL the library new connections get, SESSION the one that served this connection
        engine.externalStatus().forEach((name, value) -> rows.add(new Object[]{name,
                !global && s != null && name.equals("Ssl_library") ? s.tlsLibrary() : value}));
        dev.basalt.engine.session.TextPlanCacheStats.snapshot().forEach((name, value) -> rows.add(new Object[]{name, value}));
        dev.basalt.engine.exec.spill.SpillStats.snapshot().forEach((name, value) -> rows.add(new Object[]{name, value}));
        (s == null ? StatementScans.globalSortStatus() : s.statementScans().sortStatus(global))
                .forEach((name, value) -> rows.add(new Object[]{name, value}));
        engine.tableLocks().status().forEach((name, value) -> rows.add(new Object[]{name, value}));
        // statistics taken again by innodb_stats_auto_recalc (stats.AutoRecalc) since start-up
        rows.add(new Object[]{"Basalt_stats_auto_recalcs", String.valueOf(engine.statsAutoRecalc().recalculated())});
        rows.sort((a, b) -> ((String) a[0]).compareToIgnoreCase((String) b[0]));
        return rows;
    }

    private static Map<String, String> map(List<Object[]> rows) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object[] r : rows) out.put((String) r[0], r[1] == null ? null : r[1].toString());
        return out;
    }
}
