-- Expression defaults on the PostgreSQL port: gen_random_uuid(), now(), (expr), beside a serial.
-- PostgreSQL 15 differs only in \d and pg_get_expr text: now() (shown here as CURRENT_TIMESTAMP),
-- (n * 2) and nextval('docs_seq_seq'::regclass) for the serial.
CREATE TABLE docs (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), n integer, twice integer DEFAULT (n * 2), made timestamp DEFAULT now(), seq serial);
INSERT INTO docs (n) VALUES (1), (2);
INSERT INTO docs VALUES (DEFAULT, 3, DEFAULT, DEFAULT, DEFAULT);
SELECT count(DISTINCT id) AS ids, min(length(id::text)) AS len, count(made) AS made FROM docs;
SELECT n, twice, seq FROM docs ORDER BY n;
UPDATE docs SET twice = 0;
UPDATE docs SET twice = DEFAULT WHERE n = 2;
SELECT n, twice FROM docs ORDER BY n;
ALTER TABLE docs ADD COLUMN tag uuid DEFAULT gen_random_uuid();
SELECT count(DISTINCT tag) AS tags FROM docs;
\d docs
SELECT a.attname, pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'docs'::regclass ORDER BY a.attnum;
DROP TABLE docs;
