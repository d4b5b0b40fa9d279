import sqlite3


def padded(conn, code: int):
    return conn.execute(
        "SELECT id FROM users WHERE substr('00000' || id, -5, 5) = ?",
        (format(code, "05d"),),
    ).fetchall()


def aligned(conn, nick):
    return conn.execute(
        "SELECT id FROM users WHERE substr('     ' || nick, -5, 5) = ?",
        (format(nick, ">5"),),
    ).fetchall()


def percent_width(conn, nick, uid):
    return conn.execute(
        "SELECT id FROM users WHERE substr('     ' || nick, -5, 5) = ? OR id = ?",
        ("%5s" % (nick,), int(uid)),
    ).fetchall()


def quoted_int(conn, uid):
    return conn.execute(
        "SELECT id FROM users WHERE CAST(id AS TEXT) = ?", ("%d" % (uid,),)
    ).fetchall()


def converted(conn, name, age):
    return conn.execute(
        "SELECT id FROM users WHERE name = ? OR note = ?",
        (str(name), f"age {age!r:>4}"),
    ).fetchall()


def decimal_spec(conn, uid):
    return conn.execute("SELECT name FROM users WHERE id = ?", (int(uid),)).fetchall()


def money(conn, amount):
    return conn.execute(
        "SELECT id FROM users WHERE printf('%.2f EUR', age) = ?",
        ("%.2f" % (amount,) + " EUR",),
    ).fetchall()
