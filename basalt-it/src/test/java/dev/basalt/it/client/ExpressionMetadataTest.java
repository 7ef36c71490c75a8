package dev.basalt.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.support.Endpoint;
import dev.basalt.it.support.MariaDbServer;
import dev.basalt.it.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The column definitions of expression results (type, length, decimals, flags as the mariadb
 * client's --column-type-info prints them) against the data file metadata/expressions.txt, which
 * was generated on MariaDB where MySQL 8 agrees. The same file is checked against the real MariaDB,
 * so it cannot drift from the reference.
 */
class ExpressionMetadataTest {
    private static final List<String> SETUP = List.of(
            "CREATE TABLE exprmeta.t (i INT NOT NULL, ni INT, bi BIGINT, ti TINYINT, ui INT UNSIGNED, d DECIMAL(10,2),"
                    + " f FLOAT, db DOUBLE, v VARCHAR(10), c CHAR(3), dt DATE, ts DATETIME, tm TIME, tx TEXT)",
            "INSERT INTO exprmeta.t VALUES (1, 2, 3, 4, 5, 6.5, 7.5, 8.5, 'v', 'c', '2024-01-01', '2024-01-01 00:00:00',"
                    + " '10:00:00', 't')");

    private static BesideMariaDb servers;
    private static TestServer basalt;
    private static MariaDbServer mariadb;

    @BeforeAll
    static void start() throws Exception {
        servers = BesideMariaDb.start("exprmeta", SETUP);
        basalt = servers.basalt;
        mariadb = servers.mariadb;
    }

    @AfterAll
    static void stop() throws Exception {
        if (servers != null) servers.close();
    }

    @Test
    void basaltReportsTheFilesMetadata() throws Exception {
        Map<String, String> expected = expected();
        assertTrue(expected.size() > 40, "expressions.txt read");
        assertEquals(render(expected), render(observe(basalt, expected.keySet())));
    }

    @Test
    void theFileHoldsMariaDbsMetadata() throws Exception {
        Map<String, String> expected = expected();
        assertEquals(render(expected), render(observe(mariadb, expected.keySet())));
    }

    /**
     * Expressions where MySQL 8 and MariaDB differ (metadata/expressions-mysql-only.txt, each with
     * the mysqld rule it follows): Basalt follows MySQL 8, so they are checked against Basalt only.
     */
    @Test
    void basaltReportsMysql8sMetadataWhereMariaDbDiffers() throws Exception {
        Map<String, String> expected = expected("/metadata/expressions-mysql-only.txt");
        assertTrue(expected.size() > 10, "expressions-mysql-only.txt read");
        assertEquals(render(expected), render(observe(basalt, expected.keySet())));
    }

    private static String render(Map<String, String> m) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append('\t').append(v).append('\n'));
        return b.toString();
    }

    private static Map<String, String> expected() throws IOException {
        return expected("/metadata/expressions.txt");
    }

    private static Map<String, String> expected(String resource) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = ExpressionMetadataTest.class.getResourceAsStream(resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int tab = line.indexOf('\t');
                out.put(line.substring(0, tab), line.substring(tab + 1).strip());
            }
        }
        return out;
    }

    /**
     * Decimals of string results are not compared ("-"): MariaDB says 39 for computed strings,
     * MySQL 8 says 31 and Basalt 0 (a known difference, docs/compatibility.md).
     */
    private static String stringless(String type, String decimals) {
        return type.equals("VAR_STRING") || type.equals("STRING") || type.equals("BLOB") ? "-" : decimals;
    }

    /**
     * "TYPE LENGTH DECIMALS FLAGS" of each expression, from one mariadb client run. Each statement
     * has one column, matched to its expression by position (a set operation such as
     * {@code i from t union select bi} names its column by the first branch).
     */
    private static Map<String, String> observe(Endpoint e, Iterable<String> expressions) throws Exception {
        List<String> selects = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String x : expressions) {
            selects.add("SELECT " + x + " FROM t");
            keys.add(x);
        }
        // utf8mb4 as MySQL 8 clients connect: string lengths are characters * 4 on both servers
        String out = servers.columnTypeInfo(e, String.join("; ", selects), List.of("--default-character-set=utf8mb4"));
        Map<String, String> seen = new LinkedHashMap<>();
        String field = null, type = null, length = null, decimals = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("Field ")) field = line.substring(line.indexOf('`') + 1, line.lastIndexOf('`'));
            else if (line.startsWith("Type:")) type = line.substring(5).strip();
            else if (line.startsWith("Length:")) length = line.substring(7).strip();
            else if (line.startsWith("Decimals:")) decimals = line.substring(9).strip();
            else if (line.startsWith("Flags:")) {
                String key = seen.size() < keys.size() ? keys.get(seen.size()) : field;
                seen.put(key, (type + " " + length + " " + stringless(type, decimals) + " " + line.substring(6).strip()).strip());
            }
        }
        return seen;
    }
}
