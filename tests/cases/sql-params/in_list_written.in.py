import sqlite3


def by_urls(cur, urls):
    placeholder = ', '.join(['?'] * len(urls))
    cur.execute(f'SELECT id FROM bookmarks WHERE url IN ({placeholder})', list(urls))
    return cur.fetchall()


def by_ids(conn, ids):
    return conn.execute("SELECT name FROM users WHERE id IN (" + ", ".join(["?"] * len(ids)) + ")", (*ids,)).fetchall()


def numbered(conn, names):
    sql = "SELECT id FROM users WHERE 1 = 0"
    params = []
    for name in names:
        sql += " OR name = :" + str(len(params) + 1)
        params.append(name)
    return conn.execute(sql, params).fetchall()
