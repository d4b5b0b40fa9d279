import psycopg


def padded(conn, uid):
    return conn.execute("SELECT name FROM users WHERE id = %s", (int(uid),)).fetchall()


def signed(conn, uid, limit):
    return conn.execute(
        "SELECT name FROM users WHERE id >= %s ORDER BY id LIMIT %s",
        (int(uid), int(limit)),
    ).fetchall()


def as_int(conn, uid):
    return conn.execute("SELECT name FROM users WHERE id = %s", (int(uid),)).fetchall()


def as_float(conn, age):
    return conn.execute("SELECT name FROM users WHERE age > " + str(float(age)) + " ORDER BY id").fetchall()


def unsigned(conn, uid):
    return conn.execute("SELECT name FROM users WHERE id = %s", (int(uid),)).fetchall()


def grouped(conn, uid):
    return conn.execute("SELECT name FROM users WHERE id = {:,d}".format(uid)).fetchall()


def bare(conn, uid):
    return conn.execute(f"SELECT name FROM users WHERE id = {uid}").fetchall()
