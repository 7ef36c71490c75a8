-- the PostgreSQL dialect, first part: types, casts, strings, ILIKE, quoted identifiers
DROP TABLE IF EXISTS "Events";
CREATE TABLE "Events" (id bigserial PRIMARY KEY, title text NOT NULL, payload bytea, at timestamptz, n float8, ok boolean);
INSERT INTO "Events" (title, payload, at, n, ok) VALUES ('First', NULL, '2024-05-06 07:08:09', 1.5, true);
INSERT INTO "Events" (title, payload, at, n, ok) VALUES (E'it\'s second', NULL, NULL, NULL, false);
SELECT id, "title", payload, n, ok FROM "Events" ORDER BY id;
SELECT '42'::int + 1 AS answer, 3.7::int AS rounded, '2024-01-31'::date AS d, 'x' || 'y' AS xy;
SELECT 'x' || 2 * 3 AS a, 'a' || 'b' = 'ab' AS b, 1 + 2 || 'z' AS c, 'n' || 1 + 1 AS d;
SELECT title FROM "Events" WHERE title ILIKE 'FIRST';
SELECT $$a 'dollar' string$$ AS s, E'tab\there' AS e;
BEGIN ISOLATION LEVEL SERIALIZABLE;
SHOW transaction_isolation;
END;
SELECT current_schema AS sch, current_user AS who, random() < 1 AS ok;
SHOW search_path;
