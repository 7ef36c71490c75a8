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
 * The planner reads through indexes where the WHERE clause allows it (the "used for
 * lookups and range scans, not full scans"). Cases live in plan/access-paths.csv:
 * query ; expected "table:type:key" per table access.
 */
class AccessPathTest {

    private BasaltEngine engine;
    private Session session;

    @BeforeEach
    void setUp() {
        engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.40-test", "", 64 << 20));
        session = engine.openSession(new SessionOptions(1, "root", "127.0.0.1", null));
        run("CREATE DATABASE d");
        run("USE d");
        run("CREATE TABLE t (id INT PRIMARY KEY, k INT, name VARCHAR(20), UNIQUE KEY u_name (name), KEY k_idx (k))");
        run("CREATE TABLE c (a INT, b INT, v INT, PRIMARY KEY (a, b))");
        run("CREATE TABLE h (x INT, y INT)");
        StringBuilder ins = new StringBuilder("INSERT INTO t VALUES ");
        for (int i = 1; i <= 200; i++) ins.append(i > 1 ? "," : "").append('(').append(i).append(',').append(i % 10)
                .append(",'n").append(i).append("')");
        run(ins.toString());
        StringBuilder c = new StringBuilder("INSERT INTO c VALUES ");
        for (int i = 1; i <= 400; i++) c.append(i > 1 ? "," : "").append('(').append(i / 4).append(',').append(i % 4).append(",0)");
        run(c.toString());
        run("INSERT INTO h VALUES (1, 1), (2, 2), (3, 3)");
    }

    @AfterEach
    void tearDown() {
        session.close();
        engine.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/plan/access-paths.csv", delimiter = ';', numLinesToSkip = 1)
    void choosesTheExpectedAccessPath(String query, String expected) {
        List<String> got = new ArrayList<>();
        for (Object[] row : rows("EXPLAIN " + query)) got.add(row[2] + ":" + row[4] + ":" + row[5]);
        assertEquals(expected.trim(), String.join(" ", got));
    }

    /** EXPLAIN's columns as MySQL 8 fills them (key_len, ref, Extra), from plan/explain-columns.csv. */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/plan/explain-columns.csv", delimiter = ';', numLinesToSkip = 1)
    void explainsLikeMySql(String query, String expected) {
        List<String> got = new ArrayList<>();
        for (Object[] row : rows("EXPLAIN " + query)) {
            got.add(row[2] + "|" + row[4] + "|" + row[6] + "|" + row[7] + "|" + row[8] + "|" + row[11]);
        }
        assertEquals(expected.trim(), String.join(" / ", got));
    }

    private void run(String sql) {
        rows(sql);
    }

    private List<Object[]> rows(String sql) {
        return dev.basalt.engine.testkv.SqlRows.of(session, sql);
    }
}
