package dev.basalt.storage.neon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.disagg.KeyValue;
import dev.basalt.disagg.PageReader;
import dev.basalt.disagg.WalException;
import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.api.SqlException;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/** What a client sees when the log or the page server fails: MySQL errors, never 1105. */
class NeonSqlErrorsTest {

    /** Fails reads on demand, also in the middle of a scan. */
    private static final class FlakyPageReader implements PageReader {
        private final InMemoryPageReader inner;
        volatile boolean failing;

        FlakyPageReader(ScriptedWalLog log) { inner = new InMemoryPageReader(log); }

        @Override
        public byte[] get(String timeline, byte[] key, long lsn) {
            if (failing) throw new WalException("page server unreachable (scripted)", false);
            return inner.get(timeline, key, lsn);
        }

        @Override
        public Iterator<KeyValue> scan(String timeline, byte[] from, byte[] to, long lsn, boolean reverse) {
            Iterator<KeyValue> all = inner.scan(timeline, from, to, lsn, reverse);
            return new Iterator<>() {
                int served;

                @Override public boolean hasNext() { return all.hasNext(); }

                @Override
                public KeyValue next() {
                    if (failing && ++served > 10) throw new WalException("page server stream broke (scripted)", false);
                    return all.next();
                }
            };
        }

        @Override
        public long appliedLsn(String timeline) { return inner.appliedLsn(timeline); }

        @Override
        public void close() {}
    }

    @Test
    void storageFailuresReachTheClientAsMysqlErrors() {
        ScriptedWalLog wal = new ScriptedWalLog();
        try (BasaltEngine engine = engine(NeonKvStore.open(wal, new InMemoryPageReader(wal), NeonOptions.defaults()));
             Session s = session(engine)) {
            run(s, "CREATE DATABASE d");
            run(s, "CREATE TABLE d.t (id INT PRIMARY KEY, v VARCHAR(10))");
            StringBuilder insert = new StringBuilder("INSERT INTO d.t VALUES (0, 'x')");
            for (int i = 1; i < 200; i++) insert.append(", (").append(i).append(", 'x')");
            run(s, insert.toString());
        }
        FlakyPageReader pages = new FlakyPageReader(wal);
        // no cache: the second scan must reach the page server (a cached range would be answered locally)
        try (BasaltEngine engine = engine(NeonKvStore.open(wal, pages, NeonOptions.defaults().withCacheBytes(0)));
             Session s = session(engine)) {
            assertEquals(200L, ((Number) first(s, "SELECT COUNT(*) FROM d.t")).longValue());
            pages.failing = true;
            SqlException scan = assertThrows(SqlException.class, () -> first(s, "SELECT COUNT(*) FROM d.t WHERE v = 'x'"));
            assertEquals(1030, scan.errorCode(), scan.getMessage());
            pages.failing = false;

            wal.failNext.set(1);
            SqlException append = assertThrows(SqlException.class, () -> run(s, "INSERT INTO d.t VALUES (500, 'y')"));
            assertEquals(1030, append.errorCode(), append.getMessage());
            assertEquals(0L, ((Number) first(s, "SELECT COUNT(*) FROM d.t WHERE id = 500")).longValue());

            wal.fence();
            SqlException fenced = assertThrows(SqlException.class, () -> run(s, "INSERT INTO d.t VALUES (501, 'y')"));
            assertEquals(1030, fenced.errorCode(), fenced.getMessage());
            assertTrue(fenced.getMessage().contains("fenced"), fenced.getMessage());
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

    private static Object first(Session s, String sql) {
        try (RowCursor c = ((Result.Rows) s.execute(sql, false).next()).cursor()) {
            return c.next()[0];
        }
    }
}
