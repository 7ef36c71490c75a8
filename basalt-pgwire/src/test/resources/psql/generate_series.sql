-- generate_series(start, stop [, step]) over integers in FROM
SELECT * FROM generate_series(1, 5);
SELECT n, n * n AS sq FROM generate_series(10, 1, -3) AS g(n);
SELECT g FROM generate_series(1, 10, 4) g;
SELECT count(*), sum(x) FROM generate_series(1, 1000) AS t(x);
SELECT * FROM generate_series(5, 1);
SELECT a.a, b.b FROM generate_series(1, 2) a, generate_series(1, 2) AS b ORDER BY 1, 2;
DROP TABLE IF EXISTS gs;
CREATE TABLE gs (id int PRIMARY KEY, label text);
INSERT INTO gs SELECT i, 'row ' || i FROM generate_series(1, 3) AS s(i);
SELECT * FROM gs ORDER BY id;
DROP TABLE gs;
-- timestamps with an interval step
SELECT * FROM generate_series('2024-01-30'::timestamp, '2024-02-02', '1 day'::interval) AS d;
SELECT t FROM generate_series(timestamp '2024-01-01 10:00', timestamp '2024-01-01 12:00', interval '45 minutes') AS g(t);
