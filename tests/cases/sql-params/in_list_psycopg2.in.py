import psycopg2


def by_ids(conn, ids):
    return conn.execute("SELECT name FROM users WHERE id IN (" + ", ".join(str(i) for i in ids) + ") ORDER BY id").fetchall()


def by_ids_percent(conn, ids, name):
    return conn.execute("SELECT id FROM users WHERE id IN (%s) AND name <> '%s'" % (",".join(map(str, ids)), name)).fetchall()


def by_ids_fstring(conn, name, ids):
    return conn.execute(f"SELECT id FROM users WHERE name <> '{name}' AND id IN ({', '.join(str(int(i)) for i in ids)})").fetchall()


def by_ids_format(conn, ids):
    return conn.execute("SELECT id FROM users WHERE id IN ({})".format(",".join("%d" % i for i in ids))).fetchall()


def built(conn, ids, name=None):
    sql = "SELECT id FROM users WHERE id IN (" + ",".join(str(i) for i in ids) + ")"
    if name:
        sql += " AND name = '" + name + "'"
    return conn.execute(sql).fetchall()


def raw_strings(conn, codes):
    return conn.execute("SELECT id FROM users WHERE nick IN (" + ",".join(codes) + ")").fetchall()


def generator(conn, rows):
    ids = (r[0] for r in rows)
    return conn.execute("SELECT id FROM users WHERE id IN (" + ",".join(str(i) for i in ids) + ")").fetchall()


def quoted(conn, names):
    return conn.execute("SELECT id FROM users WHERE name IN ('" + "', '".join(names) + "')").fetchall()


def by_rows(conn, rows):
    return conn.execute("SELECT id FROM users WHERE id IN (%s) ORDER BY id" % ",".join(str(r.id) for r in rows)).fetchall()
