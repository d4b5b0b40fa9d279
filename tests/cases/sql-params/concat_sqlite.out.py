import sqlite3


def by_name(conn, name):
    cur = conn.cursor()
    cur.execute("SELECT id, name FROM users "
                "WHERE name = ? "  # the user's name
                "AND active = 1", (name,))
    return cur.fetchall()


def by_two(conn: sqlite3.Connection, name, nick):
    sql = ("SELECT id FROM users WHERE name = ?" +
           " OR nick = ?")
    return conn.execute(sql, (name, nick)).fetchall()


def like(conn, term):
    return conn.execute("SELECT id FROM users WHERE name LIKE ? ORDER BY id",
                        (f"%{term}%",)).fetchall()


def insert(conn, name, email):
    conn.execute("INSERT INTO users (name, email) VALUES (?, ?)", (name, email))
