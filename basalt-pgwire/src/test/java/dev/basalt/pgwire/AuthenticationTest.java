package dev.basalt.pgwire;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SCRAM-SHA-256 and md5 with root's configured password, SCRAM with the stored verifier of any
 * other account; unknown users and databases refused.
 */
class AuthenticationTest {

    @Test
    void md5WithRootsPassword() throws Exception {
        try (PgTestServer server = new PgTestServer("pw", "md5")) {
            assertEquals("root", currentUser(server, "root", "pw"));
            assertEquals("28P01", assertThrows(SQLException.class, () -> currentUser(server, "root", "nope")).getSQLState());
        }
    }

    @Test
    void scramWithRootsPassword() throws Exception {
        try (PgTestServer server = new PgTestServer("pw", "scram-sha-256")) {
            assertEquals("root", currentUser(server, "root", "pw"));
            assertEquals("28P01", assertThrows(SQLException.class, () -> currentUser(server, "root", "bad")).getSQLState());
            assertEquals("28P01", assertThrows(SQLException.class, () -> currentUser(server, "ghost", "x")).getSQLState());
        }
    }

    @Test
    void scramForAnAccountMadeBySqlEvenWhenMd5IsConfigured() throws Exception {
        try (PgTestServer server = new PgTestServer("pw", "md5")) {
            try (Connection root = DriverManager.getConnection(server.url("postgres"), "root", "pw")) {
                root.createStatement().execute("CREATE USER app IDENTIFIED BY 'app-Pw'");
            }
            // pgjdbc answers whatever the server asks; the verifier makes it SCRAM, not cleartext
            assertEquals("app", currentUser(server, "app", "app-Pw"));
            assertEquals("28P01", assertThrows(SQLException.class, () -> currentUser(server, "app", "app-pw")).getSQLState());
        }
    }

    @Test
    void unknownDatabaseIs3D000AndTheUsersNameMeansPublic() throws Exception {
        try (PgTestServer server = new PgTestServer("", "scram-sha-256")) {
            SQLException e = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(server.url("no_such_db"), "root", ""));
            assertEquals("3D000", e.getSQLState());
            // psql's default database, the user's name, means schema public when there is no such database
            try (Connection c = DriverManager.getConnection(server.url("root"), "root", "")) {
                ResultSet rs = c.createStatement().executeQuery("SELECT DATABASE()");
                assertTrue(rs.next());
                assertEquals("public", rs.getString(1));
            }
        }
    }

    private static String currentUser(PgTestServer server, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.url("postgres"), user, password)) {
            ResultSet rs = c.createStatement().executeQuery("SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', 1)");
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
