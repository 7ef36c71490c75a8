package dev.basalt.storage.neon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.disagg.InMemoryPageReader;
import dev.basalt.disagg.InMemoryWalLog;
import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.RowCursor;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import org.junit.jupiter.api.Test;

/**
 * A new compute on a timeline with data reads only what its first query needs: the catalog and one
 * row, not the tables (what it reads does not grow with the data).
 */
class NeonStartupTest {

    @Test
    void theFirstQueryOfANewComputeReadsLittleWhateverTheDataSize() {
        InMemoryWalLog log = new InMemoryWalLog();
        try (BasaltEngine engine = engine(NeonKvStore.open(log, new InMemoryPageReader(log), NeonOptions.defaults()));
             Session s = session(engine)) {
            run(s, "CREATE DATABASE d");
            run(s, "CREATE TABLE d.t (id INT PRIMARY KEY, v VARCHAR(20))");
            for (int batch = 0; batch < 20; batch++) {
                StringBuilder insert = new StringBuilder("INSERT INTO d.t VALUES ");
                for (int i = 0; i < 250; i++) {
                    int id = batch * 250 + i;
                    insert.append(i == 0 ? "" : ", ").append("(").append(id).append(", 'value ").append(id).append("')");
                }
                run(s, insert.toString());
            }
        }
        LaggingPageReader pages = new LaggingPageReader(log);
        long started = System.nanoTime();
        try (BasaltEngine engine = engine(NeonKvStore.open(log, pages, NeonOptions.defaults()));
             Session s = session(engine)) {
            assertEquals("value 4321", first(s, "SELECT v FROM d.t WHERE id = 4321"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            int read = pages.gets.get() + pages.scanned.get();
            assertTrue(read < 500, "the first query read " + read + " entries of a 5000-row table");
            assertTrue(millis < 2_000, "the first query took " + millis + " ms");
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
