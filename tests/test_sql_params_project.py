"""sql-params reads the driver from the project when the module does not show it:
the ``connect()`` of the module a connection comes from, a ``create_engine`` URL,
and, only with --unsafe-fixes, the one driver every connection of the project uses.

End to end through the console script on a small package; the rewritten package is
imported and run against SQLite next to the original, with injection payloads."""

from __future__ import annotations

import importlib
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from codemods.transforms.sql_params.project import UNKNOWN, scan_project
from tests.helpers import run_cli

DB = '''import sqlite3

from sqlalchemy import create_engine

engine = create_engine("sqlite:///app.db")


def get_connection():
    return sqlite3.connect("app.db")
'''

QUERIES = '''from myapp.db import engine, get_connection
from . import db


def find(name):
    cur = get_connection().cursor()
    cur.execute("SELECT id FROM users WHERE name = '" + name + "' ORDER BY id")
    return cur.fetchall()


def find_relative(name):
    conn = db.get_connection()
    return conn.execute("SELECT id FROM users WHERE name = '%s' ORDER BY id" % name).fetchall()


def driver_sql(name):
    with engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(f"SELECT id FROM users WHERE name = '{name}' ORDER BY id")]


def untraced(conn, name):
    return conn.execute("SELECT id FROM users WHERE name = '" + name + "' ORDER BY id").fetchall()
'''


def _project(root: Path, db: str = DB) -> Path:
    package = root / "myapp"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "db.py").write_text(db, encoding="utf-8")
    (package / "queries.py").write_text(QUERIES, encoding="utf-8")
    return package


def _seed(folder: Path) -> None:
    conn = sqlite3.connect(str(folder / "app.db"))
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    conn.executemany("INSERT INTO users VALUES (?, ?)", [(1, "alice"), (2, "bob"), (3, "carol")])
    conn.commit()
    conn.close()


def _import_queries(root: Path, monkeypatch):
    monkeypatch.chdir(root)
    monkeypatch.syspath_prepend(str(root))
    for name in [m for m in sys.modules if m == "myapp" or m.startswith("myapp.")]:
        del sys.modules[name]
    return importlib.import_module("myapp.queries")


def test_scan_records_each_connection_with_its_module_and_owner(tmp_path) -> None:
    package = _project(tmp_path)
    evidence = scan_project([str(package / "queries.py")])  # db.py is found through the import
    assert [(c.module, c.owner, c.driver) for c in evidence.connections] == [
        ("myapp.db", "", "sqlite3"), ("myapp.db", "get_connection", "sqlite3")]
    assert evidence.reads_outside_the_run
    computed = tmp_path / "other"
    computed.mkdir()
    (computed / "engine.py").write_text("import os\nimport sqlalchemy\n\n"
                                        "engine = sqlalchemy.create_engine(os.environ['URL'])\n", encoding="utf-8")
    evidence = scan_project([str(computed / "engine.py")])
    assert [c.driver for c in evidence.connections] == [UNKNOWN]
    assert not evidence.reads_outside_the_run


def test_project_evidence_binds_traced_connections_on_a_staged_file_alone(tmp_path, monkeypatch) -> None:
    pytest.importorskip("sqlalchemy")
    original_root, fixed_root = tmp_path / "original", tmp_path / "fixed"
    _project(original_root)
    package = _project(fixed_root)
    result = run_cli("apply", "--no-cache", "myapp/queries.py", cwd=str(fixed_root))  # as pre-commit would
    assert result.returncode in (0, 1), result.stderr.decode()
    report = result.stdout.decode()
    text = (package / "queries.py").read_text(encoding="utf-8")
    assert "WHERE name = ? ORDER BY id\", (name,)" in text
    assert "WHERE name = ? ORDER BY id\", (str(name),)\n    ).fetchall()" in text  # wrapped at 88
    assert "exec_driver_sql(\n            \"SELECT id FROM users WHERE name = ? ORDER BY id\", (str(name),)\n" in text
    assert "untraced" in text and "WHERE name = '\" + name" in text  # a parameter: its origin is unknown
    assert "every connection the project makes uses sqlite3 (myapp/db.py:5)" in report
    for root in (original_root, fixed_root):
        _seed(root)
    original = _import_queries(original_root, monkeypatch)
    find_before = {f: getattr(original, f) for f in ("find", "find_relative", "driver_sql")}
    rewritten = _import_queries(fixed_root, monkeypatch)
    for function, before in find_before.items():
        after = getattr(rewritten, function)
        monkeypatch.chdir(original_root)
        expected = [before("alice"), before("nobody"), before("x' OR '1'='1")]
        monkeypatch.chdir(fixed_root)
        assert [after("alice"), after("nobody")] == expected[:2] == [[(1,)], []]
        assert expected[2] == [(1,), (2,), (3,)]  # the original is injectable
        assert after("x' OR '1'='1") == []  # the payload is data
        assert after("'; DROP TABLE users; --") == []


def test_untraced_connection_takes_the_projects_only_driver_with_unsafe_fixes(tmp_path) -> None:
    package = _project(tmp_path)
    result = run_cli("apply", "--no-cache", "--unsafe-fixes", ".", cwd=str(tmp_path))
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    text = (package / "queries.py").read_text(encoding="utf-8")
    assert "def untraced(conn, name):\n    return conn.execute(\n        \"SELECT id FROM users WHERE name = ? " \
           "ORDER BY id\", (name,)\n    )" in text  # wrapped at 88


def test_two_drivers_or_a_computed_url_is_no_evidence(tmp_path) -> None:
    two = DB.replace('"sqlite:///app.db"', '"postgresql+psycopg2://u@h/db"')
    package = _project(tmp_path, two)
    result = run_cli("check", "--no-cache", "--unsafe-fixes", ".", cwd=str(tmp_path))
    report = result.stdout.decode()
    # the connection from get_connection() is sqlite3's, engine's is psycopg2's; a parameter's is unknown
    assert "queries.py:26:" in report  # the untraced call, after two wrapped calls above it and report.count("cannot tell the driver's paramstyle") == 1, report
    text = (package / "queries.py").read_text(encoding="utf-8")
    assert text == QUERIES  # check changes nothing
    run_cli("apply", "--no-cache", ".", cwd=str(tmp_path))
    text = (package / "queries.py").read_text(encoding="utf-8")
    assert "exec_driver_sql(\n            \"SELECT id FROM users WHERE name = %s ORDER BY id\", (str(name),)\n" in text
    assert "cur.execute(\"SELECT id FROM users WHERE name = ? ORDER BY id\", (name,))" in text
    computed = DB.replace('"sqlite:///app.db"', 'os.environ["URL"]').replace("import sqlite3", "import os\nimport sqlite3")
    shutil.rmtree(package)
    package = _project(tmp_path, computed)
    result = run_cli("check", "--no-cache", "--unsafe-fixes", ".", cwd=str(tmp_path))
    report = result.stdout.decode()
    assert report.count("cannot tell the driver's paramstyle") == 2, report  # the engine's and the parameter's
    assert "exec_driver_sql" in report


def test_a_module_read_outside_the_run_is_not_served_stale_from_the_cache(tmp_path) -> None:
    package = _project(tmp_path)
    first = run_cli("check", "myapp/queries.py", cwd=str(tmp_path)).stdout.decode()
    assert 'cur.execute("SELECT id FROM users WHERE name = ? ORDER BY id", (name,))' in first
    db = (package / "db.py").read_text(encoding="utf-8")
    (package / "db.py").write_text(db.replace("sqlite3", "psycopg2").replace('"app.db"', '"dbname=app"'),
                                   encoding="utf-8")
    second = run_cli("check", "myapp/queries.py", cwd=str(tmp_path)).stdout.decode()
    assert 'cur.execute("SELECT id FROM users WHERE name = %s ORDER BY id", (name,))' in second, second
