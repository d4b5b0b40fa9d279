import sqlite3


def padded(conn, uid):
    return conn.execute("SELECT name FROM users WHERE id = %05d" % uid).fetchall()


def signed(conn, uid, limit):
    return conn.execute("SELECT name FROM users WHERE id >= {:+d} ORDER BY id LIMIT {:>3d}".format(uid, limit)).fetchall()


def as_int(conn, uid):
    return conn.execute(f"SELECT name FROM users WHERE id = {int(uid)}").fetchall()


def as_float(conn, age):
    return conn.execute("SELECT name FROM users WHERE age > " + str(float(age)) + " ORDER BY id").fetchall()


def unsigned(conn, uid):
    return conn.execute("SELECT name FROM users WHERE id = %u" % uid).fetchall()


def grouped(conn, uid):
    return conn.execute("SELECT name FROM users WHERE id = {:,d}".format(uid)).fetchall()


def bare(conn, uid):
    return conn.execute(f"SELECT name FROM users WHERE id = {uid}").fetchall()
