package dev.basalt.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * EXPLAIN ANALYZE: MySQL 8's TREE text with "(actual time=... rows=... loops=...)" per step. Cases
 * live in plan/explain-analyze.txt: a "query:" line, then the expected plan, then a blank line;
 * times vary from run to run, so they are compared as {@code time=*..*}; rows and loops are exact.
 */
class ExplainAnalyzeTest {

    private BasaltEngine engine;
    private Session session;

    @BeforeEach
    void setUp() {
        engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.40-test", "", 64 << 20));
        session = engine.openSession(new SessionOptions(1, "root", "127.0.0.1", null));
        rows("CREATE DATABASE d");
        rows("USE d");
        rows("CREATE TABLE t (id INT PRIMARY KEY, v INT, k INT, KEY k (k))");
        rows("INSERT INTO t VALUES (1, 10, 100), (2, 20, 200), (3, 30, 300), (4, 40, 400)");
        rows("CREATE TABLE u (id INT PRIMARY KEY, t_id INT, w INT)");
        rows("INSERT INTO u VALUES (1, 1, 5), (2, 1, 6), (3, 2, 7)");
        rows("CREATE TABLE n (id INT PRIMARY KEY, g INT, k INT, KEY k (k), KEY g_k (g, k))");
        rows("INSERT INTO n VALUES (1, 1, NULL), (2, 1, NULL), (3, 1, 30), (4, 1, 10), (5, 2, NULL), (6, 2, NULL),"
                + " (7, 3, 70), (8, NULL, NULL), (9, NULL, 90)");
    }

    @AfterEach
    void tearDown() {
        session.close();
        engine.close();
    }

    @Test
    void measuresEveryStep() throws IOException {
        List<String[]> cases = cases();
        assertFalse(cases.isEmpty());
        for (String[] c : cases) {
            List<Object[]> out = rows("EXPLAIN ANALYZE " + c[0]);
            assertEquals(1, out.size(), c[0]);
            String got = ((String) out.getFirst()[0]).replaceAll("time=[0-9.]+\\.\\.[0-9.]+", "time=*..*");
            assertEquals(c[1], got, c[0]);
        }
    }

    /** {query, expected text} pairs. */
    private static List<String[]> cases() throws IOException {
        String text;
        try (InputStream in = ExplainAnalyzeTest.class.getResourceAsStream("/plan/explain-analyze.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String[]> out = new ArrayList<>();
        String query = null;
        StringBuilder plan = new StringBuilder();
        for (String line : (text + "\n").split("\n", -1)) {
            if (line.startsWith("#")) continue;
            if (line.startsWith("query: ")) {
                query = line.substring("query: ".length());
                plan.setLength(0);
            } else if (line.isBlank()) {
                if (query != null) out.add(new String[]{query, plan.toString()});
                query = null;
            } else {
                plan.append(line).append('\n');
            }
        }
        return out;
    }

    private List<Object[]> rows(String sql) {
        return dev.basalt.engine.testkv.SqlRows.of(session, sql);
    }
}
