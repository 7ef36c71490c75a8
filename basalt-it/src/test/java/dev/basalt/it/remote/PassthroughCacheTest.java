package dev.basalt.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The passthrough result cache: hits happen, and a read through Basalt never returns data older than
 * a write acknowledged through Basalt (writes made directly on the remote: at most the TTL).
 */
@Timeout(120)
class PassthroughCacheTest {
    private static final int TTL = 2;
    private static final String DB = "pc";
    private static MariaDbServer maria;
    private static TestServer basalt;

    /**
     * One write scenario: {@code steps} run in order through Basalt on one writer connection ({w} is
     * the case's table); after every step, readers through Basalt (text and prepared, each reading
     * twice so the second read can come from the cache) must see exactly what a direct read of the
     * remote sees.
     */
    record WriteCase(String name, List<String> setup, List<String> steps, boolean preparedWriter, String read) {
        WriteCase(String name, String... steps) {
            this(name, List.of(), List.of(steps), false, null);
        }

        WriteCase withSetup(String... sql) {
            return new WriteCase(name, List.of(sql), steps, preparedWriter, read);
        }

        WriteCase prepared() {
            return new WriteCase(name, setup, steps, true, read);
        }

        /** Reads this instead of every row of {w}. */
        WriteCase reading(String sql) {
            return new WriteCase(name, setup, steps, preparedWriter, sql);
        }
    }

    static final List<WriteCase> WRITES = List.of(
            new WriteCase("update", "UPDATE {w} SET v = v + 1 WHERE id = 1"),
            new WriteCase("insert", "INSERT INTO {w} VALUES (4, 40)"),
            new WriteCase("delete", "DELETE FROM {w} WHERE id = 2"),
            new WriteCase("replace", "REPLACE INTO {w} VALUES (1, 99)"),
            new WriteCase("truncate", "TRUNCATE TABLE {w}"),
            new WriteCase("alter add column", "ALTER TABLE {w} ADD COLUMN extra INT DEFAULT 7"),
            new WriteCase("insert on duplicate key update", "INSERT INTO {w} VALUES (1, 0) ON DUPLICATE KEY UPDATE v = v * 100"),
            new WriteCase("multi-table update", "UPDATE {w}, src SET {w}.v = src.v WHERE {w}.id = src.id"),
            new WriteCase("multi-table delete", "DELETE {w} FROM {w} JOIN src ON {w}.id = src.id"),
            new WriteCase("insert select", "INSERT INTO {w} SELECT id + 10, v FROM src"),
            new WriteCase("qualified name from another default database", "USE mysql", "UPDATE pc.{w} SET v = 0",
                    "USE pc"), // back: a pooled backend keeps its last database (see PassthroughTest.pooledBackend...)
            new WriteCase("prepared update", "UPDATE {w} SET v = v + 5 WHERE id = 3").prepared(),
            new WriteCase("prepared insert", "INSERT INTO {w} VALUES (7, 70)").prepared(),
            new WriteCase("rename swap", "RENAME TABLE {w} TO {w}_tmp, {w}_other TO {w}, {w}_tmp TO {w}_other")
                    .withSetup("CREATE TABLE {w}_other (id INT PRIMARY KEY, v INT)", "INSERT INTO {w}_other VALUES (100, 1)"),
            new WriteCase("drop and recreate",
                    "DROP TABLE {w}; CREATE TABLE {w} (id INT PRIMARY KEY, v INT); INSERT INTO {w} VALUES (1, -1)"),
            new WriteCase("multi-statement with a write", "SELECT 1; UPDATE {w} SET v = -7 WHERE id = 1"),
            new WriteCase("executable comment", "/*!40101 UPDATE {w} SET v = v + 3 WHERE id = 1 */"),
            new WriteCase("SQL PREPARE/EXECUTE", "PREPARE s FROM 'UPDATE {w} SET v = 12 WHERE id = 2'", "EXECUTE s"),
            new WriteCase("update through an updatable view", "UPDATE {w}_view SET v = 555 WHERE id = 1")
                    .withSetup("CREATE VIEW {w}_view AS SELECT id, v FROM {w}"),
            new WriteCase("stored procedure", "CALL {w}_proc()")
                    .withSetup("CREATE PROCEDURE {w}_proc() UPDATE {w} SET v = v + 1000"),
            new WriteCase("stored function that writes", "SELECT {w}_fn()")
                    .withSetup("CREATE FUNCTION {w}_fn() RETURNS INT MODIFIES SQL DATA BEGIN UPDATE {w} SET v = v + 2000; RETURN 1; END"),
            new WriteCase("multi-statement starting with SELECT, write our parser may not know",
                    "SELECT 1; DELETE FROM {w} WHERE id = 3 RETURNING id"),
            // transactions: between the steps readers may cache what is committed so far
            new WriteCase("BEGIN ... COMMIT", "BEGIN", "UPDATE {w} SET v = 41 WHERE id = 1", "INSERT INTO {w} VALUES (9, 9)", "COMMIT"),
            new WriteCase("BEGIN ... ROLLBACK", "BEGIN", "UPDATE {w} SET v = 42 WHERE id = 1", "ROLLBACK"),
            new WriteCase("savepoints", "START TRANSACTION", "UPDATE {w} SET v = 1 WHERE id = 1", "SAVEPOINT a",
                    "UPDATE {w} SET v = 2 WHERE id = 2", "ROLLBACK TO SAVEPOINT a", "COMMIT"),
            new WriteCase("autocommit=0 ... COMMIT", "SET autocommit = 0", "UPDATE {w} SET v = 43 WHERE id = 1", "COMMIT",
                    "SET autocommit = 1"),
            new WriteCase("autocommit=0, implicit commit by DDL", "SET autocommit = 0", "UPDATE {w} SET v = 44 WHERE id = 1",
                    "CREATE TABLE {w}_ddl (a INT)", "SET autocommit = 1"),
            new WriteCase("autocommit=0, commit by SET autocommit=1", "SET autocommit = 0", "DELETE FROM {w} WHERE id = 1",
                    "SET autocommit = 1"),
            new WriteCase("XA transaction", "XA START 'x{w}'", "UPDATE {w} SET v = 45 WHERE id = 1", "XA END 'x{w}'",
                    "XA PREPARE 'x{w}'", "XA COMMIT 'x{w}'"),
            new WriteCase("sequence advanced by NEXTVAL()", "SELECT NEXTVAL({w}_seq)", "SELECT NEXT VALUE FOR {w}_seq")
                    .withSetup("CREATE SEQUENCE {w}_seq").reading("SELECT next_not_cached_value FROM {w}_seq"),
            new WriteCase("LOCK TABLES", "LOCK TABLES {w} WRITE", "UPDATE {w} SET v = 46 WHERE id = 1", "UNLOCK TABLES"));

    @BeforeAll
    static void start() throws Exception {
        maria = MariaDbFixture.require();
        try (Connection c = maria.connect(""); Statement s = c.createStatement()) {
            for (String db : List.of(DB, "pc_trg", "pc_trg2", "pc_trg3", "pc_trg4", "pc_fk")) {
                s.execute("DROP DATABASE IF EXISTS " + db);
                s.execute("CREATE DATABASE " + db);
            }
            s.execute("USE " + DB);
            s.execute("CREATE TABLE src (id INT PRIMARY KEY, v INT)");
            s.execute("INSERT INTO src VALUES (1, 111), (2, 222), (5, 555)");
            for (int i = 0; i < WRITES.size(); i++) {
                String w = "w" + i;
                s.execute("CREATE TABLE " + w + " (id INT PRIMARY KEY, v INT) ENGINE=InnoDB");
                s.execute("INSERT INTO " + w + " VALUES (1, 10), (2, 20), (3, 30)");
                for (String sql : WRITES.get(i).setup()) s.execute(sql.replace("{w}", w));
            }
            for (String t : List.of("kv", "ctr", "ttl", "tx", "tmp", "sess", "flight", "snap")) {
                s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v BIGINT)");
                s.execute("INSERT INTO " + t + " VALUES (1, 10), (2, 20), (3, 30)");
            }
            s.execute("CREATE VIEW v_kv AS SELECT id, v FROM kv");
            s.execute("CREATE FUNCTION pure_fn(x INT) RETURNS INT DETERMINISTIC RETURN x + 1");
            s.execute("CREATE PROCEDURE set_prec() SET SESSION div_precision_increment = 12");
            // a trigger on pc_trg.a writes pc_trg2.b (a schema without triggers of its own)
            s.execute("CREATE TABLE pc_trg.a (id INT PRIMARY KEY)");
            s.execute("CREATE TABLE pc_trg2.b (id INT PRIMARY KEY, n INT)");
            s.execute("INSERT INTO pc_trg2.b VALUES (1, 0)");
            s.execute("CREATE TRIGGER pc_trg.a_ins AFTER INSERT ON pc_trg.a FOR EACH ROW UPDATE pc_trg2.b SET n = n + 1");
            s.execute("CREATE TABLE pc_trg3.a (id INT PRIMARY KEY, x INT)");
            s.execute("INSERT INTO pc_trg3.a VALUES (1, 0)");
            s.execute("CREATE TABLE pc_trg4.b (id INT PRIMARY KEY, n INT)");
            s.execute("INSERT INTO pc_trg4.b VALUES (1, 0)");
            s.execute("CREATE TABLE pc_fk.parent (id INT PRIMARY KEY) ENGINE=InnoDB");
            s.execute("CREATE TABLE pc_fk.child (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES pc_fk.parent (id)"
                    + " ON DELETE CASCADE) ENGINE=InnoDB");
            s.execute("INSERT INTO pc_fk.parent VALUES (1), (2)");
            s.execute("INSERT INTO pc_fk.child VALUES (1, 1), (2, 1), (3, 2)");
        }
        basalt = Remote.basalt(maria, 64L << 20, TTL);
        // the cache learns the remote's views and triggers in the background: wait until it caches
        try (Connection c = Remote.connect(basalt, DB, "")) {
            assertTrue(cachedAfterRetries(c, "SELECT v FROM kv WHERE id = 3", false), "cache never stored anything");
        }
    }

    @AfterAll
    static void stop() {
        if (basalt != null) basalt.close();
    }

    private static String prepOpt(boolean prepared) {
        return "useServerPrepStmts=" + prepared + "&allowMultiQueries=true";
    }

    /** All rows as text, in order. */
    static List<String> read(Connection c, String sql, boolean prepared) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = prepared ? null : c.createStatement();
             PreparedStatement ps = prepared ? c.prepareStatement(sql) : null;
             ResultSet rs = prepared ? ps.executeQuery() : s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) b.append(rs.getString(i)).append('|');
                rows.add(b.toString());
            }
        }
        return rows;
    }

    static long hits() throws SQLException {
        return Remote.cacheStatus(basalt).get("hits");
    }

    /**
     * Reads {@code sql} until a read is served from the cache (hits grow), for at most 20 seconds (the
     * schema facts reload in the background after DDL, slowly on a loaded machine).
     */
    static boolean cachedAfterRetries(Connection c, String sql, boolean prepared) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            long before = hits();
            read(c, sql, prepared);
            if (hits() > before) return true;
            Remote.sleep(50);
        }
        return false;
    }

    // --- hits ----------------------------------------------------------------------------------

    @Test
    void repeatedPointSelectsHitTextAndPrepared() throws Exception {
        try (Connection text = Remote.connect(basalt, DB, prepOpt(false));
             Connection prep = Remote.connect(basalt, DB, prepOpt(true));
             Connection direct = Remote.connect(maria, DB, "")) {
            String sql = "SELECT id, v FROM kv WHERE id = 2";
            assertTrue(cachedAfterRetries(text, sql, false), "text point select never cached");
            assertTrue(cachedAfterRetries(prep, sql, true), "prepared point select never cached");
            Map<String, Long> before = Remote.cacheStatus(basalt);
            for (int i = 0; i < 20; i++) {
                assertEquals(List.of("2|20|"), read(text, sql, false));
                assertEquals(List.of("2|20|"), read(prep, sql, true));
            }
            Map<String, Long> after = Remote.cacheStatus(basalt);
            assertTrue(after.get("hits") - before.get("hits") >= 40, before + " -> " + after);
            assertEquals(before.get("misses"), after.get("misses"), "no misses for cached statements");

            // parameters are part of the key
            try (PreparedStatement ps = prep.prepareStatement("SELECT v FROM kv WHERE id = ?")) {
                for (int round = 0; round < 5; round++) {
                    for (int id = 1; id <= 3; id++) {
                        ps.setInt(1, id);
                        try (ResultSet rs = ps.executeQuery()) {
                            assertTrue(rs.next());
                            assertEquals(id * 10L, rs.getLong(1), "id " + id + " round " + round);
                        }
                    }
                }
            }
            assertTrue(hits() - after.get("hits") >= 9, "parameterised prepared statement hits");
            assertEquals(read(direct, sql, false), read(text, sql, false));
        }
    }

    /** A client connecting (the driver's own set-up statements) must not empty the cache for everyone. */
    @Test
    void newConnectionsDoNotFlushTheCache() throws Exception {
        String sql = "SELECT id, v FROM kv WHERE id = 1";
        // The entry may expire by the short TTL between two reads on a loaded machine; a flush on
        // connect would miss on every attempt, an expiry only on one.
        String seen = "";
        try (Connection c = Remote.connect(basalt, DB, "")) {
            for (int attempt = 0; attempt < 5; attempt++) {
                assertTrue(cachedAfterRetries(c, sql, false));
                Map<String, Long> before = Remote.cacheStatus(basalt); // this opened a connection too
                long h0 = hits();
                read(c, sql, false);
                long h1 = hits();
                read(c, sql, false);
                Map<String, Long> after = Remote.cacheStatus(basalt);
                if (h1 > h0 && after.get("hits") > h1) return;
                seen += before + " -> " + after + "; ";
            }
        }
        fail("reads right after other clients connected were misses in 5 attempts: " + seen);
    }

    // --- writes through Basalt are visible to the very next read -------------------------------

    @TestFactory
    Stream<DynamicTest> writeThroughBasaltIsVisibleToTheNextRead() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < WRITES.size(); i++) {
            WriteCase wc = WRITES.get(i);
            String w = "w" + i;
            tests.add(DynamicTest.dynamicTest(wc.name(), () -> writeCase(wc, w)));
        }
        return tests.stream();
    }

    private void writeCase(WriteCase wc, String w) throws Exception {
        String readSql = wc.read() != null ? wc.read().replace("{w}", w) : "SELECT * FROM " + w + " ORDER BY id";
        try (Connection writer = Remote.connect(basalt, DB, prepOpt(wc.preparedWriter()));
             Connection text = Remote.connect(basalt, DB, prepOpt(false));
             Connection prep = Remote.connect(basalt, DB, prepOpt(true));
             Connection direct = Remote.connect(maria, DB, "")) {
            assertTrue(cachedAfterRetries(text, readSql, false), "the read is never cached: the case proves nothing");
            assertTrue(cachedAfterRetries(prep, readSql, true), "the prepared read is never cached");
            List<String> initial = read(direct, readSql, false);
            boolean locked = false;
            for (String step : wc.steps()) {
                String sql = step.replace("{w}", w);
                if (wc.preparedWriter()) {
                    try (PreparedStatement ps = writer.prepareStatement(sql)) {
                        ps.execute();
                    }
                } else {
                    try (Statement s = writer.createStatement()) {
                        s.execute(sql);
                        while (s.getMoreResults() || s.getUpdateCount() != -1) {
                            // drain every result of a multi-statement query
                        }
                    }
                }
                if (sql.startsWith("LOCK TABLES")) locked = true;
                if (sql.startsWith("UNLOCK TABLES")) locked = false;
                if (locked) continue; // everyone else waits for UNLOCK TABLES
                List<String> expected = read(direct, readSql, false);
                for (int i = 0; i < 2; i++) {
                    assertEquals(expected, read(text, readSql, false), "text read #" + (i + 1) + " after: " + sql);
                    assertEquals(expected, read(prep, readSql, true), "prepared read #" + (i + 1) + " after: " + sql);
                }
            }
            if (!wc.name().contains("ROLLBACK")) {
                assertTrue(!initial.equals(read(direct, readSql, false)), "the case changed nothing: " + wc.name());
            }
        }
    }

    // --- transactions -------------------------------------------------------------------------

    @Test
    void ownUncommittedWritesAreReadBackAndCommitInvalidates() throws Exception {
        String sql = "SELECT v FROM tx WHERE id = 1";
        try (Connection w = Remote.connect(basalt, DB, ""); Connection r = Remote.connect(basalt, DB, "")) {
            assertTrue(cachedAfterRetries(w, sql, false));
            assertTrue(cachedAfterRetries(r, sql, false));
            w.setAutoCommit(false);
            try (Statement s = w.createStatement()) {
                s.executeUpdate("UPDATE tx SET v = 11 WHERE id = 1");
            }
            assertEquals(List.of("11|"), read(w, sql, false), "own uncommitted write");
            assertEquals(List.of("11|"), read(w, sql, false), "own uncommitted write, again");
            assertEquals(List.of("10|"), read(r, sql, false), "other session before commit");
            assertEquals(List.of("10|"), read(r, sql, false), "other session before commit, again");
            w.commit();
            assertEquals(List.of("11|"), read(r, sql, false), "other session right after COMMIT returned");
            assertEquals(List.of("11|"), read(w, sql, false));
            try (Statement s = w.createStatement()) {
                s.executeUpdate("UPDATE tx SET v = 12 WHERE id = 1");
            }
            assertEquals(List.of("11|"), read(r, sql, false));
            w.rollback();
            assertEquals(List.of("11|"), read(r, sql, false), "after ROLLBACK");
            assertEquals(List.of("11|"), read(w, sql, false), "after ROLLBACK, writer");
            w.setAutoCommit(true);
        }
    }

    /**
     * A session inside a transaction reads its REPEATABLE READ snapshot, not the latest commit: such a
     * read must neither be served to, nor come from, another session.
     */
    @Test
    void transactionSnapshotsAreNotSharedBetweenSessions() throws Exception {
        String sql = "SELECT v FROM snap WHERE id = 1";
        try (Connection old = Remote.connect(basalt, DB, ""); Connection writer = Remote.connect(basalt, DB, "");
             Connection later = Remote.connect(basalt, DB, ""); Connection warm = Remote.connect(basalt, DB, "")) {
            assertTrue(cachedAfterRetries(warm, sql, false));
            try (Statement s = old.createStatement()) {
                s.execute("START TRANSACTION");
            }
            assertEquals(List.of("10|"), read(old, sql, false), "snapshot taken");
            try (Statement s = writer.createStatement()) {
                s.executeUpdate("UPDATE snap SET v = 11 WHERE id = 1");
            }
            assertEquals(List.of("10|"), read(old, sql, false), "REPEATABLE READ: the old snapshot");
            assertEquals(List.of("10|"), read(old, sql, false), "REPEATABLE READ: the old snapshot, again");
            try (Statement s = later.createStatement()) {
                s.execute("START TRANSACTION");
            }
            assertEquals(List.of("11|"), read(later, sql, false),
                    "a transaction begun after the acknowledged write must see it (not another session's snapshot)");
            assertEquals(List.of("10|"), read(old, sql, false),
                    "the old transaction must keep its snapshot (not another session's newer read)");
            try (Statement s = old.createStatement()) {
                s.execute("COMMIT");
            }
            try (Statement s = later.createStatement()) {
                s.execute("COMMIT");
            }
            assertEquals(List.of("11|"), read(old, sql, false));
        }
    }

    /** SELECT ... INTO @var sets a variable on the remote session: a replay from the cache would not. */
    @Test
    void selectIntoUserVariableAlwaysRuns() throws Exception {
        for (boolean prepared : new boolean[]{false, true}) {
            for (int i = 0; i < 3; i++) {
                try (Connection c = Remote.connect(basalt, DB, prepOpt(prepared))) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT v INTO @into_v FROM kv WHERE id = 3");
                    }
                    if (prepared) {
                        try (PreparedStatement ps = c.prepareStatement("SELECT v INTO @into_p FROM kv WHERE id = 3")) {
                            ps.execute();
                        }
                        assertEquals(List.of("30|"), read(c, "SELECT @into_p", false), "prepared, session " + i);
                    }
                    assertEquals(List.of("30|"), read(c, "SELECT @into_v", false), "session " + i);
                }
            }
        }
    }

    /** A prepared statement keeps working after USE; its cached results follow the right table. */
    @Test
    void preparedStatementAcrossUse() throws Exception {
        Remote.exec(maria, "", "CREATE DATABASE IF NOT EXISTS pc_use_a", "CREATE DATABASE IF NOT EXISTS pc_use_b",
                "CREATE TABLE IF NOT EXISTS pc_use_a.t (v INT)", "CREATE TABLE IF NOT EXISTS pc_use_b.t (v INT)",
                "DELETE FROM pc_use_a.t", "DELETE FROM pc_use_b.t",
                "INSERT INTO pc_use_a.t VALUES (1)", "INSERT INTO pc_use_b.t VALUES (2)");
        String sql = "SELECT v FROM t";
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (var e : List.of(maria, basalt)) {
            List<String> out = e == maria ? expected : actual;
            try (Connection c = Remote.connect(e, "pc_use_a", prepOpt(true));
                 Connection b = Remote.connect(e, "pc_use_b", prepOpt(true));
                 Connection w = Remote.connect(e, "", "");
                 PreparedStatement ps = c.prepareStatement(sql)) {
                for (int round = 0; round < 3; round++) {
                    try (ResultSet rs = ps.executeQuery()) {
                        out.add("a:" + (rs.next() ? rs.getString(1) : "none"));
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("USE pc_use_b");
                }
                for (int round = 0; round < 3; round++) {
                    try (ResultSet rs = ps.executeQuery()) {
                        out.add("after USE:" + (rs.next() ? rs.getString(1) : "none"));
                    }
                    out.add("b:" + read(b, sql, true));
                }
                try (Statement s = w.createStatement()) {
                    s.executeUpdate("UPDATE pc_use_a.t SET v = v + 10");
                    s.executeUpdate("UPDATE pc_use_b.t SET v = v + 20");
                }
                for (int round = 0; round < 2; round++) {
                    try (ResultSet rs = ps.executeQuery()) {
                        out.add("after writes:" + (rs.next() ? rs.getString(1) : "none"));
                    }
                    out.add("b:" + read(b, sql, true));
                }
                try (Statement s = w.createStatement()) { // restore for the other endpoint
                    s.executeUpdate("UPDATE pc_use_a.t SET v = v - 10");
                    s.executeUpdate("UPDATE pc_use_b.t SET v = v - 20");
                }
            }
        }
        assertEquals(expected, actual);
    }

    /** A trigger in a database whose name holds a dot: its writes still invalidate what they change. */
    @Test
    void triggerInADatabaseNameWithADot() throws Exception {
        Remote.exec(maria, "", "DROP DATABASE IF EXISTS `pc.dot`", "CREATE DATABASE `pc.dot`",
                "DROP DATABASE IF EXISTS pc_dotb", "CREATE DATABASE pc_dotb",
                "CREATE TABLE `pc.dot`.a (id INT PRIMARY KEY)", "CREATE TABLE pc_dotb.b (id INT PRIMARY KEY, n INT)",
                "INSERT INTO pc_dotb.b VALUES (1, 0)",
                "CREATE TRIGGER `pc.dot`.a_ins AFTER INSERT ON `pc.dot`.a FOR EACH ROW UPDATE pc_dotb.b SET n = n + 1");
        // the trigger was made directly on the remote: wait until the cache has reloaded its schema facts
        Remote.sleep(TTL * 1000L + 500);
        String sql = "SELECT n FROM pc_dotb.b WHERE id = 1";
        try (Connection r = Remote.connect(basalt, DB, ""); Connection w = Remote.connect(basalt, "pc.dot", "")) {
            assertTrue(cachedAfterRetries(r, sql, false));
            assertTrue(cachedAfterRetries(r, sql, false));
            for (int i = 1; i <= 2; i++) {
                try (Statement s = w.createStatement()) {
                    s.executeUpdate("INSERT INTO a VALUES (" + i + ")");
                }
                assertEquals(List.of(i + "|"), read(r, sql, false), "after insert " + i);
                cachedAfterRetries(r, sql, false);
            }
        }
    }

    /**
     * A read answered from the cache never reaches the remote, yet what the session shows about its
     * last statement (warnings, FOUND_ROWS(), ROW_COUNT()) must be what a direct read leaves.
     */
    @Test
    void cacheHitLeavesStatementDiagnosticsAsADirectReadDoes() throws Exception {
        String q = "SELECT id FROM kv ORDER BY id";
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        try (Connection warm = Remote.connect(basalt, DB, "")) {
            assertTrue(cachedAfterRetries(warm, q, false));
        }
        for (var e : List.of(maria, basalt)) {
            List<String> out = e == maria ? expected : actual;
            try (Connection c = Remote.connect(e, DB, "")) {
                long hits = hits();
                read(c, "SELECT 1/0", false);                     // leaves a warning
                read(c, q, false);                                 // a hit through Basalt
                out.add("warnings " + read(c, "SHOW WARNINGS", false));
                read(c, "SELECT 1/0", false);
                read(c, q, false);
                out.add("warning_count " + read(c, "SELECT @@warning_count", false));
                read(c, q, false);
                out.add("found_rows " + read(c, "SELECT FOUND_ROWS()", false));
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE kv SET v = v WHERE id <= 3"); // sets ROW_COUNT() (0 changed)
                }
                read(c, q, false); // may be a hit again once re-cached: read twice
                read(c, q, false);
                out.add("row_count " + read(c, "SELECT ROW_COUNT()", false));
                if (e == basalt) assertTrue(hits() > hits, "no read here was a cache hit: the test proves nothing");
            }
        }
        assertEquals(expected, actual);
    }

    /** Results cached for one driver are replayed only in a format the other driver negotiated. */
    @Test
    void cachedResultsAcrossDrivers() throws Exception {
        String q = "SELECT id, v, CONCAT('é', v) AS s FROM kv ORDER BY id";
        String opts = "&characterEncoding=UTF-8&connectTimeout=20000&socketTimeout=60000";
        try (Connection mariadbDriver = Remote.connect(basalt, DB, "")) {
            assertTrue(cachedAfterRetries(mariadbDriver, q, false));
        }
        for (boolean prepared : new boolean[]{false, true}) {
            String o = opts + "&useServerPrepStmts=" + prepared;
            try (Connection direct = java.sql.DriverManager.getConnection(maria.mysqlUrl(DB) + o, "root", "");
                 Connection through = java.sql.DriverManager.getConnection(basalt.mysqlUrl(DB) + o, "root", "")) {
                List<String> expected = read(direct, q, prepared);
                for (int i = 0; i < 3; i++) assertEquals(expected, read(through, q, prepared), "MySQL Connector/J read " + i);
            }
        }
        try (Connection mariadbDriver = Remote.connect(basalt, DB, ""); Connection direct = Remote.connect(maria, DB, "")) {
            assertEquals(read(direct, q, false), read(mariadbDriver, q, false));
        }
    }

    // --- never cached -------------------------------------------------------------------------

    static final List<String> NEVER_CACHED = List.of(
            "SELECT NOW(6), v FROM kv WHERE id = 1",
            "SELECT RAND(), v FROM kv WHERE id = 1",
            "SELECT UUID(), v FROM kv WHERE id = 1",
            "SELECT @nc_var, v FROM kv WHERE id = 1",
            "SELECT @@sql_mode, v FROM kv WHERE id = 1",
            "SELECT v FROM kv WHERE id = 1 FOR UPDATE",
            "SELECT v FROM kv WHERE id = 1 LOCK IN SHARE MODE",
            "SELECT SQL_NO_CACHE v FROM kv WHERE id = 1",
            "SELECT * FROM v_kv WHERE id = 1",
            "SELECT SQL_CALC_FOUND_ROWS v FROM kv LIMIT 1",
            "SELECT CONNECTION_ID(), v FROM kv WHERE id = 1",
            "SELECT LAST_INSERT_ID(), v FROM kv WHERE id = 1",
            "SELECT COUNT(*) > 0 FROM information_schema.TABLES",
            "SELECT pure_fn(v) FROM kv WHERE id = 1");

    @TestFactory
    Stream<DynamicTest> neverCached() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String sql : NEVER_CACHED) {
            for (boolean prepared : new boolean[]{false, true}) {
                tests.add(DynamicTest.dynamicTest((prepared ? "prepared " : "text ") + sql, () -> {
                    try (Connection c = Remote.connect(basalt, DB, prepOpt(prepared))) {
                        Map<String, Long> before = Remote.cacheStatus(basalt);
                        for (int i = 0; i < 3; i++) read(c, sql, prepared);
                        Map<String, Long> after = Remote.cacheStatus(basalt);
                        assertEquals(before.get("hits"), after.get("hits"), "hits grew for " + sql);
                        assertEquals(before.get("stores"), after.get("stores"), "stored " + sql);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void temporaryTableShadowingABaseTableIsNeverServedFromCache() throws Exception {
        String sql = "SELECT * FROM tmp ORDER BY id";
        try (Connection a = Remote.connect(basalt, DB, ""); Connection b = Remote.connect(basalt, DB, "")) {
            assertTrue(cachedAfterRetries(a, sql, false));
            try (Statement s = b.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE tmp (id INT, v BIGINT)");
                s.execute("INSERT INTO tmp VALUES (9, 99)");
            }
            assertEquals(List.of("9|99|"), read(b, sql, false), "temporary table shadows the base table");
            assertEquals(List.of("9|99|"), read(b, sql, false));
            assertEquals(List.of("1|10|", "2|20|", "3|30|"), read(a, sql, false), "other session sees the base table");
        }
    }

    // --- session settings are part of the key -------------------------------------------------

    @Test
    void sessionSettingsSeparateCachedResults() throws Exception {
        String sql = "SELECT v / 7 FROM sess WHERE id = 1";
        try (Connection def = Remote.connect(basalt, DB, "");
             Connection text = Remote.connect(basalt, DB, "");
             Connection direct = Remote.connect(maria, DB, "")) {
            assertTrue(cachedAfterRetries(def, sql, false));
            String defaultResult = read(def, sql, false).get(0);
            try (Statement s = text.createStatement()) {
                s.execute("SET SESSION div_precision_increment = 10");
            }
            try (Statement s = direct.createStatement()) {
                s.execute("SET SESSION div_precision_increment = 10");
            }
            String expected10 = read(direct, sql, false).get(0);
            assertTrue(!expected10.equals(defaultResult));
            assertEquals(expected10, read(text, sql, false).get(0));
            assertEquals(expected10, read(text, sql, false).get(0));
            assertEquals(defaultResult, read(def, sql, false).get(0));
        }
    }

    /** SET with a bound parameter: the statement text is the same whatever value is bound. */
    @Test
    void sessionSettingsSetByPreparedStatementsWithParameters() throws Exception {
        String sql = "SELECT v / 7 FROM sess WHERE id = 2";
        List<String> results = new ArrayList<>();
        for (int precision : new int[]{10, 2}) {
            try (Connection c = Remote.connect(basalt, DB, prepOpt(true));
                 Connection direct = Remote.connect(maria, DB, "")) {
                try (PreparedStatement ps = c.prepareStatement("SET SESSION div_precision_increment = ?")) {
                    ps.setInt(1, precision);
                    ps.execute();
                }
                try (Statement s = direct.createStatement()) {
                    s.execute("SET SESSION div_precision_increment = " + precision);
                }
                String expected = read(direct, sql, false).get(0);
                for (int i = 0; i < 3; i++) {
                    assertEquals(expected, read(c, sql, false).get(0), "div_precision_increment " + precision + " read " + i);
                }
                results.add(expected);
            }
        }
        assertTrue(!results.get(0).equals(results.get(1)));
    }

    /** SET GLOBAL through Basalt changes the defaults of every later session: their reads must follow. */
    @Test
    void globalSettingChangedThroughBasalt() throws Exception {
        String sql = "SELECT v / 7 FROM sess WHERE id = 1";
        try (Connection before = Remote.connect(basalt, DB, "")) {
            assertTrue(cachedAfterRetries(before, sql, false));
        }
        try {
            try (Connection admin = Remote.connect(basalt, DB, ""); Statement s = admin.createStatement()) {
                s.execute("SET GLOBAL div_precision_increment = 9");
            }
            try (Connection after = Remote.connect(basalt, DB, ""); Connection direct = Remote.connect(maria, DB, "")) {
                List<String> expected = read(direct, sql, false);
                assertEquals(expected, read(after, sql, false), "a session begun after SET GLOBAL");
                assertEquals(expected, read(after, sql, false), "a session begun after SET GLOBAL, again");
            }
        } finally {
            Remote.exec(maria, "", "SET GLOBAL div_precision_increment = 4");
        }
    }

    /** A stored procedure changing a session setting: CALL is opaque to the cache's settings fingerprint. */
    @Test
    void sessionSettingsChangedByAStoredProcedure() throws Exception {
        String sql = "SELECT v / 7 FROM sess WHERE id = 3";
        try (Connection def = Remote.connect(basalt, DB, "");
             Connection called = Remote.connect(basalt, DB, "");
             Connection direct = Remote.connect(maria, DB, "")) {
            assertTrue(cachedAfterRetries(def, sql, false));
            try (Statement s = called.createStatement()) {
                s.execute("CALL set_prec()");
            }
            // CALL is opaque DDL to the cache (schema facts reload): wait until it caches again
            assertTrue(cachedAfterRetries(def, sql, false));
            String defaultResult = read(def, sql, false).get(0);
            try (Statement s = direct.createStatement()) {
                s.execute("CALL set_prec()");
            }
            assertEquals(read(direct, sql, false), read(called, sql, false));
            assertEquals(read(direct, sql, false), read(called, sql, false), "again");
            assertEquals(defaultResult, read(def, sql, false).get(0),
                    "a default session must not get the result computed under the procedure's setting");
            assertEquals(defaultResult, read(def, sql, false).get(0), "a default session, again");
        }
    }

    // --- triggers and cascades ----------------------------------------------------------------

    @Test
    void triggerWritingAnotherTableInvalidatesIt() throws Exception {
        String sql = "SELECT n FROM pc_trg2.b WHERE id = 1";
        try (Connection r = Remote.connect(basalt, DB, ""); Connection w = Remote.connect(basalt, "pc_trg", "")) {
            assertTrue(cachedAfterRetries(r, sql, false));
            for (int i = 1; i <= 3; i++) {
                try (Statement s = w.createStatement()) {
                    s.executeUpdate("INSERT INTO a VALUES (" + i + ")");
                }
                assertEquals(List.of(i + "|"), read(r, sql, false), "after insert " + i);
                assertEquals(List.of(i + "|"), read(r, sql, false), "after insert " + i + ", again");
            }
        }
    }

    @Test
    void triggerCreatedThroughBasaltIsHonouredAtOnce() throws Exception {
        String sql = "SELECT n FROM pc_trg4.b WHERE id = 1";
        try (Connection r = Remote.connect(basalt, DB, ""); Connection w = Remote.connect(basalt, "pc_trg3", "")) {
            assertTrue(cachedAfterRetries(r, sql, false));
            try (Statement s = w.createStatement()) {
                s.execute("CREATE TRIGGER a_upd AFTER UPDATE ON a FOR EACH ROW UPDATE pc_trg4.b SET n = n + 1");
            }
            for (int i = 1; i <= 3; i++) {
                try (Statement s = w.createStatement()) {
                    s.executeUpdate("UPDATE a SET x = x + 1 WHERE id = 1");
                }
                assertEquals(List.of(i + "|"), read(r, sql, false), "after update " + i);
                cachedAfterRetries(r, sql, false);
            }
        }
    }

    @Test
    void cascadingDeleteInvalidatesTheChild() throws Exception {
        String sql = "SELECT COUNT(*) FROM pc_fk.child";
        try (Connection r = Remote.connect(basalt, DB, ""); Connection w = Remote.connect(basalt, "pc_fk", "")) {
            assertTrue(cachedAfterRetries(r, sql, false));
            assertEquals(List.of("3|"), read(r, sql, false));
            try (Statement s = w.createStatement()) {
                s.executeUpdate("DELETE FROM parent WHERE id = 1");
            }
            assertEquals(List.of("1|"), read(r, sql, false));
        }
    }

    // --- writes made directly on the remote: visible after at most the TTL ---------------------

    @Test
    void directRemoteWriteVisibleWithinTtl() throws Exception {
        String sql = "SELECT v FROM ttl WHERE id = 1";
        try (Connection r = Remote.connect(basalt, DB, ""); Connection direct = Remote.connect(maria, DB, "")) {
            assertTrue(cachedAfterRetries(r, sql, false));
            try (Statement s = direct.createStatement()) {
                s.executeUpdate("UPDATE ttl SET v = 777 WHERE id = 1");
            }
            long t0 = System.nanoTime();
            boolean seen = Remote.await(TTL + 3, () -> Remote.unchecked(() -> read(r, sql, false)).equals(List.of("777|")));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seen, "direct write never became visible");
            assertTrue(seconds <= TTL + 1.0, "direct write visible after " + seconds + "s, TTL " + TTL + "s");
        }
    }

    // --- single flight ------------------------------------------------------------------------

    @Test
    void concurrentIdenticalMissesSendOneQuery() throws Exception {
        int n = 10;
        String sql = "SELECT SUM(seq % 7), COUNT(*) FROM seq_1_to_3000000 WHERE seq > " + (System.nanoTime() % 1000);
        List<Connection> conns = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            for (int i = 0; i < n; i++) conns.add(Remote.connect(basalt, DB, ""));
            try (Connection c = Remote.connect(basalt, DB, "")) { // the same query shape must be cacheable at all
                assertTrue(cachedAfterRetries(c, "SELECT SUM(seq % 7) FROM seq_1_to_1000", false));
            }
            CyclicBarrier barrier = new CyclicBarrier(n);
            long before = Remote.remoteStatus(maria, "Com_select");
            List<Future<List<String>>> results = new ArrayList<>();
            for (Connection c : conns) {
                results.add(pool.submit(() -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return read(c, sql, false);
                }));
            }
            List<String> first = null;
            for (Future<List<String>> f : results) {
                List<String> r = f.get(60, TimeUnit.SECONDS);
                if (first == null) first = r;
                assertEquals(first, r);
            }
            long delta = Remote.remoteStatus(maria, "Com_select") - before;
            // one for the query, a few for a schema-facts reload that may fall in the window
            assertTrue(delta <= 4, n + " concurrent identical misses ran " + delta + " SELECTs on the remote");
        } finally {
            pool.shutdownNow();
            for (Connection c : conns) c.close();
        }
    }

    // --- staleness under concurrency ----------------------------------------------------------

    @Test
    void noReadOlderThanAnAcknowledgedWrite() throws Exception {
        int writers = 3, readers = 3;
        AtomicLong acknowledged = new AtomicLong(10);
        AtomicInteger reads = new AtomicInteger();
        ConcurrentLinkedQueue<String> stale = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long hitsBefore = hits();
        ExecutorService pool = Executors.newFixedThreadPool(writers + readers);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            futures.add(pool.submit(() -> {
                try (Connection c = Remote.connect(basalt, DB, ""); Statement s = c.createStatement()) {
                    while (System.nanoTime() < end) {
                        s.executeUpdate("UPDATE ctr SET v = LAST_INSERT_ID(v + 1) WHERE id = 1");
                        long v = Remote.scalarLong(c, "SELECT LAST_INSERT_ID()");
                        acknowledged.accumulateAndGet(v, Math::max);
                        Remote.sleep(3);
                    }
                }
                return null;
            }));
        }
        for (int i = 0; i < readers; i++) {
            boolean prepared = i == 0;
            futures.add(pool.submit(() -> {
                try (Connection c = Remote.connect(basalt, DB, prepOpt(prepared))) {
                    String sql = "SELECT v FROM ctr WHERE id = 1";
                    while (System.nanoTime() < end) {
                        long floor = acknowledged.get();
                        long v = Long.parseLong(read(c, sql, prepared).get(0).replace("|", ""));
                        reads.incrementAndGet();
                        if (v < floor) stale.add("read " + v + " after " + floor + " was acknowledged");
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "threads hung");
        for (Future<?> f : futures) f.get();
        assertEquals(List.of(), List.copyOf(stale).subList(0, Math.min(stale.size(), 10)), stale.size() + " stale reads");
        assertTrue(reads.get() > 20, "reads: " + reads.get()); // few on a loaded machine, but some
        assertTrue(hits() > hitsBefore, "no read was served from the cache: the test proves nothing");
    }

    // --- eviction -----------------------------------------------------------------------------

    @Test
    void tinyCacheEvictsAndStaysWithinItsBound() throws Exception {
        try (TestServer tiny = Remote.basalt(maria, 64 << 10, 30);
             Connection c = Remote.connect(tiny, DB, "")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Remote.cacheStatus(tiny).get("stores") == 0 && System.nanoTime() < deadline) {
                read(c, "SELECT v FROM kv WHERE id = 1", false);
                Remote.sleep(50);
            }
            for (int i = 0; i < 600; i++) {
                List<String> rows = read(c, "SELECT id, v, REPEAT('x', 300) AS pad, " + i + " AS q FROM kv ORDER BY id", false);
                assertEquals(3, rows.size());
                assertTrue(rows.get(2).startsWith("3|30|"));
            }
            Map<String, Long> st = Remote.cacheStatus(tiny);
            assertTrue(st.get("stores") > 100, st.toString());
            assertTrue(st.get("evictions") > 0, st.toString());
            assertTrue(Remote.await(3, () -> Remote.unchecked(() -> Remote.cacheStatus(tiny)).get("bytes") <= 64 << 10),
                    "bytes above the bound: " + Remote.cacheStatus(tiny));
            assertTrue(st.get("entries") > 0 && st.get("entries") < 600, st.toString());
        }
    }

    static void failIf(boolean b, String msg) {
        if (b) fail(msg);
    }
}
