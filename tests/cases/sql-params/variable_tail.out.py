import sqlite3

from sqlalchemy import text


def ordered(conn, name):
    sql = "SELECT id FROM users WHERE name = ?"
    return conn.execute(sql + " ORDER BY id", (name,)).fetchall()


def tail_value(conn, name, nick):
    sql = "SELECT id FROM users WHERE name = ?"
    return conn.execute(sql + " OR nick = ? ORDER BY id", (name, nick)).fetchall()


def built_then_ordered(conn, name, min_age=None):
    sql = "SELECT id FROM users WHERE name = ?"
    params = [name]
    if min_age is not None:
        sql += " AND age >= ?"
        params.append(int(min_age))
    cur = conn.cursor()
    cur.execute(sql + " ORDER BY id", params)
    return cur.fetchall()


def grown_then_limited(conn, term, n: int):
    sql = "SELECT id FROM users WHERE 1 = 1"
    params = []
    if term:
        sql += " AND name LIKE ?"
        params.append(f"%{term}%")
    return conn.execute(sql + " ORDER BY id LIMIT ?", [*params, n]).fetchall()


def with_text(conn, name, nick):
    sql = "SELECT id FROM users WHERE name = :name"
    params = {"name": str(name)}
    if nick:
        sql += " OR nick = :nick"
        params["nick"] = str(nick)
    return conn.execute(text(sql + " ORDER BY id"), params).all()


def logged(conn, log, name):
    sql = "SELECT id FROM users WHERE name = '" + name + "'"
    log(sql)
    return conn.execute(sql + " ORDER BY id").fetchall()


def constant_then_tail(conn, name):
    sql = "SELECT id FROM users"
    return conn.execute(
        text(sql + " WHERE name = :name ORDER BY id"), {"name": name}
    ).all()
