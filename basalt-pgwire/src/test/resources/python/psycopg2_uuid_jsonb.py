# psycopg2 (libpq) with uuid and jsonb columns (issue 10): uuid.UUID parameters and results (with
# register_uuid), jsonb as dict (psycopg2's default jsonb typecaster, OID 3802), ->> on it, 22P02 on a
# bad uuid. Run by PsycopgScriptTest: python3 psycopg2_uuid_jsonb.py PORT PASSWORD; its stdout must
# equal psycopg2_uuid_jsonb.out (PostgreSQL 15's for the same script).
import sys, uuid, psycopg2, psycopg2.extras
port, password = int(sys.argv[1]), sys.argv[2]
user = sys.argv[3] if len(sys.argv) > 3 else "root"
conn = psycopg2.connect(host="127.0.0.1", port=port, user=user, password=password, dbname="postgres")
psycopg2.extras.register_uuid()
cur = conn.cursor()
cur.execute("DROP TABLE IF EXISTS psy_uuid")
cur.execute("CREATE TABLE psy_uuid (id uuid PRIMARY KEY, doc jsonb)")
a = uuid.UUID("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")
b = uuid.UUID("00000000-0000-4000-8000-000000000001")
cur.executemany("INSERT INTO psy_uuid VALUES (%s, %s)",
                [(a, psycopg2.extras.Json({"b": 1, "a": [1, 2]})), (b, psycopg2.extras.Json([None, "x"]))])
conn.commit()
cur.execute("SELECT id, doc, doc->>'b' FROM psy_uuid ORDER BY id")
print([d.type_code for d in cur.description])
for row in cur.fetchall():
    print(type(row[0]).__name__, row)
cur.execute("SELECT doc FROM psy_uuid WHERE id = %s", (a,))
print(cur.fetchone())
cur.execute("SELECT id FROM psy_uuid WHERE id = ANY(%s::uuid[]) ORDER BY id", ([str(a), str(b)],))
print(cur.fetchall())
try:
    cur.execute("INSERT INTO psy_uuid VALUES (%s, '{}')", ("not-a-uuid",))
except psycopg2.Error as e:
    print(e.pgcode, e.pgerror.strip().splitlines()[0])
conn.rollback()
cur.execute("DROP TABLE psy_uuid")
conn.commit()
