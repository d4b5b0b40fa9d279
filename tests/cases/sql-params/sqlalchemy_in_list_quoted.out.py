from sqlalchemy import bindparam, text


def by_names(conn, names):
    return conn.execute(text("SELECT id FROM users WHERE name IN :names ORDER BY id").bindparams(bindparam("names", expanding=True)), {"names": list(names)}).all()


def by_nicks(conn, nicks):
    sql = "SELECT id FROM users WHERE nick IN :nicks ORDER BY id"
    params = {"nicks": list(nicks)}
    return conn.execute(
        text(sql).bindparams(bindparam("nicks", expanding=True)), params
    ).all()
