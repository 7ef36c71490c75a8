package dev.basalt.it.remote;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import dev.basalt.server.RemoteCacheSettings;
import dev.basalt.server.RemoteDatabaseEntry;
import dev.basalt.server.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLongArray;

import static dev.basalt.it.remote.VirtualDatabaseTest.column;
import static dev.basalt.it.remote.VirtualDatabaseTest.exec;
import static dev.basalt.it.remote.VirtualDatabaseTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The result cache for virtual databases (basalt.yaml {@code cache: true}) against a real MariaDB:
 * hits that never reach the remote, exact invalidation by writes through Basalt (forwarded text,
 * INSERT ... SELECT rows, another alias of the same remote database, pinned transactions), no
 * caching of views or of reads in a transaction that wrote, and 0 stale reads under concurrent
 * writers.
 */
class VirtualDatabaseCacheTest {
    private static MariaDbServer maria;
    private static TestServer basalt;
    private static Connection remote, client;

    @BeforeAll
    static void start() throws Exception {
        maria = MariaDbFixture.require();
        remote = maria.connect("");
        exec(remote, "DROP DATABASE IF EXISTS vcache", "CREATE DATABASE vcache",
                "CREATE TABLE vcache.t (id INT PRIMARY KEY, v INT NOT NULL)",
                "INSERT INTO vcache.t VALUES " + String.join(", ",
                        java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "(" + i + ", " + i * 10 + ")").toList()),
                "CREATE VIEW vcache.vv AS SELECT id, v FROM vcache.t WHERE id <= 5");
        ServerSettings s = ServerSettings.defaults().withPort(0).withRootPassword("")
                .withRemoteCache(new RemoteCacheSettings(16L << 20, 60))
                .withRemoteDatabases(List.of(
                        entry("cached", true), entry("alias2", true), entry("plain", false)));
        basalt = TestServer.start(s);
        client = basalt.connect("");
        exec(client, "CREATE DATABASE loc", "CREATE TABLE loc.src (id INT PRIMARY KEY, v INT)",
                "INSERT INTO loc.src VALUES (101, 1), (102, 2)");
        // the cache stores nothing until it has learnt the remote's views and triggers (in the background)
        long stores = status().get("stores");
        assertTrue(Remote.await(15, () -> Remote.unchecked(() -> {
            column(client, "SELECT v FROM cached.t WHERE id = 20");
            return status().get("stores") > stores;
        })), "the cache never stored a result: " + status());
    }

    private static RemoteDatabaseEntry entry(String name, boolean cache) {
        return new RemoteDatabaseEntry(name, "127.0.0.1", maria.port(), "vcache", "root", "", false, 8, 3, cache);
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) client.close();
        if (remote != null) remote.close();
        if (basalt != null) basalt.close();
    }

    private static Map<String, Long> status() throws Exception { return Remote.cacheStatus(basalt); }

    private static long comSelect() throws Exception { return Remote.remoteStatus(maria, "Com_select"); }

    /**
     * Runs {@code q} until it is answered from the cache: after DDL (another test's) the cache
     * stores nothing until it has reloaded the remote's views and triggers in the background.
     */
    private static void cachedNow(String q) throws Exception {
        assertTrue(Remote.await(15, () -> Remote.unchecked(() -> {
            long before = status().get("hits");
            rows(client, q);
            return status().get("hits") > before;
        })), q + " never came from the cache: " + status());
    }

    @Test
    void aRepeatedReadIsAHitAndNeverReachesTheRemote() throws Exception {
        String q = "SELECT id, v FROM cached.t WHERE id BETWEEN 3 AND 6 ORDER BY id";
        cachedNow(q);
        List<List<String>> first = rows(client, q);
        assertEquals(List.of(List.of("3", "30"), List.of("4", "40"), List.of("5", "50"), List.of("6", "60")), first);
        long hits = status().get("hits");
        long selects = comSelect();
        for (int i = 0; i < 5; i++) assertEquals(first, rows(client, q));
        assertEquals(hits + 5, status().get("hits"));
        // our own status queries are not selects; the remote ran none of the five
        assertEquals(selects, comSelect());
    }

    @Test
    void aWriteThroughBasaltInvalidatesAtOnce() throws Exception {
        String q = "SELECT v FROM cached.t WHERE id = 7";
        assertEquals(List.of("70"), column(client, q));
        assertEquals(List.of("70"), column(client, q));
        exec(client, "UPDATE cached.t SET v = 71 WHERE id = 7");
        assertEquals(List.of("71"), column(client, q));
        // through another alias of the same remote database, and through one whose reads are not cached
        exec(client, "UPDATE alias2.t SET v = 72 WHERE id = 7");
        assertEquals(List.of("72"), column(client, q));
        assertEquals(List.of("72"), column(client, q));
        exec(client, "UPDATE plain.t SET v = 70 WHERE id = 7");
        assertEquals(List.of("70"), column(client, q));
        // and a SQL-created virtual database of the same remote database
        exec(client, "CREATE DATABASE sqlmade__remote__127_0_0_1__" + maria.port() + "__vcache__root__");
        exec(client, "UPDATE sqlmade.t SET v = 73 WHERE id = 7");
        assertEquals(List.of("73"), column(client, q));
        exec(client, "DROP DATABASE sqlmade", "UPDATE cached.t SET v = 70 WHERE id = 7");
    }

    @Test
    void rowsInsertedFromLocalTablesInvalidate() throws Exception {
        String q = "SELECT COUNT(*) FROM cached.t";
        String before = column(client, q).get(0);
        assertEquals(before, column(client, q).get(0));
        exec(client, "INSERT INTO cached.t SELECT id, v FROM loc.src");
        assertEquals(String.valueOf(Long.parseLong(before) + 2), column(client, q).get(0));
        exec(client, "DELETE FROM cached.t WHERE id > 100");
        assertEquals(before, column(client, q).get(0));
    }

    @Test
    void lockingReadsAreNeverAnsweredFromTheCache() throws Exception {
        String q = "SELECT id, v FROM cached.t WHERE id = 8";
        cachedNow(q);
        long hits = status().get("hits"), selects = comSelect();
        for (String lock : List.of(" FOR UPDATE", " LOCK IN SHARE MODE", " FOR SHARE")) {
            assertEquals(List.of(List.of("8", "80")), rows(client, q + lock), lock);
        }
        assertEquals(hits, status().get("hits"));
        assertEquals(selects + 3, comSelect());
    }

    @Test
    void sqlNoCacheReadsTheRemote() throws Exception {
        String q = "SELECT id, v FROM cached.t WHERE id = 10";
        cachedNow(q);
        long hits = status().get("hits"), selects = comSelect();
        assertEquals(List.of(List.of("10", "100")), rows(client, "SELECT SQL_NO_CACHE id, v FROM cached.t WHERE id = 10"));
        assertEquals(hits, status().get("hits"));
        assertEquals(selects + 1, comSelect());
        assertEquals(List.of(List.of("10", "100")), rows(client, q));
        assertEquals(hits + 1, status().get("hits"));
    }

    @Test
    void viewsAreNotCached() throws Exception {
        rows(client, "SELECT id, v FROM cached.vv ORDER BY id");
        long hits = status().get("hits");
        for (int i = 0; i < 3; i++) rows(client, "SELECT id, v FROM cached.vv ORDER BY id");
        assertEquals(hits, status().get("hits"));
    }

    @Test
    void aTransactionSeesItsOwnWritesAndOthersSeeThemAfterCommit() throws Exception {
        String q = "SELECT v FROM cached.t WHERE id = 9";
        try (Connection other = basalt.connect("")) {
            assertEquals(List.of("90"), column(other, q));
            exec(client, "BEGIN", "UPDATE cached.t SET v = 91 WHERE id = 9");
            assertEquals(List.of("91"), column(client, q));
            assertEquals(List.of("91"), column(client, q));
            assertEquals(List.of("90"), column(other, q)); // not committed
            exec(client, "COMMIT");
            assertEquals(List.of("91"), column(other, q));
            exec(client, "BEGIN", "UPDATE cached.t SET v = 92 WHERE id = 9", "ROLLBACK");
            assertEquals(List.of("91"), column(other, q));
            assertEquals(List.of("91"), column(client, q));
        }
    }

    @Test
    void ddlThroughBasaltInvalidates() throws Exception {
        exec(client, "CREATE TABLE cached.d (id INT PRIMARY KEY, x INT)", "INSERT INTO cached.d VALUES (1, 1)");
        String q = "SELECT COUNT(*) FROM cached.d";
        assertEquals(List.of("1"), column(client, q));
        exec(client, "TRUNCATE TABLE cached.d");
        assertEquals(List.of("0"), column(client, q));
        exec(client, "DROP TABLE cached.d");
    }

    /**
     * Writers update rows through Basalt and publish each value once acknowledged; readers note the
     * acknowledged value before each read and must never read an older one.
     */
    @Test
    void noStaleReadsUnderConcurrentWriters() throws Exception {
        int rowsUsed = 4, writers = 2, readers = 4;
        exec(remote, "UPDATE vcache.t SET v = 0 WHERE id BETWEEN 11 AND 14");
        exec(client, "UPDATE cached.t SET v = 0 WHERE id BETWEEN 11 AND 14");
        AtomicLongArray acked = new AtomicLongArray(rowsUsed);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        long hitsBefore = status().get("hits");
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int mine = w; // writer w owns rows 11 + w, 11 + w + writers, ...
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection c = basalt.connect("")) {
                    for (long n = 1; !stop.get(); n++) {
                        for (int r = mine; r < rowsUsed; r += writers) {
                            exec(c, "UPDATE cached.t SET v = " + n + " WHERE id = " + (11 + r));
                            acked.set(r, n);
                        }
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, "writer: " + e);
                }
            }));
        }
        for (int k = 0; k < readers; k++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection c = basalt.connect("")) {
                    while (!stop.get()) {
                        for (int r = 0; r < rowsUsed; r++) {
                            long floor = acked.get(r);
                            long seen = Long.parseLong(column(c, "SELECT v FROM cached.t WHERE id = " + (11 + r)).get(0));
                            reads.incrementAndGet();
                            if (seen < floor) failure.compareAndSet(null, "stale read of row " + (11 + r) + ": " + seen + " < " + floor);
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, "reader: " + e);
                }
            }));
        }
        Thread.sleep(4000);
        stop.set(true);
        for (Thread t : threads) t.join(30_000);
        assertNull(failure.get());
        assertTrue(reads.get() > 100, "reads: " + reads.get());
        assertTrue(status().get("hits") > hitsBefore, "some reads between writes were hits: " + status());
    }

    @Test
    void cacheWithoutACacheSizeStopsStartUp() {
        ServerSettings s = ServerSettings.defaults().withPort(0).withRootPassword("")
                .withRemoteDatabases(List.of(entry("nosize", true)));
        String message = org.junit.jupiter.api.Assertions.assertThrows(dev.basalt.server.SettingsException.class,
                () -> TestServer.start(s).close()).getMessage();
        assertTrue(message.contains("'nosize'") && message.contains("--remote-cache-size"), message);
    }

    @Test
    void countersAreShown() throws Exception {
        Map<String, Long> m = status();
        for (String k : List.of("hits", "misses", "stores", "evictions", "invalidations", "entries", "bytes", "max_bytes")) {
            assertTrue(m.containsKey(k), k + " in " + m);
        }
        assertEquals(16L << 20, m.get("max_bytes"));
    }
}
