package dev.basalt.engine.event;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/** The scheduler really runs events: recurring ones repeatedly, one-time ones once (then dropped). */
class EventSchedulerTest {
    private TestKvStore store;
    private BasaltEngine engine;
    private Session session;

    @BeforeEach
    void open() {
        store = new TestKvStore();
        engine = new BasaltEngine(store, new EngineConfig("8.0.36-basalt", "", 64 << 20));
        session = engine.openSession(new SessionOptions(1, "root", "localhost", null, false));
        run("CREATE DATABASE d");
        session.useDatabase("d");
        run("CREATE TABLE ticks (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(20))");
    }

    @AfterEach
    void close() {
        session.close();
        engine.close();
    }

    @Test
    void everySecondEventRunsRepeatedly() {
        assertEquals("ON", scalar("SELECT @@event_scheduler"));
        run("CREATE EVENT tick ON SCHEDULE EVERY 1 SECOND DO INSERT INTO ticks (what) VALUES ('tick')");
        waitFor(() -> count("SELECT COUNT(*) FROM ticks WHERE what = 'tick'") >= 2, 10_000);
        assertNotNull(scalar("SELECT LAST_EXECUTED FROM information_schema.EVENTS WHERE EVENT_NAME = 'tick'"));
        run("DROP EVENT tick");
    }

    @Test
    void oneTimeEventWithNotPreserveRunsOnceAndIsDropped() {
        run("CREATE EVENT once ON SCHEDULE AT CURRENT_TIMESTAMP + INTERVAL 1 SECOND DO BEGIN "
                + "INSERT INTO ticks (what) VALUES ('once'); END");
        waitFor(() -> count("SELECT COUNT(*) FROM ticks WHERE what = 'once'") == 1
                && count("SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_NAME = 'once'") == 0, 10_000);
    }

    @Test
    void schedulerOffRunsNothing() throws InterruptedException {
        run("SET GLOBAL event_scheduler = OFF");
        try {
            run("CREATE EVENT idle ON SCHEDULE EVERY 1 SECOND DO INSERT INTO ticks (what) VALUES ('idle')");
            Thread.sleep(1500);
            assertEquals(0, count("SELECT COUNT(*) FROM ticks WHERE what = 'idle'"));
        } finally {
            run("SET GLOBAL event_scheduler = ON");
        }
    }

    @Test
    void eventsSurviveARestart() {
        run("CREATE EVENT kept ON SCHEDULE EVERY 1 DAY STARTS '2037-01-01 00:00:00' DISABLE COMMENT 'kept' DO "
                + "BEGIN INSERT INTO ticks (what) VALUES ('kept'); END");
        BasaltEngine reopened = new BasaltEngine(store, new EngineConfig("8.0.36-basalt", "", 64 << 20));
        EventDef e = reopened.events().event("d", "KEPT").orElseThrow();
        assertEquals("kept", e.comment());
        assertEquals("1", e.intervalValue());
        assertTrue(EventShow.createText(e).endsWith("DISABLE COMMENT 'kept' DO BEGIN INSERT INTO ticks (what) VALUES ('kept'); END"),
                EventShow.createText(e));
    }

    private static void waitFor(BooleanSupplier condition, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) fail("condition not reached within " + millis + " ms");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private void run(String sql) {
        Result r = session.execute(sql, false).next();
        if (r instanceof Result.Rows rows) rows.cursor().close();
    }

    private Object scalar(String sql) {
        Result r = session.execute(sql, false).next();
        try (RowCursor c = ((Result.Rows) r).cursor()) {
            Object[] row = c.next();
            return row == null ? null : row[0];
        }
    }

    private long count(String sql) {
        Object v = scalar(sql);
        return v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v));
    }
}
