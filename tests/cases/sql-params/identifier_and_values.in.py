import sqlite3

TABLE = "users"


def sorted_by(conn, name, sort):
    return conn.execute(f"SELECT id, name FROM users WHERE name <> '{name}' ORDER BY {sort}").fetchall()


def from_table(conn, table, name):
    return conn.execute("SELECT id FROM " + table + " WHERE name = '" + name + "'").fetchall()


def percent(conn, column, name, direction):
    sql = "SELECT %s FROM users WHERE name = '%s' OR note = 'A%%grade' ORDER BY id %s" % (column, name, direction)
    return conn.execute(sql).fetchall()


def shared_column(conn, column, name):
    return conn.execute("SELECT {0} FROM users WHERE name = '{1}' AND {0} LIKE 'a%'".format(column, name)).fetchall()


def constant_table(conn, name):
    return conn.execute("SELECT id FROM %s WHERE name = '%s'" % (TABLE, name)).fetchall()


def mapping(conn, column, name):
    return conn.execute("SELECT %(col)s FROM users WHERE name = '%(name)s'" % {"col": column, "name": name}).fetchall()


def only_identifiers(conn, table, column):
    return conn.execute(f"SELECT {column} FROM {table}").fetchall()


def fragment_blocks(conn, condition, name):
    return conn.execute("SELECT id FROM users WHERE name = '" + name + "' AND " + condition).fetchall()


def bracketed(conn, table, column, name):
    return conn.execute("SELECT [{}] FROM [{}] WHERE name = '{}'".format(column, table, name)).fetchall()
