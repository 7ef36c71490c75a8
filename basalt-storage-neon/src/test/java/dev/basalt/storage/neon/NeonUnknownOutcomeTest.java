package dev.basalt.storage.neon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.SqlException;
import org.junit.jupiter.api.Test;

/**
 * The lost update ClusterKillTest found, reproduced without processes: an append that times out after
 * the quorum has the record. Reported as failed, the engine withdrew the commit's conflict check, yet
 * the record landed and was replayed into the compute, so an older transaction overwrote it from a
 * stale value. Now the compute fences and reads the log back before answering.
 */
class NeonUnknownOutcomeTest {

    @Test
    void aCommitThatLandedDespiteATimeoutIsNeverOverwrittenFromAStaleRead() {
        ScriptedWalLog wal = new ScriptedWalLog();
        try (BasaltEngine engine = new BasaltEngine(NeonKvStore.open(wal, new InMemoryPageReader(wal), NeonOptions.defaults()),
                new EngineConfig("8.0.40-basalt", "", 64 << 20));
             Session older = session(engine, 1);
             Session writer = session(engine, 2)) {
            run(writer, "CREATE DATABASE d");
            run(writer, "CREATE TABLE d.acct (id INT PRIMARY KEY, balance INT)");
            run(writer, "INSERT INTO d.acct VALUES (1, 100)");

            run(older, "BEGIN");
            assertEquals(100L, balance(older)); // its snapshot predates the next commit

            wal.landThenFail.set(1); // the quorum has the record, the compute hears a timeout
            boolean reported;
            try {
                run(writer, "UPDATE d.acct SET balance = balance + 1 WHERE id = 1");
                reported = true;
            } catch (SqlException e) {
                reported = false; // the old behaviour; the record is in the log all the same
            }

            // The older transaction now either reads 101 (current read) or loses with 1213: never writes 110.
            boolean committed;
            try {
                run(older, "UPDATE d.acct SET balance = balance + 10 WHERE id = 1");
                run(older, "COMMIT");
                committed = true;
            } catch (SqlException e) {
                assertEquals(1213, e.errorCode(), e.getMessage());
                committed = false;
            }
            long end = balance(writer);
            assertTrue(end == 101 || end == 111, "lost update: the balance is " + end);
            assertEquals(committed ? 111L : 101L, end);
            assertTrue(reported, "the record is in the log, so its commit must be reported committed");
        }
    }

    private static Session session(BasaltEngine engine, long id) {
        return engine.openSession(new SessionOptions(id, "root", "localhost", null, false));
    }

    private static void run(Session s, String sql) {
        Result r = s.execute(sql, false).next();
        if (r instanceof Result.Rows rows) rows.cursor().close();
    }

    private static long balance(Session s) {
        try (RowCursor c = ((Result.Rows) s.execute("SELECT balance FROM d.acct WHERE id = 1", false).next()).cursor()) {
            return ((Number) c.next()[0]).longValue();
        }
    }
}
