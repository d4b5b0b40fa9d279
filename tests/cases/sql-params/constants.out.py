import sqlite3

TABLE = "users"
LIMIT = 10


def everything(conn):
    return conn.execute("SELECT * FROM " + TABLE + " LIMIT " + str(LIMIT)).fetchall()


def formatted(conn):
    return conn.execute(f"SELECT * FROM {TABLE} WHERE kind = '{'admin'}'").fetchall()


def mixed(conn, name):
    return conn.execute(
        f"SELECT * FROM {TABLE} WHERE name = ?", (str(name),)
    ).fetchall()


def not_sql(log, name):
    log.execute("hello " + name)
