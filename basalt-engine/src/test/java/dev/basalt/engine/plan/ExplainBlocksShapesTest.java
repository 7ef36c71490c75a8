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
 * EXPLAIN's query blocks for shapes the MariaDB-checked cases (basalt-it ExplainQueryBlocksTest)
 * leave out: views, recursive CTEs, INTERSECT / EXCEPT, subqueries in HAVING and ORDER BY
 * (plan/explain-blocks.csv: query; "id select_type table" per row, MySQL 8's layout as Basalt plans it).
 */
class ExplainBlocksShapesTest {
    private BasaltEngine engine;
    private Session session;

    @BeforeEach
    void setUp() {
        engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.40-test", "", 64 << 20));
        session = engine.openSession(new SessionOptions(1, "root", "127.0.0.1", null));
        for (String sql : List.of("CREATE DATABASE d", "USE d",
                "CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, KEY a (a))",
                "CREATE TABLE u (id INT PRIMARY KEY, a INT, v INT)",
                "INSERT INTO t VALUES (1,1,1),(2,2,2),(3,3,3)", "INSERT INTO u VALUES (1,1,1),(2,2,2)",
                "CREATE VIEW grouped AS SELECT a, COUNT(*) n FROM t GROUP BY a",
                "CREATE VIEW plain AS SELECT id, a FROM t WHERE b > 0")) {
            dev.basalt.engine.testkv.SqlRows.of(session, sql);
        }
    }

    @AfterEach
    void tearDown() {
        session.close();
        engine.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/plan/explain-blocks.csv", delimiter = ';', numLinesToSkip = 1)
    void blocks(String query, String expected) {
        List<String> got = new ArrayList<>();
        for (Object[] row : dev.basalt.engine.testkv.SqlRows.of(session, "EXPLAIN " + query)) {
            got.add(row[0] + " " + row[1] + " " + row[2]);
        }
        assertEquals(expected.trim(), String.join(" / ", got));
    }
}
