package dev.basalt.storage.neon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.SqlException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A commit whose append failed while the WAL service has no quorum waits to learn whether its record
 * landed (it cannot be answered before). KILL QUERY from another connection ends that wait with 1317
 * at once; the server goes on serving; once a quorum answers, the commit's outcome is settled as
 * before: a record that landed is committed (and its conflict record kept meanwhile), one that did not
 * is gone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NeonKillCommitWaitTest {

    @Test
    void killQueryEndsAWaitForTheQuorumAndTheLandedCommitIsSettledLater() throws Exception {
        ScriptedWalLog wal = new ScriptedWalLog();
        try (BasaltEngine engine = engine(wal);
             Session writer = session(engine, 1);
             Session older = session(engine, 2);
             Session admin = session(engine, 3)) {
            run(writer, "CREATE DATABASE d");
            run(writer, "CREATE TABLE d.acct (id INT PRIMARY KEY, balance INT)");
            run(writer, "INSERT INTO d.acct VALUES (1, 100)");
            run(older, "BEGIN");
            assertEquals(100L, balance(older));

            wal.failFence.set(Integer.MAX_VALUE); // the quorum is gone: the outcome cannot be learned
            wal.landThenFail.set(1);              // ... and the record did land before it went
            SqlException killed = killWhileWaiting(engine, writer, admin, "UPDATE d.acct SET balance = balance + 1 WHERE id = 1");
            assertEquals(1317, killed.errorCode(), killed.getMessage());

            assertEquals(100L, balance(admin)); // still serving: reads answer, the outcome is not known yet

            wal.failFence.set(0); // a quorum answers again: the pipeline settles the killed commit (it landed)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (balance(admin) != 101L) {
                if (System.nanoTime() > deadline) fail("the landed commit was never settled: balance " + balance(admin));
                Thread.sleep(50);
            }
            // its conflict record was kept: the older snapshot cannot overwrite it from 100
            boolean committed;
            try {
                run(older, "UPDATE d.acct SET balance = balance + 10 WHERE id = 1");
                run(older, "COMMIT");
                committed = true;
            } catch (SqlException e) {
                assertEquals(1213, e.errorCode(), e.getMessage());
                committed = false;
            }
            assertEquals(committed ? 111L : 101L, balance(admin), "lost update");
            run(writer, "UPDATE d.acct SET balance = balance + 1000 WHERE id = 1"); // the killed session commits again
            assertEquals(committed ? 1111L : 1101L, balance(admin));
        }
    }

    @Test
    void aKilledCommitWhoseRecordNeverLandedIsGoneOnceTheQuorumAnswers() throws Exception {
        ScriptedWalLog wal = new ScriptedWalLog();
        try (BasaltEngine engine = engine(wal);
             Session writer = session(engine, 1);
             Session admin = session(engine, 3)) {
            run(writer, "CREATE DATABASE d");
            run(writer, "CREATE TABLE d.acct (id INT PRIMARY KEY, balance INT)");
            run(writer, "INSERT INTO d.acct VALUES (1, 100)");

            wal.failFence.set(Integer.MAX_VALUE);
            wal.failNext.set(1); // the record never reached the quorum
            SqlException killed = killWhileWaiting(engine, writer, admin, "UPDATE d.acct SET balance = balance + 1 WHERE id = 1");
            assertEquals(1317, killed.errorCode(), killed.getMessage());

            wal.failFence.set(0);
            // once settled, commits are taken again; the killed one is not in the data
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                try {
                    run(admin, "UPDATE d.acct SET balance = balance + 10 WHERE id = 1");
                    break;
                } catch (SqlException e) {
                    if (e.errorCode() != 1030 || System.nanoTime() > deadline) throw e; // 1030 while the pipeline recovers
                    Thread.sleep(100);
                }
            }
            assertEquals(110L, balance(admin));
        }
    }

    /** Runs {@code sql} on {@code victim} in a thread, waits until it waits for the commit's outcome, KILLs it, returns its error. */
    private static SqlException killWhileWaiting(BasaltEngine engine, Session victim, Session admin, String sql) throws Exception {
        Thread[] runner = new Thread[1];
        CompletableFuture<SqlException> outcome = new CompletableFuture<>();
        runner[0] = Thread.ofPlatform().name("victim").start(() -> {
            try {
                run(victim, sql);
                outcome.complete(null);
            } catch (SqlException e) {
                outcome.complete(e);
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!waitingForCommit(runner[0])) {
            if (outcome.isDone()) fail("the commit did not wait: " + outcome.get());
            if (System.nanoTime() > deadline) fail("the commit never started waiting");
            Thread.sleep(10);
        }
        Thread.sleep(300); // it keeps waiting: the quorum is gone
        assertTrue(!outcome.isDone(), "the commit waits for the quorum");
        long killedAt = System.nanoTime();
        run(admin, "KILL QUERY 1");
        SqlException e;
        try {
            e = outcome.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException stillWaiting) {
            fail("KILL QUERY did not end the commit's wait");
            return null;
        }
        assertTrue(e != null, "the killed statement reports an error");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        assertTrue(millis < 3000, "KILL answered after " + millis + " ms");
        return e;
    }

    private static boolean waitingForCommit(Thread t) {
        return Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().equals(CommitPipeline.class.getName())
                && f.getMethodName().equals("commit"));
    }

    private static BasaltEngine engine(ScriptedWalLog wal) {
        return new BasaltEngine(NeonKvStore.open(wal, new InMemoryPageReader(wal), NeonOptions.defaults()),
                new EngineConfig("8.0.40-basalt", "", 64 << 20));
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
