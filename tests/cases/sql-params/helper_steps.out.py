import sqlite3


def _user_query(name):
    sql = "SELECT id FROM users WHERE name = ?"
    params = [name]
    return sql, params


def find(conn, name):
    return conn.execute(*_user_query(name)).fetchall()


def find_nick(conn, nick):
    return conn.execute("SELECT id FROM users WHERE nick = ?", (nick,)).fetchall()
