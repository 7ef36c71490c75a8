package dev.basalt.sql.postgres;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PgArraysTest {

    @Test
    void arrayFormsAreRefused() {
        for (String sql : new String[] {
                "SELECT ARRAY[1, 2, 3]",
                "SELECT ARRAY(SELECT id FROM t)",
                "SELECT '{1,2}'::int[]",
                "CREATE TABLE t (tags text[])",
                "SELECT * FROM t WHERE id = ANY($1)",
                "SELECT * FROM t WHERE id <> ALL ('{1,2}')"}) {
            assertEquals(PgArrays.NOT_SUPPORTED, PgDialect.unsupported(sql), sql);
        }
    }

    @Test
    void subqueriesAndLookAlikesAreNotArrays() {
        for (String sql : new String[] {
                "SELECT * FROM t WHERE id = ANY (SELECT id FROM u)",
                "SELECT * FROM t WHERE id > ALL (WITH x AS (SELECT 1) SELECT * FROM x)",
                "SELECT 1 UNION ALL SELECT 2",
                "SELECT 'ARRAY[1]', \"array\" FROM t",
                "SELECT '{1,2}' AS literal_text"}) {
            assertNull(PgDialect.unsupported(sql), sql);
        }
    }
}
