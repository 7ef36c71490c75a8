package dev.basalt.sql.postgres;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PgDistinctOnTest {

    @Test
    void becomesAWindowOverADerivedTable() {
        String sql = PgDialect.translate("SELECT DISTINCT ON (k) k, v AS w FROM t WHERE v > $1 ORDER BY k, v DESC LIMIT 5").sql()
                .replaceAll("\\s+", " "); // spacing aside
        assertEquals("SELECT basalt_c1 AS \"k\", basalt_c2 AS \"w\" FROM (SELECT k AS basalt_c1, v AS basalt_c2, k AS basalt_o1,"
                + " v AS basalt_o2, ROW_NUMBER() OVER (PARTITION BY k ORDER BY k, v DESC) AS basalt_rn FROM t WHERE v > ? )"
                + " AS basalt_distinct_on WHERE basalt_rn = 1 ORDER BY basalt_o1, basalt_o2 DESC LIMIT 5", sql);
    }

    @Test
    void starOverOneTableIsSpelledOut() {
        java.util.function.Function<String, java.util.List<String>> cols = t -> t.equals("s.t") ? java.util.List.of("a", "B") : null;
        assertEquals("SELECT DISTINCT ON (a) x.\"a\", x.\"B\", count(*) FROM s.t AS x ORDER BY a",
                PgDialect.expandDistinctOnStar("SELECT DISTINCT ON (a) x.*, count(*) FROM s.t AS x ORDER BY a", cols));
        String join = "SELECT DISTINCT ON (a) * FROM s.t JOIN u ON true ORDER BY a";
        assertEquals(join, PgDialect.expandDistinctOnStar(join, cols));
        assertEquals("SELECT DISTINCT ON (a) * FROM v", PgDialect.expandDistinctOnStar("SELECT DISTINCT ON (a) * FROM v", cols));
    }

    @Test
    void starIsRefused() {
        assertNotNull(PgDialect.unsupported("SELECT DISTINCT ON (a) * FROM t ORDER BY a"));
        assertNull(PgDialect.unsupported("SELECT DISTINCT a FROM t"));
        assertEquals("SELECT DISTINCT a FROM t", PgDialect.translate("SELECT DISTINCT a FROM t").sql());
    }
}
