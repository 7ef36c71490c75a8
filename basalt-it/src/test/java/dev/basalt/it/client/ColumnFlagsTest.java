package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flags of a table column's definition, as the mariadb client prints them, against the real
 * MariaDB: NO_DEFAULT_VALUE (NOT NULL, no DEFAULT, not AUTO_INCREMENT, not generated) and PART_KEY
 * (part of any index) besides the key flags, through views, outer joins, derived tables, GROUP BY
 * keys and ORDER BY. Only the flags are compared: lengths differ by the client's utf8mb3 default.
 */
class ColumnFlagsTest {
    private static final List<String> SETUP = List.of(
            "CREATE TABLE flagsdb.t (id INT AUTO_INCREMENT PRIMARY KEY, a INT NOT NULL, b VARCHAR(5) NOT NULL,"
                    + " c INT, d INT NOT NULL DEFAULT 3, e TEXT NOT NULL, g INT AS (a + 1), dt DATETIME NOT NULL,"
                    + " UNIQUE KEY (a, b), KEY (c, b))",
            "CREATE TABLE flagsdb.u (id INT PRIMARY KEY, x INT NOT NULL)",
            "INSERT INTO flagsdb.t (a, b, c, e, dt) VALUES (1, 'a', 1, 'e', '2024-01-01 00:00:00')",
            "INSERT INTO flagsdb.u VALUES (1, 2)",
            "CREATE VIEW flagsdb.v AS SELECT id, a, b FROM flagsdb.t");
    private static final String QUERIES = String.join("; ",
            "SELECT * FROM t",
            "SELECT * FROM v",
            "SELECT t.a, u.x FROM t LEFT JOIN u ON t.id = u.id",
            "SELECT * FROM (SELECT a, b FROM t) d",
            "SELECT a, b, COUNT(*) FROM t GROUP BY a, b",
            "SELECT b FROM t WHERE a = 1 ORDER BY c",
            "SELECT a + 0 FROM t",
            "SELECT MAX(a) FROM t");

    private static BesideMariaDb servers;
    private static TestServer basalt;
    private static MariaDbServer mariadb;

    @BeforeAll
    static void start() throws Exception {
        servers = BesideMariaDb.start("flagsdb", SETUP);
        basalt = servers.basalt;
        mariadb = servers.mariadb;
    }

    @AfterAll
    static void stop() throws Exception {
        if (servers != null) servers.close();
    }

    @Test
    void flagsAsMariaDbSendsThem() throws Exception {
        List<String> expected = fieldFlags(mariadb);
        List<String> actual = fieldFlags(basalt);
        assertTrue(expected.contains("`a` NOT_NULL MULTIPLE_KEY NO_DEFAULT_VALUE NUM PART_KEY"), expected::toString);
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    /** "`name` FLAGS" for every column of every result. */
    private static List<String> fieldFlags(Endpoint e) throws Exception {
        String out = servers.columnTypeInfo(e, QUERIES);
        List<String> lines = new ArrayList<>();
        String field = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("Field ")) field = line.substring(line.indexOf('`'));
            else if (line.startsWith("Flags:")) lines.add((field + " " + line.substring(6).trim()).trim());
        }
        return lines;
    }
}
