import sqlite3


def by_id(conn, uid):
    return conn.execute(f"SELECT name FROM users WHERE id = {uid}").fetchall()


def page(conn, name, n):
    return conn.execute(
        "SELECT id FROM users WHERE name = ? LIMIT " + str(n), (name,)
    ).fetchall()


def certain(conn, uid: int, rows):
    conn.execute("DELETE FROM users WHERE id = ? OR id > ?", (uid, len(rows)))


def between(conn, low, high):
    return conn.execute("SELECT id FROM users WHERE age BETWEEN %s AND %s" % (low, high)).fetchall()
