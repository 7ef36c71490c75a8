package dev.basalt.engine.statement;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.PreparedStatementHandle;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.plan.PreparedStatement;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The plan cache of prepared SELECTs: which statements keep their plan, that a kept plan gives
 * the same rows for new values, and that each invalidation makes the plan again (made() grows).
 * The SQL-level and driver-level tests (plan-cache.test, PlanCacheJdbcTest, PgPlanCacheTest)
 * check the results clients see.
 */
class PlanReuseTest {
    private BasaltEngine engine;
    private Session session;

    @BeforeEach
    void open() {
        engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.36-basalt", "", 64 << 20));
        session = engine.openSession(new SessionOptions(1, "root", "localhost", null, false));
        run("CREATE DATABASE d");
        session.useDatabase("d");
        run("CREATE TABLE t (id INT PRIMARY KEY, k INT, c VARCHAR(20), KEY (k))");
        for (int i = 1; i <= 20; i++) run("INSERT INTO t VALUES (" + i + ", " + (i % 5) + ", 'c" + i + "')");
    }

    @AfterEach
    void close() { session.close(); }

    @Test
    void pointSelectKeepsItsPlanAndReadsEachValue() {
        PreparedStatementHandle h = session.prepare("SELECT c FROM t WHERE id = ?");
        for (long i = 1; i <= 20; i++) assertEquals(List.of("c" + i), column(h, i));
        assertEquals(List.of(), column(h, 99L));
        assertEquals(1, plan(h).made());
        assertEquals(20, plan(h).reused());
    }

    @Test
    void postgresConcatenationKeepsItsPlan() {
        // the PostgreSQL port's || (PG_CONCAT: CONCAT on strings) reads nothing but its arguments, as CONCAT
        run("SET sql_mode = 'PIPES_AS_CONCAT,ANSI_QUOTES'");
        session.setPostgresOperators(true);
        PreparedStatementHandle h = session.prepare("SELECT c || '!' FROM t WHERE c || 'x' = ?");
        for (long i = 1; i <= 20; i++) assertEquals(List.of("c" + i + "!"), column(h, "c" + i + "x"));
        assertEquals(1, plan(h).made());
        assertEquals(19, plan(h).reused());
    }

    @Test
    void writesToTheTableKeepThePlan() {
        PreparedStatementHandle h = session.prepare("SELECT c FROM t WHERE id = ?");
        assertEquals(List.of("c1"), column(h, 1L));
        run("INSERT INTO t VALUES (21, 1, 'c21')");
        run("UPDATE t SET c = 'changed' WHERE id = 1");
        run("DELETE FROM t WHERE id = 2");
        assertEquals(List.of("c21"), column(h, 21L));
        assertEquals(List.of("changed"), column(h, 1L));
        assertEquals(List.of(), column(h, 2L));
        assertEquals(1, plan(h).made());
    }

    @Test
    void rangeSortAggregateAndDistinctShapesAreKept() {
        assertKept("SELECT c FROM t WHERE id BETWEEN ? AND ? ORDER BY c", new Object[]{1L, 3L}, new Object[]{4L, 5L},
                List.of("c1", "c2", "c3"), List.of("c4", "c5"));
        assertKept("SELECT SUM(k) FROM t WHERE id BETWEEN ? AND ?", new Object[]{1L, 4L}, new Object[]{5L, 5L},
                List.of(new java.math.BigDecimal(10)), List.of(new java.math.BigDecimal(0)));
        assertKept("SELECT DISTINCT k FROM t WHERE id BETWEEN ? AND ? ORDER BY k", new Object[]{1L, 6L},
                new Object[]{5L, 5L}, List.of(0L, 1L, 2L, 3L, 4L), List.of(0L));
    }

    @Test
    void valueDependentPlansAreMadeEveryTime() {
        PreparedStatementHandle h = session.prepare("SELECT c FROM t WHERE id > 0 ORDER BY id LIMIT ?");
        assertEquals(List.of("c1"), column(h, 1L));
        assertEquals(List.of("c1", "c2"), column(h, 2L));
        assertEquals(0, plan(h).reused());
        PreparedStatementHandle sub = session.prepare("SELECT c FROM t WHERE id = (SELECT MAX(id) FROM t WHERE k = ?)");
        assertEquals(List.of("c20"), column(sub, 0L));
        assertEquals(List.of("c19"), column(sub, 4L));
        assertEquals(0, plan(sub).reused());
    }

    @Test
    void anotherKindOfValueMakesAnotherPlan() {
        PreparedStatementHandle h = session.prepare("SELECT c FROM t WHERE id = ?");
        assertEquals(List.of("c3"), column(h, 3L));
        assertEquals(List.of("c3"), column(h, "3"));
        assertEquals(List.of(), column(h, (Object) null));
        assertEquals(List.of("c3"), column(h, 3L));
        assertEquals(4, plan(h).made());
    }

    @Test
    void ddlOnTheTableMakesThePlanAgain() {
        PreparedStatementHandle h = session.prepare("SELECT * FROM t WHERE k = ? ORDER BY id");
        assertEquals(4, rows(h, 1L).size());
        run("ALTER TABLE t ADD COLUMN extra INT DEFAULT 7");
        List<Object[]> after = rows(h, 1L);
        assertEquals(4, after.getFirst().length, "the new column is read");
        assertEquals(7L, ((Number) after.getFirst()[3]).longValue());
        run("DROP INDEX k ON t");
        assertEquals(4, rows(h, 1L).size());
        run("CREATE INDEX k2 ON t (k)");
        assertEquals(4, rows(h, 1L).size());
        run("TRUNCATE TABLE t");
        assertEquals(0, rows(h, 1L).size());
        assertEquals(5, plan(h).made());
    }

    @Test
    void temporaryTableShadowingTheTableIsRead() {
        PreparedStatementHandle h = session.prepare("SELECT c FROM t WHERE id = ?");
        assertEquals(List.of("c1"), column(h, 1L));
        run("CREATE TEMPORARY TABLE t (id INT PRIMARY KEY, c VARCHAR(20))");
        run("INSERT INTO t VALUES (1, 'temp')");
        assertEquals(List.of("temp"), column(h, 1L));
        run("DROP TEMPORARY TABLE t");
        assertEquals(List.of("c1"), column(h, 1L));
        assertEquals(3, plan(h).made());
    }

    @Test
    void analyzeDatabaseAndVariablesMakeThePlanAgain() {
        PreparedStatementHandle h = session.prepare("SELECT c FROM t WHERE id = ?");
        assertEquals(List.of("c1"), column(h, 1L));
        run("ANALYZE TABLE t");
        assertEquals(List.of("c1"), column(h, 1L));
        assertEquals(2, plan(h).made());
        run("SET sql_mode = ''");
        assertEquals(List.of("c1"), column(h, 1L));
        assertEquals(3, plan(h).made());
        run("CREATE DATABASE e");
        run("CREATE TABLE e.t (id INT PRIMARY KEY, c VARCHAR(20))");
        run("INSERT INTO e.t VALUES (1, 'other')");
        session.useDatabase("e");
        // as in MySQL, the statement runs in the database it was prepared in
        assertEquals(List.of("c1"), column(h, 1L));
        assertEquals(3, plan(h).made());
        assertEquals(List.of("other"), column(session.prepare("SELECT c FROM t WHERE id = ?"), 1L));
    }

    @Test
    void anOpenCursorIsNotShared() {
        PreparedStatementHandle h = session.prepare("SELECT c FROM t WHERE id <= ? ORDER BY id");
        assertEquals(3, column(h, 3L).size());
        Result.Rows first = (Result.Rows) session.executePrepared(h, new Object[]{2L}).next();
        RowCursor open = first.cursor();
        assertEquals("c1", open.next()[0]);
        assertEquals(List.of("c1", "c2", "c3", "c4"), column(h, 4L));
        assertEquals("c2", open.next()[0]);
        assertNull(open.next());
        open.close();
    }

    @Test
    void preparedDeleteKeepsThePlanOfItsTargetRows() {
        PreparedStatementHandle del = session.prepare("DELETE FROM t WHERE id = ?");
        assertEquals(1, affected(del, 1L));
        assertEquals(0, affected(del, 1L));
        assertEquals(1, affected(del, 2L));
        assertEquals(1, plan(del).made());
        assertEquals(2, plan(del).reused());
        PreparedStatementHandle range = session.prepare("DELETE FROM t WHERE id BETWEEN ? AND ? AND k <> ?");
        assertEquals(3, affected(range, 3L, 6L, 0L)); // 3..6 have k = 3, 4, 0, 1
        assertEquals(List.of(5L), ids());
        assertEquals(3, affected(range, 5L, 9L, 2L)); // 5, 8, 9 (7 has k = 2)
        assertEquals(1, plan(range).reused());
        run("ALTER TABLE t ADD COLUMN extra INT");
        assertEquals(1, affected(del, 7L));
        assertEquals(2, plan(del).made());
    }

    @Test
    void preparedUpdateKeepsItsTargetRowsAndBindsItsAssignmentsEachTime() {
        PreparedStatementHandle h = session.prepare("UPDATE t SET c = ?, k = k + 1 WHERE id = ?");
        assertEquals(1, affected(h, "x1", 1L));
        assertEquals(1, affected(h, "x2", 2L));
        assertEquals(1, affected(h, "x3", 1L));
        assertEquals(List.of("x3"), column(session.prepare("SELECT c FROM t WHERE id = ?"), 1L));
        assertEquals(List.of(3L), column(session.prepare("SELECT k FROM t WHERE id = ?"), 1L));
        assertEquals(1, plan(h).made());
        assertEquals(2, plan(h).reused());
        run("CREATE INDEX c_idx ON t (c)");
        assertEquals(1, affected(h, "x4", 2L));
        assertEquals(2, plan(h).made());
    }

    @Test
    void aDeleteInATransactionKeepsItsLockingPlanAndAutocommitPlansAgain() {
        PreparedStatementHandle h = session.prepare("DELETE FROM t WHERE id = ?");
        run("BEGIN");
        assertEquals(1, affected(h, 1L));
        assertEquals(0, affected(h, 1L));
        assertEquals(1, affected(h, 2L));
        run("COMMIT");
        run("BEGIN");
        assertEquals(1, affected(h, 3L));
        run("ROLLBACK");
        assertEquals(1, plan(h).made());
        assertEquals(3, plan(h).reused());
        assertEquals(1, affected(h, 3L)); // autocommit reads without locking: another plan
        assertEquals(0, affected(h, 3L));
        assertEquals(2, plan(h).made());
        assertEquals(4, plan(h).reused());
        assertEquals(List.of(4L, 5L, 6L), ids());
    }

    @Test
    void anUpdateInATransactionKeepsItsLockingPlan() {
        PreparedStatementHandle h = session.prepare("UPDATE t SET k = k + ? WHERE id = ?");
        run("BEGIN");
        for (long i = 1; i <= 5; i++) assertEquals(1, affected(h, 10L, i));
        run("COMMIT");
        assertEquals(List.of(11L), column(session.prepare("SELECT k FROM t WHERE id = ?"), 1L));
        assertEquals(1, plan(h).made());
        assertEquals(4, plan(h).reused());
    }

    @Test
    void dmlWithASubqueryOrLimitParameterIsNotKept() {
        PreparedStatementHandle sub = session.prepare("DELETE FROM t WHERE id = (SELECT 1 FROM dual WHERE ? = 1)");
        assertEquals(1, affected(sub, 1L));
        assertEquals(0, affected(sub, 2L));
        assertEquals(0, plan(sub).made());
        PreparedStatementHandle lim = session.prepare("UPDATE t SET c = 'l' WHERE k = ? ORDER BY id LIMIT ?");
        assertEquals(2, affected(lim, 2L, 2L));
        assertEquals(1, affected(lim, 3L, 1L));
        assertEquals(0, plan(lim).made());
    }

    private long affected(PreparedStatementHandle h, Object... values) {
        return ((Result.Update) session.executePrepared(h, values).next()).affectedRows();
    }

    private List<Object> ids() {
        return column(session.prepare("SELECT id FROM t WHERE id <= ? ORDER BY id"), 6L);
    }

    private void assertKept(String sql, Object[] first, Object[] second, List<Object> one, List<Object> two) {
        PreparedStatementHandle h = session.prepare(sql);
        assertEquals(one, column(h, first));
        assertEquals(two, column(h, second));
        assertEquals(one, column(h, first));
        assertEquals(1, plan(h).made(), sql);
        assertEquals(2, plan(h).reused(), sql);
    }

    private static dev.basalt.engine.plan.PreparedPlan plan(PreparedStatementHandle h) {
        return ((PreparedStatement) h).plan();
    }

    private List<Object> column(PreparedStatementHandle h, Object... values) {
        List<Object> out = new ArrayList<>();
        for (Object[] r : rows(h, values)) out.add(r[0]);
        return out;
    }

    private List<Object[]> rows(PreparedStatementHandle h, Object... values) {
        List<Object[]> out = new ArrayList<>();
        Result r = session.executePrepared(h, values).next();
        try (RowCursor c = ((Result.Rows) r).cursor()) {
            for (Object[] row; (row = c.next()) != null; ) out.add(row.clone());
        }
        return out;
    }

    private void run(String sql) {
        Result r = session.execute(sql, false).next();
        if (r instanceof Result.Rows rows) rows.cursor().close();
    }
}
