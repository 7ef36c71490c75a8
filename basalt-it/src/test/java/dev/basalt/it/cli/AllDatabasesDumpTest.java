package dev.basalt.it.cli;

import dev.basalt.it.support.Commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbFixture;
import dev.basalt.it.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code mariadb-dump --all-databases --routines --triggers --events} with no other flags (no
 * --no-tablespaces) dumps a Basalt server whose schema has a view, a trigger, a procedure, a
 * function, a foreign key and a JSON column; the dump reloads into a fresh Basalt and into a real
 * MariaDB with the same table contents, and the reloaded programs work on both.
 */
class AllDatabasesDumpTest {
    private static final String DUMP = "/usr/bin/mariadb-dump";
    private static final String DB = "dumpall_shop";
    private static final List<String> TABLES = List.of("audit", "customer", "orders", "big_orders");
    private static TestServer source;
    private static TestServer target;

    @BeforeAll
    static void start() throws Exception {
        source = TestServer.memory();
        target = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        if (source != null) source.close();
        if (target != null) target.close();
    }

    @Test
    void allDatabasesDumpReloadsIntoBasaltAndMariaDb() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(DUMP)) && MariaDbCli.binary() != null,
                "mariadb-dump / mariadb client not installed");
        try (Connection c = connect(source, ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DB);
            s.execute("USE " + DB);
            s.execute("CREATE TABLE customer (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(40) NOT NULL, prefs JSON)");
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, cid INT, total DECIMAL(10,2),"
                    + " CONSTRAINT orders_customer FOREIGN KEY (cid) REFERENCES customer (id))");
            s.execute("CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, msg VARCHAR(100))");
            s.execute("INSERT INTO customer (name, prefs) VALUES ('ann', '{\"a\": 1}'), ('bob', '[1, 2]'), ('cy', NULL)");
            s.execute("CREATE TRIGGER orders_ai AFTER INSERT ON orders FOR EACH ROW"
                    + " INSERT INTO audit (msg) VALUES (CONCAT('order ', NEW.id))");
            s.execute("INSERT INTO orders VALUES (1, 1, 9.50), (2, 2, 3.25)");
            s.execute("CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 5");
            s.execute("CREATE PROCEDURE count_orders(OUT n INT) BEGIN SELECT COUNT(*) INTO n FROM orders; END");
            s.execute("CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2");
        }
        Map<String, List<String>> expected = contents(source);
        assertEquals(List.of("1 order 1", "2 order 2"), expected.get("audit"));

        String dump = Commands.run(List.of(DUMP, "--no-defaults", "-h", source.host(), "-P", Integer.toString(source.port()),
                "-u", source.user(), "--password=" + source.password(), "--protocol=TCP", "--skip-ssl",
                "--all-databases", "--routines", "--triggers", "--events"), null);
        assertTrue(dump.contains("CREATE TABLE `orders`") && dump.contains("TRIGGER `orders_ai`")
                && dump.contains("PROCEDURE `count_orders`") && dump.contains("VIEW `big_orders`"), dump);

        Path file = Files.createTempFile("dump-all", ".sql");
        try {
            Endpoint mariadb = MariaDbFixture.require();
            try (Connection c = connect(mariadb, ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + DB);
            }
            for (Endpoint e : List.of(target, mariadb)) {
                // MariaDB 10.11 does not know MySQL 8's default collation (any MySQL 8 dump needs
                // this edit to load there); Basalt gets the dump unchanged
                String text = e == mariadb ? dump.replace("utf8mb4_0900_ai_ci", "utf8mb4_unicode_ci") : dump;
                Files.writeString(file, text, StandardCharsets.UTF_8);
                Commands.run(List.of(MariaDbCli.binary(), "--no-defaults", "-h", e.host(), "-P", Integer.toString(e.port()),
                        "-u", e.user(), "--password=" + e.password(), "--protocol=TCP", "--skip-ssl"), file);
                assertEquals(expected, contents(e), "after reload into " + e);
                try (Connection c = connect(e, DB); Statement s = c.createStatement()) {
                    s.execute("CALL count_orders(@n)");
                    assertEquals(List.of("2 6"), Commands.rows(s, "SELECT @n, twice(3)"));
                    s.execute("INSERT INTO orders VALUES (3, 3, 7.00)"); // the reloaded trigger fires
                    assertEquals(List.of("order 3"), Commands.rows(s, "SELECT msg FROM audit WHERE id = 3"));
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Connection connect(Endpoint e, String db) throws SQLException {
        return e.connect(db);
    }

    private static Map<String, List<String>> contents(Endpoint e) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = connect(e, DB); Statement s = c.createStatement()) {
            for (String t : TABLES) out.put(t, Commands.rows(s, "SELECT * FROM " + t + " ORDER BY 1"));
        }
        return out;
    }


}
