import sqlite3


def merge_tuple(conn, name, age):
    return conn.execute("SELECT id FROM users WHERE age > ? AND name = '" + name + "'", (age,)).fetchall()


def merge_list_middle(conn, name, low, high):
    return conn.execute("SELECT id FROM users WHERE age > ? AND name = '" + name + "' AND age < ?", [low, high]).fetchall()


def merge_dict(conn, name, uid):
    return conn.execute("SELECT id FROM users WHERE id = :uid OR name = '" + name + "'", {"uid": uid}).fetchall()


def merge_name(conn, name, args):
    return conn.execute("SELECT id FROM users WHERE age > ? AND name = '" + name + "'", args).fetchall()


def many(conn, rows, tag):
    conn.executemany("INSERT INTO users (name, tag) VALUES (?, '" + tag + "')", rows)


def many_middle(conn, rows, tag):
    conn.executemany("INSERT INTO users (name, tag, age) VALUES (?, '" + tag + "', ?)", rows)
