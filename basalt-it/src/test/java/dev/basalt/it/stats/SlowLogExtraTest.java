package dev.basalt.it.stats;

import dev.basalt.it.support.TempDirs;
import dev.basalt.it.support.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The slow log file with log_slow_extra, read back and parsed: MySQL 8.0.14+'s field order, and
 * Bytes_received / Bytes_sent equal to what actually crossed the wire for the statement (a
 * counting TCP proxy between MariaDB Connector/J and the server measures it), Sort_rows the rows
 * the ORDER BY sorted; and log_throttle_queries_not_using_indexes writing at most N of the
 * entries log_queries_not_using_indexes asks for.
 */
class SlowLogExtraTest {

    /** MySQL 8's Query_time line's fields with log_slow_extra, in its order (docs/operations.md). */
    private static final List<String> MYSQL_ORDER = List.of("Query_time", "Lock_time", "Rows_sent", "Rows_examined",
            "Thread_id", "Errno", "Killed", "Bytes_received", "Bytes_sent", "Read_first", "Read_last", "Read_key",
            "Read_next", "Read_prev", "Read_rnd", "Read_rnd_next", "Sort_merge_passes", "Sort_range_count", "Sort_rows",
            "Sort_scan_count", "Created_tmp_disk_tables", "Created_tmp_tables", "Start", "End");

    @Test
    void extraFieldsCountTheBytesOnTheWireAndTheSortedRows() throws Exception {
        Path dir = Files.createTempDirectory("basalt-slowlog-");
        Path log = dir.resolve("slow.log");
        try (TestServer server = TestServer.memory(); CountingProxy proxy = new CountingProxy(server.port())) {
            try (Connection c = DriverManager.getConnection(server.mariadbUrl("") + "?sslMode=disable", server.user(),
                    server.password()); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE d");
                s.execute("CREATE TABLE d.t (id INT PRIMARY KEY, v VARCHAR(100))");
                StringBuilder insert = new StringBuilder("INSERT INTO d.t VALUES ");
                for (int i = 1; i <= 300; i++) insert.append(i > 1 ? "," : "").append("(").append(i).append(", '")
                        .append("value-").append(i).append("-").append("x".repeat(i % 50)).append("')");
                s.execute(insert.toString());
                s.execute("SET GLOBAL slow_query_log_file = '" + log + "'");
                s.execute("SET GLOBAL log_slow_extra = ON");
                s.execute("SET GLOBAL long_query_time = 0");
                s.execute("SET GLOBAL slow_query_log = ON");
            }
            long[] select, insert;
            try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + proxy.port() + "/d?sslMode=disable",
                    server.user(), server.password()); Statement s = c.createStatement()) {
                long up = proxy.up.get(), down = proxy.down.get();
                int rows = 0;
                try (ResultSet rs = s.executeQuery("SELECT id, v FROM t ORDER BY v DESC /* q_select */")) {
                    while (rs.next()) rows++;
                }
                assertEquals(300, rows);
                select = new long[] {proxy.up.get() - up, proxy.down.get() - down};
                up = proxy.up.get();
                down = proxy.down.get();
                assertEquals(1, s.executeUpdate("INSERT INTO t VALUES (1000, 'new') /* q_insert */"));
                insert = new long[] {proxy.up.get() - up, proxy.down.get() - down};
            }
            try (Connection c = DriverManager.getConnection(server.mariadbUrl("") + "?sslMode=disable", server.user(),
                    server.password()); Statement s = c.createStatement()) {
                s.execute("SET GLOBAL slow_query_log = OFF");
                s.execute("SET GLOBAL log_slow_extra = OFF");
                s.execute("SET GLOBAL long_query_time = 10");
            }
            String file = Files.readString(log);
            Map<String, String> q = fields(file, "/* q_select */");
            assertInMySqlOrder(q);
            assertEquals(MYSQL_ORDER, new ArrayList<>(q.keySet()), "every field MySQL 8 writes: " + file);
            assertEquals("300", q.get("Rows_sent"));
            assertEquals("300", q.get("Sort_rows"));
            assertEquals(Long.toString(select[0]), q.get("Bytes_received"), "the COM_QUERY packet, header included");
            assertEquals(Long.toString(select[1]), q.get("Bytes_sent"), "the whole result set, EOF included");
            Map<String, String> i = fields(file, "/* q_insert */");
            assertEquals("0", i.get("Sort_rows"));
            assertEquals(Long.toString(insert[0]), i.get("Bytes_received"));
            assertEquals(Long.toString(insert[1]), i.get("Bytes_sent"), "the OK packet");
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    /**
     * The handler, sort and temporary-table counters of log_slow_extra count what each statement
     * read: expected values are MySQL's for the same access (the handler call per row, the call
     * that finds the end of a scan included, none after a unique lookup), and a sort or GROUP BY
     * beyond a small memory budget counts its merge passes and its temporary table on disk (a window
     * function's sort too).
     */
    @Test
    void handlerSortAndTemporaryTableCountersFollowTheStatementsReads() throws Exception {
        Path dir = Files.createTempDirectory("basalt-slowlog-");
        Path log = dir.resolve("slow.log");
        long budget = dev.basalt.engine.exec.QueryMemory.limit();
        try (TestServer server = TestServer.memory();
             Connection c = DriverManager.getConnection(server.mariadbUrl("") + "?sslMode=disable", server.user(),
                     server.password()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE d");
            s.execute("CREATE TABLE d.t (id INT PRIMARY KEY, v INT, w INT, KEY kv (v))"); // w: in no index
            StringBuilder insert = new StringBuilder("INSERT INTO d.t VALUES ");
            for (int i = 1; i <= 3000; i++) {
                insert.append(i > 1 ? "," : "").append("(").append(i).append(", ").append(i % 100).append(", ").append(i % 100).append(")");
            }
            s.execute(insert.toString());
            s.execute("USE d");
            s.execute("SET GLOBAL slow_query_log_file = '" + log + "'");
            s.execute("SET GLOBAL log_slow_extra = ON");
            s.execute("SET long_query_time = 0");
            s.execute("SET GLOBAL slow_query_log = ON");
            String[] queries = {
                    "SELECT * FROM t /* full */",
                    "SELECT v FROM t WHERE id = 5 /* pk */",
                    "SELECT id FROM t WHERE id BETWEEN 10 AND 19 /* range */",
                    "SELECT w FROM t WHERE id IN (3, 5, 7) /* in_list */",
                    "SELECT id FROM t WHERE id BETWEEN 10 AND 19 ORDER BY id DESC /* range_desc */",
                    "SELECT v FROM t ORDER BY v /* whole_index */",
                    "SELECT * FROM t ORDER BY id DESC /* whole_table_desc */",
                    "SELECT id, w FROM t WHERE id BETWEEN 10 AND 19 ORDER BY w /* range_sort */",
                    "SELECT id, w FROM t ORDER BY w, id /* scan_sort */",
                    "SELECT w % 7, COUNT(*) FROM t GROUP BY w % 7 /* grouped */",
                    "SELECT DISTINCT w % 3 FROM t /* distinct */",
                    "SELECT id, ROW_NUMBER() OVER (PARTITION BY v ORDER BY id) FROM t /* window */",
                    "SELECT id, ROW_NUMBER() OVER (ORDER BY w, id), SUM(v) OVER (PARTITION BY v) FROM t /* two_windows */",
                    "SELECT id, COUNT(*) OVER () FROM t /* unsorted_window */"};
            long[] session = sortStatus(s, "SESSION"), global = sortStatus(s, "GLOBAL");
            long tmpTables = status(s, "SESSION", "Created_tmp_tables"), globalTmpTables = status(s, "GLOBAL", "Created_tmp_tables");
            for (String q : queries) drain(s, q);
            long tmpTablesDelta = status(s, "SESSION", "Created_tmp_tables") - tmpTables;
            long globalTmpTablesDelta = status(s, "GLOBAL", "Created_tmp_tables") - globalTmpTables;
            // SHOW STATUS: this session's sorts (Sort_rows, Sort_scan_count), and the server's at least as many
            long[] sessionAfter = sortStatus(s, "SESSION"), globalAfter = sortStatus(s, "GLOBAL");
            long[] sessionDelta = {sessionAfter[0] - session[0], sessionAfter[1] - session[1], sessionAfter[2] - session[2]};
            // a small budget: the sort and the grouping go to disk
            dev.basalt.engine.exec.QueryMemory.setLimit(64 << 10);
            drain(s, "SELECT id, w FROM t ORDER BY w, id /* spilled_sort */");
            drain(s, "SELECT id % 1500, COUNT(*) FROM t GROUP BY id % 1500 /* spilled_group */");
            drain(s, "SELECT id, SUM(w) OVER (ORDER BY w, id) FROM t /* spilled_window */");
            dev.basalt.engine.exec.QueryMemory.setLimit(budget);
            s.execute("SET GLOBAL slow_query_log = OFF");
            s.execute("SET GLOBAL log_slow_extra = OFF");
            String file = Files.readString(log);
            // SHOW SESSION STATUS grew by what the slow log says each statement sorted; GLOBAL by at least as much
            long[] logged = new long[3];
            long loggedTmpTables = 0;
            for (String q : queries) {
                Map<String, String> f = fields(file, q.substring(q.lastIndexOf("/*")));
                loggedTmpTables += Long.parseLong(f.get("Created_tmp_tables"));
                logged[0] += Long.parseLong(f.get("Sort_rows"));
                logged[1] += Long.parseLong(f.get("Sort_scan_count"));
                logged[2] += Long.parseLong(f.get("Sort_range_count"));
            }
            assertArrayEquals(logged, sessionDelta, "SHOW SESSION STATUS Sort_rows, Sort_scan, Sort_range");
            assertEquals(loggedTmpTables, tmpTablesDelta, "SHOW SESSION STATUS Created_tmp_tables");
            assertTrue(loggedTmpTables >= 6 && globalTmpTablesDelta >= loggedTmpTables, "SHOW GLOBAL STATUS Created_tmp_tables: "
                    + globalTmpTablesDelta + ", logged " + loggedTmpTables);
            assertTrue(logged[0] >= 10 + 3000 + 9000 && logged[1] >= 4, java.util.Arrays.toString(logged));
            assertTrue(globalAfter[0] - global[0] >= logged[0] && globalAfter[1] - global[1] >= logged[1], "SHOW GLOBAL STATUS");

            assertCounts(file, "/* full */", Map.of("Read_rnd_next", 3001L));
            assertCounts(file, "/* pk */", Map.of("Read_key", 1L));
            assertCounts(file, "/* range */", Map.of("Read_key", 1L, "Read_next", 10L));
            assertCounts(file, "/* in_list */", Map.of("Read_key", 3L), READS); // MySQL reads no further after a unique key
            assertCounts(file, "/* range_desc */", Map.of("Read_key", 1L, "Read_prev", 10L));
            // (Basalt also sorts these today, although the index gives the order: only the reads are checked)
            assertCounts(file, "/* whole_index */", Map.of("Read_first", 1L, "Read_next", 3000L), READS);
            assertCounts(file, "/* whole_table_desc */", Map.of("Read_last", 1L, "Read_prev", 3000L));
            assertCounts(file, "/* range_sort */", Map.of("Read_key", 1L, "Read_next", 10L, "Sort_range_count", 1L,
                    "Sort_rows", 10L));
            assertCounts(file, "/* scan_sort */", Map.of("Read_rnd_next", 3001L, "Sort_scan_count", 1L, "Sort_rows", 3000L));
            assertCounts(file, "/* grouped */", Map.of("Read_rnd_next", 3001L, "Created_tmp_tables", 1L));
            assertCounts(file, "/* distinct */", Map.of("Read_rnd_next", 3001L, "Created_tmp_tables", 1L));
            // each window pass is a temporary table; one with PARTITION BY or ORDER BY sorts its rows once, as
            // MySQL's filesort of the window's temporary table
            assertCounts(file, "/* window */", Map.of("Created_tmp_tables", 1L, "Sort_scan_count", 1L, "Sort_rows", 3000L), WINDOW_CHECKED);
            assertCounts(file, "/* two_windows */", Map.of("Created_tmp_tables", 2L, "Sort_scan_count", 2L, "Sort_rows", 6000L), WINDOW_CHECKED);
            assertCounts(file, "/* unsorted_window */", Map.of("Created_tmp_tables", 1L), WINDOW_CHECKED);
            Map<String, String> sort = fields(file, "/* spilled_sort */");
            assertTrue(Long.parseLong(sort.get("Sort_merge_passes")) >= 1, "the sort merged runs from disk: " + sort);
            assertEquals("1", sort.get("Sort_scan_count"), sort.toString());
            Map<String, String> group = fields(file, "/* spilled_group */");
            assertEquals("1", group.get("Created_tmp_tables"), group.toString());
            assertEquals("1", group.get("Created_tmp_disk_tables"), "the grouping went to disk: " + group);
            Map<String, String> window = fields(file, "/* spilled_window */");
            assertTrue(Long.parseLong(window.get("Sort_merge_passes")) >= 1, "the window's sort merged runs from disk: " + window);
            assertEquals("1", window.get("Sort_scan_count"), window.toString());
            assertEquals("3000", window.get("Sort_rows"), window.toString());
            assertEquals("1", window.get("Created_tmp_tables"), window.toString());
            assertEquals("1", window.get("Created_tmp_disk_tables"), "the window's pass went to disk: " + window);
        } finally {
            dev.basalt.engine.exec.QueryMemory.setLimit(budget);
            TempDirs.deleteRecursively(dir);
        }
    }

    private static void drain(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                // every row read: the statement ends when its result does
            }
        }
    }

    /** Sort_rows, Sort_scan, Sort_range (SHOW [GLOBAL|SESSION] STATUS; the slow log's Sort_scan_count, Sort_range_count), in that order. */
    private static long[] sortStatus(Statement s, String scope) throws Exception {
        long[] out = new long[3];
        try (ResultSet rs = s.executeQuery("SHOW " + scope + " STATUS LIKE 'Sort\\_%'")) {
            while (rs.next()) {
                switch (rs.getString(1)) {
                    case "Sort_rows" -> out[0] = rs.getLong(2);
                    case "Sort_scan" -> out[1] = rs.getLong(2);
                    case "Sort_range" -> out[2] = rs.getLong(2);
                    default -> { }
                }
            }
        }
        return out;
    }

    /** A window's counters checked: its passes' temporary tables and sorts (not its reads). */
    private static final List<String> WINDOW_CHECKED = List.of("Sort_range_count", "Sort_rows", "Sort_scan_count",
            "Created_tmp_tables", "Created_tmp_disk_tables");

    private static long status(Statement s, String scope, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("SHOW " + scope + " STATUS LIKE '" + name + "'")) {
            assertTrue(rs.next(), name);
            return rs.getLong(2);
        }
    }

    private static final List<String> READS = List.of("Read_first", "Read_last", "Read_key", "Read_next", "Read_prev",
            "Read_rnd", "Read_rnd_next");
    private static final List<String> COUNTERS = List.of("Read_first", "Read_last", "Read_key", "Read_next", "Read_prev",
            "Read_rnd", "Read_rnd_next", "Sort_merge_passes", "Sort_range_count", "Sort_rows", "Sort_scan_count",
            "Created_tmp_disk_tables", "Created_tmp_tables");

    /** The counters named in {@code expected} have those values; every other counter is 0. */
    private static void assertCounts(String file, String marker, Map<String, Long> expected) {
        assertCounts(file, marker, expected, COUNTERS);
    }

    /** Of the counters {@code checked}, those named in {@code expected} have those values, the others 0. */
    private static void assertCounts(String file, String marker, Map<String, Long> expected, List<String> checked) {
        Map<String, String> f = fields(file, marker);
        for (String name : checked) {
            assertEquals(Long.toString(expected.getOrDefault(name, 0L)), f.get(name), marker + " " + name + ": " + f);
        }
    }

    @Test
    void throttleWritesAtMostNEntriesAMinuteForQueriesNotUsingIndexes() throws Exception {
        Path dir = Files.createTempDirectory("basalt-slowlog-");
        Path log = dir.resolve("slow.log");
        try (TestServer server = TestServer.memory();
             Connection c = DriverManager.getConnection(server.mariadbUrl("") + "?sslMode=disable", server.user(),
                     server.password()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE d");
            s.execute("CREATE TABLE d.t (id INT PRIMARY KEY, v INT)");
            s.execute("INSERT INTO d.t VALUES (1, 1), (2, 2), (3, 3)");
            s.execute("SET GLOBAL slow_query_log_file = '" + log + "'");
            s.execute("SET long_query_time = 100"); // logged only for not using an index
            s.execute("SET GLOBAL log_queries_not_using_indexes = ON");
            s.execute("SET GLOBAL log_throttle_queries_not_using_indexes = 2");
            s.execute("SET GLOBAL slow_query_log = ON");
            for (int n = 1; n <= 5; n++) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM d.t WHERE v > 0 /* scan" + n + " */")) {
                    assertTrue(rs.next());
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT v FROM d.t WHERE id = 2 /* by_key */")) {
                assertTrue(rs.next());
            }
            s.execute("SET GLOBAL slow_query_log = OFF");
            s.execute("SET GLOBAL log_throttle_queries_not_using_indexes = 0");
            s.execute("SET GLOBAL log_queries_not_using_indexes = OFF");
            String file = Files.readString(log);
            for (int n = 1; n <= 5; n++) {
                assertEquals(n <= 2, file.contains("/* scan" + n + " */"), "scan " + n + " written: " + file);
            }
            assertFalse(file.contains("by_key"), "a primary-key lookup is not 'not using indexes'");
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    /** The Query_time line's fields of the entry whose statement contains {@code marker}, in order. */
    private static Map<String, String> fields(String file, String marker) {
        String[] lines = file.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].contains(marker) || lines[i].startsWith("#")) continue;
            for (int j = i - 1; j >= 0; j--) {
                if (!lines[j].startsWith("# Query_time:")) continue;
                Map<String, String> m = new LinkedHashMap<>();
                String[] tokens = lines[j].substring(2).trim().split("\\s+");
                for (int k = 0; k + 1 < tokens.length; k += 2) {
                    assertTrue(tokens[k].endsWith(":"), lines[j]);
                    m.put(tokens[k].substring(0, tokens[k].length() - 1), tokens[k + 1]);
                }
                return m;
            }
        }
        throw new AssertionError("no entry for " + marker + " in:\n" + file);
    }

    private static void assertInMySqlOrder(Map<String, String> fields) {
        int last = -1;
        for (String name : fields.keySet()) {
            int at = MYSQL_ORDER.indexOf(name);
            assertTrue(at > last, name + " is not one of MySQL's fields in MySQL's order: " + fields.keySet());
            last = at;
        }
    }

    /** A loopback TCP proxy to one port that counts the bytes each way. */
    private static final class CountingProxy implements AutoCloseable {
        final AtomicLong up = new AtomicLong(), down = new AtomicLong();
        private final ServerSocket listener;
        private final int target;
        private final List<Socket> open = new java.util.concurrent.CopyOnWriteArrayList<>();

        CountingProxy(int target) throws IOException {
            this.target = target;
            listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread.ofPlatform().daemon(true).start(this::accept);
        }

        int port() { return listener.getLocalPort(); }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket("127.0.0.1", target);
                    open.add(client);
                    open.add(server);
                    pipe(client, server, up);
                    pipe(server, client, down);
                } catch (IOException e) {
                    return;
                }
            }
        }

        /** Counts before forwarding: once the client has read a response, its bytes are counted. */
        private static void pipe(Socket from, Socket to, AtomicLong counter) {
            Thread.ofPlatform().daemon(true).start(() -> {
                byte[] buf = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        counter.addAndGet(n);
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // one side closed
                }
            });
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket s : open) s.close();
        }
    }
}
