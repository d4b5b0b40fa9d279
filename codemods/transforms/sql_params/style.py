"""Which placeholder the driver understands: from the receiver of the call, the
module's imports, a SQLAlchemy URL in the module, or the ``paramstyle`` option."""

from __future__ import annotations

import re
from typing import Dict, Iterable, Optional, Set

#: DB-API module (first dotted part, or a longer prefix) -> PEP 249 paramstyle.
DRIVER_STYLES: Dict[str, str] = {
    "sqlite3": "qmark",
    "aiosqlite": "qmark",
    "psycopg2": "format",
    "psycopg": "format",
    "pymysql": "format",
    "MySQLdb": "format",
    "mysql.connector": "format",
    "django": "format",
    "oracledb": "named",
    "cx_Oracle": "named",
}
#: the style that the same driver uses with a mapping of parameters.
NAMED_VARIANT = {"qmark": "named", "format": "pyformat", "named": "named", "pyformat": "pyformat", "numeric": "numeric"}
STYLES = ("qmark", "format", "pyformat", "named", "numeric")
#: SQLAlchemy URL dialect (before "+driver") -> the default driver's style.
_URL_STYLES = {"sqlite": "qmark", "postgresql": "format", "postgres": "format", "mysql": "format",
               "mariadb": "format", "oracle": "named"}
_URL_DRIVER_STYLES = {"pysqlite": "qmark", "aiosqlite": "qmark", "psycopg2": "format", "psycopg": "format",
                      "pymysql": "format", "mysqldb": "format", "oracledb": "named", "cx_oracle": "named",
                      "asyncpg": None, "pg8000": "format", "pyodbc": "qmark"}
_URL = re.compile(r"^([a-z0-9_]+)(?:\+([a-z0-9_]+))?://", re.I)


def driver_of_qualified_name(name: str) -> Optional[str]:
    """The driver (a DRIVER_STYLES key, or "sqlalchemy") a qualified name belongs to."""
    if name == "sqlalchemy" or name.startswith("sqlalchemy."):
        return "sqlalchemy"
    for module in sorted(DRIVER_STYLES, key=len, reverse=True):
        if name == module or name.startswith(module + "."):
            return module
    return None


#: drivers where a bound float means what its repr() spliced into the SQL meant:
#: SQLite reads both as the same REAL; the client-side drivers write the parameter
#: into the statement with repr(). (psycopg 3 and oracledb send a binary float8 /
#: BINARY_DOUBLE, where the literal was an exact NUMERIC: not the same in arithmetic.)
EXACT_FLOAT_DRIVERS = frozenset({"sqlite3", "aiosqlite", "psycopg2", "pymysql", "MySQLdb"})
#: SQLAlchemy URL dialect or "+driver" -> the DB-API module it runs on.
_URL_DRIVERS = {"sqlite": "sqlite3", "pysqlite": "sqlite3", "aiosqlite": "aiosqlite", "postgresql": "psycopg2",
                "postgres": "psycopg2", "psycopg2": "psycopg2", "psycopg": "psycopg", "pymysql": "pymysql",
                "mysql": "MySQLdb", "mysqldb": "MySQLdb", "oracle": "cx_Oracle", "oracledb": "oracledb",
                "cx_oracle": "cx_Oracle"}


def driver_of_url(url: str) -> Optional[str]:
    """The DB-API module a SQLAlchemy URL runs on, when it is one of the known ones."""
    match = _URL.match(url)
    if match is None:
        return None
    dialect, driver = match.group(1).lower(), (match.group(2) or "").lower()
    return _URL_DRIVERS.get(driver or dialect)


def style_of_url(url: str) -> Optional[str]:
    match = _URL.match(url)
    if match is None:
        return None
    dialect, driver = match.group(1).lower(), (match.group(2) or "").lower()
    if driver:
        return _URL_DRIVER_STYLES.get(driver)
    return _URL_STYLES.get(dialect)


def single_style(styles: Iterable[Optional[str]]) -> Optional[str]:
    found: Set[str] = {s for s in styles if s}
    return found.pop() if len(found) == 1 else None


def placeholder(style: str, name: str, position: int) -> str:
    if style == "qmark":
        return "?"
    if style == "format":
        return "%s"
    if style == "pyformat":
        return f"%({name})s"
    if style == "named":
        return f":{name}"
    return f":{position}"  # numeric


def is_named(style: str) -> bool:
    return style in ("named", "pyformat")


def uses_percent(style: str) -> bool:
    return style in ("format", "pyformat")
