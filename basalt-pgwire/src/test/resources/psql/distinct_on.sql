-- SELECT DISTINCT ON (exprs): the first row of each group in ORDER BY order
DROP TABLE IF EXISTS readings;
CREATE TABLE readings (id int PRIMARY KEY, sensor varchar(10) NOT NULL, at int NOT NULL, val numeric(6,1));
INSERT INTO readings VALUES (1, 'a', 1, 10.0), (2, 'a', 3, 12.5), (3, 'b', 2, 7.0), (4, 'b', 5, 6.5), (5, 'c', 4, 1.0), (6, 'a', 2, 11.0);
-- the latest reading of each sensor
SELECT DISTINCT ON (sensor) sensor, at, val FROM readings ORDER BY sensor, at DESC;
-- output names and numbers in DISTINCT ON and ORDER BY
SELECT DISTINCT ON (s) r.sensor AS s, r.val v, upper(r.sensor) FROM readings r ORDER BY 1, val;
SELECT DISTINCT ON (1) sensor, id FROM readings WHERE val > 6 ORDER BY 1, 2 DESC LIMIT 2;
SELECT DISTINCT ON (sensor) sensor, count(*) OVER (PARTITION BY sensor) AS n FROM readings ORDER BY sensor;
SELECT DISTINCT ON (sensor) * FROM readings ORDER BY sensor, at;
SELECT DISTINCT ON (r.sensor) r.*, 'x' AS mark FROM public.readings AS r WHERE r.val < 12 ORDER BY r.sensor, r.at DESC;
DROP TABLE readings;
