# A small data-access layer in the style of an ORM-backed shop service: SQLAlchemy
# Core tables for the plain cases, raw text() queries for the reporting ones, and
# every raw query built from strings, as reviews keep finding them. After
# `codemod apply --select sql-params --unsafe-fixes examples/sql_layer_demo.py` no
# query is built from strings any more (tests/test_sql_params_db.py checks it).
import sqlalchemy as sa
from sqlalchemy import text

DATABASE_URL = "sqlite:///shop.db"

metadata = sa.MetaData()

customers = sa.Table(
    "customers", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("email", sa.String(120), nullable=False, unique=True),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("city", sa.String(80)),
)

orders = sa.Table(
    "orders", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("customer_id", sa.ForeignKey("customers.id"), nullable=False),
    sa.Column("status", sa.String(20), nullable=False, default="open"),
    sa.Column("total_cents", sa.Integer, nullable=False),
)


def create_schema(engine):
    metadata.create_all(engine)


def add_customer(conn, email, name, city=None):
    result = conn.execute(customers.insert().values(email=email, name=name, city=city))
    return result.inserted_primary_key[0]


def add_order(conn, customer_id, total_cents, status="open"):
    conn.execute(orders.insert().values(customer_id=customer_id, total_cents=total_cents, status=status))


def customer_by_email(conn, email):
    row = conn.execute(text("SELECT id, name FROM customers WHERE email = '" + email + "'")).first()
    return None if row is None else tuple(row)


def search_customers(conn, term, limit: int = 10):
    query = f"SELECT name FROM customers WHERE name LIKE '%{term}%' ORDER BY name LIMIT {limit}"
    return [row[0] for row in conn.execute(text(query))]


def customers_in_cities(conn, cities):
    stmt = text("SELECT name FROM customers WHERE city IN ('" + "', '".join(cities) + "') ORDER BY name")
    return [row[0] for row in conn.execute(stmt)]


def orders_for(conn, customer_id: int, status=None, min_total=None):
    sql = "SELECT id, total_cents FROM orders WHERE customer_id = " + str(customer_id)
    if status is not None:
        sql += " AND status = '%s'" % status
    if min_total is not None:
        sql += " AND total_cents >= " + str(int(min_total))
    sql += " ORDER BY id"
    return [tuple(row) for row in conn.execute(text(sql))]


def spent_by(conn, email):
    query = ("SELECT COALESCE(SUM(o.total_cents), 0) FROM orders o "
             "JOIN customers c ON c.id = o.customer_id "
             "WHERE c.email = '{email}' AND o.status <> 'cancelled'").format(email=email)
    return conn.execute(text(query)).scalar()


def cancel_order(conn, order_id, reason):
    conn.exec_driver_sql("UPDATE orders SET status = 'cancelled' WHERE id = %d AND status <> '%s'"
                         % (order_id, reason))
    return conn.execute(sa.select(orders.c.status).where(orders.c.id == order_id)).scalar()


def rename_customer(conn, email, new_name):
    conn.execute(text(f"UPDATE customers SET name = '{new_name}' WHERE email = '{email}'"))
    return customer_by_email(conn, email)
