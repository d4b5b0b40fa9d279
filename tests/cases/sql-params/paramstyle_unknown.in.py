from myapp.db import get_connection


def find(name):
    cur = get_connection().cursor()
    cur.execute("SELECT id FROM users WHERE name = '" + name + "' AND code LIKE 'A%'")
    return cur.fetchall()
