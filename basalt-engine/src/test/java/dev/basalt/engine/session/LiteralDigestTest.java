package dev.basalt.engine.session;

import dev.basalt.sql.parser.ParserOptions;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The lexical pass of the text plan cache: which literals become '?', with which values. */
class LiteralDigestTest {

    private static LiteralDigest d(String sql) { return LiteralDigest.of(sql, ParserOptions.DEFAULT); }

    private static void assertDigest(String sql, String key, Object... values) {
        LiteralDigest d = d(sql);
        assertNotNull(d, sql);
        assertEquals(key, d.key, sql);
        assertEquals(List.of(values), Arrays.asList(d.values), sql);
    }

    @Test
    void valuesBecomePlaceholders() {
        assertDigest("SELECT c FROM sbtest1 WHERE id=5", "SELECT c FROM sbtest1 WHERE id=?", 5L);
        assertDigest("SELECT c FROM t WHERE id BETWEEN 10 AND 20 ORDER BY c", "SELECT c FROM t WHERE id BETWEEN ? AND ? ORDER BY c", 10L, 20L);
        assertDigest("UPDATE a SET b = b + -1234 WHERE aid = 7;", "UPDATE a SET b = b + -? WHERE aid = ?;", 1234L, 7L);
        assertDigest("INSERT INTO t VALUES (1, 'it''s', 1.50, 2e3, NULL)", "INSERT INTO t VALUES (?, ?, ?, ?, NULL)",
                1L, "it's", new BigDecimal("1.50"), 2000.0);
        assertDigest("select x from t where s like 'a%' and n = 007", "select x from t where s like ? and n = ?", "a%", 7L);
    }

    @Test
    void literalsThatAreNotValuesStay() {
        // 'a' after a comma looks like a value to the lexical pass: ValuePositions puts it back (TextPlanCacheTest)
        assertDigest("SELECT 1, 'a' FROM t WHERE id = 2 ORDER BY 1 LIMIT 10", "SELECT 1, ? FROM t WHERE id = ? ORDER BY 1 LIMIT 10", "a", 2L);
        assertDigest("SELECT c AS 'x' FROM t GROUP BY 1", "SELECT c AS 'x' FROM t GROUP BY 1");
        assertDigest("SELECT a FROM t WHERE c = _utf8mb4'x' AND d = DATE '2020-01-01'",
                "SELECT a FROM t WHERE c = _utf8mb4'x' AND d = DATE '2020-01-01'");
        assertDigest("SELECT a FROM t WHERE c = 'x' COLLATE utf8mb4_bin OR c = 'a' 'b' OR c = N'n' OR c = 0x41 OR c = b'1'",
                "SELECT a FROM t WHERE c = 'x' COLLATE utf8mb4_bin OR c = 'a' 'b' OR c = N'n' OR c = 0x41 OR c = b'1'");
        assertDigest("SELECT a FROM t WHERE id = 99999999999999999999", "SELECT a FROM t WHERE id = 99999999999999999999");
        assertDigest("SELECT a FROM t WHERE d < NOW() - INTERVAL 1 DAY", "SELECT a FROM t WHERE d < NOW() - INTERVAL ? DAY", 1L);
    }

    @Test
    void otherTextsTakeTheOrdinaryPath() {
        assertNull(d("SELECT 1; SELECT 2"));
        assertNull(d("SELECT c FROM t WHERE id = ?"));
        assertNull(d("SET @a = 1"));
        assertNull(d("BEGIN"));
        assertNull(d("WITH x AS (SELECT 1) SELECT * FROM x"));
        assertNull(d("SELECT 'unterminated"));
    }

    @Test
    void commentsAndSpacingAreKept() {
        assertDigest("/* app */ SELECT c FROM t WHERE id = 5 -- tail", "/* app */ SELECT c FROM t WHERE id = ? -- tail", 5L);
    }
}
