package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.RepoPaths;
import dev.basalt.it.support.TestServer;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EXPLAIN's query blocks (id, select_type, the {@code <derivedN>} / {@code <unionN,M>} rows) and
 * column types as MySQL 8 sends them. The cases live in {@code explain/query-blocks.txt}; each
 * also runs on the MariaDB fixture, so the expectations are checked against a real server except
 * where the file records MariaDB's own rows and why MySQL 8 differs.
 */
class ExplainQueryBlocksTest {
    private static TestServer basalt;

    @BeforeAll
    static void start() throws Exception {
        basalt = TestServer.memory();
    }

    @AfterAll
    static void stop() throws Exception {
        if (basalt != null) basalt.close();
    }

    /** One statement with MySQL 8's rows and, when they differ, MariaDB's. */
    record Case(String sql, List<String> mysql, List<String> mariadb) {}

    static List<Case> cases() throws Exception {
        List<String> lines = Files.readAllLines(RepoPaths.testResources().resolve("explain/query-blocks.txt"));
        List<Case> out = new ArrayList<>();
        String sql = null;
        List<String> mysql = null, mariadb = null, target = null;
        for (String line : lines) {
            if (line.startsWith("#")) continue;
            if (line.isBlank()) {
                if (sql != null) out.add(new Case(sql, mysql, mariadb == null ? mysql : mariadb));
                sql = null;
                mysql = mariadb = target = null;
            } else if (sql == null) {
                sql = line;
            } else if (line.equals("----")) {
                target = mysql = new ArrayList<>();
            } else if (line.equals("mariadb:")) {
                target = mariadb = new ArrayList<>();
            } else {
                target.add(line);
            }
        }
        if (sql != null) out.add(new Case(sql, mysql, mariadb == null ? mysql : mariadb));
        return out;
    }

    private static void fixture(Connection c) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS explain_blocks");
            st.execute("CREATE DATABASE explain_blocks");
            st.execute("USE explain_blocks");
            st.execute("CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, KEY a (a))");
            st.execute("CREATE TABLE u (id INT PRIMARY KEY, a INT, v INT)");
            st.execute("INSERT INTO t VALUES (1,1,1),(2,2,2),(3,3,3),(4,4,4)");
            st.execute("INSERT INTO u VALUES (1,1,1),(2,2,2),(3,3,3)");
        }
    }

    private static List<String> blocks(Connection c, String sql) throws Exception {
        List<String> got = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) got.add(text(rs.getString("id")) + " " + rs.getString("select_type") + " " + text(rs.getString("table")));
        }
        return got;
    }

    private static String text(String value) { return value == null ? "NULL" : value; }

    private static void check(Endpoint server, boolean mariadb) throws Exception {
        try (Connection c = server.connect("")) {
            fixture(c);
            List<String> failures = new ArrayList<>();
            for (Case k : cases()) {
                List<String> want = mariadb ? k.mariadb() : k.mysql();
                List<String> got = blocks(c, k.sql());
                if (!want.equals(got)) failures.add(k.sql() + "\n  want " + want + "\n  got  " + got);
            }
            assertEquals("", String.join("\n", failures));
        }
    }

    @Test
    void basaltShowsMySql8Blocks() throws Exception {
        check(basalt, false);
    }

    @Test
    void expectationsHoldOnMariaDb() throws Exception {
        check(MariaDbFixture.require(), true);
    }

    /** MySQL 8 (THD::send_explain_fields): id and rows are BIGINT, filtered DOUBLE with 2 decimals. */
    @Test
    void columnTypesAreMySql8s() throws Exception {
        try (Connection c = basalt.connect("")) {
            fixture(c);
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("EXPLAIN SELECT a FROM t UNION SELECT a FROM u")) {
                ResultSetMetaData md = rs.getMetaData();
                assertEquals(Types.BIGINT, md.getColumnType(1), "id");
                assertEquals(Types.VARCHAR, md.getColumnType(2), "select_type");
                assertEquals(Types.BIGINT, md.getColumnType(10), "rows");
                assertEquals(Types.DOUBLE, md.getColumnType(11), "filtered");
                assertEquals(2, md.getScale(11), "filtered decimals");
                rs.next();
                assertEquals(1L, rs.getObject(1, Long.class));
                assertEquals("100.00", rs.getString(11));
                rs.next();
                rs.next();
                assertEquals("UNION RESULT", rs.getString(2));
                assertEquals(null, rs.getObject(1), "the UNION RESULT row has no id");
                assertEquals(null, rs.getObject(10), "nor rows");
            }
        }
    }

    /** MariaDB sends id BIGINT and filtered DOUBLE too (its rows column is text, unlike MySQL 8's). */
    @Test
    void mariaDbAgreesOnIdAndFiltered() throws Exception {
        try (Connection c = MariaDbFixture.require().connect("")) {
            fixture(c);
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("EXPLAIN EXTENDED SELECT a FROM t UNION SELECT a FROM u")) {
                ResultSetMetaData md = rs.getMetaData();
                assertEquals(Types.BIGINT, md.getColumnType(1), "id");
                assertEquals(Types.DOUBLE, md.getColumnType(md.getColumnCount() - 1), "filtered");
            }
        }
    }
}
