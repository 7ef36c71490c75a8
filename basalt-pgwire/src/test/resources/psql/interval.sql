-- interval literals in date arithmetic; the rows are PostgreSQL 15's for the same script
SELECT timestamp '2024-01-31 10:00' + interval '1 day 2 hours' AS later;
SELECT timestamp '2024-01-31 10:00' + interval '1 month' AS next_month;
SELECT timestamp '2024-01-01 00:00' - '90 minutes'::interval AS earlier;
SELECT timestamp '2024-03-01 12:00:00' - interval '1.5 seconds' AS fraction;
DROP TABLE IF EXISTS ev;
CREATE TABLE ev (id int PRIMARY KEY, at timestamp);
INSERT INTO ev VALUES (1, '2024-01-01 00:00'), (2, '2024-01-05 00:00'), (3, '2024-02-01 00:00');
SELECT id FROM ev WHERE at >= timestamp '2024-02-02' - interval '1 week' ORDER BY id;
SELECT id, at + interval '2 years' AS later FROM ev WHERE id = 3;
DROP TABLE ev;
-- interval values (issue 10) in PostgreSQL's output style; a bad literal has no caret position
SELECT interval '1 day 2 hours' AS a, '90 minutes'::interval AS b, interval '1 year 2 months 3 days 04:05:06.5' AS c;
SELECT interval '0 seconds' AS z, interval '-1 day' AS neg, interval '1.5 hours' AS frac, interval '2 weeks' AS w, interval '3 days ago' AS ago;
SELECT timestamp '2024-03-01 12:00:00' - timestamp '2024-01-01 09:30:00' AS diff, '2024-01-01'::timestamp - timestamp '2024-01-02 01:00' AS back;
SELECT interval 'nonsense';
-- interval columns, and date arithmetic with one (PostgreSQL: 2024-01-02 02:00:00)
CREATE TABLE jobs (id int PRIMARY KEY, took interval, at timestamp);
INSERT INTO jobs VALUES (1, '1 day 2 hours', '2024-01-01'), (2, interval '90 minutes', '2024-01-02'), (3, NULL, NULL);
SELECT * FROM jobs WHERE took IS NOT NULL ORDER BY took;
SELECT id FROM jobs WHERE took > interval '2 hours';
\d jobs
SELECT at + took FROM jobs WHERE id = 1;
DROP TABLE jobs;
