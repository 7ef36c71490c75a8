package dev.basalt.it.remote;

import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole query blocks pushed down to the remote server of virtual databases (plan.BlockPushdown,
 * vdb.QuerySql): results equal to the same query run on MariaDB directly, EXPLAIN showing the remote
 * SQL, and what the remote saw (Com_select, Bytes_sent) proving that only result rows travel.
 */
class VirtualDatabasePushdownTest {
    private static final String SWITCH = "basalt.remote.blockPushdown";
    private static MariaDbServer maria;
    private static TestServer basalt;
    private static Connection remote;   // straight to MariaDB
    private static Connection client;   // to Basalt

    @BeforeAll
    static void start() throws Exception {
        maria = MariaDbFixture.require();
        basalt = TestServer.memory();
        remote = maria.connect("");
        client = basalt.connect("");
        exec(remote, "DROP DATABASE IF EXISTS pd_a", "DROP DATABASE IF EXISTS pd_b",
                "CREATE DATABASE pd_a", "CREATE DATABASE pd_b",
                "CREATE TABLE pd_a.big (id INT PRIMARY KEY, grp INT, amount DECIMAL(10,2), d DATE,"
                        + " code VARCHAR(20) COLLATE utf8mb4_bin, ci VARCHAR(20), raw VARBINARY(8), f DOUBLE, pad VARCHAR(100))",
                // 12000 rows; every 7th amount and every 11th date NULL
                "INSERT INTO pd_a.big SELECT seq, seq % 10, IF(seq % 7 = 0, NULL, (seq * 37 % 1000) / 4),"
                        + " IF(seq % 11 = 0, NULL, DATE '2024-01-01' + INTERVAL (seq % 400) DAY),"
                        + " CONCAT('c', seq % 50), IF(seq % 2 = 0, 'Abc', 'abc'), UNHEX(HEX(seq % 256)), seq / 8, REPEAT('x', 100)"
                        + " FROM pd_a.seq_1_to_12000",
                "CREATE TABLE pd_b.dim (grp INT PRIMARY KEY, label VARCHAR(20) COLLATE utf8mb4_bin, weight INT)",
                "INSERT INTO pd_b.dim VALUES (0,'zero',5),(1,'one',NULL),(2,'two',7),(3,'three',1),(4,'four',2),"
                        + "(5,'five',3),(6,'six',4),(7,'seven',9),(8,'eight',8),(11,'eleven',0)");
        exec(client, "CREATE DATABASE a__remote__127_0_0_1__" + maria.port() + "__pd_a__root__",
                "CREATE DATABASE b__remote__127_0_0_1__" + maria.port() + "__pd_b__root__",
                "DROP DATABASE IF EXISTS pd_local", "CREATE DATABASE pd_local",
                "CREATE TABLE pd_local.picks (grp INT PRIMARY KEY, note VARCHAR(10))",
                "INSERT INTO pd_local.picks VALUES (1,'p1'),(3,'p3'),(9,'p9')");
        exec(remote, "CREATE DATABASE IF NOT EXISTS pd_local", "DROP TABLE IF EXISTS pd_local.picks",
                "CREATE TABLE pd_local.picks (grp INT PRIMARY KEY, note VARCHAR(10))",
                "INSERT INTO pd_local.picks VALUES (1,'p1'),(3,'p3'),(9,'p9')");
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty(SWITCH);
        if (client != null) client.close();
        if (remote != null) remote.close();
        if (basalt != null) basalt.close();
    }

    /** Queries run on the remote as one block; written against Basalt's names a. and b. (pd_a., pd_b. on MariaDB). */
    private static final String[] PUSHED = {
            "SELECT * FROM a.big WHERE id = 77",
            "SELECT grp, COUNT(*), COUNT(amount), SUM(amount), MIN(d), MAX(amount), AVG(id) FROM a.big GROUP BY grp ORDER BY grp",
            "SELECT grp, COUNT(*) FROM a.big WHERE d IS NOT NULL GROUP BY grp HAVING COUNT(*) > 1085 ORDER BY grp",
            "SELECT COUNT(*), SUM(amount), MIN(d), MAX(id) FROM a.big WHERE id < 0",
            "SELECT COUNT(amount), COUNT(*), SUM(amount) FROM a.big WHERE d IS NULL",
            "SELECT id, amount FROM a.big WHERE amount IS NOT NULL ORDER BY amount DESC, id LIMIT 5 OFFSET 3",
            "SELECT DISTINCT grp FROM a.big WHERE id BETWEEN 5 AND 60 ORDER BY grp DESC",
            "SELECT id, amount * 2 + grp, id - grp FROM a.big WHERE id BETWEEN 10 AND 14 ORDER BY id",
            "SELECT id FROM a.big WHERE (grp IN (1, 2) OR amount > 240) AND id NOT IN (1, 2, 11) AND id < 40 ORDER BY id",
            "SELECT code, COUNT(*) FROM a.big WHERE code >= 'c40' GROUP BY code ORDER BY code",
            "SELECT x.id, d.label, d.weight FROM a.big x JOIN b.dim d ON d.grp = x.grp WHERE x.id < 25 ORDER BY x.id",
            "SELECT d.label, COUNT(*), SUM(x.amount) FROM a.big x JOIN b.dim d ON d.grp = x.grp GROUP BY d.label ORDER BY d.label",
            "SELECT d.grp, d.weight FROM b.dim d, a.big x WHERE x.id = d.grp + 100 AND d.weight IS NULL ORDER BY d.grp",
            "SELECT COUNT(DISTINCT grp), COUNT(DISTINCT d) FROM a.big",
            "SELECT grp, MIN(raw), MAX(f) FROM a.big GROUP BY grp ORDER BY grp",
            "SELECT d, COUNT(*), SUM(DISTINCT grp), AVG(amount) FROM a.big WHERE d BETWEEN DATE '2024-02-01' AND DATE '2024-02-03' GROUP BY d ORDER BY d DESC",
            "SELECT grp, COUNT(*) AS n FROM a.big WHERE id < 300 GROUP BY grp HAVING n > 29 ORDER BY n DESC, grp",
            "SELECT id, amount FROM a.big WHERE id < 30 AND amount IS NOT NULL ORDER BY amount * 2 - id, id LIMIT 4",
            "SELECT id FROM a.big ORDER BY id LIMIT 0",
            "SELECT x.id, label FROM a.big x JOIN b.dim USING (grp) WHERE x.id IN (5, 15, 25) ORDER BY x.id",
            "SELECT x.id, y.id FROM a.big x JOIN a.big y ON y.id = x.id + 1 JOIN b.dim d ON d.grp = y.grp WHERE x.id < 6 ORDER BY x.id",
            "SELECT COUNT(*) FROM a.big WHERE code = 'c7' AND amount <=> NULL",
            "SELECT id, -amount, amount - 1000 FROM a.big WHERE id IN (1, 2, 7) ORDER BY id",
            "SELECT 'lit', 42, NULL, id FROM a.big WHERE id = 3",
            // LIKE on _bin strings and binary strings (case-sensitive, no pad space on both sides)
            "SELECT id, code FROM a.big WHERE code LIKE 'c1%' AND id < 200 ORDER BY id",
            "SELECT COUNT(*) FROM a.big WHERE code NOT LIKE '%7'",
            "SELECT id FROM a.big WHERE code LIKE 'c_' AND id < 30 ORDER BY id",
            "SELECT COUNT(*) FROM a.big WHERE code LIKE 'C1%'",
            "SELECT COUNT(*) FROM a.big WHERE code LIKE 'c4|%' ESCAPE '|'",
            "SELECT COUNT(*) FROM a.big WHERE code LIKE 'c4 '",
            "SELECT COUNT(*), MIN(id) FROM a.big WHERE raw LIKE '1%'",
            "SELECT COUNT(*) FROM a.big x, b.dim d WHERE d.grp = x.grp AND d.label LIKE 't%'",
            "SELECT grp, COUNT(*) FROM a.big WHERE code LIKE '%3%' GROUP BY grp ORDER BY grp",
    };

    /** Not pushed as a block (case-insensitive collation, function, outer join, local table, subquery): still right. */
    private static final String[] LOCAL = {
            "SELECT COUNT(*) FROM a.big WHERE ci = 'abc'",
            "SELECT ci, COUNT(*) FROM a.big GROUP BY ci ORDER BY ci",
            "SELECT id, LENGTH(pad) FROM a.big WHERE id IN (3, 4) ORDER BY id",
            "SELECT d.grp, COUNT(x.id) FROM b.dim d LEFT JOIN a.big x ON x.grp = d.grp AND x.id < 100 GROUP BY d.grp ORDER BY d.grp",
            "SELECT p.note, COUNT(*) FROM pd_local.picks p JOIN a.big x ON x.grp = p.grp GROUP BY p.note ORDER BY p.note",
            "SELECT x.id, (SELECT d.label FROM b.dim d WHERE d.grp = x.grp) FROM a.big x WHERE x.id < 13 ORDER BY x.id",
            "SELECT grp FROM b.dim WHERE grp IN (SELECT grp FROM a.big WHERE id < 4) ORDER BY grp",
            "SELECT id, SUM(amount) OVER (PARTITION BY grp ORDER BY id) FROM a.big WHERE id < 30 ORDER BY id",
            "SELECT grp, COUNT(*), RANK() OVER (ORDER BY COUNT(*) DESC, grp) FROM a.big WHERE id < 100 GROUP BY grp ORDER BY grp",
            // a join condition that cannot be sent (case-insensitive strings): no remote cross product
            "SELECT COUNT(*) FROM a.big x JOIN a.big y ON y.ci = x.ci WHERE x.id < 3 AND y.id < 5",
    };

    /** Not pushed whole, but their tables (all on one server) are joined there: RemoteJoin. */
    private static final String[] JOINED_REMOTELY = {
            "SELECT LOWER(x.ci), COUNT(*) FROM a.big x JOIN b.dim d ON d.grp = x.grp WHERE x.id < 1000 GROUP BY x.ci ORDER BY 1",
            "SELECT x.id, d.label FROM a.big x JOIN b.dim d ON d.grp = x.grp WHERE x.ci LIKE 'A%' AND x.id < 30 ORDER BY x.id",
            "SELECT COUNT(*) FROM a.big x, b.dim d WHERE d.grp = x.grp AND LOWER(d.label) = 'two'",
    };

    private static String onMaria(String sql) { return sql.replace("a.big", "pd_a.big").replace("b.dim", "pd_b.dim"); }

    @Test
    void resultsEqualMariaDbWithPushdownOnAndOff() throws Exception {
        List<String> all = new ArrayList<>(List.of(PUSHED));
        all.addAll(List.of(LOCAL));
        all.addAll(List.of(JOINED_REMOTELY));
        for (String off : new String[]{null, "false"}) {
            if (off == null) System.clearProperty(SWITCH);
            else System.setProperty(SWITCH, off);
            try {
                for (String q : all) assertEquals(rows(remote, onMaria(q)), rows(client, q), q + " (switch " + off + ")");
            } finally {
                System.clearProperty(SWITCH);
            }
        }
    }

    @Test
    void pushedQueriesRunAsOneRemoteBlockTheOthersDoNot() throws Exception {
        for (String q : PUSHED) {
            List<List<String>> explain = rows(client, "EXPLAIN " + q);
            assertTrue(explain.size() == 1 && explain.toString().contains("` AS `"), q + ": " + explain);
        }
        for (String q : LOCAL) {
            // the block over a.big is not sent whole: no row shows a block query with its GROUP BY/aggregate/join
            String explain = rows(client, "EXPLAIN " + q).toString();
            assertFalse(explain.contains("COUNT(") || explain.contains("`pd_a`.`big` AS `x`, "), q + ": " + explain);
        }
    }

    @Test
    void remoteOnlyJoinsRunRemotelyWhenTheBlockCannot() throws Exception {
        for (String q : JOINED_REMOTELY) {
            List<List<String>> explain = rows(client, "EXPLAIN " + q);
            assertTrue(explain.size() == 1 && explain.toString().contains("`pd_a`.`big` AS `x`, `pd_b`.`dim` AS `d`")
                    && !explain.toString().contains("COUNT("), q + ": " + explain);
        }
        String q = JOINED_REMOTELY[0];
        rows(client, q);
        long bytes = status("Bytes_sent");
        rows(client, q);
        long moved = status("Bytes_sent") - bytes;
        // 999 joined rows of (ci, grp, id): far from the two tables' columns
        assertTrue(moved < 40_000, "moved " + moved);
    }

    @Test
    void anotherAddressIsAnotherServer() throws Exception {
        // the same MariaDB under another host name: by the rule (host, port, user) another server
        exec(client, "CREATE DATABASE IF NOT EXISTS c__remote__localhost__" + maria.port() + "__pd_b__root__");
        try {
            String q = "SELECT x.id, d.label FROM a.big x JOIN c.dim d ON d.grp = x.grp WHERE x.id < 6 ORDER BY x.id";
            assertEquals(rows(remote, q.replace("a.big", "pd_a.big").replace("c.dim", "pd_b.dim")), rows(client, q));
            // the two tables are read on their own (two EXPLAIN rows), not joined remotely
            assertEquals(2, rows(client, "EXPLAIN " + q).size(), rows(client, "EXPLAIN " + q).toString());
        } finally {
            exec(client, "DROP DATABASE IF EXISTS c");
        }
    }

    @Test
    void explainShowsTheRemoteSql() throws Exception {
        assertEquals("Remote: SELECT `big`.`id`, `big`.`grp`, `big`.`amount`, `big`.`d`, `big`.`code`, `big`.`ci`, `big`.`raw`,"
                        + " `big`.`f`, `big`.`pad` FROM `pd_a`.`big` AS `big` WHERE (`big`.`id` = ?)",
                extra("EXPLAIN SELECT * FROM a.big WHERE id = 77"));
        assertEquals("Remote: SELECT `d`.`label`, COUNT(*) FROM `pd_a`.`big` AS `x`, `pd_b`.`dim` AS `d`"
                        + " WHERE (`d`.`grp` = `x`.`grp`) GROUP BY `d`.`label` HAVING (COUNT(*) > ?) ORDER BY `d`.`label` LIMIT 2, 3",
                extra("EXPLAIN SELECT d.label, COUNT(*) FROM a.big x JOIN b.dim d ON d.grp = x.grp"
                        + " GROUP BY d.label HAVING COUNT(*) > 10 ORDER BY d.label LIMIT 3 OFFSET 2"));
        assertEquals("Remote: SELECT COUNT(*) FROM `pd_a`.`big` AS `big` WHERE (`big`.`code` LIKE ?)",
                extra("EXPLAIN SELECT COUNT(*) FROM a.big WHERE code LIKE 'c1%'"));
        assertEquals("Remote: SELECT COUNT(*) FROM `pd_a`.`big` AS `big` WHERE (`big`.`code` NOT LIKE ? ESCAPE ?)",
                extra("EXPLAIN SELECT COUNT(*) FROM a.big WHERE code NOT LIKE 'c|_%' ESCAPE '|'"));
        // LIKE on a case-insensitive column stays local
        assertFalse(extra("EXPLAIN SELECT COUNT(*) FROM a.big WHERE ci LIKE 'a%'").contains("LIKE"));
        // a case-insensitive comparison is not pushed as a block: the per-table scan remains
        assertFalse(extra("EXPLAIN SELECT COUNT(*) FROM a.big WHERE ci = 'abc'").contains("COUNT"));
        System.setProperty(SWITCH, "false");
        try {
            assertFalse(extra("EXPLAIN SELECT COUNT(*) FROM a.big WHERE id < 5").contains("COUNT"));
        } finally {
            System.clearProperty(SWITCH);
        }
    }

    @Test
    void onlyResultRowsTravel() throws Exception {
        String point = "SELECT pad FROM a.big WHERE id = 4321";
        String aggregate = "SELECT COUNT(*), SUM(amount), MAX(code), MIN(d) FROM a.big";
        String join = "SELECT d.label, SUM(x.amount) FROM a.big x JOIN b.dim d ON d.grp = x.grp GROUP BY d.label ORDER BY d.label";
        for (String q : List.of(point, aggregate, join)) rows(client, q); // warm metadata caches
        for (String q : List.of(point, aggregate, join)) {
            long selects = status("Com_select"), bytes = status("Bytes_sent");
            rows(client, q);
            long movedBytes = status("Bytes_sent") - bytes, queries = status("Com_select") - selects;
            assertTrue(movedBytes < 1500, q + " moved " + movedBytes + " bytes");
            assertEquals(1, queries, q + ": one remote SELECT");
        }
        // the same aggregate without block pushdown reads the column from every row
        System.setProperty(SWITCH, "false");
        try {
            long bytes = status("Bytes_sent");
            rows(client, aggregate);
            assertTrue(status("Bytes_sent") - bytes > 100_000, "pushdown off reads the columns of every row");
        } finally {
            System.clearProperty(SWITCH);
        }
    }

    @Test
    void preparedAndCorrelatedBlocksBindFreshValues() throws Exception {
        try (PreparedStatement ps = client.prepareStatement("SELECT COUNT(*), SUM(amount) FROM a.big WHERE grp = ? AND id <= ?")) {
            for (int g = 0; g < 3; g++) {
                ps.setInt(1, g);
                ps.setInt(2, 1000 + g);
                List<List<String>> got = rows(ps);
                assertEquals(rows(remote, "SELECT COUNT(*), SUM(amount) FROM pd_a.big WHERE grp = " + g + " AND id <= " + (1000 + g)), got);
            }
        }
        String correlated = "SELECT d.grp, (SELECT COUNT(*) FROM a.big x WHERE x.grp = d.grp AND x.id < 50) FROM b.dim d ORDER BY d.grp";
        assertEquals(rows(remote, onMaria(correlated)), rows(client, correlated));
    }

    @Test
    void transactionsReadTheirOwnRemoteWrites() throws Exception {
        try (Connection c = basalt.connect("")) {
            c.setAutoCommit(false);
            exec(c, "INSERT INTO b.dim VALUES (20, 'twenty', 1)");
            assertEquals(List.of(List.of("11")), rows(c, "SELECT COUNT(*) FROM b.dim"));
            assertEquals(List.of(List.of("twenty")), rows(c, "SELECT d.label FROM b.dim d JOIN a.big x ON x.id = d.grp WHERE d.grp = 20"));
            c.rollback();
            assertEquals(List.of(List.of("10")), rows(c, "SELECT COUNT(*) FROM b.dim"));
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static String extra(String explain) throws SQLException {
        try (Statement st = client.createStatement(); ResultSet rs = st.executeQuery(explain)) {
            assertTrue(rs.next(), explain);
            String extra = rs.getString("Extra");
            assertFalse(rs.next(), explain + ": more than one row");
            return extra;
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " " + rows(client, explain), e);
        }
    }

    private static long status(String name) throws SQLException {
        return Long.parseLong(rows(remote, "SHOW GLOBAL STATUS LIKE '" + name + "'").get(0).get(1));
    }

    static void exec(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) st.execute(s);
        }
    }

    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return read(rs);
        }
    }

    static List<List<String>> rows(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return read(rs);
        }
    }

    private static List<List<String>> read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<List<String>> out = new ArrayList<>();
        while (rs.next()) {
            List<String> r = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) r.add(rs.getString(i));
            out.add(r);
        }
        return out;
    }
}
