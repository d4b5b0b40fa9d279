import sqlite3


def plus(conn, name, nick):
    sql = ("SELECT id FROM users WHERE name = '" +  # the user's name
           name +  # bound
           "' AND nick = '" + nick + "'")  # whole query
    return conn.execute(sql).fetchall()


def template(conn, name):
    return conn.execute(
        "SELECT id FROM users "
        "WHERE name = '{}'"  # filter
        .format(name)
    ).fetchall()


def trailing_comma(conn, name):
    return conn.execute(
        # by name
        "SELECT id FROM users "  # table
        "WHERE name = '%s'"  # filter
        % name,
    ).fetchall()
