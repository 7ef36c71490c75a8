-- IS [NOT] DISTINCT FROM, pg_typeof, date +/- integer and date - date: the rows are PostgreSQL 15's for the same script
SELECT 1 IS DISTINCT FROM 2 AS a, 1 IS DISTINCT FROM 1 AS b, NULL IS DISTINCT FROM NULL AS c, 1 IS DISTINCT FROM NULL AS d;
SELECT 1 IS NOT DISTINCT FROM 1 AS a, NULL IS NOT DISTINCT FROM NULL AS b, 'x' IS NOT DISTINCT FROM NULL AS c, NOT (2 IS DISTINCT FROM 2) AS d;
CREATE TABLE dist (id int PRIMARY KEY, v int, d date, t text, vc varchar(10), n numeric(8,2), b boolean, ts timestamp, f float8, bi bigint, si smallint, ia int[]);
INSERT INTO dist (id, v, d) VALUES (1, 1, '2024-01-31'), (2, NULL, NULL), (3, 3, '2024-03-01');
SELECT id FROM dist WHERE v IS DISTINCT FROM 1 ORDER BY id;
SELECT id FROM dist WHERE v IS NOT DISTINCT FROM NULL ORDER BY id;
SELECT a.id AS a, b.id AS b FROM dist a JOIN dist b ON a.v IS NOT DISTINCT FROM b.v ORDER BY 1, 2;
SELECT id, v IS DISTINCT FROM 3 AND id > 1 AS both_ FROM dist ORDER BY id;
SELECT pg_typeof(v) AS v, pg_typeof(d) AS d, pg_typeof(t) AS t, pg_typeof(vc) AS vc, pg_typeof(n) AS n, pg_typeof(b) AS b FROM dist WHERE id = 1;
SELECT pg_typeof(ts) AS ts, pg_typeof(f) AS f, pg_typeof(bi) AS bi, pg_typeof(si) AS si, pg_typeof(ia) AS ia FROM dist WHERE id = 1;
SELECT pg_typeof(1) AS i, pg_typeof(10000000000) AS big, pg_typeof(1.5) AS num, pg_typeof('x') AS lit, pg_typeof('x'::text) AS txt, pg_typeof(1 = 1) AS cmp;
SELECT pg_typeof(d + 1) AS dplus, pg_typeof(d - d) AS ddiff, pg_typeof(NULL) AS nul FROM dist WHERE id = 1;
SELECT date '2024-01-31' + 1 AS a, date '2024-03-01' - 1 AS b, 30 + date '2024-01-31' AS c, date '2024-03-01' - date '2024-01-01' AS d;
SELECT date '2024-01-01' - date '2024-03-01' AS neg, date '2024-12-31' + 365 AS leap, date '2024-02-28' + (-1) AS m;
SELECT id, d + 7 AS week, d - 31 AS back, d - date '2024-01-01' AS since FROM dist ORDER BY id;
SELECT id FROM dist WHERE d + 30 > date '2024-03-01' ORDER BY id;
-- multi-dimensional arrays (more in arrays_multidim.sql)
SELECT ARRAY[[1,2],[3,4]] AS m;
\echo :LAST_ERROR_SQLSTATE
SELECT '{{1,2},{3,4}}'::int[] AS m2;
\echo :LAST_ERROR_SQLSTATE
DROP TABLE dist;
