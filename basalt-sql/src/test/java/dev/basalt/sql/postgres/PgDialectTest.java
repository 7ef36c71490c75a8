package dev.basalt.sql.postgres;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PgDialectTest {

    private static String t(String sql) { return PgDialect.translate(sql).sql(); }

    @Test
    void dollarParametersBecomeQuestionMarksInOrder() {
        PgDialect.Translation tr = PgDialect.translate("SELECT $2, $1, '$3', \"$4\", $2");
        assertEquals("SELECT ?, ?, '$3', \"$4\", ?", tr.sql());
        assertArrayEquals(new int[] {1, 0, 1}, tr.parameterOrder());
        assertEquals(2, tr.parameterCount());
    }

    @Test
    void castsBecomeCastCalls() {
        // integer and smallint are the engine's INT4 / INT2 (int4 / int2 of that range), except in DDL (MySQL's grammar reads DEFAULTs again)
        assertEquals("SELECT CAST('42' AS INT4), CAST(1 AS INT2), CAST(2 AS SIGNED)", t("SELECT '42'::int, 1::smallint, 2::bigint"));
        assertEquals("CREATE TABLE d (a int DEFAULT CAST('1' AS SIGNED))", t("CREATE TABLE d (a int DEFAULT '1'::int)"));
        assertEquals("SELECT PG_TIMESTAMPTZ(CAST('2024-01-01' AS DATETIME(6))), CAST(x AS TIMESTAMPTZ)",
                t("SELECT '2024-01-01'::timestamptz, CAST(x AS timestamp with time zone)"));
        assertEquals("SELECT CAST(x AS CHAR(5)), CAST(x AS CHAR(3))", t("SELECT CAST(x AS varchar(5)), x::varchar(3)"));
        // text (and string types without a length): the engine's CAST AS TEXT, unbounded as PostgreSQL's
        // text; MySQL's CAST AS CHAR is only as wide as its operand. In DDL MySQL's CHAR.
        assertEquals("SELECT CAST(a.b AS TEXT), CAST(c AS TEXT) FROM a", t("SELECT a.b::text, c::varchar FROM a"));
        assertEquals("SELECT CAST(CAST(x AS TEXT) AS INT4)", t("SELECT x::text::int4"));
        assertEquals("CREATE TABLE d (a text DEFAULT CAST(1 AS CHAR))", t("CREATE TABLE d (a text DEFAULT 1::text)"));
        assertEquals("SELECT CAST((1 + 2) AS DOUBLE)", t("SELECT (1 + 2)::double precision"));
        assertEquals("SELECT CAST(now() AS DATE)", t("SELECT now()::date"));
        assertEquals("SELECT CAST(? AS DECIMAL(10,2))", t("SELECT $1::numeric(10,2)"));
        assertEquals("SELECT CAST('2024-01-02 03:04:05' AS DATETIME(6))", t("SELECT '2024-01-02 03:04:05'::timestamp"));
        assertTrue(t("SELECT 't'::boolean").contains("IN ('t','true'"));
        // uuid and jsonb: the engine's CAST AS UUID / JSONB; in DDL MySQL's CHAR / JSON (a DEFAULT is read again)
        assertEquals("SELECT CAST('a' AS UUID), CAST(x AS JSONB), CAST(y AS UUID)", t("SELECT 'a'::uuid, x::jsonb, CAST(y AS uuid)"));
        assertEquals("CREATE TABLE d (u UUID DEFAULT CAST('a' AS CHAR))", t("CREATE TABLE d (u uuid DEFAULT 'a'::uuid)"));
        assertEquals("SELECT CAST(UUID() AS UUID)", t("SELECT gen_random_uuid()"));
        assertEquals("CREATE TABLE e (id UUID DEFAULT (UUID()))", t("CREATE TABLE e (id uuid DEFAULT gen_random_uuid())"));
    }

    @Test
    void jsonArrowsWithLiteralKeysBecomeJsonExtract() {
        assertEquals("SELECT JSON_EXTRACT(doc, '$.\"a\"'), JSON_UNQUOTE(JSON_EXTRACT(t.doc, '$.\"b c\"')) FROM t",
                t("SELECT doc->'a', t.doc ->> 'b c' FROM t"));
        assertEquals("SELECT JSON_UNQUOTE(JSON_EXTRACT(JSON_EXTRACT(doc, '$.\"a\"'), '$[0]')) FROM t", t("SELECT doc->'a'->>0 FROM t"));
        assertEquals("SELECT JSON_EXTRACT(CAST('{}' AS JSONB), '$.\"it''s\"')", t("SELECT '{}'::jsonb -> 'it''s'"));
        assertEquals("SELECT * FROM t WHERE JSON_UNQUOTE(JSON_EXTRACT(doc, '$.\"q\\\"\"')) = ?", t("SELECT * FROM t WHERE doc->>'q\"' = $1"));
        // a MySQL path, a parameter or an expression as the key: left as written
        assertEquals("SELECT doc->>'$.a', doc->?, doc->-1 FROM t", t("SELECT doc->>'$.a', doc->$1, doc->-1 FROM t"));
    }

    @Test
    void chainedCastsStayLinearAndAreBoundedInDepth() {
        // a bool cast names its operand once: 60 chained bool casts were 2^60 characters
        String bools = t("SELECT 'yes'" + "::bool".repeat(60));
        assertTrue(bools.length() < 60 * 60, bools.length() + " characters");
        assertEquals("SELECT (LOWER(?) IN ('t','true','y','yes','on','1'))", t("SELECT $1::bool"));
        // a parameter under a bool cast is sent once
        assertEquals(1, PgDialect.translate("SELECT $1::boolean").parameterOrder().length);
        // deep enough to be fine, one level more is "too deep" (1436), not minutes of copying or an OutOfMemoryError
        t("SELECT 'x'" + "::text".repeat(PgDialect.MAX_CAST_NESTING));
        dev.basalt.sql.ParseException e = assertThrows(dev.basalt.sql.ParseException.class,
                () -> t("SELECT 'x'" + "::text".repeat(PgDialect.MAX_CAST_NESTING + 1)));
        assertTrue(e.tooDeep());
        // 100,000 levels (600 KB of statement) are refused quickly; they used to keep every level's text (GBs)
        long start = System.nanoTime();
        assertThrows(dev.basalt.sql.ParseException.class, () -> t("SELECT 'x'" + "::text".repeat(100_000)));
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }

    @Test
    void stringsOfPostgresqlBecomeStandardLiterals() {
        assertEquals("SELECT 'it''s\ttab'", t("SELECT E'it\\'s\\ttab'"));
        assertEquals("SELECT 'a ''q'' b'", t("SELECT $$a 'q' b$$"));
        assertEquals("SELECT 'x'", t("SELECT $tag$x$tag$"));
        assertEquals("SELECT 'A'", t("SELECT E'\\x41'"));
    }

    @Test
    void ilikeAndColumnTypes() {
        assertEquals("SELECT * FROM t WHERE name LIKE 'a%'", t("SELECT * FROM t WHERE name ILIKE 'a%'"));
        assertEquals("CREATE TABLE t (id BIGINT NOT NULL AUTO_INCREMENT UNIQUE PRIMARY KEY, data LONGBLOB, at TIMESTAMP(6), "
                        + "n DOUBLE, u UUID, j JSONB, ts DATETIME(6))",
                t("CREATE TABLE t (id bigserial PRIMARY KEY, data bytea, at timestamp with time zone, "
                        + "n float8, u uuid, j jsonb, ts timestamp)"));
        assertEquals("SELECT CAST(x AS SIGNED)", t("SELECT CAST(x AS int8)"));
        // a column named like a type, outside DDL, stays
        assertEquals("SELECT uuid, bytea FROM t", t("SELECT uuid, bytea FROM t"));
    }

    @Test
    void returningIsSplitOff() {
        PgDialect.Returning r = PgDialect.returning("INSERT INTO \"Events\" (title) VALUES (?) RETURNING id, title");
        assertEquals("INSERT INTO \"Events\" (title) VALUES (?)", r.statement());
        assertEquals("\"Events\"", r.table());
        assertEquals("id, title", r.columns());
        assertNull(PgDialect.returning("SELECT 'RETURNING' FROM t"));
        assertEquals("t AS x", PgDialect.returning("UPDATE t AS x SET a = 1 RETURNING *").table());
        assertEquals("s.t", PgDialect.returning("DELETE FROM s.t WHERE a = 1 RETURNING *").table());
        assertNull(PgDialect.returning("DELETE FROM t USING u WHERE t.a = u.a RETURNING *").table());
    }

    @Test
    void functionsSpelledDifferently() {
        assertEquals("SELECT DATABASE(), DATABASE(), RAND()", t("SELECT current_schema, current_schema(), random()"));
        assertEquals("SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', 1)", t("SELECT current_user"));
        assertEquals("SELECT t.current_user, random FROM t", t("SELECT t.current_user, random FROM t"));
    }

    @Test
    void rowLimitingClausesBecomeLimitOffset() {
        assertEquals("SELECT * FROM t ORDER BY a LIMIT 10 OFFSET 5", t("SELECT * FROM t ORDER BY a OFFSET 5 ROWS FETCH FIRST 10 ROWS ONLY"));
        assertEquals("SELECT * FROM t LIMIT 1", t("SELECT * FROM t FETCH NEXT ROW ONLY"));
        assertEquals("SELECT * FROM t LIMIT 18446744073709551615 OFFSET 3", t("SELECT * FROM t OFFSET 3"));
        assertEquals("SELECT * FROM t LIMIT 2 OFFSET 3", t("SELECT * FROM t OFFSET 3 LIMIT 2"));
        assertEquals("SELECT * FROM t LIMIT 2 OFFSET 3", t("SELECT * FROM t LIMIT 2 OFFSET 3"));
        assertEquals("SELECT * FROM t LIMIT 1 FOR UPDATE", t("SELECT * FROM t FETCH FIRST 1 ROW ONLY FOR UPDATE"));
        // parameters follow their clause
        PgDialect.Translation tr = PgDialect.translate("SELECT * FROM t WHERE a = $3 OFFSET $1 ROWS FETCH FIRST $2 ROWS ONLY");
        assertEquals("SELECT * FROM t WHERE a = ? LIMIT ? OFFSET ?", tr.sql());
        assertArrayEquals(new int[] {2, 1, 0}, tr.parameterOrder());
    }
}
