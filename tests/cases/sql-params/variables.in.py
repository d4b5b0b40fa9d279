import sqlite3


def assigned_once(conn, name):
    query = "SELECT id FROM users WHERE name = '" + name + "'"
    return conn.execute(query).fetchall()


def value_changes_later(conn, name):
    query = "SELECT id FROM users WHERE name = '" + name + "'"
    name = None
    return conn.execute(query).fetchall()


def branches(conn, kind, name, uid: int):
    if kind == "name":
        query = "SELECT id FROM users WHERE name = '" + name + "'"
    elif kind == "id":
        query = "SELECT id FROM users WHERE id = " + str(uid)
    else:
        query = "SELECT id FROM users"
    return conn.execute(query).fetchall()


def builder(conn, name=None, min_age=None, term=None):
    sql = "SELECT id FROM users WHERE 1 = 1"
    if name:
        sql += " AND name = '" + name + "'"
    if min_age is not None:
        sql += " AND age >= %d" % min_age
    if term:
        sql += f" AND (name LIKE '%{term}%' OR nick LIKE '%{term}%')"
    sql += " ORDER BY id"
    return conn.execute(sql).fetchall()


def logged(conn, log, name):
    query = "SELECT id FROM users WHERE name = '" + name + "'"
    log(query)
    return conn.execute(query).fetchall()
