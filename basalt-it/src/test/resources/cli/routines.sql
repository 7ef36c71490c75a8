-- cli-options: --batch
-- A DELIMITER script as mysqldump and people write them: the client sends each CREATE whole.
CREATE DATABASE cli_routines;
USE cli_routines;
CREATE TABLE item (id INT PRIMARY KEY, qty INT NOT NULL, changed INT NOT NULL DEFAULT 0);
DELIMITER //
CREATE TRIGGER item_bu BEFORE UPDATE ON item FOR EACH ROW
BEGIN
  IF NEW.qty < 0 THEN
    SET NEW.qty = 0;
  END IF;
  SET NEW.changed = OLD.changed + 1;
END//
CREATE PROCEDURE restock(IN amount INT, OUT total INT)
BEGIN
  UPDATE item SET qty = qty + amount;
  SELECT id, qty, changed FROM item ORDER BY id;
  SELECT SUM(qty) INTO total FROM item;
END//
CREATE FUNCTION doubled(x INT) RETURNS INT DETERMINISTIC
BEGIN
  RETURN x * 2;
END//
DELIMITER ;
INSERT INTO item (id, qty) VALUES (1, 5), (2, 7);
CALL restock(3, @total);
SELECT @total AS total, doubled(@total) AS twice;
UPDATE item SET qty = -4 WHERE id = 1;
SELECT id, qty, changed FROM item ORDER BY id;
DROP DATABASE cli_routines;
