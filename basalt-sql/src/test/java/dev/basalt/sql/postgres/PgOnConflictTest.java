package dev.basalt.sql.postgres;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PgOnConflictTest {

    private static String t(String sql) { return PgDialect.translate(sql).sql(); }

    @Test
    void doNothingIsANoOpDuplicateKeyUpdate() {
        assertEquals("INSERT INTO t (k, v) VALUES (1, 'a') ON DUPLICATE KEY UPDATE \"k\" = \"k\"",
                t("INSERT INTO t (k, v) VALUES (1, 'a') ON CONFLICT (k) DO NOTHING"));
        assertEquals("INSERT INTO t (k, v) VALUES (1, 'a') ON DUPLICATE KEY UPDATE \"k\" = \"k\"",
                t("INSERT INTO t (k, v) VALUES (1, 'a') ON CONFLICT DO NOTHING"));
        assertEquals("INSERT IGNORE INTO t VALUES (1, 'a')", t("INSERT INTO t VALUES (1, 'a') ON CONFLICT DO NOTHING"));
    }

    @Test
    void doUpdateReadsExcludedAsValues() {
        assertEquals("INSERT INTO t (k, v) VALUES (?, ?) ON DUPLICATE KEY UPDATE v = VALUES(v) || v",
                t("INSERT INTO t (k, v) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v || t.v".replace("t.v", "v")));
        PgDialect.Translation tr = PgDialect.translate(
                "INSERT INTO t (k, v) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = excluded.v WHERE t.v <> $3");
        assertEquals("INSERT INTO t (k, v) VALUES (?, ?) ON DUPLICATE KEY UPDATE v = IF((t.v <> ?), VALUES(v), v)", tr.sql());
        assertArrayEquals(new int[] {0, 1, 2}, tr.parameterOrder());
    }

    @Test
    void assignmentsAreOrderedSoEachReadsTheOldRow() {
        // PostgreSQL: b gets the old a; MySQL would give it the new one unless b is assigned first
        assertEquals("INSERT INTO t (k) VALUES (1) ON DUPLICATE KEY UPDATE b = a, a = 5",
                t("INSERT INTO t (k) VALUES (1) ON CONFLICT (k) DO UPDATE SET a = 5, b = a"));
        PgOnConflict.Conflict c = PgOnConflict.of("INSERT INTO t (k) VALUES (1) ON CONFLICT (k) DO UPDATE SET a = b, b = a");
        assertNotNull(c.problem());
    }

    @Test
    void theClauseIsDescribedForTheServersCheck() {
        PgOnConflict.Conflict c = PgOnConflict.of("INSERT INTO s.\"T\" (a, \"B\") VALUES (1, 2) ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING RETURNING *");
        assertEquals("s.\"T\"", c.table());
        assertEquals(List.of("a", "B"), c.insertColumns());
        assertEquals("t_pkey", c.constraint());
        assertFalse(c.doUpdate());
        assertNull(c.problem());
        assertNotNull(PgOnConflict.of("INSERT INTO t VALUES (1) ON CONFLICT DO UPDATE SET a = 1").problem());
        assertNotNull(PgOnConflict.of("INSERT INTO t VALUES (1) ON CONFLICT (lower(a)) DO NOTHING").problem());
        assertNull(PgOnConflict.of("INSERT INTO t VALUES (1)"));
    }
}
