-- Expression defaults on the PostgreSQL port: gen_random_uuid(), now(), (expr), beside a serial.
-- PostgreSQL 15 differs only in \d and pg_get_expr text: now() (shown here as CURRENT_TIMESTAMP)
-- and nextval('docs_seq_seq'::regclass) for the serial.
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
-- INSERT ... RETURNING on a table without a serial: rows read back by primary key, in insertion order
CREATE TABLE notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body text NOT NULL, len integer DEFAULT (length(body)));
INSERT INTO notes (body) VALUES ('first'), ('second one') RETURNING length(id::text) AS idlen, body, len;
INSERT INTO notes (id, body) VALUES ('00000000-0000-4000-8000-000000000001', 'fixed') RETURNING *;
INSERT INTO notes (body) SELECT body || '!' FROM notes WHERE body = 'fixed' RETURNING body;
SELECT count(*) FROM notes;
CREATE TABLE nokey (v text);
INSERT INTO nokey VALUES ('x') RETURNING v;
SELECT count(*) FROM nokey;
DROP TABLE notes;
DROP TABLE nokey;
