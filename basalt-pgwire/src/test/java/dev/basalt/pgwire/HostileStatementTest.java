package dev.basalt.pgwire;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Small statements that cost the PostgreSQL-to-MySQL translation far more than their size: each
 * gets an answer (a result or PostgreSQL's error), and the connection stays usable. With pgjdbc.
 */
class HostileStatementTest {
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PgTestServer("", "scram-sha-256");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void chainedBoolCastsDoNotGrowExponentially() throws Exception {
        try (Connection c = server.connect("", ""); Statement st = c.createStatement()) {
            // 240 bytes of statement; its translation used to be 2^40 characters (out of memory, connection lost)
            ResultSet rs = st.executeQuery("SELECT 'yes'" + "::bool".repeat(40) + ", NULL::bool, 'off'::boolean, 'T'::bool");
            assertTrue(rs.next());
            assertTrue(rs.getBoolean(1));
            assertNull(rs.getObject(2));
            assertFalse(rs.getBoolean(3));
            assertTrue(rs.getBoolean(4));
            assertEquals("bool", rs.getMetaData().getColumnTypeName(1));
        }
    }

    @Test
    void castsNestedTooDeeplyAreStackDepthErrors() throws Exception {
        try (Connection c = server.connect("", ""); Statement st = c.createStatement()) {
            for (int depth : new int[] {dev.basalt.sql.postgres.PgDialect.MAX_CAST_NESTING + 1, 100_000}) {
                SQLException e = assertThrows(SQLException.class,
                        () -> st.executeQuery("SELECT 'x'" + "::text".repeat(depth)));
                assertEquals("54001", e.getSQLState(), e.getMessage()); // PostgreSQL's statement_too_complex
            }
            ResultSet rs = st.executeQuery("SELECT 'x'" + "::text".repeat(50));
            assertTrue(rs.next());
            assertEquals("x", rs.getString(1));
        }
    }
}
