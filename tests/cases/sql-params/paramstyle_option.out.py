from myapp.db import get_connection


def find(name):
    cur = get_connection().cursor()
    cur.execute("SELECT id FROM users WHERE name = %s AND code LIKE 'A%%'", (name,))
    return cur.fetchall()
