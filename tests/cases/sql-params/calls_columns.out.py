import sqlite3


def columns_in_calls(conn, col, name):
    conn.execute(f"SELECT COUNT({col}) FROM users")
    conn.execute(f"SELECT id FROM users WHERE lower({col}) = ?", (str(name),))
    conn.execute(f"SELECT MAX({col}) FROM users WHERE name = ?", (str(name),))
    conn.execute("SELECT id FROM users WHERE id = abs(?)", (col,))
