package dev.basalt.it.cli;

import dev.basalt.it.support.Commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A schema with foreign keys and CHECK constraints survives a round trip through the real
 * {@code mariadb-dump} and the {@code mariadb} client: the dump creates the child before its
 * parent (tables come in name order), which works because the dump turns foreign_key_checks off
 * while it loads. (Generated columns are left out: mariadb-dump writes their values in its
 * INSERTs, which MySQL 8, and so Basalt, refuses with 3105; MariaDB only warns.)
 */
class MariaDbDumpTest {
    private static final String DUMP = "/usr/bin/mariadb-dump";
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void schemaWithForeignKeysReloads() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(DUMP)) && MariaDbCli.binary() != null,
                "mariadb-dump / mariadb client not installed");
        try (Connection c = server.connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE dump_src");
            s.execute("CREATE DATABASE dump_dst");
            s.execute("USE dump_src");
            s.execute("CREATE TABLE b_parent (id INT PRIMARY KEY, name VARCHAR(20), CONSTRAINT name_set CHECK (name <> ''))");
            s.execute("CREATE TABLE a_child (id INT PRIMARY KEY, pid INT, qty INT,"
                    + " CONSTRAINT a_child_parent FOREIGN KEY (pid) REFERENCES b_parent (id) ON DELETE CASCADE)");
            s.execute("INSERT INTO b_parent VALUES (1, 'one'), (2, 'two')");
            s.execute("INSERT INTO a_child (id, pid, qty) VALUES (10, 1, 3), (11, 2, 4)");
        }
        String dump = Commands.run(List.of(DUMP, "--no-defaults", "-h", server.host(), "-P", Integer.toString(server.port()),
                "-u", server.user(), "--password=" + server.password(), "--protocol=TCP", "--skip-ssl", "dump_src"), null);
        assertTrue(dump.contains("FOREIGN_KEY_CHECKS=0"), dump);
        assertTrue(dump.indexOf("CREATE TABLE `a_child`") < dump.indexOf("CREATE TABLE `b_parent`"), dump);
        Path file = Files.createTempFile("dump", ".sql");
        try {
            Files.writeString(file, dump, StandardCharsets.UTF_8);
            Commands.run(List.of(MariaDbCli.binary(), "--no-defaults", "-h", server.host(), "-P", Integer.toString(server.port()),
                    "-u", server.user(), "--password=" + server.password(), "--protocol=TCP", "--skip-ssl", "dump_dst"), file);
        } finally {
            Files.deleteIfExists(file);
        }
        try (Connection c = server.connect("dump_dst"); Statement s = c.createStatement()) {
            assertEquals(List.of("10 1 3", "11 2 4"), Commands.rows(s, "SELECT id, pid, qty FROM a_child ORDER BY id"));
            assertEquals(createTable(s, "dump_src", "a_child"), createTable(s, "dump_dst", "a_child"));
            assertEquals(createTable(s, "dump_src", "b_parent"), createTable(s, "dump_dst", "b_parent"));
            // the reloaded constraints are enforced
            SQLException e = assertThrows(SQLException.class, () -> s.execute("INSERT INTO a_child (id, pid, qty) VALUES (12, 9, 1)"));
            assertEquals(1452, e.getErrorCode());
            s.execute("DELETE FROM b_parent WHERE id = 1");
            assertEquals(List.of("11 2 4"), Commands.rows(s, "SELECT id, pid, qty FROM a_child ORDER BY id"));
        }
    }

    /**
     * Views (a view of a view, a join view, a column list, CHECK OPTION) dump as views and reload into
     * Basalt, where they still write through, and into a real MariaDB.
     */
    @Test
    void schemaWithViewsReloads() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(DUMP)) && MariaDbCli.binary() != null,
                "mariadb-dump / mariadb client not installed");
        try (Connection c = server.connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE view_src");
            s.execute("CREATE DATABASE view_dst");
            s.execute("USE view_src");
            s.execute("CREATE TABLE emp (id INT PRIMARY KEY, name VARCHAR(10), dept INT, salary INT)");
            s.execute("CREATE TABLE dept (id INT PRIMARY KEY, title VARCHAR(10))");
            s.execute("INSERT INTO emp VALUES (1, 'ann', 10, 5000), (2, 'bob', 20, 3000)");
            s.execute("INSERT INTO dept VALUES (10, 'sales'), (20, 'ops')");
            s.execute("CREATE VIEW a_rich AS SELECT id, name, salary FROM emp WHERE salary > 1000 WITH CHECK OPTION");
            s.execute("CREATE VIEW b_names AS SELECT name FROM a_rich");
            s.execute("CREATE VIEW c_staff AS SELECT e.name, d.title FROM emp e JOIN dept d ON d.id = e.dept");
            s.execute("CREATE VIEW d_named (who, pay) AS SELECT name, salary FROM emp");
        }
        String dump = Commands.run(List.of(DUMP, "--no-defaults", "-h", server.host(), "-P", Integer.toString(server.port()),
                "-u", server.user(), "--password=" + server.password(), "--protocol=TCP", "--skip-ssl", "view_src"), null);
        assertTrue(dump.contains("VIEW `a_rich`"), dump);
        Path file = Files.createTempFile("dump", ".sql");
        try {
            Files.writeString(file, dump, StandardCharsets.UTF_8);
            Commands.run(List.of(MariaDbCli.binary(), "--no-defaults", "-h", server.host(), "-P", Integer.toString(server.port()),
                    "-u", server.user(), "--password=" + server.password(), "--protocol=TCP", "--skip-ssl", "view_dst"), file);
            // the same dump loads into a real MariaDB (10.11 lacks MySQL 8's default collation, as with any MySQL 8 dump)
            if (dev.basalt.it.support.MariaDbServer.isInstalled()) {
                Files.writeString(file, dump.replace("utf8mb4_0900_ai_ci", "utf8mb4_general_ci"), StandardCharsets.UTF_8);
                var maria = dev.basalt.it.support.MariaDbServer.shared();
                try (Connection c = maria.connect(""); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS basalt_view_dump");
                    s.execute("CREATE DATABASE basalt_view_dump");
                }
                Commands.run(List.of(MariaDbCli.binary(), "--no-defaults", "-h", maria.host(), "-P", Integer.toString(maria.port()),
                        "-u", maria.user(), "--protocol=TCP", "--skip-ssl", "basalt_view_dump"), file);
                try (Connection c = maria.connect("basalt_view_dump"); Statement s = c.createStatement()) {
                    assertEquals(List.of("ann", "bob"), Commands.rows(s, "SELECT name FROM b_names ORDER BY name"));
                    assertEquals(List.of("ann 5000"), Commands.rows(s, "SELECT who, pay FROM d_named WHERE who = 'ann'"));
                    assertEquals(List.of("CASCADED"), Commands.rows(s, "SELECT CHECK_OPTION FROM information_schema.VIEWS"
                            + " WHERE TABLE_SCHEMA = 'basalt_view_dump' AND TABLE_NAME = 'a_rich'"));
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        try (Connection c = server.connect("view_dst"); Statement s = c.createStatement()) {
            assertEquals(List.of("a_rich VIEW", "b_names VIEW", "c_staff VIEW", "d_named VIEW", "dept BASE TABLE",
                    "emp BASE TABLE"), Commands.rows(s, "SHOW FULL TABLES"));
            // the view's own column names survive (SHOW CREATE VIEW prints them)
            assertEquals(List.of("ann 5000"), Commands.rows(s, "SELECT who, pay FROM d_named WHERE who = 'ann'"));
            assertEquals(List.of("ann", "bob"), Commands.rows(s, "SELECT name FROM b_names ORDER BY name"));
            assertEquals(List.of("ann sales", "bob ops"), Commands.rows(s, "SELECT name, title FROM c_staff ORDER BY name"));
            assertEquals(List.of("CASCADED"), Commands.rows(s, "SELECT CHECK_OPTION FROM information_schema.VIEWS"
                    + " WHERE TABLE_SCHEMA = 'view_dst' AND TABLE_NAME = 'a_rich'"));
            s.execute("UPDATE a_rich SET salary = 3100 WHERE id = 2");
            SQLException e = assertThrows(SQLException.class, () -> s.execute("UPDATE a_rich SET salary = 0 WHERE id = 2"));
            assertEquals(1369, e.getErrorCode());
        }
    }

    /** A partitioned table dumps with its version-commented PARTITION BY and reloads partitioned, rows in place. */
    @Test
    void partitionedTableReloads() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(DUMP)) && MariaDbCli.binary() != null,
                "mariadb-dump / mariadb client not installed");
        try (Connection c = server.connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE part_src");
            s.execute("CREATE DATABASE part_dst");
            s.execute("USE part_src");
            s.execute("CREATE TABLE sales (id INT NOT NULL, yr INT NOT NULL, PRIMARY KEY (id, yr)) PARTITION BY RANGE (yr)"
                    + " (PARTITION p_old VALUES LESS THAN (2020), PARTITION p_new VALUES LESS THAN MAXVALUE)");
            s.execute("CREATE TABLE tags (t VARCHAR(10)) PARTITION BY KEY (t) PARTITIONS 3");
            s.execute("INSERT INTO sales VALUES (1, 2010), (2, 2024)");
            s.execute("INSERT INTO tags VALUES ('a'), ('b')");
        }
        String dump = Commands.run(List.of(DUMP, "--no-defaults", "-h", server.host(), "-P", Integer.toString(server.port()),
                "-u", server.user(), "--password=" + server.password(), "--protocol=TCP", "--skip-ssl", "part_src"), null);
        assertTrue(dump.contains("/*!50100 PARTITION BY RANGE"), dump);
        Path file = Files.createTempFile("dump", ".sql");
        try {
            Files.writeString(file, dump, StandardCharsets.UTF_8);
            Commands.run(List.of(MariaDbCli.binary(), "--no-defaults", "-h", server.host(), "-P", Integer.toString(server.port()),
                    "-u", server.user(), "--password=" + server.password(), "--protocol=TCP", "--skip-ssl", "part_dst"), file);
        } finally {
            Files.deleteIfExists(file);
        }
        try (Connection c = server.connect("part_dst"); Statement s = c.createStatement()) {
            assertEquals(createTable(s, "part_src", "sales"), createTable(s, "part_dst", "sales"));
            assertEquals(createTable(s, "part_src", "tags"), createTable(s, "part_dst", "tags"));
            assertEquals(List.of("2 2024"), Commands.rows(s, "SELECT id, yr FROM sales PARTITION (p_new)"));
            assertEquals(List.of("a", "b"), Commands.rows(s, "SELECT t FROM tags ORDER BY t"));
        }
    }

    private static String createTable(Statement s, String db, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + db + "." + table)) {
            assertTrue(rs.next());
            return rs.getString(2);
        }
    }


}
