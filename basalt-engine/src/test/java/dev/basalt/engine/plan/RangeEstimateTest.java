package dev.basalt.engine.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.util.List;

/**
 * EXPLAIN's rows for ranges wider than the index dive's count limit come from the index (the dive's
 * count extrapolated over the rest of the range by key positions), as MySQL's records_in_range
 * does, so they stay within a small factor of the truth (plan/range-estimates.csv: query; rows
 * the range holds). Checked before and after ANALYZE TABLE.
 *
 * <p>Data: {@code t} has 50,000 dense ids, {@code k} a permutation of 0..49999 and {@code grp}
 * ten groups (index grp_k); {@code g} has 20,000 dense ids and 20 far apart (1,000,000 + 1000 i):
 * key positions alone would put 50 times too many rows in a range reaching them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RangeEstimateTest {
    private static final double FACTOR = 2;

    private BasaltEngine engine;
    private Session session;

    @BeforeAll
    void setUp() {
        engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.40-test", "", 64 << 20));
        session = engine.openSession(new SessionOptions(1, "root", "127.0.0.1", null));
        for (String db : List.of("fresh", "analysed")) load(db);
        run("ANALYZE TABLE analysed.t, analysed.g");
    }

    /** The same tables in two databases: one never analysed, one analysed once. */
    private void load(String db) {
        run("CREATE DATABASE " + db);
        run("USE " + db);
        run("CREATE TABLE t (id INT PRIMARY KEY, k INT, grp INT, KEY k (k), KEY grp_k (grp, k))");
        run("CREATE TABLE g (id INT PRIMARY KEY, v INT)");
        for (int from = 1; from <= 50_000; from += 5000) {
            StringBuilder sb = new StringBuilder("INSERT INTO t VALUES ");
            for (int id = from; id < from + 5000; id++) {
                sb.append(id > from ? "," : "").append('(').append(id).append(',').append(id * 7919L % 50_000).append(',').append(id % 10).append(')');
            }
            run(sb.toString());
        }
        StringBuilder sb = new StringBuilder("INSERT INTO g VALUES ");
        for (int id = 1; id <= 20_000; id++) sb.append(id > 1 ? "," : "").append('(').append(id).append(",0)");
        for (int i = 0; i < 20; i++) sb.append(",(").append(1_000_000 + 1000 * i).append(",0)");
        run(sb.toString());
    }

    @AfterAll
    void tearDown() {
        session.close();
        engine.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/plan/range-estimates.csv", delimiter = ';', numLinesToSkip = 1)
    void explainRowsComeFromTheIndex(String query, long truth) {
        run("USE fresh");
        assertWithin(query, truth, "before ANALYZE");
        run("USE analysed");
        assertWithin(query, truth, "after ANALYZE");
    }

    private void assertWithin(String query, long truth, String when) {
        List<Object[]> explain = rows("EXPLAIN " + query);
        long rows = ((Number) explain.getFirst()[9]).longValue();
        assertTrue(rows >= truth / FACTOR && rows <= truth * FACTOR,
                when + ": EXPLAIN says " + rows + " rows (type " + explain.getFirst()[4] + ", key " + explain.getFirst()[6]
                        + "), the range holds " + truth);
    }

    private void run(String sql) {
        rows(sql);
    }

    private List<Object[]> rows(String sql) {
        return dev.basalt.engine.testkv.SqlRows.of(session, sql);
    }
}
