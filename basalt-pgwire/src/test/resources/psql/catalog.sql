-- psql's describe commands (\l \dn \du \dt \di \dv \d \d NAME) on a schema of their own
CREATE SCHEMA pgcat;
SET search_path TO pgcat;
CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40) NOT NULL, total NUMERIC(10,2) DEFAULT 0,
  note VARCHAR(10) DEFAULT 'none', placed TIMESTAMP, paid BOOLEAN DEFAULT false, qty SMALLINT, big BIGINT, ratio DOUBLE PRECISION);
CREATE INDEX orders_customer ON orders (customer);
CREATE UNIQUE INDEX orders_note_qty ON orders (customer, qty);
CREATE TABLE order_lines (order_id INT NOT NULL, n INT NOT NULL, item VARCHAR(20), PRIMARY KEY (order_id, n));
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
CREATE FUNCTION order_weight(o INT) RETURNS NUMERIC(10,2) DETERMINISTIC RETURN o * 2;
CREATE TABLE shipments (id INT PRIMARY KEY, order_id INT NOT NULL, weight INT CHECK (weight > 0),
  CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE);
\dn pgcat*
\l pgcat*
\du root
\dt
\di
\dv
\d
\d orders
\d order_lines
\d big_orders
\d shipments
\dt pgcat.o*
\df
\dT
\d nothing_here
SELECT left(version(), 13) AS pg_version;
SELECT current_schemas(false);
SELECT typname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_attribute a ON a.atttypid = t.oid WHERE a.attname = 'total';
SELECT relname FROM pg_catalog.pg_class WHERE relname ~ '^order' ORDER BY relname;
