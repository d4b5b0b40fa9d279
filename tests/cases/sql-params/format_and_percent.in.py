import sqlite3


def positional(conn, name):
    return conn.execute("SELECT id FROM users WHERE name = '{}'".format(name)).fetchall()


def keywords_any_order(conn, name, nick):
    query = "SELECT id FROM users WHERE nick = '{nick}' OR name = '{name}'".format(name=name, nick=nick)
    return conn.execute(query).fetchall()


def numbered(conn, name):
    return conn.execute("SELECT id FROM users WHERE name = '{0}' OR nick = '{0}'".format(name)).fetchall()


def percent_single(conn, name):
    return conn.execute("SELECT id FROM users WHERE name = '%s' AND note LIKE 'a%%'" % name).fetchall()


def percent_tuple(conn, name, uid):
    return conn.execute("SELECT id FROM users WHERE name = '%s' OR id = %d" % (name, uid)).fetchall()


def percent_dict(conn, name, uid):
    return conn.execute("SELECT id FROM users WHERE name = '%(n)s' OR id = %(i)d" % {"i": uid, "n": name}).fetchall()


def fstring(conn, name: str):
    return conn.execute(f"SELECT id FROM users WHERE name = '{name}' OR nick = '{name}'").fetchall()


def fstring_like(conn, term):
    return conn.execute(f"SELECT id FROM users WHERE name LIKE '{term}%' AND note <> '{{x}}'").fetchall()
