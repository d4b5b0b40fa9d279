import sqlite3


def plus(conn, name, nick):
    # the user's name
    sql = ("SELECT id FROM users WHERE name = ?" +  # bound
           " AND nick = ?")  # whole query
    return conn.execute(sql, (name, nick)).fetchall()


def template(conn, name):
    # filter
    return conn.execute(
        "SELECT id FROM users "
        "WHERE name = ?", (str(name),)
    ).fetchall()


def trailing_comma(conn, name):
    # filter
    return conn.execute(
        # by name
        "SELECT id FROM users "  # table
        "WHERE name = ?", (str(name),),
    ).fetchall()
