import psycopg2
import pymysql


def pg_search(conn, term, kind):
    with conn.cursor() as cur:
        cur.execute("SELECT id FROM items WHERE title LIKE %s AND kind = %s AND code LIKE 'A%%'", (f"%{term}%", kind))
        return cur.fetchall()


def pg_named(cur, name, uid):
    cur.execute(
        "SELECT id FROM users WHERE id = %(uid)s OR name = %(name)s",
        {"uid": uid, "name": name},
    )


def pg_percent_template(cur, name):
    cur.execute(
        "SELECT id FROM users WHERE name = %s AND code LIKE 'A%%'", (str(name),)
    )


def mysql(name):
    conn = pymysql.connect(host="localhost", user="app")
    with conn.cursor() as cur:
        cur.execute("SELECT id FROM users WHERE name = %s", (str(name),))
        return cur.fetchall()
