import sqlite3


def assigned_once(conn, name):
    query = "SELECT id FROM users WHERE name = ?"
    return conn.execute(query, (name,)).fetchall()


def value_changes_later(conn, name):
    query = "SELECT id FROM users WHERE name = ?"
    params = [name]
    name = None
    return conn.execute(query, params).fetchall()


def branches(conn, kind, name, uid: int):
    if kind == "name":
        query = "SELECT id FROM users WHERE name = ?"
        params = [name]
    elif kind == "id":
        query = "SELECT id FROM users WHERE id = ?"
        params = [uid]
    else:
        query = "SELECT id FROM users"
        params = []
    return conn.execute(query, params).fetchall()


def builder(conn, name=None, min_age=None, term=None):
    sql = "SELECT id FROM users WHERE 1 = 1"
    params = []
    if name:
        sql += " AND name = ?"
        params.append(name)
    if min_age is not None:
        sql += " AND age >= ?"
        params.append(int(min_age))
    if term:
        sql += " AND (name LIKE ? OR nick LIKE ?)"
        params.extend([f"%{term}%", f"%{term}%"])
    sql += " ORDER BY id"
    return conn.execute(sql, params).fetchall()


def logged(conn, log, name):
    query = "SELECT id FROM users WHERE name = '" + name + "'"
    log(query)
    return conn.execute(query).fetchall()
