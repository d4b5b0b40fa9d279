import sqlite3

from reports.filters import build_where


def identifiers(conn, table, column, name):
    conn.execute("SELECT * FROM " + table + " WHERE name = 'bob'")
    conn.execute(f"SELECT id FROM users WHERE {column} = 1")
    conn.execute(f'SELECT "{column}" FROM users')
    conn.execute("UPDATE users SET " + column + " = 1")


def direction(conn, order):
    return conn.execute("SELECT id FROM users ORDER BY name " + order).fetchall()


def in_list(conn, rows):
    return conn.execute("SELECT id FROM users WHERE id IN (%s)" % ",".join(str(i) for i in fetch_ids(rows))).fetchall()


def script(conn, name):
    conn.executescript("INSERT INTO users (name) VALUES ('" + name + "');")


def fragments(conn, condition, region):
    conn.execute("SELECT id FROM users WHERE " + condition)
    conn.execute("SELECT id FROM users WHERE " + build_where(region))


def escaped(conn, name):
    conn.execute("SELECT id FROM users WHERE name = '" + name.replace("'", "''") + "'")


def formatted(conn, price):
    conn.execute(f"SELECT id FROM items WHERE price > {price:.2f}")


def statements(conn, mode, prefix):
    conn.execute("PRAGMA journal_mode = " + mode)
    conn.execute("DROP TABLE IF EXISTS %s_archive" % prefix)
