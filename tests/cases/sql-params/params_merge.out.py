import sqlite3


def merge_tuple(conn, name, age):
    return conn.execute(
        "SELECT id FROM users WHERE age > ? AND name = ?", (age, name)
    ).fetchall()


def merge_list_middle(conn, name, low, high):
    return conn.execute(
        "SELECT id FROM users WHERE age > ? AND name = ? AND age < ?", [low, name, high]
    ).fetchall()


def merge_dict(conn, name, uid):
    return conn.execute(
        "SELECT id FROM users WHERE id = :uid OR name = :name",
        {"uid": uid, "name": name},
    ).fetchall()


def merge_name(conn, name, args):
    return conn.execute(
        "SELECT id FROM users WHERE age > ? AND name = ?", (*args, name)
    ).fetchall()


def many(conn, rows, tag):
    conn.executemany(
        "INSERT INTO users (name, tag) VALUES (?, ?)", [(*row, tag) for row in rows]
    )


def many_middle(conn, rows, tag):
    conn.executemany(
        "INSERT INTO users (name, tag, age) VALUES (?, ?, ?)",
        [(*row[:1], tag, *row[1:]) for row in rows],
    )
