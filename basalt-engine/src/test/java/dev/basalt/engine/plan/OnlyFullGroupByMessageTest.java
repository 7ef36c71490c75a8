package dev.basalt.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ONLY_FULL_GROUP_BY's messages name the clause, as MySQL 8's (the SQL side: only_full_group_by.test). */
class OnlyFullGroupByMessageTest {
    private BasaltEngine engine;
    private Session session;

    @BeforeEach
    void open() {
        engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.36-basalt", "", 64 << 20));
        session = engine.openSession(new SessionOptions(1, "root", "localhost", null, false));
        run("CREATE DATABASE d");
        session.useDatabase("d");
        run("CREATE TABLE t (a INT, b INT)");
    }

    @AfterEach
    void close() {
        session.close();
        engine.close();
    }

    private void run(String sql) {
        session.execute(sql, false).next();
    }

    private SqlException error(String sql) {
        return assertThrows(SqlException.class, () -> run(sql), sql);
    }

    @Test
    void havingOfAnAggregateQueryWithoutGroupBy() {
        SqlException e = error("SELECT COUNT(*) FROM t HAVING a > 1");
        assertEquals(1140, e.errorCode());
        assertEquals("In aggregated query without GROUP BY, expression #1 of HAVING clause contains nonaggregated column"
                + " 'd.t.a'; this is incompatible with sql_mode=only_full_group_by", e.getMessage());
    }

    @Test
    void selectListOfAnAggregateQueryWithoutGroupBy() {
        SqlException e = error("SELECT SUM(a), b FROM t");
        assertEquals("In aggregated query without GROUP BY, expression #2 of SELECT list contains nonaggregated column"
                + " 'd.t.b'; this is incompatible with sql_mode=only_full_group_by", e.getMessage());
    }

    @Test
    void orderByOfAnAggregateQueryWithoutGroupByIsDropped() {
        run("SELECT SUM(a) FROM t ORDER BY b");
    }
}
