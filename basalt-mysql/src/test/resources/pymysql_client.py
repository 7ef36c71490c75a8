"""Drives PyMySQL against a Basalt MySQL listener; prints one line per check for the Java test."""
import sys

import pymysql
from pymysql.constants import CLIENT

port = int(sys.argv[1])


def connect(user, password, p=port, **kw):
    return pymysql.connect(host="127.0.0.1", port=p, user=user, password=password, database="test", **kw)


with connect("root", "") as c, c.cursor() as cur:
    cur.execute("SELECT 1")
    print("select1", cur.fetchone()[0])
    cur.execute("SELECT * FROM people")
    for row in cur.fetchall():
        print("people", row[0], row[1], row[2], row[3], row[4], row[5])
    print("columns", ",".join(d[0] for d in cur.description))

with connect("alice", "secret") as c, c.cursor() as cur:
    cur.execute("SELECT USER()")
    print("user", cur.fetchone()[0])

# PyMySQL encodes str passwords as latin-1; bytes go through as given. Only the fast path is
# exercised: this PyMySQL's caching_sha2 full-authentication helper returns None after the RSA
# round trip (a client bug that fails against MySQL too).
with connect("bob", "pässwörd-🔑".encode("utf-8")) as c, c.cursor() as cur:
    cur.execute("SELECT USER()")
    print("bob", cur.fetchone()[0])

try:
    connect("alice", "wrong")
except pymysql.err.OperationalError as e:
    print("denied", e.args[0], e.args[1])

with connect("root", "", client_flag=CLIENT.MULTI_STATEMENTS) as c, c.cursor() as cur:
    cur.execute("SELECT 1; INSERT INTO t VALUES (1); SELECT 'two'")
    results = [cur.fetchall()]
    while cur.nextset():
        results.append(cur.rowcount if cur.description is None else cur.fetchall())
    print("multi", results)

with connect("root", "") as c, c.cursor() as cur:
    try:
        cur.execute("SELECT * FROM missing")
    except pymysql.err.ProgrammingError as e:
        print("error", e.args[0], e.args[1])
    cur.execute("SELECT %s", ("quote ' and \\ backslash",))
    print("param", cur.fetchone()[0])
