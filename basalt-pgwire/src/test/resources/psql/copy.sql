-- COPY FROM STDIN and TO STDOUT, text and CSV, through psql (data inline in the script) and \copy
CREATE SCHEMA pgcopy;
SET search_path TO pgcopy;
CREATE TABLE cp (id INT PRIMARY KEY, name VARCHAR(20), note TEXT, ok BOOLEAN, price NUMERIC(6,2));
COPY cp FROM STDIN;
1	alpha	tab\there	t	1.50
2	beta	\N	f	\N
3	gam'ma	back\\slash	true	3
\.
COPY cp (id, name) FROM STDIN WITH (FORMAT csv, HEADER);
id,name
4,"quoted, comma"
5,"with ""quotes"""
6,
\.
SELECT * FROM cp ORDER BY id;
COPY cp TO STDOUT;
COPY (SELECT id, name FROM cp WHERE id > 3 ORDER BY id) TO STDOUT WITH CSV HEADER;
COPY cp FROM STDIN;
7	dup
\.
COPY cp FROM '/etc/passwd';
\copy cp (id, name) to stdout with (format csv)
BEGIN;
COPY cp (id) FROM STDIN;
10
1
\.
SELECT 1;
ROLLBACK;
SELECT count(*) FROM cp;
