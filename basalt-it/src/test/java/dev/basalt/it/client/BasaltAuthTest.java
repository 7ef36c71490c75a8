package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.TestServer;
import dev.basalt.server.ServerSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Logging in to Basalt with both drivers, both auth plugins, with and without a root password. */
class BasaltAuthTest {
    private static final String PASSWORD = "s3cret-Pw";

    private static TestServer start(String plugin, String password) throws Exception {
        return TestServer.start(ServerSettings.defaults().withStorage("memory").withPort(0)
                .withAuthPlugin(plugin).withRootPassword(password));
    }

    @ParameterizedTest(name = "{0} via {1}")
    @CsvSource({
        "caching_sha2_password, MARIADB", "caching_sha2_password, MYSQL",
        "mysql_native_password, MARIADB", "mysql_native_password, MYSQL"})
    void passwordLoginAndWrongPassword(String plugin, Driver driver) throws Exception {
        try (TestServer server = start(plugin, PASSWORD)) {
            // twice: caching_sha2_password takes the full path first, then the fast (cached) path
            for (int i = 0; i < 2; i++) {
                try (Connection c = driver.connect(server, "", "root", PASSWORD)) {
                    assertEquals(1, selectOne(c));
                }
            }
            SQLException e = assertThrows(SQLException.class, () -> driver.connect(server, "", "root", "wrong"));
            assertEquals(1045, e.getErrorCode(), e.getMessage());
            assertEquals("28000", e.getSQLState());
            e = assertThrows(SQLException.class, () -> driver.connect(server, "", "root", ""));
            assertEquals(1045, e.getErrorCode(), e.getMessage());
            e = assertThrows(SQLException.class, () -> driver.connect(server, "", "nosuchuser", PASSWORD));
            assertEquals(1045, e.getErrorCode(), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Driver.class)
    void emptyPasswordLogin(Driver driver) throws Exception {
        try (TestServer server = TestServer.memory(); Connection c = driver.connect(server, "", "root", "")) {
            assertEquals(1, selectOne(c));
        }
    }

    @Test
    void connectingToAnUnknownDatabaseFails() throws Exception {
        try (TestServer server = TestServer.memory()) {
            for (Driver d : Driver.values()) {
                SQLException e = assertThrows(SQLException.class, () -> d.connect(server, "no_such_db"));
                assertEquals(1049, e.getErrorCode(), d + ": " + e.getMessage());
            }
        }
    }

    private static int selectOne(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }
}
