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
