-- cli-options: --batch
-- Batch mode: tab-separated rows with a header line; NULL and escapes as the client prints them.
CREATE DATABASE cli_basic;
USE cli_basic;
CREATE TABLE fruit (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(6,2), note VARCHAR(20));
INSERT INTO fruit VALUES (1, 'apple', 1.25, NULL), (2, 'pear', 0.50, 'ripe'), (3, 'tab\there', 10.00, '');
SELECT * FROM fruit ORDER BY id;
SELECT COUNT(*) AS n, SUM(price) AS total FROM fruit;
SELECT name FROM fruit WHERE id = 2\G
UPDATE fruit SET price = price * 2 WHERE id = 1;
DELETE FROM fruit WHERE id = 3;
SELECT id, price FROM fruit ORDER BY id;
SELECT 1 + 1 AS two, 'x' AS s, NULL AS nothing;
DROP DATABASE cli_basic;
