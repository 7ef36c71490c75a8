package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A geometry column read through real drivers: protocol type 255 (GEOMETRY), the value as MySQL's
 * internal format (4-byte SRID + WKB) in both the text and the binary (server-side prepared) protocol,
 * and WKB sent back as a parameter.
 */
class GeometryJdbcTest {
    private static final byte[] POINT_1_2 = HexFormat.of().parseHex("00000000" + "0101000000000000000000F03F0000000000000040");
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void readsAndWritesGeometry(Driver d) throws SQLException {
        String db = "geo_" + d.name().toLowerCase();
        try (Connection c = d.connect(server, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
        }
        for (boolean serverSide : new boolean[] {false, true}) {
            try (Connection c = DriverManager.getConnection(d.url(server, db) + "&useServerPrepStmts=" + serverSide,
                    server.user(), server.password()); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS g");
                s.execute("CREATE TABLE g (id INT PRIMARY KEY, p POINT NOT NULL SRID 0)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO g VALUES (?, ST_GeomFromWKB(?))")) {
                    ps.setInt(1, 1);
                    ps.setBytes(2, HexFormat.of().parseHex("0101000000000000000000F03F0000000000000040"));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT p, ST_AsText(p), ST_X(p) FROM g WHERE id = ?")) {
                    ps.setInt(1, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals("GEOMETRY", rs.getMetaData().getColumnTypeName(1).toUpperCase(), d + " type name");
                        assertArrayEquals(POINT_1_2, rs.getBytes(1), d + " internal format, server-side " + serverSide);
                        assertEquals("POINT(1 2)", rs.getString(2));
                        assertEquals(1.0, rs.getDouble(3));
                    }
                }
            }
        }
    }
}
