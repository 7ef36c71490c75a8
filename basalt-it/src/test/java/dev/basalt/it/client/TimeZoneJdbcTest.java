package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The session time_zone through both drivers: each connection has its own zone, SET GLOBAL is what
 * new connections start with, unknown zones are 1298, a TIMESTAMP written in one zone is the same
 * instant read in another (checked on MariaDB too). Values are read as text so the driver's
 * own time zone handling stays out of the picture.
 */
class TimeZoneJdbcTest {
    private static TestServer basalt;

    @BeforeAll
    static void start() throws Exception {
        basalt = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        if (basalt != null) basalt.close();
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void eachSessionHasItsOwnZone(Driver d) throws Exception {
        try (Connection utc = d.connect(basalt, ""); Connection india = d.connect(basalt, "")) {
            exec(utc, "SET time_zone = '+00:00'");
            exec(india, "SET time_zone = '+5:30'");
            assertEquals("+00:00", one(utc, "SELECT @@time_zone"));
            assertEquals("+05:30", one(india, "SELECT @@time_zone"));
            assertEquals("0", one(utc, "SELECT TIMESTAMPDIFF(MINUTE, UTC_TIMESTAMP(), NOW())"));
            assertEquals("330", one(india, "SELECT TIMESTAMPDIFF(MINUTE, UTC_TIMESTAMP(), NOW())"));
            assertEquals("1970-01-01 00:00:00", one(utc, "SELECT FROM_UNIXTIME(0)"));
            assertEquals("1970-01-01 05:30:00", one(india, "SELECT FROM_UNIXTIME(0)"));
            exec(india, "SET time_zone = 'Asia/Kolkata'");
            assertEquals("1970-01-01 05:30:00", one(india, "SELECT FROM_UNIXTIME(0)"));
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void unknownZoneIs1298AndKeepsTheOldZone(Driver d) throws Exception {
        try (Connection c = d.connect(basalt, "")) {
            exec(c, "SET time_zone = '-08:00'");
            SQLException e = assertThrows(SQLException.class, () -> exec(c, "SET time_zone = 'Mars/Olympus_Mons'"));
            assertEquals(1298, e.getErrorCode(), e.getMessage());
            assertEquals("HY000", e.getSQLState());
            assertEquals("-08:00", one(c, "SELECT @@time_zone"));
        }
    }

    @Test
    void globalZoneIsWhereNewSessionsStart() throws Exception {
        try (Connection admin = Driver.MARIADB.connect(basalt, "")) {
            assertEquals("SYSTEM", one(admin, "SELECT @@global.time_zone"));
            exec(admin, "SET GLOBAL time_zone = '+01:00'");
            try (Connection later = Driver.MARIADB.connect(basalt, "")) {
                assertEquals("+01:00", one(later, "SELECT @@time_zone"));
                assertEquals("1970-01-01 01:00:00", one(later, "SELECT FROM_UNIXTIME(0)"));
            } finally {
                exec(admin, "SET GLOBAL time_zone = 'SYSTEM'");
            }
            assertEquals("SYSTEM", one(admin, "SELECT @@session.time_zone"));
        }
    }

    /** Written in one zone, read in another: a TIMESTAMP is the same instant, a DATETIME the same text. */
    private static void timestampRoundTrip(Endpoint server, Driver d) throws Exception {
        try (Connection utc = d.connect(server, ""); Connection india = d.connect(server, "")) {
            exec(utc, "DROP DATABASE IF EXISTS tz_round_trip");
            exec(utc, "CREATE DATABASE tz_round_trip");
            exec(utc, "SET time_zone = '+00:00'");
            exec(india, "SET time_zone = '+05:30'");
            exec(utc, "CREATE TABLE tz_round_trip.t (id INT PRIMARY KEY, ts TIMESTAMP(3) NULL, dt DATETIME NULL)");
            exec(utc, "INSERT INTO tz_round_trip.t VALUES (1, '2024-01-01 12:00:00.250', '2024-01-01 12:00:00')");
            exec(india, "INSERT INTO tz_round_trip.t VALUES (2, '2024-01-01 12:00:00.250', '2024-01-01 12:00:00')");
            assertEquals("2024-01-01 17:30:00.250000", one(india, "SELECT DATE_FORMAT(ts, '%Y-%m-%d %H:%i:%s.%f') FROM tz_round_trip.t WHERE id = 1"));
            assertEquals("2024-01-01 12:00:00", one(india, "SELECT CAST(dt AS CHAR) FROM tz_round_trip.t WHERE id = 1"));
            assertEquals("2024-01-01 06:30:00.250000", one(utc, "SELECT DATE_FORMAT(ts, '%Y-%m-%d %H:%i:%s.%f') FROM tz_round_trip.t WHERE id = 2"));
            assertEquals("1704110400.250", one(utc, "SELECT CAST(UNIX_TIMESTAMP(ts) AS CHAR) FROM tz_round_trip.t WHERE id = 1"));
            assertEquals("1", one(india, "SELECT COUNT(*) FROM tz_round_trip.t WHERE ts = '2024-01-01 17:30:00.250'"));
            exec(utc, "DROP DATABASE tz_round_trip");
        }
    }

    @Test
    void timestampRoundTripOnMariaDb() throws Exception {
        timestampRoundTrip(MariaDbFixture.require(), Driver.MARIADB);
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void timestampRoundTripOnBasalt(Driver d) throws Exception {
        timestampRoundTrip(basalt, d);
    }
}
