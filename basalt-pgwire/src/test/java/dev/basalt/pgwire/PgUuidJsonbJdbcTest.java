package dev.basalt.pgwire;

import org.junit.jupiter.api.Test;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.util.PGobject;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * uuid and jsonb through pgjdbc, in binary transfer (prepareThreshold=-1: binary results from the
 * first execution, UUID parameters sent as 16 bytes) and in text (binaryTransferDisable=UUID):
 * getObject gives java.util.UUID, setObject(UUID) finds the row, jsonb reads back normalised, bad
 * input is 22P02. With -Dbasalt.pg.reference=JDBC_URL the same checks run against a real PostgreSQL.
 */
class PgUuidJsonbJdbcTest {
    private static final UUID A = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    private static final UUID B = UUID.fromString("ffffffff-0000-4000-8000-000000000001");

    @Test
    void binaryTransfer() throws Exception {
        try (PgTestServer server = new PgTestServer("pw", "scram-sha-256");
             Connection c = server.connect("pw", "?prepareThreshold=-1")) {
            roundTrip(c, 1);
        }
        String reference = System.getProperty("basalt.pg.reference");
        if (reference != null && !reference.isEmpty()) {
            try (Connection c = DriverManager.getConnection(reference + "&prepareThreshold=-1")) {
                roundTrip(c, 1);
            }
        }
    }

    @Test
    void textTransfer() throws Exception {
        try (PgTestServer server = new PgTestServer("pw", "scram-sha-256");
             Connection c = server.connect("pw", "?prepareThreshold=-1&binaryTransferDisable=UUID")) {
            roundTrip(c, 0);
        }
        String reference = System.getProperty("basalt.pg.reference");
        if (reference != null && !reference.isEmpty()) {
            try (Connection c = DriverManager.getConnection(reference + "&prepareThreshold=-1&binaryTransferDisable=UUID")) {
                roundTrip(c, 0);
            }
        }
    }

    /** {@code uuidFormat}: the wire format the uuid column must come back in (0 text, 1 binary). */
    private static void roundTrip(Connection c, int uuidFormat) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS jdbc_ids");
            s.execute("CREATE TABLE jdbc_ids (id uuid PRIMARY KEY, doc jsonb, n int)");
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO jdbc_ids VALUES (?, ?, ?)")) {
            int n = 0;
            for (UUID u : new UUID[] {B, A}) {
                ins.setObject(1, u);
                PGobject doc = new PGobject();
                doc.setType("jsonb");
                doc.setValue("{\"tags\":[\"x\",\"y\"], \"b\":1, \"a\":{\"z\":true}, \"b\":2}");
                ins.setObject(2, doc);
                ins.setInt(3, ++n);
                assertEquals(1, ins.executeUpdate());
            }
        }
        try (PreparedStatement q = c.prepareStatement("SELECT id, doc, n FROM jdbc_ids WHERE id = ?")) {
            q.setObject(1, A);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("uuid", rs.getMetaData().getColumnTypeName(1));
                assertEquals("jsonb", rs.getMetaData().getColumnTypeName(2));
                assertEquals(uuidFormat, ((PGResultSetMetaData) rs.getMetaData()).getFormat(1));
                assertEquals(A, rs.getObject(1));
                assertEquals(A, rs.getObject(1, UUID.class));
                assertEquals(A.toString(), rs.getString(1));
                PGobject doc = (PGobject) rs.getObject(2);
                assertEquals("jsonb", doc.getType());
                assertEquals("{\"a\": {\"z\": true}, \"b\": 2, \"tags\": [\"x\", \"y\"]}", doc.getValue());
                assertEquals(2, rs.getInt(3));
                assertFalse(rs.next());
            }
        }
        // byte order: a0... before ff...; the text form of an upper-case literal finds the row
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id FROM jdbc_ids ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals(A, rs.getObject(1));
                assertTrue(rs.next());
                assertEquals(B, rs.getObject(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT n FROM jdbc_ids WHERE id = '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}'::uuid")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
            SQLException bad = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO jdbc_ids VALUES ('not-a-uuid', '{}', 3)"));
            assertEquals("22P02", bad.getSQLState());
            assertTrue(bad.getMessage().contains("invalid input syntax for type uuid: \"not-a-uuid\""), bad.getMessage());
            bad = assertThrows(SQLException.class, () -> s.executeQuery("SELECT '{\"a\":'::jsonb"));
            assertEquals("22P02", bad.getSQLState());
            s.execute("DROP TABLE jdbc_ids");
        }
    }
}
