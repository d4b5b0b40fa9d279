def branches(conn, kind, name, uid: int):
    if kind == "name":
        query = "SELECT id FROM users WHERE name = '" + name + "' OR nick = '" + name + "'"
    elif kind == "id":
        query = "SELECT id FROM users WHERE id = " + str(uid)
    else:
        query = "SELECT id FROM users"
    return conn.execute(query + " ORDER BY id").fetchall()


def straight(conn, name, nick):
    sql = "SELECT id FROM users WHERE name = '" + name + "'"
    sql += " AND nick = '" + nick + "'"
    name = None
    return conn.execute(sql).fetchall()


def branch_then_tail(conn, kind, name, nick):
    if kind == "name":
        sql = f"SELECT id FROM users WHERE name = '{name}'"
    else:
        sql = f"SELECT id FROM users WHERE nick = '{nick}'"
    return conn.execute(sql + " AND note <> '" + nick + "'").fetchall()


def optional_filters(conn, name=None, term=None):
    sql = "SELECT id FROM users WHERE 1 = 1"
    if name:
        sql += " AND name = '" + name + "'"
    if term:
        sql += f" AND nick LIKE '%{term}%'"
    return conn.execute(sql).fetchall()


def in_a_loop(conn, names):
    sql = "SELECT id FROM users WHERE 1 = 0"
    for name in names:
        sql += " OR name = '" + name + "'"
    return conn.execute(sql).fetchall()


def _terms_query(name, terms):
    sql = f"SELECT id FROM users WHERE name <> '{name}'"
    for term in terms:
        sql += " AND note NOT LIKE '%" + term + "%'"
    sql += " ORDER BY id"
    return sql


def without_terms(conn, name, terms):
    return conn.execute(_terms_query(name, terms)).fetchall()
