-- UPDATE ... RETURNING (the rows as written) and DELETE ... RETURNING (the rows as deleted)
DROP TABLE IF EXISTS stock;
CREATE TABLE stock (id int PRIMARY KEY, item varchar(20) NOT NULL, qty int NOT NULL);
INSERT INTO stock VALUES (1, 'bolt', 10), (2, 'nut', 20), (3, 'gear', 5);
UPDATE stock SET qty = qty - 1 WHERE qty > 6 RETURNING id, item, qty;
UPDATE stock AS s SET qty = s.qty * 2 WHERE s.item = 'gear' RETURNING s.id, qty AS doubled, qty - 10 AS excess;
UPDATE stock SET qty = 0 WHERE id = 42 RETURNING *;
UPDATE stock SET qty = qty RETURNING id;
DELETE FROM stock WHERE id = 2 RETURNING *;
DELETE FROM stock WHERE id = 2 RETURNING item;
BEGIN;
DELETE FROM stock RETURNING item, qty;
ROLLBACK;
SELECT * FROM stock ORDER BY id;
-- an error in the UPDATE leaves nothing behind
UPDATE stock SET item = NULL WHERE id = 1 RETURNING id;
SELECT * FROM stock ORDER BY id;
DROP TABLE stock;
