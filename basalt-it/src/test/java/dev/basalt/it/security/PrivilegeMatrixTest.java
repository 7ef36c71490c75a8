package dev.basalt.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basalt.it.client.Driver;
import dev.basalt.it.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Statement families x privilege levels through MySQL Connector/J: each case of
 * security/privilege-matrix.txt runs as a fresh account holding exactly that case's grants.
 */
class PrivilegeMatrixTest {
    private static TestServer server;
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        try (Connection root = Driver.MYSQL.connect(server, "")) {
            AccountsTest.exec(root, "CREATE DATABASE m", "CREATE TABLE m.t (a INT, b INT)", "CREATE TABLE m.u (a INT)",
                    "INSERT INTO m.t VALUES (1, 2)", "INSERT INTO m.u VALUES (1)", "CREATE VIEW m.v AS SELECT a FROM m.t",
                    "CREATE PROCEDURE m.p() SELECT 1", "CREATE USER other@'%'");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = PrivilegeMatrixTest.class.getResourceAsStream("/security/privilege-matrix.txt")) {
            int line = 0;
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line++;
                if (l.isBlank() || l.startsWith("#")) continue;
                String[] p = l.split("\\|");
                out.add(Arguments.of(line, p[0].trim(), p[1].trim(), p[2].trim()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "line {0}: [{1}] {2} -> {3}")
    @MethodSource("cases")
    void matrix(int line, String grants, String statement, String expected) throws Exception {
        String user = "mx" + ACCOUNTS.incrementAndGet();
        try (Connection root = Driver.MYSQL.connect(server, "")) {
            AccountsTest.exec(root, "CREATE USER " + user + "@'%' IDENTIFIED BY 'pw'");
            if (!grants.equals("-")) {
                for (String g : grants.split(";")) {
                    String grant = g.trim();
                    boolean option = grant.endsWith("WITH GRANT OPTION");
                    if (option) grant = grant.substring(0, grant.length() - "WITH GRANT OPTION".length()).trim();
                    AccountsTest.exec(root, "GRANT " + grant + " TO " + user + "@'%'" + (option ? " WITH GRANT OPTION" : ""));
                }
            }
        }
        try (Connection c = Driver.MYSQL.connect(server, "", user, "pw"); Statement s = c.createStatement()) {
            try {
                s.execute(statement);
                if (!expected.equals("ok")) fail("expected error " + expected + " but the statement succeeded");
            } catch (SQLException e) {
                if (expected.equals("ok")) throw e;
                assertEquals(Integer.parseInt(expected), e.getErrorCode(), e.getMessage());
            }
        }
    }

    @Test
    void listingsAreFiltered() throws Exception {
        try (Connection root = Driver.MYSQL.connect(server, "")) {
            AccountsTest.exec(root, "CREATE DATABASE IF NOT EXISTS hidden", "CREATE USER lister@'%' IDENTIFIED BY 'pw'",
                    "GRANT SELECT ON m.u TO lister@'%'");
        }
        try (Connection c = Driver.MYSQL.connect(server, "", "lister", "pw")) {
            assertEquals(List.of("information_schema", "m", "performance_schema"), AccountsTest.column(c, "SHOW DATABASES"));
            assertEquals(List.of("u"), AccountsTest.column(c, "SHOW TABLES FROM m"));
            assertEquals(List.of("u"), AccountsTest.column(c,
                    "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'm'"));
            assertEquals(List.of(), AccountsTest.column(c,
                    "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'hidden'"));
            assertEquals(List.of("GRANT USAGE ON *.* TO `lister`@`%`", "GRANT SELECT ON `m`.`u` TO `lister`@`%`"),
                    AccountsTest.column(c, "SHOW GRANTS"));
        }
    }

    @Test
    void preparingNeedsThePrivilegesToo() throws Exception {
        try (Connection root = Driver.MYSQL.connect(server, "")) {
            AccountsTest.exec(root, "CREATE USER prep@'%' IDENTIFIED BY 'pw'", "GRANT SELECT ON m.u TO prep@'%'");
        }
        String url = server.mysqlUrl("") + "&useServerPrepStmts=true";
        try (Connection c = java.sql.DriverManager.getConnection(url, "prep", "pw")) {
            try (var ps = c.prepareStatement("SELECT a FROM m.u WHERE a = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getInt(1));
                }
            }
            // Connector/J falls back to a client-side statement when the server refuses to prepare
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> {
                try (var ps = c.prepareStatement("SELECT a FROM m.t WHERE a = ?")) {
                    ps.setInt(1, 1);
                    ps.executeQuery().close();
                }
            });
            assertEquals(1142, e.getErrorCode(), e.getMessage());
        }
    }

    @Test
    void revokeTakesEffectAtOnce() throws Exception {
        try (Connection root = Driver.MYSQL.connect(server, "")) {
            AccountsTest.exec(root, "CREATE USER rev@'%' IDENTIFIED BY 'pw'", "GRANT SELECT, INSERT ON m.* TO rev@'%'");
            try (Connection c = Driver.MYSQL.connect(server, "", "rev", "pw")) {
                AccountsTest.exec(c, "SELECT * FROM m.t");
                AccountsTest.exec(root, "REVOKE SELECT ON m.* FROM rev@'%'");
                assertEquals(1142, AccountsTest.errorOf(() -> AccountsTest.exec(c, "SELECT * FROM m.t")));
                assertEquals(List.of("GRANT USAGE ON *.* TO `rev`@`%`", "GRANT INSERT ON `m`.* TO `rev`@`%`"),
                        AccountsTest.column(root, "SHOW GRANTS FOR rev"));
                assertEquals(1141, AccountsTest.errorOf(() -> AccountsTest.exec(root, "REVOKE SELECT ON nodb.* FROM rev")));
                AccountsTest.exec(root, "REVOKE ALL PRIVILEGES, GRANT OPTION FROM rev");
                assertEquals(List.of("GRANT USAGE ON *.* TO `rev`@`%`"), AccountsTest.column(root, "SHOW GRANTS FOR rev"));
            }
        }
    }
}
