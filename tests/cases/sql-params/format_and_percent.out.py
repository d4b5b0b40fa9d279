import sqlite3


def positional(conn, name):
    return conn.execute("SELECT id FROM users WHERE name = ?", (str(name),)).fetchall()


def keywords_any_order(conn, name, nick):
    query = "SELECT id FROM users WHERE nick = ? OR name = ?"
    return conn.execute(query, (str(nick), str(name))).fetchall()


def numbered(conn, name):
    return conn.execute(
        "SELECT id FROM users WHERE name = ? OR nick = ?", (str(name), str(name))
    ).fetchall()


def percent_single(conn, name):
    return conn.execute(
        "SELECT id FROM users WHERE name = ? AND note LIKE 'a%'", (str(name),)
    ).fetchall()


def percent_tuple(conn, name, uid):
    return conn.execute(
        "SELECT id FROM users WHERE name = ? OR id = ?", (str(name), int(uid))
    ).fetchall()


def percent_dict(conn, name, uid):
    return conn.execute(
        "SELECT id FROM users WHERE name = ? OR id = ?", (str(name), int(uid))
    ).fetchall()


def fstring(conn, name: str):
    return conn.execute(
        "SELECT id FROM users WHERE name = ? OR nick = ?", (name, name)
    ).fetchall()


def fstring_like(conn, term):
    return conn.execute(
        "SELECT id FROM users WHERE name LIKE ? AND note <> '{x}'", (f"{term}%",)
    ).fetchall()
