package dev.basalt.it.abuse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basalt.it.client.Driver;
import dev.basalt.it.support.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated statements for a few seconds with a fixed seed: seeds that work, cut, spliced and
 * sprinkled with extreme literals, odd bytes and deep nesting. Any answer is fine except 1105
 * (an internal error reaching the client) or a connection that stops working.
 */
@Timeout(60)
class SqlFuzzTest {
    private static final long SEED = 0x5EED_0109L;
    /**
     * A fixed number of statements, so every machine runs the same sequence (a time budget made a fast
     * machine reach statements a slow one never did); the time cap only stops a pathologically slow run.
     */
    private static final int STATEMENTS = Integer.getInteger("basalt.sqlfuzz.statements", 20_000);
    private static final long CAP_NANOS = 60_000_000_000L;

    private static final String[] SEEDS = {
        "SELECT a, b FROM f WHERE a > 1 ORDER BY 1",
        "SELECT a, COUNT(*) FROM f GROUP BY a HAVING COUNT(*) > 0",
        "SELECT SUBSTRING_INDEX(b, '.', 2), LEFT(b, 3), REPEAT(b, 2) FROM f",
        "INSERT INTO f VALUES (5, 'x.y')",
        "UPDATE f SET b = CONCAT(b, 'z') WHERE a = 1",
        "DELETE FROM f WHERE a = 99",
        "SELECT * FROM f JOIN f AS g ON f.a = g.a LIMIT 3",
        "SELECT a FROM f UNION SELECT a + 1 FROM f ORDER BY 1",
        "SELECT CAST(b AS SIGNED), CAST(a AS CHAR), DATE_ADD('2024-01-31', INTERVAL a MONTH) FROM f",
        "SELECT JSON_EXTRACT('[1, 2, 3]', '$[1]'), ROW_NUMBER() OVER (ORDER BY a) FROM f",
        "SELECT (SELECT MAX(a) FROM f), a IN (1, 2, 3), b LIKE 'x%' FROM f",
        "CREATE TABLE IF NOT EXISTS g (a INT PRIMARY KEY, b VARCHAR(10))",
    };
    private static final String[] EXTREMES = {"4294967295", "18446744073709551615", "18446744073709551616",
            "-9223372036854775808", "9223372036854775807", "0", "-1", "1e308", "-1e308", "0.0000000000000000000001",
            "NULL", "''", "X'FF'", "_binary'\\xC3('", "'\\0'", "'2024-13-45'", "@x", "?", "DEFAULT",
            "'" + "z".repeat(300) + "'"};
    private static final String[] TOKENS = {"(", ")", ",", "SELECT", "FROM", "WHERE", "ORDER BY", "GROUP BY", "UNION",
            "NOT", "AND", "OR", "+", "-", "*", "/", "DIV", "%", "=", "<=>", "IS NULL", "LIMIT", "OFFSET", "AS", "CASE",
            "WHEN", "THEN", "END", "IN", "BETWEEN", "LIKE", "ESCAPE", "COLLATE", "INTERVAL", "'", "`", "\"", ";"};

    @Test
    void mutatedStatementsNeverGetAnInternalError() throws Exception {
        Random random = new Random(SEED);
        List<String> internal = new ArrayList<>();
        int statements = 0;
        try (TestServer server = TestServer.memory()) {
            Connection c = Driver.MARIADB.connect(server, "");
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE fuzz");
                s.execute("USE fuzz");
                s.execute("CREATE TABLE f (a INT PRIMARY KEY, b VARCHAR(20))");
                s.execute("INSERT INTO f VALUES (1, 'a.b.c'), (2, 'd.e'), (3, NULL)");
            }
            long end = System.nanoTime() + CAP_NANOS;
            while (statements < STATEMENTS && System.nanoTime() < end) {
                String sql = mutate(random, SEEDS[random.nextInt(SEEDS.length)]);
                statements++;
                try (Statement s = c.createStatement()) {
                    s.setQueryTimeout(10);
                    if (s.execute(sql)) {
                        try (ResultSet rs = s.getResultSet()) {
                            while (rs.next()) { /* read it all */ }
                        }
                    }
                } catch (SQLException e) {
                    if (e.getErrorCode() == 1105) internal.add(sql + " -> " + e.getMessage());
                    if (c.isClosed() || !c.isValid(5)) {
                        internal.add("connection lost after: " + sql);
                        c = Driver.MARIADB.connect(server, "fuzz");
                    }
                }
            }
            c.close();
            System.out.println("SqlFuzzTest: " + statements + " statements, " + internal.size() + " internal errors");
            HostileClientTest.assertServing(server);
        }
        assertTrue(internal.isEmpty(), internal.size() + " internal errors, e.g. " + internal.subList(0, Math.min(5, internal.size())));
        assertTrue(statements > 20, "only " + statements + " statements");
    }

    /** One to three random edits of a working statement. */
    static String mutate(Random random, String sql) {
        String s = sql;
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            String[] words = s.split(" ");
            int at = random.nextInt(words.length);
            switch (random.nextInt(6)) {
                case 0 -> words[at] = EXTREMES[random.nextInt(EXTREMES.length)];
                case 1 -> words[at] = TOKENS[random.nextInt(TOKENS.length)];
                case 2 -> words[at] = "";
                case 3 -> words[at] = words[at] + " " + TOKENS[random.nextInt(TOKENS.length)] + " " + EXTREMES[random.nextInt(EXTREMES.length)];
                case 4 -> {
                    int depth = 1 + random.nextInt(random.nextInt(10) == 0 ? 5000 : 20);
                    words[at] = "(".repeat(depth) + words[at] + ")".repeat(depth);
                }
                default -> {
                    if (at < words.length - 1) { // swap two neighbours
                        String t = words[at];
                        words[at] = words[at + 1];
                        words[at + 1] = t;
                    }
                }
            }
            s = String.join(" ", words);
        }
        return s;
    }
}
