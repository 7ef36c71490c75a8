-- truth values of comparisons, AND/OR/NOT, IS, LIKE, IN and EXISTS are bool (t/f), as in PostgreSQL 15
SELECT 1 < 2 AS lt, 2 = 3 AS eq;
CREATE TABLE bt (a int, b int);
INSERT INTO bt VALUES (1,1),(1,2),(NULL,3);
SELECT a = b AS same, a IS NULL AS n, b BETWEEN 1 AND 2 AS btw, b IN (1,3) AS inn, NOT (a = b) AS nt, a = b AND b > 0 AS an FROM bt ORDER BY b;
SELECT 'abc' LIKE 'a%' AS lk, true AS t, EXISTS (SELECT 1) AS ex;
DROP TABLE bt;
SELECT x FROM (SELECT 1 < 2 AS x) d;
SELECT 1 < 2 UNION ALL SELECT 2 < 1;
SELECT CASE WHEN true THEN 1 = 1 ELSE false END AS c;
SELECT coalesce(1 = 2, true) AS co;
CREATE TABLE bt2 (a int, f boolean);
INSERT INTO bt2 VALUES (1, true), (2, false);
CREATE VIEW bv AS SELECT a, a > 1 AS big FROM bt2;
SELECT * FROM bv ORDER BY a;
SELECT a, f, NOT f AS nf, f AND a > 1 AS x FROM bt2 ORDER BY a;
SELECT count(*) > 1 AS many FROM bt2;
DROP VIEW bv;
DROP TABLE bt2;
