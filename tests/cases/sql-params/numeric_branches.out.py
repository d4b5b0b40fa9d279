def branches(conn, kind, name, uid: int):
    if kind == "name":
        query = "SELECT id FROM users WHERE name = :1 OR nick = :2"
        params = [name, name]
    elif kind == "id":
        query = "SELECT id FROM users WHERE id = :1"
        params = [uid]
    else:
        query = "SELECT id FROM users"
        params = []
    return conn.execute(query + " ORDER BY id", params).fetchall()


def straight(conn, name, nick):
    sql = "SELECT id FROM users WHERE name = :1"
    params = [name]
    sql += " AND nick = :2"
    params.append(nick)
    name = None
    return conn.execute(sql, params).fetchall()


def branch_then_tail(conn, kind, name, nick):
    if kind == "name":
        sql = "SELECT id FROM users WHERE name = :1"
        params = [str(name)]
    else:
        sql = "SELECT id FROM users WHERE nick = :1"
        params = [str(nick)]
    return conn.execute(sql + " AND note <> :2", [*params, nick]).fetchall()


def optional_filters(conn, name=None, term=None):
    sql = "SELECT id FROM users WHERE 1 = 1"
    params = []
    if name:
        sql += " AND name = :" + str(len(params) + 1)
        params.append(name)
    if term:
        sql += " AND nick LIKE :" + str(len(params) + 1)
        params.append(f"%{term}%")
    return conn.execute(sql, params).fetchall()


def in_a_loop(conn, names):
    sql = "SELECT id FROM users WHERE 1 = 0"
    params = []
    for name in names:
        sql += " OR name = :" + str(len(params) + 1)
        params.append(name)
    return conn.execute(sql, params).fetchall()


def _terms_query(name, terms):
    sql = "SELECT id FROM users WHERE name <> :1"
    params = [str(name)]
    for term in terms:
        sql += " AND note NOT LIKE :" + str(len(params) + 1)
        params.append(f"%{term}%")
    sql += " ORDER BY id"
    return sql, params


def without_terms(conn, name, terms):
    return conn.execute(*_terms_query(name, terms)).fetchall()
