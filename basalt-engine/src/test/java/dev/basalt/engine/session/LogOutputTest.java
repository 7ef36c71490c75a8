package dev.basalt.engine.session;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.testkv.SqlRows;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * log_output (FILE, TABLE, NONE), rows of mysql.general_log / mysql.slow_log, Rows_examined,
 * log_queries_not_using_indexes and min_examined_row_limit, as MySQL 8 has them.
 */
class LogOutputTest {

    @TempDir
    Path dir;
    private BasaltEngine engine;
    private Session s;

    @BeforeEach
    void open() {
        engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.36-basalt", "", 64 << 20));
        s = engine.openSession(new SessionOptions(7, "root", "localhost", null, false));
        sql("CREATE DATABASE d");
        sql("USE d");
        sql("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        StringBuilder insert = new StringBuilder("INSERT INTO t VALUES (1, 1)");
        for (int i = 2; i <= 100; i++) insert.append(", (").append(i).append(", ").append(i).append(')');
        sql(insert.toString());
        sql("SET GLOBAL slow_query_log_file = '" + dir.resolve("slow.log") + "'");
        sql("SET GLOBAL general_log_file = '" + dir.resolve("general.log") + "'");
    }

    @AfterEach
    void close() throws Exception {
        s.close();
        engine.close();
    }

    private List<Object[]> sql(String text) { return SqlRows.of(s, text); }

    private Object one(String text) { return sql(text).get(0)[0]; }

    @Test
    void logOutputIsASetOfFileTableAndNone() {
        assertEquals("FILE", one("SELECT @@log_output"));
        sql("SET GLOBAL log_output = 'table,FILE'");
        assertEquals("FILE,TABLE", one("SELECT @@log_output"));
        assertEquals(1231, assertThrows(SqlException.class, () -> sql("SET GLOBAL log_output = 'SYSLOG'")).errorCode());
        assertEquals(1231, assertThrows(SqlException.class, () -> sql("SET GLOBAL log_output = ''")).errorCode());
        assertEquals(1229, assertThrows(SqlException.class, () -> sql("SET log_output = 'TABLE'")).errorCode());
        assertEquals("FILE,TABLE", one("SELECT @@log_output"));
    }

    @Test
    void generalLogRowsAreWrittenBeforeTheStatementRunsAndSurviveRollback() throws Exception {
        sql("SET GLOBAL log_output = 'TABLE'");
        sql("SET GLOBAL general_log = ON");
        sql("BEGIN");
        sql("SELECT 'first marker'");
        sql("ROLLBACK");
        List<Object[]> rows = sql("SELECT command_type, CAST(argument AS CHAR), thread_id, user_host FROM mysql.general_log"
                + " WHERE argument LIKE '%marker%' ORDER BY event_time");
        assertEquals(2, rows.size(), "the SELECT and the query reading the log itself");
        assertEquals("Query", rows.get(0)[0]);
        assertEquals("SELECT 'first marker'", rows.get(0)[1]);
        assertEquals(7L, ((Number) rows.get(0)[2]).longValue());
        assertEquals("root[root] @ localhost []", rows.get(0)[3]);
        assertFalse(Files.exists(dir.resolve("general.log")), "TABLE only: no file");
        sql("SET GLOBAL general_log = OFF");
        long before = ((Number) one("SELECT COUNT(*) FROM mysql.general_log")).longValue();
        sql("SELECT 'not logged'");
        assertEquals(before, ((Number) one("SELECT COUNT(*) FROM mysql.general_log")).longValue());
        sql("TRUNCATE TABLE mysql.general_log");
        assertEquals(0L, ((Number) one("SELECT COUNT(*) FROM mysql.general_log")).longValue());
    }

    @Test
    void slowLogRowsCarryRowsSentAndExamined() throws Exception {
        sql("SET GLOBAL log_output = 'FILE,TABLE'");
        sql("SET long_query_time = 0");
        sql("SET GLOBAL slow_query_log = ON");
        sql("SELECT id FROM t WHERE v > 90");
        sql("SELECT v FROM t WHERE id = 5");
        sql("SET GLOBAL slow_query_log = OFF");
        List<Object[]> rows = sql("SELECT CAST(sql_text AS CHAR), rows_sent, rows_examined, db, thread_id FROM mysql.slow_log"
                + " WHERE sql_text LIKE 'SELECT % FROM t %' ORDER BY start_time");
        assertEquals(2, rows.size());
        assertEquals(List.of("SELECT id FROM t WHERE v > 90", 10L, 100L, "d", 7L), normalize(rows.get(0)));
        assertEquals(List.of("SELECT v FROM t WHERE id = 5", 1L, 1L, "d", 7L), normalize(rows.get(1)));
        String file = Files.readString(dir.resolve("slow.log"));
        assertTrue(file.contains("Rows_sent: 10  Rows_examined: 100\n"), file);
    }

    @Test
    void queriesNotUsingIndexesAreLoggedAboveTheExaminedRowFloor() throws Exception {
        sql("SET GLOBAL log_output = 'TABLE'");
        sql("SET GLOBAL log_queries_not_using_indexes = ON");
        sql("SET GLOBAL slow_query_log = ON");
        sql("SELECT v FROM t WHERE id = 5");         // primary key lookup: not logged
        sql("SELECT COUNT(*) FROM t WHERE v = 5");   // whole table: logged although fast
        sql("SET min_examined_row_limit = 1000");
        sql("SELECT COUNT(*) FROM t WHERE v = 6");   // whole table, but under the floor
        sql("SET min_examined_row_limit = 0");
        sql("SET GLOBAL log_queries_not_using_indexes = OFF");
        sql("SELECT COUNT(*) FROM t WHERE v = 7");   // fast, and the option is off
        sql("SET GLOBAL slow_query_log = OFF");
        List<Object[]> rows = sql("SELECT CAST(sql_text AS CHAR) FROM mysql.slow_log WHERE sql_text LIKE '%FROM t%'");
        assertEquals(1, rows.size());
        assertEquals("SELECT COUNT(*) FROM t WHERE v = 5", rows.get(0)[0]);
    }

    @Test
    void noneWritesNeitherFilesNorTables() throws Exception {
        sql("SET GLOBAL log_output = 'NONE,FILE'");
        assertEquals("NONE,FILE", one("SELECT @@log_output"));
        sql("SET GLOBAL general_log = ON");
        sql("SET GLOBAL slow_query_log = ON");
        sql("SET long_query_time = 0");
        sql("SELECT 'nowhere'");
        sql("SET GLOBAL general_log = OFF");
        sql("SET GLOBAL slow_query_log = OFF");
        assertFalse(Files.exists(dir.resolve("general.log")));
        assertFalse(Files.exists(dir.resolve("slow.log")));
        assertEquals(0L, ((Number) one("SELECT COUNT(*) FROM mysql.general_log")).longValue());
        assertEquals(0L, ((Number) one("SELECT COUNT(*) FROM mysql.slow_log")).longValue());
    }

    @Test
    void lockTimeIsTheStatementsWaitForLocks() throws Exception {
        sql("SET GLOBAL log_output = 'FILE,TABLE'");
        sql("SET long_query_time = 0");
        sql("SET GLOBAL slow_query_log = ON");
        try (Session holder = engine.openSession(new SessionOptions(8, "root", "localhost", "d", false))) {
            SqlRows.of(holder, "BEGIN");
            SqlRows.of(holder, "UPDATE t SET v = 0 WHERE id = 1"); // holds the row until it commits
            Thread release = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                SqlRows.of(holder, "COMMIT");
            });
            sql("UPDATE t SET v = 2 WHERE id = 1 /* waits */");
            release.join();
        }
        sql("SELECT v FROM t WHERE id = 2 /* no wait */");
        sql("SET GLOBAL slow_query_log = OFF");
        List<Object[]> rows = sql("SELECT CAST(lock_time AS CHAR), CAST(query_time AS CHAR) FROM mysql.slow_log"
                + " WHERE sql_text LIKE '%wait%' ORDER BY start_time");
        assertEquals(2, rows.size());
        double lock = seconds(rows.get(0)[0]), query = seconds(rows.get(0)[1]);
        assertTrue(lock >= 0.2 && lock <= query, "lock_time " + rows.get(0)[0] + " of query_time " + rows.get(0)[1]);
        assertEquals("00:00:00.000000", rows.get(1)[0]);
        String file = Files.readString(dir.resolve("slow.log"));
        assertTrue(file.matches("(?s).*Lock_time: (0\\.[2-9]|[1-9]\\.\\d)\\d{5} Rows_sent: 0  Rows_examined: \\d+\n# Rows_affected: 1\n.*waits.*"), file);
        assertTrue(file.contains("Lock_time: 0.000000 Rows_sent: 1  Rows_examined: 1\n"), file);
    }

    @Test
    void lockTimeCountsWaitsForLockTables() throws Exception {
        sql("SET GLOBAL log_output = 'TABLE'");
        sql("SET long_query_time = 0");
        sql("SET GLOBAL slow_query_log = ON");
        try (Session holder = engine.openSession(new SessionOptions(8, "root", "localhost", "d", false))) {
            SqlRows.of(holder, "LOCK TABLES t WRITE");
            Thread release = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                SqlRows.of(holder, "UNLOCK TABLES");
            });
            sql("SELECT COUNT(*) FROM t /* table wait */");
            release.join();
        }
        sql("SET GLOBAL slow_query_log = OFF");
        List<Object[]> rows = sql("SELECT CAST(lock_time AS CHAR) FROM mysql.slow_log WHERE sql_text LIKE '%table wait%'"
                + " AND sql_text NOT LIKE '%slow_log%'");
        assertEquals(1, rows.size());
        assertTrue(seconds(rows.get(0)[0]) >= 0.2, "lock_time " + rows.get(0)[0]);
    }

    @Test
    void adminStatementsAreLoggedOnlyWithLogSlowAdminStatements() {
        assertEquals(0L, one("SELECT @@log_slow_admin_statements"));
        sql("SET GLOBAL log_output = 'TABLE'");
        sql("SET long_query_time = 0");
        sql("SET GLOBAL slow_query_log = ON");
        sql("ALTER TABLE t ADD COLUMN w INT");
        sql("CREATE INDEX iv ON t (v)");
        sql("ANALYZE TABLE t");
        sql("CHECKSUM TABLE t");   // not an administrative statement in MySQL's sense
        sql("SET GLOBAL log_slow_admin_statements = ON");
        sql("DROP INDEX iv ON t");
        sql("OPTIMIZE TABLE t");
        sql("SET GLOBAL log_slow_admin_statements = OFF");
        sql("SET GLOBAL slow_query_log = OFF");
        List<Object[]> rows = sql("SELECT CAST(sql_text AS CHAR) FROM mysql.slow_log WHERE sql_text LIKE '% t%'"
                + " AND sql_text NOT LIKE 'SELECT%' ORDER BY start_time");
        assertEquals(List.of("CHECKSUM TABLE t", "DROP INDEX iv ON t", "OPTIMIZE TABLE t"),
                rows.stream().map(r -> r[0]).toList());
    }

    @Test
    void logSlowExtraAddsThreadErrorAndTimesToTheFile() throws Exception {
        sql("SET GLOBAL log_slow_extra = ON");
        sql("SET long_query_time = 0");
        sql("SET GLOBAL slow_query_log = ON");
        sql("SELECT v FROM t WHERE id = 3");
        assertThrows(SqlException.class, () -> sql("SELECT * FROM missing_table"));
        sql("SET GLOBAL slow_query_log = OFF");
        sql("SET GLOBAL log_slow_extra = OFF");
        String file = Files.readString(dir.resolve("slow.log"));
        String iso = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";
        assertTrue(file.matches("(?s).*Rows_examined: 1 Thread_id: 7 Errno: 0 Killed: 0 Read_first: 0 Read_last: 0 Read_key: 1 Read_next: 0"
                + " Read_prev: 0 Read_rnd: 0 Read_rnd_next: 0 Sort_merge_passes: 0 Sort_range_count: 0 Sort_rows: 0"
                + " Sort_scan_count: 0 Created_tmp_disk_tables: 0 Created_tmp_tables: 0 Start: " + iso + " End: " + iso
                + "\n# Rows_affected: 0\nuse d;\nSET timestamp=\\d+;\nSELECT v FROM t WHERE id = 3;.*"), file);
        assertTrue(file.matches("(?s).*Thread_id: 7 Errno: 1146 Killed: 0 .*SELECT \\* FROM missing_table;.*"), file);
    }

    /**
     * A SLEEP() stopped by KILL QUERY or max_execution_time answers 1 and the statement succeeds,
     * but MySQL's slow log still says it was killed (Errno: 0, Killed: 1317 / 3024).
     */
    @Test
    void logSlowExtraSaysAKilledSleepWasKilled() throws Exception {
        sql("SET GLOBAL log_slow_extra = ON");
        sql("SET long_query_time = 0");
        sql("SET GLOBAL slow_query_log = ON");
        try (Session other = engine.openSession(new SessionOptions(8, "root", "localhost", null, false))) {
            // DO: no result rows (the engine's row cursor would stop a SELECT at its next row with 1317)
            var sleeper = java.util.concurrent.CompletableFuture.runAsync(() -> sql("DO SLEEP(20) /* killed_sleep */"));
            long until = System.nanoTime() + 10_000_000_000L;
            while (SqlRows.of(other, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = 7 AND INFO LIKE '%killed_sleep%'")
                    .get(0)[0].toString().equals("0") && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            Thread.sleep(500); // inside SLEEP (a kill before it would fail the statement with 1317)
            SqlRows.of(other, "KILL QUERY 7");
            sleeper.get(10, java.util.concurrent.TimeUnit.SECONDS); // no error: the SLEEP absorbed the kill
        }
        assertEquals(1L, ((Number) one("SELECT /*+ MAX_EXECUTION_TIME(100) */ SLEEP(5) AS timed_sleep")).longValue());
        sql("SELECT 1 AS after_them");
        sql("SET GLOBAL slow_query_log = OFF");
        sql("SET GLOBAL log_slow_extra = OFF");
        String file = Files.readString(dir.resolve("slow.log"));
        assertTrue(file.matches("(?s).*Thread_id: 7 Errno: 0 Killed: 1317 [^\n]*\n# Rows_affected: 0\nuse d;\nSET timestamp=\\d+;\nDO SLEEP\\(20\\) /\\* killed_sleep \\*/;.*"), file);
        assertTrue(file.matches("(?s).*Thread_id: 7 Errno: 0 Killed: 3024 [^\n]*\n# Rows_affected: 0\nuse d;\nSET timestamp=\\d+;\nSELECT /\\*\\+ MAX_EXECUTION_TIME\\(100\\) \\*/ SLEEP\\(5\\) AS timed_sleep;.*"), file);
        assertTrue(file.matches("(?s).*Thread_id: 7 Errno: 0 Killed: 0 [^\n]*\n# Rows_affected: 0\nuse d;\nSET timestamp=\\d+;\nSELECT 1 AS after_them;.*"), file);
    }

    /** A TIME(6) value under a minute, as text, in seconds. */
    private static double seconds(Object time) {
        return Double.parseDouble(String.valueOf(time).substring("00:00:".length()));
    }

    private static List<Object> normalize(Object[] row) {
        return List.of(row[0], ((Number) row[1]).longValue(), ((Number) row[2]).longValue(), row[3],
                ((Number) row[4]).longValue());
    }
}
