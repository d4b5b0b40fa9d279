from sqlalchemy import text


def by_names(conn, names):
    return conn.execute(text("SELECT id FROM users WHERE name IN (%s) ORDER BY id" % ", ".join("'%s'" % n for n in names))).all()


def by_nicks(conn, nicks):
    sql = "SELECT id FROM users WHERE nick IN (" + ",".join("'" + n + "'" for n in nicks) + ") ORDER BY id"
    return conn.execute(text(sql)).all()
