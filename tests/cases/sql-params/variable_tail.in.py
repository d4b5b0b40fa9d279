import sqlite3

from sqlalchemy import text


def ordered(conn, name):
    sql = "SELECT id FROM users WHERE name = '" + name + "'"
    return conn.execute(sql + " ORDER BY id").fetchall()


def tail_value(conn, name, nick):
    sql = "SELECT id FROM users WHERE name = '" + name + "'"
    return conn.execute(sql + " OR nick = '" + nick + "' ORDER BY id").fetchall()


def built_then_ordered(conn, name, min_age=None):
    sql = "SELECT id FROM users WHERE name = '" + name + "'"
    if min_age is not None:
        sql += " AND age >= " + str(int(min_age))
    cur = conn.cursor()
    cur.execute(sql + " ORDER BY id")
    return cur.fetchall()


def grown_then_limited(conn, term, n: int):
    sql = "SELECT id FROM users WHERE 1 = 1"
    if term:
        sql += " AND name LIKE '%" + term + "%'"
    return conn.execute(sql + " ORDER BY id LIMIT " + str(n)).fetchall()


def with_text(conn, name, nick):
    sql = f"SELECT id FROM users WHERE name = '{name}'"
    if nick:
        sql += f" OR nick = '{nick}'"
    return conn.execute(text(sql + " ORDER BY id")).all()


def logged(conn, log, name):
    sql = "SELECT id FROM users WHERE name = '" + name + "'"
    log(sql)
    return conn.execute(sql + " ORDER BY id").fetchall()


def constant_then_tail(conn, name):
    sql = "SELECT id FROM users"
    return conn.execute(text(sql + " WHERE name = '" + name + "' ORDER BY id")).all()
