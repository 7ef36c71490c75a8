-- cli-options: --batch --default-character-set=utf8mb4
-- An online shop as MariaDB 10.11 holds it, for MariaDbDumpReloadTest: JSON (MariaDB's LONGTEXT + CHECK),
-- a SPATIAL index, STORED and VIRTUAL generated columns, CHECK constraints, a RANGE COLUMNS partitioned
-- table, a FULLTEXT index, an FK, triggers (one with SIGNAL), a function, procedures (a cursor,
-- a temporary table), views, ENUM / SET / BIT / YEAR / BLOB / TIME(2) values, and text needing utf8mb4.
DROP DATABASE IF EXISTS shop_md; CREATE DATABASE shop_md; USE shop_md;
CREATE TABLE customer (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(190) NOT NULL,
  name VARCHAR(100) NOT NULL,
  prefs JSON CHECK (JSON_VALID(prefs)),
  loc POINT NOT NULL,
  created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uk_email (email),
  SPATIAL KEY sp_loc (loc)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='customers';
CREATE TABLE product (
  id INT NOT NULL AUTO_INCREMENT,
  sku CHAR(12) NOT NULL,
  title VARCHAR(200) NOT NULL,
  descr TEXT,
  price DECIMAL(10,2) NOT NULL,
  tax_rate DECIMAL(4,3) NOT NULL DEFAULT 0.200,
  price_gross DECIMAL(12,2) AS (ROUND(price * (1 + tax_rate), 2)) STORED,
  title_len INT AS (CHAR_LENGTH(title)) VIRTUAL,
  status ENUM('draft','active','retired') NOT NULL DEFAULT 'draft',
  tags SET('new','sale','eco') DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY (sku),
  KEY idx_gross (price_gross),
  FULLTEXT KEY ft_title (title, descr),
  CONSTRAINT chk_price CHECK (price >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE orders (
  id BIGINT NOT NULL AUTO_INCREMENT,
  customer_id INT UNSIGNED NOT NULL,
  placed DATE NOT NULL,
  total DECIMAL(12,2) NOT NULL DEFAULT 0,
  note VARCHAR(255) DEFAULT NULL,
  PRIMARY KEY (id, placed),
  KEY (customer_id)
) ENGINE=InnoDB PARTITION BY RANGE COLUMNS (placed) (
  PARTITION p2023 VALUES LESS THAN ('2024-01-01'),
  PARTITION p2024 VALUES LESS THAN ('2025-01-01'),
  PARTITION pmax VALUES LESS THAN (MAXVALUE));
CREATE TABLE order_line (
  order_id BIGINT NOT NULL,
  line SMALLINT NOT NULL,
  product_id INT NOT NULL,
  qty INT NOT NULL DEFAULT 1,
  unit_price DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (order_id, line),
  KEY fk_prod (product_id),
  CONSTRAINT fk_line_product FOREIGN KEY (product_id) REFERENCES product (id) ON UPDATE CASCADE,
  CONSTRAINT chk_qty CHECK (qty > 0)
) ENGINE=InnoDB;
CREATE TABLE audit (
  id INT AUTO_INCREMENT PRIMARY KEY,
  at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  what VARCHAR(64) NOT NULL,
  detail JSON
);
CREATE TABLE blobby (id INT PRIMARY KEY, b BLOB, bits BIT(5), y YEAR, f FLOAT, d DOUBLE, t TIME(2), vb VARBINARY(16));
INSERT INTO blobby VALUES (1, X'00FF10', b'10101', 2024, 1.5, 2.25, '12:34:56.78', X'DEADBEEF'), (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
DELIMITER //
CREATE TRIGGER trg_line_total AFTER INSERT ON order_line FOR EACH ROW
BEGIN
  UPDATE orders SET total = total + NEW.qty * NEW.unit_price WHERE id = NEW.order_id;
  INSERT INTO audit (what, detail) VALUES ('line', JSON_OBJECT('order', NEW.order_id, 'line', NEW.line));
END//
CREATE TRIGGER trg_price_guard BEFORE UPDATE ON product FOR EACH ROW
BEGIN
  IF NEW.price < OLD.price / 2 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'price cut too deep';
  END IF;
END//
CREATE FUNCTION gross(p DECIMAL(10,2), r DECIMAL(4,3)) RETURNS DECIMAL(12,2) DETERMINISTIC
  RETURN ROUND(p * (1 + r), 2)//
CREATE PROCEDURE place_order(IN cust INT UNSIGNED, IN d DATE, OUT oid BIGINT)
  MODIFIES SQL DATA
  COMMENT 'creates an order'
BEGIN
  DECLARE n INT DEFAULT 0;
  SELECT COUNT(*) INTO n FROM customer WHERE id = cust;
  IF n = 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no such customer';
  END IF;
  INSERT INTO orders (customer_id, placed) VALUES (cust, d);
  SET oid = LAST_INSERT_ID();
END//
CREATE PROCEDURE sum_by_customer()
BEGIN
  DECLARE done INT DEFAULT 0;
  DECLARE c INT; DECLARE s DECIMAL(12,2);
  DECLARE cur CURSOR FOR SELECT customer_id, SUM(total) FROM orders GROUP BY customer_id ORDER BY customer_id;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = 1;
  DROP TEMPORARY TABLE IF EXISTS tmp_sums;
  CREATE TEMPORARY TABLE tmp_sums (c INT, s DECIMAL(12,2));
  OPEN cur;
  l: LOOP
    FETCH cur INTO c, s;
    IF done THEN LEAVE l; END IF;
    INSERT INTO tmp_sums VALUES (c, s);
  END LOOP;
  CLOSE cur;
  SELECT * FROM tmp_sums;
END//
DELIMITER ;
INSERT INTO customer (email, name, prefs, loc) VALUES
 ('ann@example.com', 'Ann', '{"lang": "en", "news": true}', ST_GeomFromText('POINT(2.35 48.85)')),
 ('bob@example.com', 'Bob \'the\' "Builder"', '{"lang": "fr", "tags": [1, 2, 3]}', ST_GeomFromText('POINT(-0.12 51.5)')),
 ('cé@example.com', 'Céline 😀', NULL, ST_GeomFromText('POINT(13.4 52.52)'));
INSERT INTO product (sku, title, descr, price, status, tags) VALUES
 ('SKU-0001', 'Green tea', 'Loose leaf green tea from Japan', 12.50, 'active', 'eco,new'),
 ('SKU-0002', 'Black tea', 'Strong breakfast tea\nwith a newline', 8.00, 'active', 'sale'),
 ('SKU-0003', 'Teapot', NULL, 35.00, 'draft', NULL);
CALL place_order(1, '2023-05-01', @o1);
CALL place_order(2, '2024-02-10', @o2);
CALL place_order(1, '2025-07-07', @o3);
INSERT INTO order_line VALUES (@o1, 1, 1, 2, 12.50), (@o1, 2, 3, 1, 35.00), (@o2, 1, 2, 3, 8.00), (@o3, 1, 1, 1, 12.50);
CREATE VIEW v_order_summary AS
  SELECT o.id, c.name, o.placed, o.total, COUNT(l.line) AS n_lines
  FROM orders o JOIN customer c ON c.id = o.customer_id LEFT JOIN order_line l ON l.order_id = o.id
  GROUP BY o.id, c.name, o.placed, o.total;
CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW v_active AS SELECT id, sku, title, price_gross FROM product WHERE status = 'active' WITH CASCADED CHECK OPTION;
CREATE VIEW v_cust_lang AS SELECT id, name, JSON_UNQUOTE(JSON_EXTRACT(prefs, '$.lang')) AS lang, ST_AsText(loc) AS wkt FROM customer;
