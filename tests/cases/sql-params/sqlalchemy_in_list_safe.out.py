from sqlalchemy import bindparam, text


def by_ids(conn, ids):
    return conn.execute(text("SELECT name FROM users WHERE id IN :ids").bindparams(bindparam("ids", expanding=True)), {"ids": list(ids)}).all()


def by_names(conn, names):
    stmt = text("SELECT id FROM users WHERE name IN ('" + "', '".join(names) + "')")
    return conn.execute(stmt).all()


def by_map(conn, ids, name):
    return conn.execute(text("SELECT id FROM users WHERE id IN :ids AND name = :name").bindparams(bindparam("ids", expanding=True)), {"ids": list(ids), "name": str(name)}).all()
