package dev.basalt.pgwire;

import dev.basalt.engine.api.Result;
import dev.basalt.engine.api.Session;
import dev.basalt.engine.api.SessionOptions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One engine, two faces: what a PostgreSQL client writes, a MySQL session (the Session API the
 * MySQL protocol serves) reads, and the other way round; schema public is the database public.
 */
class CrossProtocolTest {

    @Test
    void tablesAreSharedBetweenProtocols() throws Exception {
        try (PgTestServer server = new PgTestServer("", "scram-sha-256")) {
            try (Connection pg = DriverManager.getConnection(server.url("postgres"), "root", "");
                 Statement s = pg.createStatement()) {
                s.execute("CREATE TABLE shared (id serial PRIMARY KEY, note text)");
                try (PreparedStatement ins = pg.prepareStatement("INSERT INTO shared (note) VALUES (?)")) {
                    for (String note : new String[] {"from pg 1", "from pg 2"}) {
                        ins.setString(1, note);
                        ins.addBatch();
                    }
                    assertArrayEquals(new int[] {1, 1}, ins.executeBatch());
                }
            }
            try (Session mysql = server.engine.openSession(new SessionOptions(1, "root", "localhost", "public"))) {
                assertEquals(List.of("from pg 1", "from pg 2"), column(mysql, "SELECT note FROM shared ORDER BY id"));
                drain(mysql, "INSERT INTO public.shared (note) VALUES ('from mysql')");
            }
            try (Connection pg = DriverManager.getConnection(server.url("postgres"), "root", "");
                 ResultSet rs = pg.createStatement().executeQuery("SELECT id, note FROM shared WHERE note LIKE 'from my%'")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
                assertEquals("from mysql", rs.getString(2));
            }
        }
    }

    /** A PostgreSQL array column reads as PostgreSQL's text form on the MySQL side, and takes it (issue 10). */
    @Test
    void arrayColumnsReadAsTextOnTheMysqlSide() throws Exception {
        try (PgTestServer server = new PgTestServer("", "scram-sha-256")) {
            try (Connection pg = DriverManager.getConnection(server.url("postgres"), "root", "");
                 Statement s = pg.createStatement()) {
                s.execute("CREATE TABLE arr_shared (id int PRIMARY KEY, nums int[], tags text[])");
                s.execute("INSERT INTO arr_shared VALUES (1, ARRAY[1,2,3], '{a,\"b c\"}')");
            }
            try (Session mysql = server.engine.openSession(new SessionOptions(1, "root", "localhost", "public"))) {
                assertEquals(List.of("{1,2,3}"), column(mysql, "SELECT nums FROM arr_shared"));
                assertEquals(List.of("{a,\"b c\"}"), column(mysql, "SELECT tags FROM arr_shared"));
                drain(mysql, "INSERT INTO arr_shared VALUES (2, '{4, 5}', '{}')");
                assertEquals(List.of("array(int4)"), column(mysql,
                        "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_NAME = 'arr_shared' AND COLUMN_NAME = 'nums'"));
            }
            try (Connection pg = DriverManager.getConnection(server.url("postgres"), "root", "");
                 ResultSet rs = pg.createStatement().executeQuery("SELECT nums[2] FROM arr_shared WHERE id = 2")) {
                assertTrue(rs.next());
                assertEquals(5, rs.getInt(1));
            }
        }
    }

    /**
     * uuid and jsonb columns made on the PostgreSQL port are CHAR(36) and JSON on the MySQL side
     * (SHOW CREATE TABLE is MySQL's and reloads), keep refusing what is not a UUID there (1366)
     * and canonicalise what is; back on the PostgreSQL port they are still uuid and jsonb.
     */
    @Test
    void uuidAndJsonbColumnsSeenFromTheMysqlSide() throws Exception {
        try (PgTestServer server = new PgTestServer("", "scram-sha-256")) {
            try (Connection pg = DriverManager.getConnection(server.url("postgres"), "root", "");
                 Statement s = pg.createStatement()) {
                s.execute("CREATE TABLE uj (id uuid PRIMARY KEY, doc jsonb)");
                s.execute("INSERT INTO uj VALUES ('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{\"b\":1,\"a\":2}')");
            }
            try (Session mysql = server.engine.openSession(new SessionOptions(1, "root", "localhost", "public"))) {
                assertEquals(List.of("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), column(mysql, "SELECT id FROM uj"));
                assertEquals(List.of("{\"a\": 2, \"b\": 1}"), column(mysql, "SELECT doc FROM uj"));
                assertEquals(List.of("char(36)", "json"), column(mysql,
                        "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_NAME = 'uj' ORDER BY ORDINAL_POSITION"));
                String ddl = String.valueOf(row(mysql, "SHOW CREATE TABLE uj")[1]);
                assertTrue(ddl.contains("`id` char(36) NOT NULL") && ddl.contains("`doc` json"), ddl);
                drain(mysql, ddl.replace("CREATE TABLE `uj`", "CREATE TABLE `uj_reloaded`")); // valid MySQL
                drain(mysql, "INSERT INTO uj VALUES ('{B0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}', '[]')");
                dev.basalt.engine.api.SqlException bad = assertThrows(dev.basalt.engine.api.SqlException.class,
                        () -> drain(mysql, "INSERT INTO uj VALUES ('xyz', NULL)"));
                assertEquals(1366, bad.errorCode());
                assertEquals("Incorrect uuid value: 'xyz' for column 'id' at row 1", bad.getMessage());
            }
            try (Connection pg = DriverManager.getConnection(server.url("postgres"), "root", "");
                 ResultSet rs = pg.createStatement().executeQuery("SELECT id, doc, pg_typeof(id), pg_typeof(doc) FROM uj ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals(java.util.UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), rs.getObject(1));
                assertTrue(rs.next());
                assertEquals(java.util.UUID.fromString("b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), rs.getObject(1));
                assertEquals("jsonb", rs.getMetaData().getColumnTypeName(2));
                assertEquals("uuid", rs.getString(3));
                assertEquals("jsonb", rs.getString(4));
                assertFalse(rs.next());
            }
        }
    }

    private static Object[] row(Session s, String sql) {
        if (s.execute(sql, false).next() instanceof Result.Rows rows) {
            try (var c = rows.cursor()) {
                return c.next();
            }
        }
        throw new AssertionError("no rows from " + sql);
    }

    private static List<String> column(Session s, String sql) {
        List<String> out = new ArrayList<>();
        if (s.execute(sql, false).next() instanceof Result.Rows rows) {
            try (var c = rows.cursor()) {
                Object[] row;
                while ((row = c.next()) != null) out.add(String.valueOf(row[0]));
            }
        }
        return out;
    }

    private static void drain(Session s, String sql) {
        var r = s.execute(sql, false);
        while (r.hasNext()) if (r.next() instanceof Result.Rows rows) rows.cursor().close();
    }
}
