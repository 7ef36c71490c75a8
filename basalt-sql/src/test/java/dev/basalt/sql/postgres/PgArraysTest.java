package dev.basalt.sql.postgres;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PgArraysTest {

    private static String sql(String pg) {
        return PgDialect.translate(pg).sql();
    }

    @Test
    void constructorsCastsAndSubscripts() {
        assertEquals("SELECT PG_ARRAY(1, 2, 3)", sql("SELECT ARRAY[1, 2, 3]"));
        assertEquals("SELECT PG_ARRAY_CAST('{1,2}', 'int')", sql("SELECT '{1,2}'::int[]"));
        assertEquals("SELECT PG_ARRAY_CAST(?, 'character varying')", sql("SELECT $1::character varying(5)[]"));
        assertEquals("SELECT PG_ARRAY_GET(tags,1) FROM t", sql("SELECT tags[1] FROM t"));
        assertEquals("SELECT PG_ARRAY_GET(t.tags,i + 1) FROM t", sql("SELECT t.tags[i + 1] FROM t"));
        assertEquals("SELECT PG_ARRAY_GET((PG_ARRAY(1,2)),2)", sql("SELECT (ARRAY[1,2])[2]"));
    }

    @Test
    void columnTypes() {
        assertEquals("CREATE TABLE t (id INT, tags ARRAY(text), n ARRAY(int), d ARRAY(double_precision))",
                sql("CREATE TABLE t (id INT, tags text[], n int[], d double precision[])"));
        assertEquals("ALTER TABLE t ADD COLUMN v ARRAY(varchar)", sql("ALTER TABLE t ADD COLUMN v varchar(10)[]"));
        assertEquals("CREATE TABLE t (a ARRAY(int), b ARRAY(varchar))", sql("CREATE TABLE t (a int[3], b varchar(10)[2])"));
        assertEquals("CREATE VIEW v AS SELECT PG_ARRAY_GET(tags,1) FROM t", sql("CREATE VIEW v AS SELECT tags[1] FROM t"));
    }

    @Test
    void quantifiedComparisonsTakeTheWholeLeftOperand() {
        assertEquals("SELECT * FROM t WHERE PG_ARRAY_ANY(id,'=',?)", sql("SELECT * FROM t WHERE id = ANY($1)"));
        assertEquals("SELECT * FROM t WHERE a = 1 AND PG_ARRAY_ALL(b + 1,'<>',PG_ARRAY(1,2))",
                sql("SELECT * FROM t WHERE a = 1 AND b + 1 <> ALL(ARRAY[1,2])"));
        assertEquals("SELECT PG_ARRAY_ANY(x,'>=',(PG_ARRAY_CAST('{1}', 'int4')))", sql("SELECT x >= SOME(('{1}'::int4[]))"));
        // a subquery stays MySQL's ANY
        assertEquals("SELECT * FROM t WHERE id = ANY (SELECT id FROM u)", sql("SELECT * FROM t WHERE id = ANY (SELECT id FROM u)"));
    }

    @Test
    void containmentAndOverlap() {
        assertEquals("SELECT * FROM t WHERE PG_ARRAY_CONTAINS(tags, '{a}') AND x = 1",
                sql("SELECT * FROM t WHERE tags @> '{a}' AND x = 1"));
        assertEquals("SELECT PG_ARRAY_CONTAINED(a, b) AS c, PG_ARRAY_OVERLAPS(a, ?) AS d",
                sql("SELECT a <@ b AS c, a && $1 AS d"));
    }

    @Test
    void unnestInFromIsADerivedTable() {
        String s = sql("SELECT n FROM unnest($1::int[]) AS u(n)");
        assertTrue(s.startsWith("SELECT n FROM (SELECT PG_ARRAY_NTH(PG_ARRAY_CAST(?, 'int'), unnest_series.i) AS n FROM ("), s);
        assertTrue(s.endsWith(") AS u"), s);
        // $1 appears in the element read and in the series bound (repeated by the CTE): every ? is $1
        int[] order = PgDialect.translate("SELECT n FROM unnest($1::int[]) AS u(n)").parameterOrder();
        assertTrue(order.length >= 2 && java.util.Arrays.stream(order).allMatch(x -> x == 0), java.util.Arrays.toString(order));
    }

    @Test
    void multiDimensionalConstructorsAndSubscripts() {
        assertEquals("SELECT PG_ARRAY(PG_ARRAY(1,2),PG_ARRAY(3,4))", sql("SELECT ARRAY[[1,2],[3,4]]"));
        assertEquals("SELECT PG_ARRAY(PG_ARRAY(1,2), PG_ARRAY(3,4))", sql("SELECT ARRAY[ARRAY[1,2], ARRAY[3,4]]"));
        assertEquals("SELECT PG_ARRAY_GET(m,1,2) FROM t", sql("SELECT m[1][2] FROM t"));
        assertEquals("SELECT PG_ARRAY_GET(m,i + 1,2), PG_ARRAY_GET(m,1) FROM t", sql("SELECT m[i + 1][2], m[1] FROM t"));
        assertEquals("SELECT PG_ARRAY_CAST('{{1}}', 'int')", sql("SELECT '{{1}}'::int[][]"));
        assertEquals("SELECT PG_ARRAY_SLICE(m,1,2,2,NULL), PG_ARRAY_SLICE(m,1,2,1,2) FROM t", sql("SELECT m[1:2][2:], m[2][1:2] FROM t"));
        // declared dimensions mean nothing, as in PostgreSQL: the column is an int[]
        assertEquals("CREATE TABLE t (m ARRAY(int), n ARRAY(int))", sql("CREATE TABLE t (m int[][], n int[2][2])"));
    }

    @Test
    void castAsArrayTypeIsTheArrayCast() {
        assertNull(PgDialect.unsupported("SELECT CAST(x AS int[])"));
        assertEquals("SELECT PG_ARRAY_CAST(x, 'int') FROM t", sql("SELECT CAST(x AS int[]) FROM t"));
        assertEquals("SELECT PG_ARRAY_CAST('{{1}}', 'double precision'), PG_ARRAY_CAST(f(a, b), 'text')",
                sql("SELECT CAST('{{1}}' AS double precision[][]), cast ( f(a, b) as TEXT[] )"));
        assertEquals("SELECT PG_ARRAY_CAST(CAST(? AS INT4), 'bigint')", sql("SELECT CAST(CAST($1 AS int) AS bigint[])"));
        assertEquals("SELECT CAST(x AS INT4)", sql("SELECT CAST(x AS int)"));
    }

    @Test
    void slicesSubqueryArraysAndASelectedUnnest() {
        assertEquals("SELECT PG_ARRAY_SLICE(a,1,2), PG_ARRAY_SLICE(a,NULL, $1::int) FROM t".replace("$1::int", "CAST(? AS INT4)"),
                PgDialect.translate("SELECT a[1:2], a[: $1::int] FROM t").sql());
        assertEquals("SELECT a[1::int] FROM t".replace("a[1::int]", "PG_ARRAY_GET(a,CAST(1 AS INT4))"), PgDialect.translate("SELECT a[1::int] FROM t").sql());
        assertEquals("SELECT (SELECT COALESCE(ARRAY_AGG(pg_array_q.c), PG_ARRAY()) FROM (SELECT id FROM t ORDER BY id) AS pg_array_q(c))",
                PgDialect.translate("SELECT ARRAY(SELECT id FROM t ORDER BY id)").sql());
        assertTrue(PgDialect.translate("SELECT unnest(ARRAY[1,2]) AS x").sql().startsWith("SELECT * FROM (SELECT PG_ARRAY_NTH(PG_ARRAY(1,2)"));
        assertNull(PgDialect.unsupported("SELECT a[1:2], ARRAY(SELECT 1)"));
    }

    @Test
    void lookAlikesAreNotArrays() {
        for (String s : new String[] {
                "SELECT * FROM t WHERE id = ANY (SELECT id FROM u)",
                "SELECT 1 UNION ALL SELECT 2",
                "SELECT 'ARRAY[1]', \"array\" FROM t",
                "SELECT '{1,2}' AS literal_text",
                "SELECT a[1] FROM t",
                "SELECT x::int FROM t"}) {
            assertNull(PgDialect.unsupported(s), s);
        }
        assertEquals("SELECT 1 UNION ALL SELECT 2", sql("SELECT 1 UNION ALL SELECT 2"));
        assertEquals("SELECT 'a[1]'", sql("SELECT 'a[1]'"));
    }
}
