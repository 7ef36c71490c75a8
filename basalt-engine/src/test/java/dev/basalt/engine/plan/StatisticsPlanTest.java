package dev.basalt.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.util.ArrayList;
import java.util.List;

/**
 * ANALYZE TABLE changes plans: the same query is explained before and after the statistics exist
 * (plan/statistics-plans.csv: query; before as table:type:key; after as table:type:key:rows:filtered, both
 * in planning order, which for joins is the join order).
 *
 * <p>Data: {@code s} has 2000 rows, a two-valued {@code flag} and a unique-ish {@code created};
 * {@code o} (1000 rows) has a two-valued {@code state}; {@code i} (2000 rows, 200 kinds) points
 * at {@code o}; {@code n} has a non-indexed {@code v} with a histogram.
 */
class StatisticsPlanTest {

    private BasaltEngine engine;
    private Session session;

    @BeforeEach
    void setUp() {
        engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.40-test", "", 64 << 20));
        session = engine.openSession(new SessionOptions(1, "root", "127.0.0.1", null));
        run("CREATE DATABASE d");
        run("USE d");
        run("CREATE TABLE s (id INT PRIMARY KEY, flag INT, created INT, KEY fl (flag), KEY cr (created))");
        run("CREATE TABLE o (id INT PRIMARY KEY, state INT, KEY st (state))");
        run("CREATE TABLE i (id INT PRIMARY KEY, o_id INT, kind INT, KEY oi (o_id), KEY ki (kind))");
        run("CREATE TABLE n (id INT PRIMARY KEY, v INT)");
        insert("s", 2000, k -> k + "," + (k % 2) + "," + k);
        insert("o", 1000, k -> k + "," + (k % 2));
        insert("i", 2000, k -> k + "," + (k % 1000 + 1) + "," + (k % 200));
        insert("n", 100, k -> k + "," + (k <= 90 ? 1 : k));
    }

    @AfterEach
    void tearDown() {
        session.close();
        engine.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/plan/statistics-plans.csv", delimiter = ';', numLinesToSkip = 1)
    void statisticsChangeThePlan(String query, String before, String after) {
        List<String> got = new ArrayList<>();
        for (Object[] row : rows("EXPLAIN " + query)) got.add(row[2] + ":" + row[4] + ":" + row[6]);
        assertEquals(before.trim(), String.join(" ", got), "before ANALYZE");
        run("ANALYZE TABLE s, o, i, n");
        run("ANALYZE TABLE n UPDATE HISTOGRAM ON v");
        got.clear();
        for (Object[] row : rows("EXPLAIN " + query)) got.add(row[2] + ":" + row[4] + ":" + row[6] + ":" + row[9] + ":" + String.format(java.util.Locale.ROOT, "%.2f", (Double) row[10]));
        assertEquals(after.trim(), String.join(" ", got), "after ANALYZE");
    }

    private void insert(String table, int n, java.util.function.IntFunction<String> values) {
        StringBuilder sb = new StringBuilder("INSERT INTO " + table + " VALUES ");
        for (int k = 1; k <= n; k++) sb.append(k > 1 ? "," : "").append('(').append(values.apply(k)).append(')');
        run(sb.toString());
    }

    private void run(String sql) {
        rows(sql);
    }

    private List<Object[]> rows(String sql) {
        return dev.basalt.engine.testkv.SqlRows.of(session, sql);
    }
}
