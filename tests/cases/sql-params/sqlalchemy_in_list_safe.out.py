from sqlalchemy import text


def by_ids(conn, ids):
    return conn.execute(text("SELECT name FROM users WHERE id IN (" + ", ".join(str(i) for i in ids) + ")")).all()


def by_names(conn, names):
    stmt = text("SELECT id FROM users WHERE name IN ('" + "', '".join(names) + "')")
    return conn.execute(stmt).all()


def by_map(conn, ids, name):
    return conn.execute(text(f"SELECT id FROM users WHERE id IN ({','.join(map(str, ids))}) AND name = :name"), {"name": str(name)}).all()
