package dev.basalt.server.ops;

import dev.basalt.server.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code basalt load} as a process against a server process; checked with the mariadb client. */
class LoadCommandProcessTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out) {}

    private Run load(int port, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "load",
                "-h", "127.0.0.1", "-P", Integer.toString(port), "-u", "root"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("BASALT_"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    @Test
    void loadsSqlAndCsvWithProgressAndNamesTheFailingLine() throws Exception {
        Path sql = dir.resolve("shop.sql");
        Files.writeString(sql, """
                CREATE DATABASE shop;
                USE shop;
                /*!40101 SET NAMES utf8mb4 */;
                CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(30), price DECIMAL(8,2));
                LOCK TABLES `items` WRITE;
                INSERT INTO items VALUES (1,'bolt; M8',0.10),
                  (2,'nut',0.05);
                UNLOCK TABLES;
                DELIMITER ;;
                CREATE TRIGGER items_bi BEFORE INSERT ON items FOR EACH ROW BEGIN SET NEW.name = UPPER(NEW.name); END;;
                DELIMITER ;
                """);
        StringBuilder csv = new StringBuilder("id,name,price\n");
        for (int i = 3; i <= 2500; i++) csv.append(i).append(",\"item ").append(i).append(", \"\"big\"\"\",").append(i % 7).append(".5\n");
        csv.append("2501,\\N,\\N\n");
        Path items = dir.resolve("items.csv");
        Files.writeString(items, csv);
        Path bad = dir.resolve("bad.sql");
        Files.writeString(bad, "USE shop;\nINSERT INTO items VALUES (9999, 'x', 1);\n\nINSERT INTO nowhere VALUES (1);\n");
        try (ServerProcess server = ServerProcess.start(dir, "--storage", "memory")) {
            int port = server.awaitReady();
            assertTrue(port > 0, server.stderrText());

            Run r = load(port, sql.toString());
            assertEquals(0, r.exit(), r.out());
            assertTrue(r.out().contains("load: 100%") && r.out().contains("rows") && r.out().contains("MB/s")
                    && r.out().contains("done in"), r.out());

            r = load(port, items.toString(), "--database", "shop", "--batch-rows", "500");
            // items 1 and 2 came before the trigger; the CSV rows went through it
            assertEquals(0, r.exit(), r.out());
            assertTrue(r.out().contains("Loaded " + items + ": 2499 rows"), r.out());
            assertEquals("COUNT(*)\tSUM(price)\tMAX(name)\n2501\t8744.15\tnut\n",
                    server.sql("SELECT COUNT(*), SUM(price), MAX(name) FROM shop.items;"));
            assertEquals("name\tprice\nITEM 3, \"BIG\"\t3.50\nNULL\tNULL\n",
                    server.sql("SELECT name, price FROM shop.items WHERE id IN (3, 2501) ORDER BY id;"));

            r = load(port, bad.toString());
            assertEquals(1, r.exit(), r.out());
            assertTrue(r.out().contains(bad + ":4: ERROR 1146 (42S02): Table "), "the server's message, without the driver's (conn=N): " + r.out());
        }
    }
}
