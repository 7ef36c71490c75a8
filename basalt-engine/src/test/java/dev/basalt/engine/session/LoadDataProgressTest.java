package dev.basalt.engine.session;

import dev.basalt.engine.BasaltEngine;
import dev.basalt.engine.EngineConfig;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import dev.basalt.engine.testkv.TestKvStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SHOW PROCESSLIST's State follows long LOAD DATA, ALTER TABLE and CREATE INDEX, and is back to normal after. */
class LoadDataProgressTest {

    @TempDir
    Path dir;

    private static List<Object[]> rows(Session s, String sql) {
        return dev.basalt.engine.testkv.SqlRows.of(s, sql);
    }

    @Test
    void processListStateShowsRowsLoaded() throws Exception {
        BasaltEngine engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.36-basalt", "", 64 << 20));
        engine.variables().configure("secure_file_priv", dir.toString());
        Session loader = engine.openSession(new SessionOptions(1, "root", "localhost", null, false));
        Session watcher = engine.openSession(new SessionOptions(2, "root", "localhost", null, false));
        rows(loader, "CREATE DATABASE d");
        rows(loader, "CREATE TABLE d.t (id INT PRIMARY KEY, v INT)");
        // each row takes a millisecond: the load lasts long enough to be watched
        rows(loader, "CREATE TRIGGER d.slow BEFORE INSERT ON d.t FOR EACH ROW SET NEW.v = SLEEP(0.001)");
        StringBuilder data = new StringBuilder();
        for (int i = 1; i <= 3000; i++) data.append(i).append("\t0\n");
        Path file = dir.resolve("rows.tsv");
        Files.writeString(file, data);

        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread load = Thread.ofPlatform().start(() -> {
            try {
                rows(loader, "LOAD DATA INFILE '" + file + "' INTO TABLE d.t");
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        Set<String> states = new LinkedHashSet<>();
        while (load.isAlive()) {
            for (Object[] r : rows(watcher, "SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = 1")) {
                states.add(String.valueOf(r[0]));
            }
            Thread.sleep(20);
        }
        load.join();
        assertNull(failure.get());
        assertTrue(states.stream().anyMatch(s -> s.matches("Loading rows: [12]000 of 3000")), states.toString());
        List<Object[]> after = rows(watcher, "SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = 1");
        assertTrue(after.size() == 1 && "".equals(after.getFirst()[0]), "idle again: " + String.valueOf(after.getFirst()[0]));
    }

    /** Runs {@code sql} on session 1 while session 2 polls its PROCESSLIST State; the states seen. */
    private static Set<String> watch(Session worker, Session watcher, String sql) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread work = Thread.ofPlatform().start(() -> {
            try {
                rows(worker, sql);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        Set<String> states = new LinkedHashSet<>();
        while (work.isAlive()) {
            for (Object[] r : rows(watcher, "SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = 1")) {
                states.add(String.valueOf(r[0]));
            }
        }
        work.join();
        assertNull(failure.get());
        return states;
    }

    @Test
    void processListStateShowsTableCopyAndIndexBuild() throws Exception {
        BasaltEngine engine = new BasaltEngine(new TestKvStore(), new EngineConfig("8.0.36-basalt", "", 64 << 20));
        Session worker = engine.openSession(new SessionOptions(1, "root", "localhost", null, false));
        Session watcher = engine.openSession(new SessionOptions(2, "root", "localhost", null, false));
        rows(worker, "CREATE DATABASE d");
        rows(worker, "CREATE TABLE d.t (id INT PRIMARY KEY, v INT)");
        rows(worker, "SET SESSION cte_max_recursion_depth = 200000");
        rows(worker, "INSERT INTO d.t WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
                + "SELECT i, i % 97 FROM n");

        Set<String> copy = watch(worker, watcher, "ALTER TABLE d.t ADD COLUMN w INT DEFAULT 7");
        assertTrue(copy.stream().anyMatch(s -> s.matches("copy to tmp table: \\d+ of 100000 rows")), copy.toString());
        Set<String> index = watch(worker, watcher, "CREATE INDEX v_ix ON d.t (v)");
        assertTrue(index.stream().anyMatch(s -> s.matches("altering table: index v_ix, \\d+ rows")), index.toString());
        List<Object[]> after = rows(watcher, "SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = 1");
        assertTrue("".equals(after.getFirst()[0]), "idle again: " + after.getFirst()[0]);
    }
}
