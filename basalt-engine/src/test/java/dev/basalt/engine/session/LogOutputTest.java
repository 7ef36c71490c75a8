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

    private static List<Object> normalize(Object[] row) {
        return List.of(row[0], ((Number) row[1]).longValue(), ((Number) row[2]).longValue(), row[3],
                ((Number) row[4]).longValue());
    }
}
