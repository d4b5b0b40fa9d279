import sqlalchemy as sa
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

engine = create_engine("sqlite:///app.db")


def by_name(conn, name):
    return conn.execute(
        text("SELECT id FROM users WHERE name = :name"), {"name": name}
    ).all()


def with_params(conn, name, uid):
    return conn.execute(
        text("SELECT id FROM users WHERE id = :uid OR name = :name"),
        {"uid": uid, "name": str(name)},
    ).all()


def prepared(name):
    stmt = text("SELECT id FROM users WHERE name = :name").bindparams(name=str(name))
    with engine.connect() as conn:
        return conn.execute(stmt).all()


def session_query(session: Session, name):
    return session.execute(
        text("SELECT id FROM users WHERE name = :name"), {"name": str(name)}
    ).all()


def qualified(conn, name):
    return conn.execute(
        sa.text("SELECT id FROM users WHERE name LIKE :name"), {"name": f"{name}%"}
    ).all()


def driver_sql(name):
    with engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT id FROM users WHERE name = ?", (name,)
        ).all()


def variable(conn, name, min_age=None):
    sql = "SELECT id FROM users WHERE name = :name"
    params = {"name": name}
    if min_age is not None:
        sql += " AND age >= :min_age"
        params["min_age"] = int(min_age)
    return conn.execute(text(sql), params).all()
