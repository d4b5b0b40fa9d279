import sqlite3


def _user_query(name, min_age=None, terms=()):
    """Build the query."""
    sql = "SELECT id FROM users WHERE name <> ?"
    params = [str(name)]
    if min_age is not None:
        sql += " AND age >= ?"
        params.append(int(min_age))
    for term in terms:
        sql += " AND note LIKE ?"
        params.append(f"%{term}%")
    sql += " ORDER BY id"
    return sql, params


def find(conn, name, min_age=None, terms=()):
    return conn.execute(*_user_query(name, min_age, terms)).fetchall()


def _logged_query(log, name):
    sql = "SELECT id FROM users WHERE name = '" + name + "'"
    log(sql)
    return sql


def find_logged(conn, log, name):
    return conn.execute(_logged_query(log, name)).fetchall()


def _early_return(name, everyone):
    if everyone:
        return "SELECT id FROM users"
    sql = "SELECT id FROM users WHERE name = '" + name + "'"
    return sql


def find_early(conn, name, everyone=False):
    return conn.execute(_early_return(name, everyone)).fetchall()
