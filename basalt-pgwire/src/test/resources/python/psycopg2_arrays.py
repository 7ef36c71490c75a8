# psycopg2 (libpq) and arrays (issue 10): Python lists go out as ARRAY[...] (an empty one as '{}'),
# int[]/text[]/numeric[]/date[] columns come back as lists. Run by PsycopgScriptTest:
# python3 psycopg2_arrays.py PORT PASSWORD; its stdout must equal psycopg2_arrays.out (PostgreSQL 15's for the same script).
import sys, psycopg2, datetime, decimal
port, password = int(sys.argv[1]), sys.argv[2]
user = sys.argv[3] if len(sys.argv) > 3 else "root"
conn = psycopg2.connect(host="127.0.0.1", port=port, user=user, password=password, dbname="postgres")
cur = conn.cursor()
cur.execute("DROP TABLE IF EXISTS psy_arr")
cur.execute("CREATE TABLE psy_arr (id int PRIMARY KEY, tags text[], nums int[], amounts numeric[], days date[])")
cur.execute("INSERT INTO psy_arr VALUES (%s, %s, %s, %s, %s)",
            (1, ["a", "b c", None, 'q"uote'], [1, 2, 3], [decimal.Decimal("1.50")], [datetime.date(2024, 1, 2)]))
cur.executemany("INSERT INTO psy_arr (id, tags, nums) VALUES (%s, %s, %s)", [(2, [], []), (3, ["x"], [5, None])])
conn.commit()
cur.execute("SELECT id, tags, nums, amounts, days FROM psy_arr ORDER BY id")
for row in cur.fetchall():
    print(row)
cur.execute("SELECT id FROM psy_arr WHERE id = ANY(%s) ORDER BY id", ([1, 3, 99],))
print(cur.fetchall())
cur.execute("SELECT id FROM psy_arr WHERE id = ANY(%s)", ([],))
print(cur.fetchall())
cur.execute("SELECT id FROM psy_arr WHERE %s = ANY(tags)", ("x",))
print(cur.fetchall())
cur.execute("SELECT id FROM psy_arr WHERE tags && %s::text[] ORDER BY id", (["a", "x"],))
print(cur.fetchall())
cur.execute("SELECT nums[1], cardinality(tags), array_length(nums, 1) FROM psy_arr ORDER BY id")
print(cur.fetchall())
cur.execute("SELECT array_agg(id ORDER BY id) FROM psy_arr")
print(cur.fetchone())
cur.execute("UPDATE psy_arr SET nums = array_append(nums, %s) WHERE id = %s", (9, 2))
cur.execute("SELECT nums FROM psy_arr WHERE id = 2")
print(cur.fetchone())
# multi-dimensional: psycopg2 sends nested lists as ARRAY[[...],[...]] and reads them back nested
cur.execute("SELECT %s::int[] AS m, (%s::int[])[2][1] AS m21", ([[1, 2], [3, None]], [[1, 2], [3, 4]]))
print(cur.fetchone())
cur.execute("SELECT '{{a,\"b c\"},{NULL,d}}'::text[], array_dims('{{1},{2},{3}}'::int[])")
print(cur.fetchone())
cur.execute("DROP TABLE psy_arr")
conn.commit()
conn.close()
print("done")
