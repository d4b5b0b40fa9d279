import sqlite3


def padded(conn, uid):
    return conn.execute("SELECT name FROM users WHERE id = ?", (int(uid),)).fetchall()


def signed(conn, uid, limit):
    return conn.execute(
        "SELECT name FROM users WHERE id >= ? ORDER BY id LIMIT ?",
        (int(uid), int(limit)),
    ).fetchall()


def as_int(conn, uid):
    return conn.execute("SELECT name FROM users WHERE id = ?", (int(uid),)).fetchall()


def as_float(conn, age):
    return conn.execute(
        "SELECT name FROM users WHERE age > ? ORDER BY id", (float(age),)
    ).fetchall()


def unsigned(conn, uid):
    return conn.execute("SELECT name FROM users WHERE id = ?", (int(uid),)).fetchall()


def grouped(conn, uid):
    return conn.execute("SELECT name FROM users WHERE id = {:,d}".format(uid)).fetchall()


def bare(conn, uid):
    return conn.execute(f"SELECT name FROM users WHERE id = {uid}").fetchall()
