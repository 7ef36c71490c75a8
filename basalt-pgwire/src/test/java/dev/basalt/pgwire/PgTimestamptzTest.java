package dev.basalt.pgwire;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * timestamptz columns (the engine's TIMESTAMP) through pgjdbc, in text (simple protocol) and
 * binary (server-prepared, prepareThreshold=-1) transfer: the column is announced as timestamptz
 * and each value is the same instant whatever the session's time zone.
 */
class PgTimestamptzTest {
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PgTestServer("pw", "scram-sha-256");
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void sameInstantInTextAndBinaryAndEveryZone() throws Exception {
        Instant expected = Instant.parse("2024-05-17T13:45:12.500Z");
        try (Connection c = server.connect("pw", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TIME ZONE 'UTC'");
                s.execute("DROP TABLE IF EXISTS tstz");
                s.execute("CREATE TABLE tstz (id int PRIMARY KEY, at timestamptz)");
                s.execute("INSERT INTO tstz VALUES (1, '2024-05-17 13:45:12.5')");
            }
            for (String zone : new String[] {"UTC", "Asia/Kolkata", "America/New_York"}) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET TIME ZONE '" + zone + "'");
                }
                assertEquals(expected, read(c, "text, " + zone), zone);
                try (Connection b = server.connect("pw", "?prepareThreshold=-1&binaryTransfer=true")) {
                    try (Statement s = b.createStatement()) {
                        s.execute("SET TIME ZONE '" + zone + "'");
                    }
                    assertEquals(expected, read(b, "binary, " + zone), zone);
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE tstz");
            }
        }
    }

    /**
     * A timestamptz parameter is an instant: pgjdbc's setObject(OffsetDateTime) (text typed
     * timestamptz, with its own offset) stores the same instant whatever the session's zone.
     */
    @Test
    void timestamptzParametersKeepTheirInstant() throws Exception {
        Instant expected = Instant.parse("2024-05-17T13:45:12.500Z");
        try (Connection c = server.connect("pw", "?prepareThreshold=-1")) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS tstz");
                s.execute("CREATE TABLE tstz (id int PRIMARY KEY, at timestamptz)");
            }
            for (String zone : new String[] {"UTC", "Asia/Kolkata", "America/New_York"}) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET TIME ZONE '" + zone + "'");
                    s.execute("DELETE FROM tstz");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO tstz VALUES (?, ?)")) {
                    ps.setInt(1, 1);
                    ps.setObject(2, OffsetDateTime.parse("2024-05-17T05:45:12.5-08:00"));
                    ps.executeUpdate();
                }
                assertEquals(expected, read(c, "offset parameter, " + zone), zone);
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE tstz");
            }
        }
    }

    /** Binary timestamptz (microseconds since 2000-01-01 UTC, as asyncpg and psycopg 3 send it) is that instant in the session's zone. */
    @Test
    void binaryTimestamptzParameterIsAnInstant() throws Exception {
        long micros = java.time.Duration.between(Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2024-05-17T13:45:12.500Z")).toNanos() / 1000;
        byte[] raw = java.nio.ByteBuffer.allocate(8).putLong(micros).array();
        assertEquals(java.time.LocalDateTime.parse("2024-05-17T19:15:12.5"),
                PgTypes.parameter(raw, PgTypes.TIMESTAMPTZ, true, java.time.ZoneId.of("Asia/Kolkata")));
        assertEquals(java.time.LocalDateTime.parse("2024-05-17T09:45:12.5"),
                PgTypes.parameter(raw, PgTypes.TIMESTAMPTZ, true, java.time.ZoneId.of("America/New_York")));
        // timestamp without time zone is a local date-time: no shift
        assertEquals(java.time.LocalDateTime.parse("2024-05-17T13:45:12.5"), PgTypes.parameter(raw, PgTypes.TIMESTAMP, true, null));
    }

    private static Instant read(Connection c, String what) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT at FROM tstz WHERE id = ?")) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals("timestamptz", rs.getMetaData().getColumnTypeName(1), what);
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }
}
