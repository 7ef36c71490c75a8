-- cli-options: --table
-- The example session shown to users: create a database and a table, insert, query, aggregate.
CREATE DATABASE shop;
USE shop;
CREATE TABLE products (
  id INT PRIMARY KEY AUTO_INCREMENT,
  name VARCHAR(50) NOT NULL,
  price DECIMAL(10,2) NOT NULL
);
INSERT INTO products (name, price) VALUES ('basalt tile', 12.50), ('granite slab', 99.00), ('pumice', 3.75);
SELECT * FROM products ORDER BY id;
SELECT COUNT(*) AS items, SUM(price) AS total, MAX(price) AS most_expensive FROM products;
UPDATE products SET price = price * 0.9 WHERE name = 'granite slab';
SELECT name, price FROM products WHERE price > 10 ORDER BY price DESC;
DROP DATABASE shop;
