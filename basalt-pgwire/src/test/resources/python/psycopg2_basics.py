# psycopg2 (libpq) against Basalt: parameters, executemany, transactions, errors with pgcode.
# Run by PsycopgScriptTest: python3 psycopg2_basics.py PORT PASSWORD; its stdout must equal psycopg2_basics.out.
import sys, psycopg2, psycopg2.extras, datetime, decimal
port, password = int(sys.argv[1]), sys.argv[2]
conn = psycopg2.connect(host="127.0.0.1", port=port, user="root", password=password, dbname="postgres")
print("server_version", conn.server_version)
print("encoding", conn.encoding)
cur = conn.cursor()
cur.execute("CREATE SCHEMA IF NOT EXISTS psy_schema")
cur.execute("SET search_path TO psy_schema")
cur.execute("CREATE TABLE psy (id serial PRIMARY KEY, name varchar(20) NOT NULL UNIQUE, price numeric(8,2), seen timestamp, ok boolean)")
conn.commit()
cur.execute("INSERT INTO psy (name, price, seen, ok) VALUES (%s, %s, %s, %s)", ("it's", decimal.Decimal("1.50"), datetime.datetime(2024, 1, 2, 3, 4, 5), True))
cur.executemany("INSERT INTO psy (name, price, seen, ok) VALUES (%s, %s, %s, %s)", [("b", 2, None, False), ("c", None, None, None)])
print("rowcount", cur.rowcount)
conn.commit()
cur.execute("SELECT id, name, price, seen, ok FROM psy WHERE name = %(n)s", {"n": "it's"})
print(cur.fetchall())
cur.execute("SELECT count(*) FROM psy")
print(cur.fetchone())
try:
    cur.execute("INSERT INTO psy (name) VALUES (%s)", ("b",))
except psycopg2.Error as e:
    print("pgcode", e.pgcode, type(e).__name__)
try:
    cur.execute("SELECT 1")
except psycopg2.Error as e:
    print("pgcode", e.pgcode, type(e).__name__)
conn.rollback()
cur.execute("UPDATE psy SET price = price + 1 WHERE name = %s", ("b",))
print("updated", cur.rowcount)
conn.rollback()
cur.execute("SELECT price FROM psy WHERE name = 'b'")
print("after rollback", cur.fetchone())
with conn:
    with conn.cursor() as c2:
        c2.execute("DELETE FROM psy WHERE name = %s", ("c",))
cur.execute("SELECT name FROM psy ORDER BY id")
print([r[0] for r in cur.fetchall()])
try:
    cur.execute("SELECT * FROM nonexistent")
except psycopg2.Error as e:
    print("pgcode", e.pgcode, type(e).__name__)
conn.rollback()
conn.autocommit = True
cur.execute("SELECT %s::int + 1, %s", (41, None))
print(cur.fetchone())
d = psycopg2.extras.RealDictCursor
with conn.cursor(cursor_factory=d) as c3:
    c3.execute("SELECT name, price FROM psy WHERE id = 1")
    print(dict(c3.fetchone()))
import io
cur.execute("CREATE TABLE cp (id int PRIMARY KEY, name text, price numeric(6,2))")
cur.copy_from(io.StringIO("1\tone\t1.50\n2\t\\N\t\\N\n"), "cp", columns=("id", "name", "price"))
print("copy_from", cur.rowcount)
cur.copy_expert("COPY cp FROM STDIN WITH (FORMAT csv, HEADER)", io.StringIO('id,name,price\n3,"three, 3",3\n'))
print("copy_expert in", cur.rowcount)
out = io.StringIO()
cur.copy_expert("COPY (SELECT * FROM cp ORDER BY id) TO STDOUT WITH CSV HEADER", out)
print(repr(out.getvalue()))
try:
    cur.copy_from(io.StringIO("1\tdup\t1\n"), "cp")
except psycopg2.Error as e:
    print("pgcode", e.pgcode, type(e).__name__)
cur.execute("SELECT count(*) FROM cp")
print(cur.fetchone())
conn.close()
print("done")
