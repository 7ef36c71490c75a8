package dev.basalt.it.stats;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SHOW SESSION STATUS's Select_* counters (a query block's first table read whole or by a range,
 * joins reading their inner side without an index lookup) and the SQL prepared-statement counters
 * (Com_prepare_sql / Com_execute_sql / Com_dealloc_sql beside Com_stmt_prepare / Com_stmt_execute /
 * Com_stmt_close) grow by what each statement did; MariaDB, which counts them as MySQL does, grows the
 * same. Com_stmt_close also counts a Connector/J server-side prepared statement's close (COM_STMT_CLOSE).
 */
class SelectStatusCountersTest {

    private static final List<String> COUNTERS = List.of("Select_full_join", "Select_full_range_join", "Select_range",
            "Select_range_check", "Select_scan", "Com_prepare_sql", "Com_execute_sql", "Com_dealloc_sql",
            "Com_stmt_prepare", "Com_stmt_execute", "Com_stmt_close");

    /** A Connector/J server-side prepared statement prepared, run once and closed (COM_STMT_CLOSE). */
    private static final String SERVER_SIDE = "server-side prepare, execute, close";

    /** Each statement, and the counters it grows (the others stay). */
    private static final Map<String, Map<String, Long>> EXPECTED = new LinkedHashMap<>();
    static {
        EXPECTED.put("SELECT 1", Map.of());
        EXPECTED.put(SERVER_SIDE, Map.of("Com_stmt_prepare", 1L, "Com_stmt_execute", 1L, "Com_stmt_close", 1L));
        EXPECTED.put("SELECT * FROM t", Map.of("Select_scan", 1L));
        EXPECTED.put("SELECT * FROM t WHERE id = 3", Map.of()); // const: no table is read
        EXPECTED.put("SELECT * FROM t WHERE id BETWEEN 2 AND 5", Map.of("Select_range", 1L));
        EXPECTED.put("SELECT * FROM t a JOIN t b ON a.w = b.w", Map.of("Select_scan", 1L, "Select_full_join", 1L));
        EXPECTED.put("SELECT * FROM t a JOIN t b ON a.w = b.w WHERE a.id BETWEEN 2 AND 4 AND b.id BETWEEN 100 AND 400",
                Map.of("Select_range", 1L, "Select_full_range_join", 1L));
        // eq_ref lookups per outer row: not a full join
        EXPECTED.put("SELECT * FROM t a JOIN t b ON b.id = a.w WHERE a.id BETWEEN 2 AND 4", Map.of("Select_range", 1L));
        EXPECTED.put("PREPARE p FROM 'SELECT * FROM t WHERE id BETWEEN ? AND ?'", Map.of("Com_prepare_sql", 1L, "Com_stmt_prepare", 1L));
        EXPECTED.put("EXECUTE p USING @lo, @hi", Map.of("Com_execute_sql", 1L, "Com_stmt_execute", 1L, "Select_range", 1L));
        // a PREPARE of a name in use deallocates the old statement first: one Com_stmt_close
        EXPECTED.put("PREPARE p FROM 'SELECT 2'", Map.of("Com_prepare_sql", 1L, "Com_stmt_prepare", 1L, "Com_stmt_close", 1L));
        EXPECTED.put("DEALLOCATE PREPARE p", Map.of("Com_dealloc_sql", 1L, "Com_stmt_close", 1L));
    }

    @Test
    void eachStatementGrowsTheCountersMySqlGrowsForIt() throws Exception {
        try (TestServer basalt = TestServer.memory()) {
            assertEquals(expected(), deltas(basalt), "Basalt");
        }
        if (MariaDbServer.isInstalled()) assertEquals(expected(), deltas(MariaDbServer.shared()), "MariaDB");
    }

    private static Map<String, Map<String, Long>> expected() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        EXPECTED.forEach((sql, grows) -> {
            Map<String, Long> all = new LinkedHashMap<>();
            for (String c : COUNTERS) all.put(c, grows.getOrDefault(c, 0L));
            out.put(sql, all);
        });
        return out;
    }

    /** What each statement grew SHOW SESSION STATUS by, less what reading it grows (MariaDB: one Select_scan). */
    private static Map<String, Map<String, Long>> deltas(Endpoint server) throws Exception {
        // MySQL Connector/J with server-side statements, uncached: close() sends COM_STMT_CLOSE
        try (Connection c = java.sql.DriverManager.getConnection(server.mysqlUrl("")
                + "&useServerPrepStmts=true&cachePrepStmts=false", server.user(), server.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS select_counters");
            s.execute("CREATE DATABASE select_counters");
            s.execute("USE select_counters");
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, w INT)");
            StringBuilder insert = new StringBuilder("INSERT INTO t VALUES ");
            for (int i = 1; i <= 1000; i++) insert.append(i > 1 ? "," : "").append('(').append(i).append(',').append(i % 500 + 1).append(')');
            s.execute(insert.toString());
            s.execute("ANALYZE TABLE t");
            s.execute("SET @lo = 2, @hi = 5");
            Map<String, Long> first = status(s);
            Map<String, Long> reading = minus(status(s), first);
            Map<String, Map<String, Long>> out = new LinkedHashMap<>();
            for (String sql : EXPECTED.keySet()) {
                Map<String, Long> before = status(s);
                if (sql.equals(SERVER_SIDE)) {
                    try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT ?")) {
                        ps.setInt(1, 1);
                        try (ResultSet rs = ps.executeQuery()) { while (rs.next()) { } }
                    }
                } else {
                    boolean rows = s.execute(sql);
                    if (rows) try (ResultSet rs = s.getResultSet()) { while (rs.next()) { } }
                }
                out.put(sql, minus(minus(status(s), before), reading));
            }
            s.execute("DROP DATABASE select_counters");
            return out;
        }
    }

    private static Map<String, Long> status(Statement s) throws Exception {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String c : COUNTERS) m.put(c, 0L);
        try (ResultSet rs = s.executeQuery("SHOW SESSION STATUS")) {
            while (rs.next()) if (m.containsKey(rs.getString(1))) m.put(rs.getString(1), rs.getLong(2));
        }
        return m;
    }

    private static Map<String, Long> minus(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> out = new LinkedHashMap<>();
        a.forEach((k, v) -> out.put(k, v - b.get(k)));
        return out;
    }
}
