-- integer division, ::int / ::smallint, CAST AS varchar(n), timestamp - timestamp, date_trunc, bool_and / bool_or / every,
-- string_agg, version() and current_database() in a larger statement: the output is PostgreSQL 15's for the same script
CREATE TABLE tv (id int PRIMARY KEY, i int, si smallint, bi bigint, t text, b boolean, ts timestamp, g int);
INSERT INTO tv VALUES (1, 7, 7, 7000000000, 'apple', true, '2024-05-17 13:45:12.345678', 1),
  (2, -7, -7, -7000000000, 'pear', false, '2023-12-31 23:59:59', 1), (3, NULL, NULL, NULL, NULL, NULL, NULL, 2),
  (4, 2, 2, 2, 'fig', true, '2000-01-01 00:00:00', 2);
SELECT 7 / 2 AS a, -7 / 2 AS b, 7 % 2 AS c, 1 / 3 * 3 AS f, 2 + 7 / 2 * 2 AS g, 7.0 / 2 > 3 AS exact;
SELECT id, i / 2 AS i2, si / 2 AS si2, bi / 2 AS bi2, i / si AS isi, bi / i AS bii, i / 2.0 > 1 AS inum FROM tv ORDER BY id;
SELECT pg_typeof(si / si) AS s, pg_typeof(i / si) AS i, pg_typeof(bi / i) AS b FROM tv WHERE id = 1;
SELECT 1 / 0;
\echo :LAST_ERROR_SQLSTATE
SELECT i / 0 FROM tv WHERE id = 1;
\echo :LAST_ERROR_SQLSTATE
SELECT 7 % 0;
\echo :LAST_ERROR_SQLSTATE
SELECT id, i % 4 AS m, si % 4 AS sm, bi % 3 AS bm, -7 % 3 AS neg, pg_typeof(si % si) AS t FROM tv ORDER BY id;
SELECT (-2147483648)::int / -1;
\echo :LAST_ERROR_SQLSTATE
SELECT '42'::int AS a, '42'::integer + 1 AS b, '-5'::int4 AS c, 7::smallint AS d, '12'::int2 * 2 AS e, pg_typeof('1'::int2) AS f;
SELECT CAST('42' AS int) AS a, CAST(t AS varchar(3)) AS b, t::varchar(2) AS c, pg_typeof(CAST(t AS varchar(3))) AS d FROM tv WHERE id = 1;
SELECT '3000000000'::int;
\echo :LAST_ERROR_SQLSTATE
SELECT 40000::smallint;
\echo :LAST_ERROR_SQLSTATE
SELECT '3000000000'::bigint AS big;
SELECT id, ts - timestamp '2000-01-01 00:00:00' AS since, timestamp '2024-06-01 00:00' - ts AS until FROM tv ORDER BY id;
SELECT a.id, b.id, a.ts - b.ts AS diff FROM tv a JOIN tv b ON a.id < b.id WHERE a.ts IS NOT NULL AND b.ts IS NOT NULL ORDER BY 1, 2;
SELECT pg_typeof(ts - ts) AS t FROM tv WHERE id = 1;
SELECT date_trunc('year', ts) AS y, date_trunc('quarter', ts) AS q, date_trunc('month', ts) AS mo, date_trunc('week', ts) AS w,
  date_trunc('day', ts) AS d FROM tv WHERE id = 1;
SELECT date_trunc('hour', ts) AS h, date_trunc('minute', ts) AS mi, date_trunc('second', ts) AS s, date_trunc('milliseconds', ts) AS ms,
  date_trunc('decade', ts) AS decade, date_trunc('century', ts) AS c, date_trunc('millennium', ts) AS mil FROM tv WHERE id = 1;
SELECT id, date_trunc('hours', ts) FROM tv ORDER BY id;
SELECT date_trunc('fortnight', ts) FROM tv;
\echo :LAST_ERROR_SQLSTATE
SELECT bool_and(b) AS a, bool_or(b) AS o, every(b) AS e, bool_and(i > 0) AS pos, bool_or(i > 5) AS big FROM tv;
SELECT g, bool_and(b), bool_or(b), every(i > 0) FROM tv GROUP BY g ORDER BY g;
SELECT bool_and(b) IS NULL AS none FROM tv WHERE id > 100;
SELECT string_agg(t, ',') AS s FROM tv;
SELECT g, string_agg(t, ' | ' ORDER BY t DESC) AS s, string_agg(DISTINCT t, '') AS d FROM tv GROUP BY g ORDER BY g;
SELECT string_agg(t, ',') IS NULL AS none FROM tv WHERE id > 100;
SELECT length(string_agg(repeat('x', 600), ',')) AS long_result FROM generate_series(1, 5);
SELECT pg_typeof(string_agg(t, ',')) AS s, pg_typeof(bool_and(b)) AS b FROM tv;
SELECT left(version(), 11) AS v, current_database() AS db, pg_typeof(version()) AS vt, pg_typeof(current_database()) AS dt;
SELECT upper(current_database()), version() LIKE 'PostgreSQL %';
-- timestamptz: shown with the session zone's offset, read back in another zone
CREATE TABLE tz (id int PRIMARY KEY, at timestamptz, plain timestamp);
INSERT INTO tz VALUES (1, '2024-05-17 13:45:12.5', '2024-05-17 13:45:12.5'), (2, '2024-01-01 00:00:00', '2024-01-01 00:00:00');
SELECT id, at, plain, pg_typeof(at) AS t, pg_typeof(plain) AS p FROM tz ORDER BY id;
SELECT '2024-02-03 04:05:06'::timestamptz AS a, pg_typeof('2024-02-03'::timestamptz) AS b, CAST('2024-02-03' AS timestamp with time zone) AS c;
SET TIME ZONE 'Asia/Kolkata';
SELECT id, at, plain FROM tz ORDER BY id;
SET TIME ZONE 'UTC';
SELECT date_trunc('hour', at) AS h, pg_typeof(date_trunc('hour', at)) AS t FROM tz WHERE id = 1;
DROP TABLE tz;
DROP TABLE tv;
