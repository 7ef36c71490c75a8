package dev.basalt.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * max_snapshot_age: an open transaction holding its read snapshot longer is rolled back (by the
 * watchdog while idle, or at its next statement), and the next statement gets 1213 once.
 */
class SnapshotAgeTest {
    private BasaltEngine engine;
    private BasaltSession session;

    @BeforeEach
    void setUp() {
        engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.40-test", "", 64 << 20));
        session = (BasaltSession) engine.openSession(new SessionOptions(1, "root", "127.0.0.1", null));
        rows("CREATE DATABASE d");
        rows("USE d");
        rows("CREATE TABLE t (id INT PRIMARY KEY)");
        rows("INSERT INTO t VALUES (1), (2)");
    }

    @AfterEach
    void tearDown() {
        session.close();
        engine.close();
    }

    @Test
    void defaultIsTenMinutes() {
        assertEquals("600", rows("SELECT @@GLOBAL.max_snapshot_age").getFirst()[0].toString());
    }

    @Test
    void anIdleTransactionOverTheAgeIsEndedAndTheNextStatementHearsOfIt() throws InterruptedException {
        rows("SET GLOBAL max_snapshot_age = 1");
        rows("BEGIN");
        rows("INSERT INTO t VALUES (3)");
        assertTrue(session.inTransaction());
        Thread.sleep(3000); // the watchdog looks once a second
        assertFalse(session.inTransaction(), "the watchdog rolled the idle transaction back");
        SqlException e = assertThrows(SqlException.class, () -> rows("SELECT COUNT(*) FROM t"));
        assertEquals(1213, e.errorCode());
        assertEquals("40001", e.sqlState());
        assertTrue(e.getMessage().contains("max_snapshot_age"), e.getMessage());
        // once: the session goes on, and the transaction's write is gone
        assertEquals(2L, ((Number) rows("SELECT COUNT(*) FROM t").getFirst()[0]).longValue());
    }

    @Test
    void rollbackAfterExpiryIsQuiet() throws InterruptedException {
        rows("SET GLOBAL max_snapshot_age = 1");
        rows("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        Thread.sleep(2500);
        rows("ROLLBACK");
        assertEquals(2L, ((Number) rows("SELECT COUNT(*) FROM t").getFirst()[0]).longValue());
    }

    @Test
    void zeroDisablesTheCap() throws InterruptedException {
        rows("SET GLOBAL max_snapshot_age = 0");
        rows("BEGIN");
        rows("SELECT * FROM t");
        Thread.sleep(1500);
        assertTrue(session.inTransaction());
        rows("COMMIT");
    }

    private List<Object[]> rows(String sql) {
        return dev.basalt.engine.testkv.SqlRows.of(session, sql);
    }
}
