package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A JSON column through MySQL Connector/J: the server reports MYSQL_TYPE_JSON (245), which the
 * driver names "JSON" and reads as text (LONGVARCHAR, java.lang.String), with the normalized
 * document as its value, over the text protocol and over server-side prepared statements.
 */
class JsonColumnJdbcTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        try (Connection c = Driver.MYSQL.connect(server, ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE jsondb");
            s.execute("CREATE TABLE jsondb.doc (id INT PRIMARY KEY, j JSON)");
            s.execute("INSERT INTO jsondb.doc VALUES (1, '{\"b\":[1,2],\"a\":\"x\"}'), (2, NULL)");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static void assertJsonMetadata(ResultSetMetaData md, int column) throws SQLException {
        assertEquals("JSON", md.getColumnTypeName(column));
        assertEquals(Types.LONGVARCHAR, md.getColumnType(column));
        assertEquals("java.lang.String", md.getColumnClassName(column));
    }

    @Test
    void jsonColumnReadsBackAsNormalizedText() throws Exception {
        try (Connection c = Driver.MYSQL.connect(server, "jsondb"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT j, j->'$.b', j->>'$.a', JSON_OBJECT('k', id) FROM doc ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            assertJsonMetadata(md, 1);
            assertJsonMetadata(md, 2);
            assertJsonMetadata(md, 4);
            assertTrue(rs.next());
            assertEquals("{\"a\": \"x\", \"b\": [1, 2]}", rs.getString(1));
            assertEquals("{\"a\": \"x\", \"b\": [1, 2]}", rs.getObject(1));
            assertEquals("[1, 2]", rs.getString(2));
            assertEquals("x", rs.getString(3));
            assertEquals("{\"k\": 1}", rs.getString(4));
            assertTrue(rs.next());
            assertEquals(null, rs.getString(1));
        }
    }

    @Test
    void serverPreparedStatementsBindAndReadJson() throws Exception {
        String url = Driver.MYSQL.url(server, "jsondb") + "&useServerPrepStmts=true";
        try (Connection c = DriverManager.getConnection(url, server.user(), server.password())) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO doc VALUES (?, ?)")) {
                ps.setInt(1, 3);
                ps.setString(2, "[true, null, 1.5]");
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT j, JSON_EXTRACT(j, ?) FROM doc WHERE id = ?")) {
                ps.setString(1, "$[2]");
                ps.setInt(2, 3);
                try (ResultSet rs = ps.executeQuery()) {
                    assertJsonMetadata(rs.getMetaData(), 1);
                    assertTrue(rs.next());
                    assertEquals("[true, null, 1.5]", rs.getString(1));
                    assertEquals("1.5", rs.getString(2));
                }
            }
        }
    }

    @Test
    void invalidJsonIsError3140() throws Exception {
        try (Connection c = Driver.MYSQL.connect(server, "jsondb"); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute("INSERT INTO doc VALUES (9, '{\"a\":')"));
            assertEquals(3140, e.getErrorCode());
            // the server sends 22032; Connector/J substitutes its own state for 3140 (class 22 either way)
            assertTrue(e.getSQLState().startsWith("22"), e.getSQLState());
        }
    }
}
