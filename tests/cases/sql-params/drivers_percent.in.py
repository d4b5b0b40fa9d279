import psycopg2
import pymysql


def pg_search(conn, term, kind):
    with conn.cursor() as cur:
        cur.execute("SELECT id FROM items WHERE title LIKE '%" + term + "%' AND kind = '" + kind + "' AND code LIKE 'A%'")
        return cur.fetchall()


def pg_named(cur, name, uid):
    cur.execute("SELECT id FROM users WHERE id = %(uid)s OR name = '" + name + "'", {"uid": uid})


def pg_percent_template(cur, name):
    cur.execute("SELECT id FROM users WHERE name = '%s' AND code LIKE 'A%%'" % name)


def mysql(name):
    conn = pymysql.connect(host="localhost", user="app")
    with conn.cursor() as cur:
        cur.execute(f"SELECT id FROM users WHERE name = '{name}'")
        return cur.fetchall()
