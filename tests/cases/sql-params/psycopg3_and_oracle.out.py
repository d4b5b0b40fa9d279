import oracledb
import psycopg


def pg3(name):
    with psycopg.connect("dbname=app") as conn:
        return conn.execute("SELECT id FROM users WHERE name = %s", (name,)).fetchall()


def oracle(name, nick):
    conn = oracledb.connect(user="app", dsn="db/app")
    cur = conn.cursor()
    cur.execute(
        "SELECT id FROM users WHERE name = :name OR nick = :nick OR alias = :name",
        {"name": str(name), "nick": str(nick)},
    )
    return cur.fetchall()
