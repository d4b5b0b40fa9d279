import sqlite3


def _user_query(name):
    """The query for one user."""
    return "SELECT id FROM users WHERE name = '" + name + "'"


def user_query(name):
    return "SELECT id FROM users WHERE nick = '" + name + "'"


def find(conn, name):
    return conn.execute(_user_query(name)).fetchall()


def find_stripped(conn, name):
    cur = conn.cursor()
    cur.execute(_user_query(name.strip()))
    return cur.fetchall()


def find_nick(conn, name):
    return conn.execute(user_query(name)).fetchall()
