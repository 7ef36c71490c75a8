package dev.basalt.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plan cache of prepared statements through pgjdbc's extended protocol with
 * prepareThreshold=1 (one Parse, then Bind/Execute per execution): another connection changes
 * what the kept plan depends on, and the next execution returns what a fresh statement would.
 */
class PgPlanCacheTest {
    private static PgTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PgTestServer("s3cret", "scram-sha-256");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("password", "s3cret");
        return DriverManager.getConnection(server.url("postgres") + "?prepareThreshold=1", p);
    }

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) s.execute(q);
        }
    }

    private static List<String> rows(PreparedStatement ps, int id) throws SQLException {
        ps.setInt(1, id);
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) b.append(i > 1 ? "|" : "").append(rs.getString(i));
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void changesFromAnotherConnectionAreSeenAtTheNextExecution() throws Exception {
        try (Connection admin = connect(); Connection app = connect()) {
            exec(admin, "DROP TABLE IF EXISTS pc", "CREATE TABLE pc (id INT PRIMARY KEY, k INT, c VARCHAR(10))",
                    "CREATE INDEX pc_k ON pc (k)", "INSERT INTO pc VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 10, 'c')");
            PreparedStatement byId = app.prepareStatement("SELECT id, k, c FROM pc WHERE id = ?");
            PreparedStatement byK = app.prepareStatement("SELECT count(*) FROM pc WHERE k = ?");
            for (int i = 1; i <= 3; i++) assertEquals(List.of(i + "|" + (i == 2 ? 20 : 10) + "|" + "abc".charAt(i - 1)), rows(byId, i));
            assertEquals(List.of("2"), rows(byK, 10));

            exec(admin, "ALTER TABLE pc ADD COLUMN extra VARCHAR(5) DEFAULT 'x' FIRST");
            assertEquals(List.of("2|20|b"), rows(byId, 2));
            exec(admin, "DROP INDEX pc_k ON pc");
            assertEquals(List.of("2"), rows(byK, 10));
            exec(admin, "CREATE INDEX pc_k2 ON pc (k)", "INSERT INTO pc VALUES ('y', 4, 10, 'd')");
            assertEquals(List.of("3"), rows(byK, 10));
            exec(admin, "ANALYZE TABLE pc");
            assertEquals(List.of("3"), rows(byK, 10));
            exec(admin, "TRUNCATE TABLE pc");
            assertEquals(List.of("0"), rows(byK, 10));
            assertEquals(List.of(), rows(byId, 1));
            exec(admin, "DROP TABLE pc", "CREATE TABLE pc (c VARCHAR(10), k INT, id INT PRIMARY KEY)",
                    "INSERT INTO pc VALUES ('new', 5, 1)");
            assertEquals(List.of("1|5|new"), rows(byId, 1));
            exec(admin, "DROP TABLE pc");
            SQLException gone = assertThrows(SQLException.class, () -> rows(byId, 1));
            assertEquals("42P01", gone.getSQLState());
        }
    }

    @Test
    void temporaryTableAndSessionSettingsAreSeen() throws Exception {
        try (Connection app = connect()) {
            exec(app, "DROP TABLE IF EXISTS pt", "CREATE TABLE pt (id INT PRIMARY KEY, c VARCHAR(10))",
                    "INSERT INTO pt VALUES (1, 'base')");
            PreparedStatement ps = app.prepareStatement("SELECT c FROM pt WHERE id = ?");
            assertEquals(List.of("base"), rows(ps, 1));
            assertEquals(List.of("base"), rows(ps, 1));
            exec(app, "CREATE TEMPORARY TABLE pt (id INT PRIMARY KEY, c VARCHAR(10))", "INSERT INTO pt VALUES (1, 'temporary')");
            assertEquals(List.of("temporary"), rows(ps, 1));
            exec(app, "DROP TEMPORARY TABLE pt");
            assertEquals(List.of("base"), rows(ps, 1));
            exec(app, "DROP TABLE pt");
        }
    }
}
