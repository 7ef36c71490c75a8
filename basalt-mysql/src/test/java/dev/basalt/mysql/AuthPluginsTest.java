package dev.basalt.mysql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Both drivers, both server plugins, with and without passwords, and caching_sha2_password's
 * full (RSA) path when the fast-path cache is empty as on a fresh MySQL.
 */
class AuthPluginsTest {

    static String url(String driver, int port, String user, String password) {
        String base = "jdbc:" + driver + "://127.0.0.1:" + port + "/test?user=" + user + "&password=" + password;
        return driver.equals("mysql")
                ? base + "&sslMode=DISABLED&allowPublicKeyRetrieval=true"
                : base + "&allowPublicKeyRetrieval=true";
    }

    static void assertLoggedInAs(String url, String user) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT USER()");
            assertTrue(rs.next());
            assertEquals(user + "@127.0.0.1", rs.getString(1));
        }
    }

    @ParameterizedTest(name = "{0} driver, {1} server plugin, cache trusted={2}")
    @CsvSource({
            "mariadb, mysql_native_password, true",
            "mariadb, caching_sha2_password, true",
            "mariadb, caching_sha2_password, false",
            "mysql, mysql_native_password, true",
            "mysql, caching_sha2_password, true",
            "mysql, caching_sha2_password, false",
    })
    void loginsSucceedAndFailAsMySqlWould(String driver, String plugin, boolean trusted) throws Exception {
        try (ServerFixture f = new ServerFixture(plugin, 64L * 1024 * 1024, trusted)) {
            assertLoggedInAs(url(driver, f.port(), "root", ""), "root");
            assertLoggedInAs(url(driver, f.port(), "alice", "secret"), "alice");
            // Non-ASCII password: exercises UTF-8 in the scrambles and in the RSA path.
            assertLoggedInAs(url(driver, f.port(), "bob", "pässwörd-🔑"), "bob");
            // A second login after a full authentication takes the fast path.
            assertLoggedInAs(url(driver, f.port(), "bob", "pässwörd-🔑"), "bob");

            SQLException wrong = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(url(driver, f.port(), "alice", "wrong")).close());
            assertEquals(1045, wrong.getErrorCode(), wrong.getMessage());
            assertEquals("28000", wrong.getSQLState());
            assertTrue(wrong.getMessage().contains("Access denied for user 'alice'@'127.0.0.1' (using password: YES)"),
                    wrong.getMessage());

            SQLException passwordForEmptyAccount = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(url(driver, f.port(), "root", "x")).close());
            assertEquals(1045, passwordForEmptyAccount.getErrorCode());

            SQLException noUser = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(url(driver, f.port(), "nobody", "")).close());
            assertEquals(1045, noUser.getErrorCode());
            assertTrue(noUser.getMessage().contains("(using password: NO)"), noUser.getMessage());

            assertEquals(0, waitForConnections(f, 0));
        }
    }

    static int waitForConnections(ServerFixture f, int expected) throws InterruptedException {
        for (int i = 0; i < 200 && f.server.openConnections() != expected; i++) Thread.sleep(10);
        return f.server.openConnections();
    }
}
