package dev.basalt.engine.session;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The text plan cache through the engine's Session API: the same shapes with other literals give
 * the rows, result columns (names, types, flags), affected counts, warnings and errors that the
 * ordinary path (basalt_text_plan_cache = OFF) gives, and the cache is really used (hits grow).
 * The client-level check (Connector/J's metadata) is TextPlanCacheJdbcTest in basalt-it.
 */
class TextPlanCacheTest {
    private Session cached, plain;

    @BeforeEach
    void open() {
        // two engines with the same data: one session with the cache, one without
        cached = session(new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.36-basalt", "", 64 << 20)));
        plain = session(new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.36-basalt", "", 64 << 20)));
        run(plain, "SET SESSION basalt_text_plan_cache = OFF");
    }

    private static Session session(BasaltEngine engine) {
        Session s = engine.openSession(new SessionOptions(1, "root", "localhost", null, false));
        run(s, "CREATE DATABASE d");
        s.useDatabase("d");
        run(s, "CREATE TABLE t (id INT PRIMARY KEY, k INT, c VARCHAR(20), p DECIMAL(10,2), f DOUBLE, d DATE, KEY (k))");
        for (int i = 1; i <= 20; i++) {
            run(s, "INSERT INTO t VALUES (" + i + ", " + (i % 5) + ", 'c" + i + "', " + i + ".25, " + i + "e0, '2020-01-"
                    + String.format("%02d", i) + "')");
        }
        return s;
    }

    @AfterEach
    void close() {
        cached.close();
        plain.close();
    }

    /** Shapes whose literals change the statement (not only a value), each with several literal sets. */
    private static final String[][] SHAPES = {
            {"SELECT c FROM t WHERE id = 1", "SELECT c FROM t WHERE id = 7", "SELECT c FROM t WHERE id = 99"},
            {"SELECT c FROM t WHERE id = -1", "SELECT c FROM t WHERE id = - 3", "SELECT c FROM t WHERE id = '4'"},
            {"SELECT id FROM t WHERE k = 2 ORDER BY id LIMIT 10", "SELECT id FROM t WHERE k = 3 ORDER BY id LIMIT 2",
                    "SELECT id FROM t WHERE k = 3 ORDER BY id LIMIT 1, 2"},
            {"SELECT id, c FROM t WHERE id < 5 ORDER BY 2", "SELECT id, c FROM t WHERE id < 5 ORDER BY 1",
                    "SELECT id, c FROM t WHERE id < 6 ORDER BY 2 DESC"},
            {"SELECT k, COUNT(*) FROM t GROUP BY 1 ORDER BY 1", "SELECT k, COUNT(*) FROM t WHERE id > 3 GROUP BY 1 ORDER BY 1"},
            {"SELECT 1, 'a', 1.5, 1e1, NULL FROM t WHERE id = 1", "SELECT 22, 'bbbbbb', 10.125, 2.5e3, NULL FROM t WHERE id = 2"},
            {"SELECT c AS 'x y' FROM t WHERE id = 1", "SELECT c AS 'z' FROM t WHERE id = 2", "SELECT c 'w' FROM t WHERE id = 3"},
            {"SELECT id + 1 AS n FROM t WHERE id = 1", "SELECT id + 100 AS n FROM t WHERE id = 1", "SELECT id + 1.5 AS n FROM t WHERE id = 1"},
            {"SELECT id FROM t WHERE d > '2020-01-15' ORDER BY id", "SELECT id FROM t WHERE d > DATE '2020-01-18' ORDER BY id",
                    "SELECT id FROM t WHERE d < '2020-01-01' + INTERVAL 3 DAY ORDER BY id",
                    "SELECT id FROM t WHERE d < '2020-01-01' + INTERVAL 1 WEEK ORDER BY id"},
            {"SELECT id FROM t WHERE c = _utf8mb4'c3'", "SELECT id FROM t WHERE c = _latin1'c4'",
                    "SELECT id FROM t WHERE c = 'C5' COLLATE utf8mb4_bin", "SELECT id FROM t WHERE c = 'C5'"},
            {"SELECT id FROM t WHERE c = 'c' '1'", "SELECT id FROM t WHERE c = N'c2'", "SELECT id FROM t WHERE id = 0x03",
                    "SELECT id FROM t WHERE id = b'100'", "SELECT id FROM t WHERE id = X'05'"},
            {"SELECT id FROM t WHERE p = 1.25", "SELECT id FROM t WHERE p = 2.250", "SELECT id FROM t WHERE p = 3",
                    "SELECT id FROM t WHERE p = 4.25e0", "SELECT id FROM t WHERE p > 1e1 ORDER BY id"},
            {"SELECT id FROM t WHERE f = 1", "SELECT id FROM t WHERE f = 2.0", "SELECT id FROM t WHERE f = 3e0"},
            {"SELECT id FROM t WHERE id IN (1, 2, 3) ORDER BY id", "SELECT id FROM t WHERE id IN (4, 5) ORDER BY id",
                    "SELECT id FROM t WHERE id IN (6) ORDER BY id"},
            {"SELECT id FROM t WHERE k = NULL", "SELECT id FROM t WHERE k IS NULL", "SELECT id FROM t WHERE k <=> NULL"},
            {"SELECT id FROM t WHERE id = 9223372036854775807", "SELECT id FROM t WHERE id = 18446744073709551615",
                    "SELECT id FROM t WHERE id = 99999999999999999999999", "SELECT id FROM t WHERE id = -9223372036854775808"},
            {"SELECT id / 3 FROM t WHERE id = 3", "SELECT id DIV 3 FROM t WHERE id = 4", "SELECT id FROM t WHERE id DIV 3 = 2 ORDER BY id"},
            {"SELECT SUM(p), AVG(k) FROM t WHERE id BETWEEN 1 AND 10", "SELECT SUM(p), AVG(k) FROM t WHERE id BETWEEN 5 AND 6"},
            {"SELECT DISTINCT c FROM t WHERE id BETWEEN 1 AND 10 ORDER BY c", "SELECT DISTINCT c FROM t WHERE id BETWEEN 3 AND 4 ORDER BY c"},
            {"SELECT c FROM t WHERE c LIKE 'c1%' ORDER BY c", "SELECT c FROM t WHERE c LIKE 'c2%' ORDER BY c",
                    "SELECT c FROM t WHERE c LIKE 'c!%' ESCAPE '!' ORDER BY c"},
            {"SELECT id FROM t WHERE id = 1 + 1", "SELECT id FROM t WHERE id = 'abc'", "SELECT id FROM t WHERE id = '3x'"},
            {"SELECT CONCAT(c, 'x') FROM t WHERE k = 1 HAVING COUNT(*) > 0",
                    "SELECT k, COUNT(*) FROM t GROUP BY k HAVING COUNT(*) > 3 ORDER BY k",
                    "SELECT k, COUNT(*) FROM t GROUP BY k HAVING COUNT(*) > 4 ORDER BY k"},
            {"SELECT id FROM t WHERE id = (SELECT 3 FROM t WHERE id = 1)", "SELECT id FROM t WHERE id = (SELECT 5 FROM t WHERE id = 2)",
                    "SELECT id FROM t WHERE id IN (SELECT id FROM t WHERE k = 1 ORDER BY 1 LIMIT 2) ORDER BY id"},
            {"SELECT id FROM t WHERE id = 1 UNION SELECT id FROM t WHERE id = 2 ORDER BY 1",
                    "SELECT id FROM t WHERE id = 5 UNION SELECT id FROM t WHERE id = 6 ORDER BY 1 LIMIT 1"},
            {"SELECT c FROM t WHERE id = 1;", "SELECT c FROM t WHERE id = 2 ;", "select c from t where id=3"},
    };

    @Test
    void shapesGiveWhatTheOrdinaryPathGives() {
        long hits = TextPlanCache.HITS.sum();
        for (int round = 0; round < 2; round++) {
            for (String[] shape : SHAPES) for (String sql : shape) assertSame(sql);
        }
        assertTrue(TextPlanCache.HITS.sum() - hits >= 40, "the cache was used: " + (TextPlanCache.HITS.sum() - hits));
    }

    @Test
    void writesGiveWhatTheOrdinaryPathGives() {
        String[][] pairs = {
                {"INSERT INTO t (id, k, c) VALUES (101, 1, 'x')", "INSERT INTO t (id, k, c) VALUES (201, 1, 'x')"},
                {"INSERT INTO t (id, k, c, p) VALUES (102, -2, 'it''s', 1.005)", "INSERT INTO t (id, k, c, p) VALUES (202, -2, 'it''s', 1.005)"},
                {"INSERT INTO t (id, c) VALUES (103, 'abc'), (104, NULL)", "INSERT INTO t (id, c) VALUES (203, 'abc'), (204, NULL)"},
                {"INSERT IGNORE INTO t (id, k) VALUES (105, 'zz')", "INSERT IGNORE INTO t (id, k) VALUES (205, 'zz')"},
                {"REPLACE INTO t (id, k, c) VALUES (1, 7, 'r')", "REPLACE INTO t (id, k, c) VALUES (2, 7, 'r')"},
                {"UPDATE t SET k = k + 1 WHERE id = 3", "UPDATE t SET k = k + 1 WHERE id = 4"},
                {"UPDATE t SET c = 'u', p = 9.5 WHERE id BETWEEN 5 AND 6", "UPDATE t SET c = 'u', p = 9.5 WHERE id BETWEEN 7 AND 8"},
                {"UPDATE t SET k = 3 WHERE k = 4 ORDER BY id LIMIT 1", "UPDATE t SET k = 3 WHERE k = 4 ORDER BY id LIMIT 1"},
                {"INSERT INTO t (id, k) VALUES (1, 0) ON DUPLICATE KEY UPDATE k = 100", "INSERT INTO t (id, k) VALUES (2, 0) ON DUPLICATE KEY UPDATE k = 100"},
                {"DELETE FROM t WHERE id = 9", "DELETE FROM t WHERE id = 10"},
                {"UPDATE t SET p = 'abc' WHERE id = 11", "UPDATE t SET p = 'abc' WHERE id = 12"},
        };
        for (String[] pair : pairs) for (String sql : pair) assertSame(sql);
        String all = "SELECT * FROM t ORDER BY id";
        assertEquals(dump(plain, all), dump(cached, all));
    }

    @Test
    void ddlAndSessionStateAreSeen() {
        assertEquals("[[c1]]", dump(cached, "SELECT c FROM t WHERE id = 1"));
        run(cached, "ALTER TABLE t ADD COLUMN extra INT DEFAULT 5 FIRST");
        assertEquals("[[c2]]", dump(cached, "SELECT c FROM t WHERE id = 2"));
        assertEquals("[[5, 3]]", dump(cached, "SELECT extra, id FROM t WHERE id = 3"));
        run(cached, "CREATE DATABASE d2");
        run(cached, "CREATE TABLE d2.t (id INT PRIMARY KEY, c VARCHAR(20))");
        run(cached, "INSERT INTO d2.t VALUES (1, 'other')");
        run(cached, "USE d2");
        assertEquals("[[other]]", dump(cached, "SELECT c FROM t WHERE id = 1"));
        run(cached, "USE d");
        assertEquals("[[c1]]", dump(cached, "SELECT c FROM t WHERE id = 1"));
        // ANSI_QUOTES changes what "c1" means: a column name, not a string
        assertEquals("[[1]]", dump(cached, "SELECT id FROM t WHERE c = \"c1\""));
        run(cached, "SET sql_mode = 'ANSI_QUOTES'");
        SqlException column = assertThrows(SqlException.class, () -> dump(cached, "SELECT id FROM t WHERE c = \"c1\""));
        assertEquals(1054, column.errorCode());
        run(cached, "SET sql_mode = DEFAULT");
        // a shape whose table went away fails as the ordinary path does
        run(cached, "DROP TABLE d2.t");
        SqlException e = assertThrows(SqlException.class, () -> dump(cached, "SELECT c FROM d2.t WHERE id = 1"));
        assertEquals(1146, e.errorCode());
    }

    @Test
    void longTextsTakeTheOrdinaryPath() {
        StringBuilder insert = new StringBuilder("INSERT INTO t (id, c) VALUES (1000, 'x')");
        for (int i = 1001; insert.length() <= TextPlanCache.MAX_TEXT; i++) insert.append(", (").append(i).append(", 'x')");
        long misses = TextPlanCache.MISSES.sum(), hits = TextPlanCache.HITS.sum();
        assertEquals(normalise(outcome(plain, insert.toString())), normalise(outcome(cached, insert.toString())));
        assertEquals(misses, TextPlanCache.MISSES.sum());
        assertEquals(hits, TextPlanCache.HITS.sum());
    }

    @Test
    void offTakesTheOrdinaryPath() {
        run(cached, "SET SESSION basalt_text_plan_cache = OFF");
        long hits = TextPlanCache.HITS.sum();
        for (int i = 1; i <= 5; i++) dump(cached, "SELECT c FROM t WHERE id = " + i);
        assertEquals(hits, TextPlanCache.HITS.sum());
    }

    private void assertSame(String sql) {
        assertEquals(normalise(outcome(plain, sql)), normalise(outcome(cached, sql)), sql);
    }

    /** Rows with columns, an update count with warnings, or an error: what a client sees. */
    private static Object outcome(Session s, String sql) {
        try {
            Result r = s.execute(sql, true).next();
            List<Object> out = new ArrayList<>();
            if (r instanceof Result.Rows rows) {
                out.add(rows.columns().toString());
                try (RowCursor c = rows.cursor()) {
                    for (Object[] row; (row = c.next()) != null; ) out.add(Arrays.deepToString(row));
                }
            } else {
                out.add(r.toString());
            }
            out.add("warnings " + s.warningCount());
            return out;
        } catch (SqlException e) {
            return "error " + e.errorCode() + " " + e.getMessage();
        }
    }

    private static Object normalise(Object o) { return String.valueOf(o); }

    private static String dump(Session s, String sql) {
        Result r = s.execute(sql, false).next();
        List<String> out = new ArrayList<>();
        try (RowCursor c = ((Result.Rows) r).cursor()) {
            for (Object[] row; (row = c.next()) != null; ) out.add(Arrays.toString(row));
        }
        return out.toString();
    }

    private static void run(Session s, String sql) {
        Result r = s.execute(sql, false).next();
        if (r instanceof Result.Rows rows) rows.cursor().close();
    }
}
