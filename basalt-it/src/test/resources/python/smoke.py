"""PyMySQL smoke test: connect, create, insert, select, check an error code.

usage: python3 smoke.py HOST PORT USER PASSWORD
Prints what it checks; exits non-zero on the first failure.
"""
import sys

import pymysql


def check(label, got, expected):
    if got != expected:
        print(f"FAIL {label}: expected {expected!r}, got {got!r}")
        sys.exit(1)
    print(f"ok   {label}: {got!r}")


def main():
    host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    conn = pymysql.connect(host=host, port=port, user=user, password=password, autocommit=True)
    try:
        with conn.cursor() as cur:
            cur.execute("DROP DATABASE IF EXISTS py_smoke")
            cur.execute("CREATE DATABASE py_smoke")
            cur.execute("USE py_smoke")
            cur.execute("CREATE TABLE people (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(40) NOT NULL, age INT)")
            rows = cur.executemany("INSERT INTO people (name, age) VALUES (%s, %s)",
                                   [("ann", 31), ("bob", None), ("o'hara", 45)])
            check("executemany rowcount", rows, 3)
            cur.execute("INSERT INTO people (name, age) VALUES (%s, %s)", ("dee", 22))
            check("lastrowid", cur.lastrowid, 4)
            cur.execute("SELECT id, name, age FROM people WHERE age IS NULL OR age > %s ORDER BY id", (30,))
            check("select rows", cur.fetchall(), ((1, "ann", 31), (2, "bob", None), (3, "o'hara", 45)))
            check("column names", [d[0] for d in cur.description], ["id", "name", "age"])
            cur.execute("SELECT COUNT(*), SUM(age) FROM people")
            count, total = cur.fetchone()
            check("aggregate", (count, int(total)), (4, 98))
            check("update rowcount", cur.execute("UPDATE people SET age = age + 1 WHERE age IS NOT NULL"), 3)
            try:
                cur.execute("SELECT * FROM no_such_table")
                check("error raised", False, True)
            except pymysql.MySQLError as e:
                check("missing table errno", e.args[0], 1146)
            try:
                cur.execute("INSERT INTO people (id, name) VALUES (1, 'dup')")
                check("error raised", False, True)
            except pymysql.err.IntegrityError as e:
                check("duplicate key errno", e.args[0], 1062)
            conn.autocommit(False)
            cur.execute("DELETE FROM people")
            conn.rollback()
            cur.execute("SELECT COUNT(*) FROM people")
            check("rollback keeps rows", cur.fetchone()[0], 4)
            conn.autocommit(True)
            cur.execute("DROP DATABASE py_smoke")
    finally:
        conn.close()
    print("PASS")


if __name__ == "__main__":
    main()
