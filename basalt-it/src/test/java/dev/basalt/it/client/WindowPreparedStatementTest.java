package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Window functions whose counts and frame offsets are '?' markers of a server-side prepared
 * statement: PREPARE plans them with stand-in values, each EXECUTE with the bound ones.
 */
class WindowPreparedStatementTest {
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
    void parametersInWindowFunctionsAndFrames(Driver d) throws SQLException {
        String db = "win_ps_" + d.name().toLowerCase();
        try (Connection c = d.connect(server, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db);
        }
        try (Connection c = DriverManager.getConnection(d.url(server, db) + "&useServerPrepStmts=true", server.user(),
                server.password()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            s.execute("INSERT INTO t VALUES (1, 10), (2, 20), (3, 30), (4, 40), (5, 50)");
            String sql = "SELECT id, NTILE(?) OVER (ORDER BY id), SUM(v) OVER (ORDER BY id ROWS BETWEEN ? PRECEDING AND CURRENT ROW),"
                    + " LAG(v, ?, ?) OVER (ORDER BY id), COUNT(*) OVER (ORDER BY v RANGE BETWEEN ? PRECEDING AND CURRENT ROW)"
                    + " FROM t ORDER BY id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                assertTrue(ps.getClass().getName().contains("ServerPreparedStatement"), ps.getClass().getName());
                bind(ps, 2, 1, 2, -1, 10);
                assertEquals(List.of("1 1 10 -1 1", "2 1 30 -1 2", "3 1 50 10 2", "4 2 70 20 2", "5 2 90 30 2"), rows(ps));
                bind(ps, 5, 0, 1, 0, 100);
                assertEquals(List.of("1 1 10 0 1", "2 2 20 10 2", "3 3 30 20 3", "4 4 40 30 4", "5 5 50 40 5"), rows(ps));
            }
        }
    }

    private static void bind(PreparedStatement ps, long... values) throws SQLException {
        for (int i = 0; i < values.length; i++) ps.setLong(i + 1, values[i]);
    }

    private static List<String> rows(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= 5; i++) sb.append(i > 1 ? " " : "").append(rs.getString(i));
                out.add(sb.toString());
            }
        }
        return out;
    }
}
