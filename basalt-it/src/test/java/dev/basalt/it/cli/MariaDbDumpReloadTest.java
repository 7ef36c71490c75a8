package dev.basalt.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.client.Driver;
import dev.basalt.it.support.Commands;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.RepoPaths;
import dev.basalt.it.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Migrating from MariaDB: a shop schema (schemas/shop_mariadb.sql: JSON, spatial, generated
 * columns, CHECK constraints, partitions, FULLTEXT, an FK, triggers, routines, views, BIT / BLOB /
 * utf8mb4 values) is loaded into a real MariaDB 10.11, dumped with its {@code mariadb-dump
 * --routines --triggers}, and the unchanged dump is loaded into Basalt through the {@code mariadb}
 * client with no error; then both servers answer the same queries alike and the reloaded programs work.
 */
class MariaDbDumpReloadTest {
    private static final String DUMP = "/usr/bin/mariadb-dump";

    /** Queries MariaDB and MySQL 8 answer alike on this data. */
    private static final List<String> SAME = List.of(
            "SELECT * FROM v_order_summary ORDER BY id",
            "SELECT * FROM v_cust_lang ORDER BY id",
            "SELECT id, sku, title, price_gross FROM v_active ORDER BY id",
            "SELECT id, price, price_gross, title_len, status, tags FROM product ORDER BY id",
            "SELECT id, HEX(b), bits + 0, CAST(y AS CHAR), f, d, t, HEX(vb) FROM blobby ORDER BY id",
            "SELECT id, email, name, prefs, ST_AsText(loc) FROM customer ORDER BY id",
            "SELECT id, customer_id, placed, total FROM orders ORDER BY id",
            "SELECT what, detail FROM audit ORDER BY id",
            "SELECT * FROM order_line ORDER BY order_id, line",
            "SELECT id FROM product WHERE MATCH (title, descr) AGAINST ('tea') ORDER BY id",
            "SELECT gross(10, 0.2)",
            "SELECT TRIGGER_NAME, EVENT_MANIPULATION, ACTION_TIMING FROM information_schema.TRIGGERS"
                    + " WHERE TRIGGER_SCHEMA = 'shop_md' ORDER BY 1",
            "SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = 'shop_md' ORDER BY 1",
            "SELECT PARTITION_NAME FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = 'shop_md'"
                    + " AND TABLE_NAME = 'orders' ORDER BY PARTITION_ORDINAL_POSITION",
            "SELECT id FROM orders PARTITION (p2024)");

    @Test
    void aMariaDbDumpLoadsUnchangedAndAnswersAlike() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(DUMP)) && MariaDbCli.binary() != null, "mariadb-dump / mariadb not installed");
        Assumptions.assumeTrue(MariaDbServer.isInstalled(), "mariadbd not installed");
        // privileges checked (not the shared fixture's --skip-grant-tables): the objects get a real
        // DEFINER (root@localhost), as in a production dump
        try (MariaDbServer mariadb = MariaDbServer.startWithBinlogAndGrants()) {
            dumpAndReload(mariadb);
        }
    }

    private static void dumpAndReload(MariaDbServer mariadb) throws Exception {
        MariaDbCli.Output load = MariaDbCli.run(mariadb, RepoPaths.testResources().resolve("schemas/shop_mariadb.sql"));
        assertEquals("", load.stderr());
        assertEquals(0, load.exitCode());

        Path file = Files.createTempFile("mariadb-dump", ".sql");
        try (TestServer basalt = TestServer.memory()) {
            Commands.run(List.of(DUMP, "--no-defaults", "-h", mariadb.host(), "-P", Integer.toString(mariadb.port()),
                    "-u", mariadb.user(), "--protocol=TCP", "--skip-ssl", "--routines", "--triggers",
                    "--result-file=" + file, "--databases", "shop_md"), null);
            String dump = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            // what made such dumps fail before: the removed sql_mode, BIT values as raw string bytes
            assertTrue(dump.contains("NO_AUTO_CREATE_USER") && dump.contains("PARTITION BY RANGE"), dump);
            Commands.run(List.of(MariaDbCli.binary(), "--no-defaults", "-h", basalt.host(), "-P", Integer.toString(basalt.port()),
                    "-u", basalt.user(), "--password=" + basalt.password(), "--protocol=TCP", "--skip-ssl"), file);

            try (Connection m = Driver.MYSQL.connect(mariadb, "shop_md"); Statement ms = m.createStatement();
                 Connection b = basalt.connect("shop_md"); Statement bs = b.createStatement()) {
                for (String q : SAME) assertEquals(Commands.rows(ms, q), Commands.rows(bs, q), q);
                // the reloaded programs run: the procedure's cursor, the trigger's SIGNAL, the FK, a CHECK
                assertEquals(List.of("1 72.50", "2 24.00"), Commands.rows(bs, "CALL sum_by_customer()"));
                assertEquals(1644, errorOf(bs, "UPDATE product SET price = 1 WHERE id = 1"));
                assertEquals(1452, errorOf(bs, "INSERT INTO order_line VALUES (1, 9, 99, 1, 1.00)"));
                assertEquals(3819, errorOf(bs, "INSERT INTO order_line VALUES (1, 9, 1, 0, 1.00)"));
                bs.execute("CALL place_order(3, '2024-06-01', @o)");
                bs.execute("INSERT INTO order_line VALUES (@o, 1, 2, 2, 8.00)");
                assertEquals(List.of("16.00"), Commands.rows(bs, "SELECT total FROM orders WHERE id = @o"));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static int errorOf(Statement s, String sql) {
        return assertThrows(SQLException.class, () -> s.execute(sql), sql).getErrorCode();
    }
}
