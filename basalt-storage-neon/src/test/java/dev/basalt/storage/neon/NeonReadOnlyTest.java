package dev.basalt.storage.neon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.storage.kv.KvSnapshot;
import dev.basalt.engine.storage.kv.StorageException;
import dev.basalt.engine.storage.kv.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A compute opened at a past LSN: reads as of then, refuses writes (1290 through SQL). */
class NeonReadOnlyTest {

    private static byte[] b(String s) { return s.getBytes(UTF_8); }

    @Test
    void aStoreAtAnLsnReadsThatMomentAndRefusesCommits() {
        InMemoryWalLog log = new InMemoryWalLog();
        try (NeonKvStore writer = NeonKvStore.open(log, new InMemoryPageReader(log), NeonOptions.defaults())) {
            writer.commit(new WriteBatch().put(b("a"), b("1")));
            writer.commit(new WriteBatch().put(b("a"), b("2")).put(b("b"), b("2")));
            writer.commit(new WriteBatch().delete(b("a")));
        }
        try (NeonKvStore past = NeonKvStore.open(log, new InMemoryPageReader(log), NeonOptions.defaults().readOnlyAt(2))) {
            assertTrue(past.readOnly());
            assertEquals(2, past.lastSequence());
            try (KvSnapshot snap = past.snapshot()) {
                assertEquals(2, snap.sequence());
                assertEquals("2", new String(snap.get(b("a")), UTF_8));
                assertEquals("2", new String(snap.get(b("b")), UTF_8));
            }
            StorageException e = assertThrows(StorageException.class, () -> past.commit(new WriteBatch().put(b("c"), b("1"))));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
            assertEquals(3, log.committedLsn());
        }
        try (NeonKvStore first = NeonKvStore.open(log, new InMemoryPageReader(log), NeonOptions.defaults().readOnlyAt(1))) {
            try (KvSnapshot snap = first.snapshot()) {
                assertEquals("1", new String(snap.get(b("a")), UTF_8));
                assertNull(snap.get(b("b")));
            }
        }
        assertThrows(StorageException.class,
                () -> NeonKvStore.open(log, new InMemoryPageReader(log), NeonOptions.defaults().readOnlyAt(4)));
    }

    @Test
    void sqlOnAReadOnlyComputeSeesThePastAndWritesGet1290() {
        InMemoryWalLog log = new InMemoryWalLog();
        long moment;
        try (BasaltEngine engine = engine(NeonKvStore.open(log, new InMemoryPageReader(log), NeonOptions.defaults()));
             Session s = session(engine)) {
            run(s, "CREATE DATABASE d");
            run(s, "CREATE TABLE d.t (id INT PRIMARY KEY, v VARCHAR(10))");
            run(s, "INSERT INTO d.t VALUES (1, 'one'), (2, 'two')");
            moment = log.committedLsn();
            run(s, "UPDATE d.t SET v = 'changed'");
            run(s, "INSERT INTO d.t VALUES (3, 'three')");
        }
        NeonKvStore past = NeonKvStore.open(log, new InMemoryPageReader(log), NeonOptions.defaults().readOnlyAt(moment));
        try (BasaltEngine engine = engine(past); Session s = session(engine)) {
            assertEquals(List.of("1 one", "2 two"), rows(s, "SELECT id, v FROM d.t ORDER BY id"));
            assertEquals(List.of("1 1"), rows(s, "SELECT @@read_only, @@global.read_only"));
            for (String write : List.of("INSERT INTO d.t VALUES (9, 'nine')", "UPDATE d.t SET v = 'x'", "DELETE FROM d.t",
                    "CREATE TABLE d.u (id INT PRIMARY KEY)", "CREATE DATABASE e")) {
                SqlException e = assertThrows(SqlException.class, () -> run(s, write), write);
                assertEquals(1290, e.errorCode(), write + ": " + e.getMessage());
                assertTrue(e.getMessage().contains("--read-only"), e.getMessage());
            }
            assertEquals(List.of("1 one", "2 two"), rows(s, "SELECT id, v FROM d.t ORDER BY id"));
        }
        try (BasaltEngine engine = engine(NeonKvStore.open(log, new InMemoryPageReader(log), NeonOptions.defaults()));
             Session s = session(engine)) {
            assertEquals(List.of("1 changed", "2 changed", "3 three"), rows(s, "SELECT id, v FROM d.t ORDER BY id"));
        }
    }

    private static BasaltEngine engine(NeonKvStore store) {
        return new BasaltEngine(store, new EngineConfig("8.0.40-basalt", "", 64 << 20));
    }

    private static Session session(BasaltEngine engine) {
        return engine.openSession(new SessionOptions(1, "root", "localhost", null, false));
    }

    private static void run(Session s, String sql) {
        Result r = s.execute(sql, false).next();
        if (r instanceof Result.Rows rows) rows.cursor().close();
    }

    private static List<String> rows(Session s, String sql) {
        List<String> out = new ArrayList<>();
        try (RowCursor c = ((Result.Rows) s.execute(sql, false).next()).cursor()) {
            for (Object[] row; (row = c.next()) != null; ) out.add(row[0] + " " + row[1]);
        }
        return out;
    }
}
