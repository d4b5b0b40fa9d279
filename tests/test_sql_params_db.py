"""sql-params against real databases: every rewritten case module runs next to its
original on the same data.

* Benign inputs: the original and the rewritten function return the same rows and
  leave the database in the same state.
* Injection payloads (``x' OR '1'='1``, ``'; DROP TABLE users; --``, ``1 OR 1=1``):
  checked metamorphically. The database holds a row whose name *is* the payload,
  and a twin database holds the same row under a plain name. A function that
  treats the payload as data behaves on the first exactly as on the second (with
  the plain name); the original must not (it is injectable), the rewritten one
  must.

sqlite3 and SQLAlchemy run in memory. PyMySQL is checked with its own client-side
quoting (``defer_connect=True`` and ``cursor.mogrify``). psycopg2 and psycopg 3 run
against a throw-away PostgreSQL started on loopback by this module, when the
server binaries are installed; otherwise those tests skip and say why.
"""

from __future__ import annotations

import ast
import glob
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest

from tests.helpers import REPO, rewrite, run_codemod

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CASES = Path(__file__).parent / "cases" / "sql-params"
PAYLOADS = ("x' OR '1'='1", "'; DROP TABLE users; --", "1 OR 1=1")
PLAIN = "plainname"
#: a plain stand-in for a payload in a numeric position: an id no row has.
PLAIN_NUMBER = 999

USERS = [
    (1, "alice", "al", "alice@example.org", 30, "likes tea", 1, None),
    (2, "bob", "bobby", "bob@example.org", 25, "A%grade", 1, None),
    (3, "carol", "caz", "carol@example.org", 41, "", 0, None),
]
SCHEMA = ("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, nick TEXT, email TEXT, age INTEGER, "
          "note TEXT, active INTEGER DEFAULT 1, tag TEXT)")


def _load(source: str, name: str) -> Dict[str, Any]:
    namespace: Dict[str, Any] = {"__name__": name}
    exec(compile(source, name, "exec"), namespace)
    return namespace


def _modules(case: str, unsafe: bool = False) -> Tuple[Dict[str, Any], Dict[str, Any], str]:
    source = (CASES / f"{case}.in.py").read_text(encoding="utf-8")
    toml = CASES / f"{case}.toml"
    options = tomllib.loads(toml.read_text(encoding="utf-8")).get("options", {}) if toml.exists() else {}
    result = run_codemod("sql-params", source, options, unsafe_fixes=unsafe)
    assert not result.errors, [e.message for e in result.errors]
    assert result.new_text is not None, f"{case}: nothing was rewritten"
    return _load(source, f"{case}_original"), _load(result.new_text, f"{case}_rewritten"), result.new_text


def _seed_rows(seed: Any) -> List[tuple]:
    return USERS + [(4, str(seed), str(seed), "seed@example.org", 50, "seeded", 1, None)]


def _normalise(value: Any, seed: Any) -> Any:
    if isinstance(value, str):
        return value.replace(str(seed), PLAIN) if str(seed) != PLAIN else value
    if isinstance(value, (list, tuple)) or type(value).__name__ == "Row":
        return [_normalise(v, seed) for v in value]
    return value


# -- sqlite3 ------------------------------------------------------------------------------

def _sqlite(seed: Any = PLAIN) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(SCHEMA)
    conn.executemany("INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?, ?)", _seed_rows(seed))
    return conn


def _sqlite_dump(conn: sqlite3.Connection) -> Any:
    try:
        return conn.execute("SELECT * FROM users ORDER BY id").fetchall()
    except sqlite3.Error as error:
        return f"no users table: {error}"


def _observe(module: Dict[str, Any], function: str, args: tuple, seed: Any,
             connect: Callable[[Any], Any], dump: Callable[[Any], Any]) -> Any:
    conn = connect(seed)
    try:
        outcome: Any = ("returned", _normalise(module[function](conn, *args), seed))
    except Exception as error:  # the original may well fail on a payload
        outcome = ("raised", type(error).__name__)
    return outcome, _normalise(dump(conn), seed)


#: (case, function, benign argument tuples, index of the argument that gets payloads
#: or None, whether that position is numeric)
SQLITE_CALLS = [
    ("concat_sqlite", "by_name", [("alice",), ("nobody",)], 0, False),
    ("concat_sqlite", "by_two", [("alice", "bobby"), ("x", "y")], 1, False),
    ("concat_sqlite", "like", [("li",), ("o",), ("zz",)], 0, False),
    ("concat_sqlite", "insert", [("dave", "dave@example.org")], 0, False),
    ("format_and_percent", "positional", [("alice",)], 0, False),
    ("format_and_percent", "keywords_any_order", [("alice", "bobby")], 0, False),
    ("format_and_percent", "numbered", [("caz",), ("carol",)], 0, False),
    ("format_and_percent", "percent_single", [("bob",), ("alice",)], 0, False),
    ("format_and_percent", "percent_tuple", [("carol", 1), ("x", 2)], 0, False),
    ("format_and_percent", "percent_dict", [("carol", 1), ("x", 2)], 0, False),
    ("format_and_percent", "fstring", [("bob",), ("bobby",)], 0, False),
    ("format_and_percent", "fstring_like", [("a",), ("c",)], 0, False),
    ("unquoted_unsafe", "by_id", [(1,), (3,), (7,)], 0, True),
    ("unquoted_unsafe", "page", [("alice", 1), ("bob", 5)], 0, False),
    ("unquoted_unsafe", "certain", [(1, [1, 2]), (2, [])], None, True),
    ("unquoted_unsafe", "between", [(20, 35), (40, 41)], 0, True),
    ("variables", "assigned_once", [("alice",)], 0, False),
    ("variables", "value_changes_later", [("bob",)], 0, False),
    ("variables", "branches", [("name", "alice", 0), ("id", "", 2), ("all", "", 0)], 1, False),
    ("variables", "builder", [(None, None, None), ("alice", None, None), (None, 28, "o"), ("bob", 20, "b")], 0, False),
    ("helpers", "find", [("carol",)], 0, False),
    ("helpers", "find_stripped", [("  carol ",)], 0, False),
    ("helper_builds", "find", [("alice",), ("bob", 26), ("x", None, ["tea"]), ("x", 20, ["e", "a"])], 0, False),
    ("helper_steps", "find", [("alice",), ("nobody",)], 0, False),
    ("helpers_unsafe", "find_nick", [("caz",)], 0, False),
    ("params_merge", "merge_tuple", [("alice", 20), ("alice", 40)], 0, False),
    ("params_merge", "merge_list_middle", [("bob", 20, 30), ("bob", 26, 30)], 0, False),
    ("params_merge", "merge_dict", [("alice", 3), ("x", 2)], 0, False),
    ("params_merge", "merge_name", [("alice", (1,)), ("alice", [99])], 0, False),
    ("params_merge", "many", [([("dave",), ("erin",)], "new")], 1, False),
    ("params_merge", "many_middle", [([("dave", 1), ("erin", 2)], "new")], 1, False),
    ("variable_tail", "ordered", [("alice",), ("nobody",)], 0, False),
    ("variable_tail", "tail_value", [("alice", "caz"), ("x", "bobby")], 1, False),
    ("variable_tail", "built_then_ordered", [("alice", None), ("bob", 20), ("bob", 26)], 0, False),
    ("variable_tail", "grown_then_limited", [("", 5), ("a", 1), ("zz", 3)], 0, False),
    ("format_specs", "padded", [(1,), (3,), (12,)], None, False),
    ("format_specs", "aligned", [("al",), ("caz",), ("bob",)], 0, False),
    ("format_specs", "percent_width", [("caz", 9), ("x", 1)], 0, False),
    ("format_specs", "quoted_int", [(2,), (9,)], None, False),
    ("format_specs", "converted", [("alice", 3), ("bob", 30)], 0, False),
    ("format_specs", "decimal_spec", [(1,), (3,)], None, False),
    ("format_specs", "money", [(30,), (25.0,), (1.5,)], None, False),
    ("comments", "plus", [("alice", "al"), ("bob", "x")], 1, False),
    ("comments", "template", [("carol",)], 0, False),
    ("comments", "trailing_comma", [("bob",)], 0, False),
    ("identifier_and_values", "sorted_by", [("alice", "id"), ("bob", "name DESC")], 0, False),
    ("identifier_and_values", "from_table", [("users", "alice"), ("users", "nobody")], 1, False),
    ("identifier_and_values", "percent", [("name", "alice", "DESC"), ("nick", "x", "ASC")], 1, False),
    ("identifier_and_values", "shared_column", [("name", "alice"), ("nick", "bob")], 1, False),
    ("identifier_and_values", "constant_table", [("alice",), ("nobody",)], 0, False),
    ("identifier_and_values", "mapping", [("nick", "carol"), ("email", "x")], 1, False),
    ("identifier_and_values", "bracketed", [("users", "nick", "alice"), ("users", "email", "x")], 2, False),
]


def _unsafe(case: str) -> bool:
    toml = CASES / f"{case}.toml"
    return toml.exists() and "unsafe-fixes = true" in toml.read_text(encoding="utf-8")


def _breaks_out(payload: str, numeric: bool) -> bool:
    """Whether the payload escapes its position in the original: a quote inside a
    quoted string, anything in a numeric position."""
    return numeric or "'" in payload


def _with_payload(args: tuple, index: int, payload: Any) -> tuple:
    return args[:index] + (payload,) + args[index + 1:]


def _check_calls(case: str, function: str, benign: List[tuple], index: Optional[int], numeric: bool,
                 connect: Callable[[Any], Any], dump: Callable[[Any], Any]) -> None:
    original, rewritten, _ = _modules(case, _unsafe(case))
    for args in benign:
        expected = _observe(original, function, args, PLAIN, connect, dump)
        assert _observe(rewritten, function, args, PLAIN, connect, dump) == expected, (function, args)
        assert expected[0][0] == "returned", (function, args, expected)
    if index is None:
        return
    args = benign[0]
    for payload in PAYLOADS:
        if numeric and payload != "1 OR 1=1":
            continue
        plain: Any = PLAIN_NUMBER if numeric else PLAIN
        as_data = _observe(rewritten, function, _with_payload(args, index, plain), PLAIN, connect, dump)
        injected = _observe(original, function, _with_payload(args, index, payload), payload, connect, dump)
        bound = _observe(rewritten, function, _with_payload(args, index, payload), payload, connect, dump)
        reference = _observe(original, function, _with_payload(args, index, plain), PLAIN, connect, dump)
        assert reference == as_data, (function, "the plain twin differs")
        if _breaks_out(payload, numeric):
            assert injected != reference, (function, payload, "the original was expected to be injectable")
        assert bound == as_data, (function, payload, "the rewritten function did not treat the payload as data")


@pytest.mark.parametrize("case,function,benign,index,numeric", SQLITE_CALLS,
                         ids=[f"{c[0]}.{c[1]}" for c in SQLITE_CALLS])
def test_sqlite3_cases(case, function, benign, index, numeric) -> None:
    _check_calls(case, function, benign, index, numeric, _sqlite, _sqlite_dump)


class _NumericSqlite:
    """sqlite3 behind the DB-API numeric paramstyle (``:1``), spelled ``?1`` for SQLite."""

    def __init__(self, seed: Any) -> None:
        self.conn = _sqlite(seed)

    def execute(self, sql: str, params: Any = ()):
        return self.conn.execute(re.sub(r":(\d+)", r"?\1", sql), params)


NUMERIC_CALLS = [
    ("numeric_branches", "branches", [("name", "alice", 0), ("id", "", 2), ("all", "", 0)], 1, False),
    ("numeric_branches", "straight", [("alice", "al"), ("bob", "al")], 1, False),
    ("numeric_branches", "branch_then_tail", [("name", "alice", "x"), ("nick", "", "caz"), ("name", "bob", "bob")],
     2, False),
    ("numeric_branches", "optional_filters", [(None, None), ("alice", None), (None, "o"), ("bob", "b")], 0, False),
    ("numeric_branches", "in_a_loop", [([],), (["alice"],), (["bob", "carol", "x"],)], None, False),
    ("numeric_branches", "without_terms", [("alice", []), ("bob", ["tea"]), ("x", ["tea", "grade"])], 0, False),
]


@pytest.mark.parametrize("case,function,benign,index,numeric", NUMERIC_CALLS,
                         ids=[f"{c[0]}.{c[1]}" for c in NUMERIC_CALLS])
def test_numeric_paramstyle_cases(case, function, benign, index, numeric) -> None:
    _check_calls(case, function, benign, index, numeric, _NumericSqlite, lambda db: _sqlite_dump(db.conn))


def test_numeric_placeholders_in_a_loop_take_their_number_from_the_list() -> None:
    original, rewritten, text = _modules("numeric_branches")
    assert 'sql += " OR name = :" + str(len(params) + 1)' in text
    for names in ([], ["alice"], ["bob", "carol"], ["x' OR '1'='1"]):
        before = _observe(original, "in_a_loop", (names,), PLAIN, _NumericSqlite, lambda db: _sqlite_dump(db.conn))
        after = _observe(rewritten, "in_a_loop", (names,), PLAIN, _NumericSqlite, lambda db: _sqlite_dump(db.conn))
        if "'" in "".join(names):
            assert before[0] == ("returned", [[1], [2], [3], [4]]) and after[0] == ("returned", [])
        else:
            assert after == before


def test_numeric_placeholders_restart_in_each_branch() -> None:
    _, _, rewritten = _modules("numeric_branches")
    assert 'WHERE id = :1"' in rewritten and "params = [uid]" in rewritten


def test_sqlite3_logged_query_is_left_alone() -> None:
    source = (CASES / "variables.in.py").read_text(encoding="utf-8")
    rewritten = rewrite("sql-params", source)
    original_ns, rewritten_ns = _load(source, "a"), _load(rewritten, "b")
    seen_before: List[str] = []
    seen_after: List[str] = []
    assert original_ns["logged"](_sqlite(), seen_before.append, "bob") == \
        rewritten_ns["logged"](_sqlite(), seen_after.append, "bob")
    assert seen_before == seen_after == ["SELECT id FROM users WHERE name = 'bob'"]


def test_sqlite3_executescript_stays_and_is_reported(monkeypatch) -> None:
    import types

    filters = types.ModuleType("reports.filters")
    filters.build_where = lambda region: "region = 1"  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "reports", types.ModuleType("reports"))
    monkeypatch.setitem(__import__("sys").modules, "reports.filters", filters)
    source = (CASES / "refused.in.py").read_text(encoding="utf-8")
    result = run_codemod("sql-params", source)
    assert result.new_text is None
    assert any("executescript" in f.message for f in result.findings)
    namespace = _load(source, "refused")
    conn = _sqlite()
    namespace["script"](conn, "'); DROP TABLE users; --")
    assert "no users table" in str(_sqlite_dump(conn))  # what the finding warns about


# -- SQLAlchemy ---------------------------------------------------------------------------

sqlalchemy = pytest.importorskip("sqlalchemy")
pytest.importorskip("sqlalchemy.orm")


def _engine(seed: Any):
    from sqlalchemy.pool import StaticPool

    engine = sqlalchemy.create_engine("sqlite://", poolclass=StaticPool,
                                      connect_args={"check_same_thread": False})
    with engine.begin() as conn:
        conn.exec_driver_sql(SCHEMA)
        for row in _seed_rows(seed):
            conn.exec_driver_sql("INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
    return engine


class _SqlAlchemyRun:
    """A connection for functions that take one, and the module's ``engine`` for
    those that use it."""

    def __init__(self, module: Dict[str, Any]) -> None:
        self.module = module

    def connect(self, seed: Any):
        engine = _engine(seed)
        self.module["engine"] = engine
        return engine.connect()


def _sqlalchemy_dump(conn) -> Any:
    try:
        return [tuple(r) for r in conn.exec_driver_sql("SELECT * FROM users ORDER BY id").all()]
    except Exception as error:
        return f"no users table: {type(error).__name__}"


SQLALCHEMY_CALLS = [
    ("sqlalchemy_text", "by_name", [("alice",), ("zz",)], 0, False),
    ("sqlalchemy_text", "with_params", [("alice", 2), ("x", 3)], 0, False),
    ("sqlalchemy_text", "session_query", [("carol",)], 0, False),
    ("sqlalchemy_text", "qualified", [("ca",), ("b",)], 0, False),
    ("sqlalchemy_text", "variable", [("alice", None), ("alice", 31), ("bob", 20)], 0, False),
    ("variable_tail", "with_text", [("alice", None), ("alice", "caz"), ("x", "bobby")], 0, False),
    ("sqlalchemy_in_list", "by_ids", [([1, 3],), ([2],)], None, False),
    ("sqlalchemy_in_list", "by_names", [(["alice", "carol"],), (["bob"],)], 0, False),
    ("sqlalchemy_in_list", "by_map", [([1, 2], "bob"), ([3], "x")], 1, False),
    ("sqlalchemy_in_list_quoted", "by_names", [(["alice", "carol"],), (["bob"],)], 0, False),
    ("sqlalchemy_in_list_quoted", "by_nicks", [(["al", "caz"],), (["zz"],)], 0, False),
    ("variable_tail", "constant_then_tail", [("alice",), ("zz",)], 0, False),
]
#: functions that use the module's engine instead of a connection argument.
ENGINE_CALLS = [
    ("sqlalchemy_text", "prepared", [("bob",), ("nobody",)], 0),
    ("sqlalchemy_text", "driver_sql", [("carol",)], 0),
]


@pytest.mark.parametrize("case,function,benign,index,numeric", SQLALCHEMY_CALLS,
                         ids=[f"{c[0]}.{c[1]}" for c in SQLALCHEMY_CALLS])
def test_sqlalchemy_cases(case, function, benign, index, numeric) -> None:
    original, rewritten, _ = _modules(case, _unsafe(case))

    def connect(seed: Any):
        conn = _engine(seed).connect()
        return sqlalchemy.orm.Session(bind=conn) if function == "session_query" else conn

    def dump(conn) -> Any:
        if isinstance(conn, sqlalchemy.orm.Session):
            conn = conn.connection()
        return _sqlalchemy_dump(conn)

    def run(module, args, seed):
        conn = connect(seed)
        try:
            outcome: Any = ("returned", _normalise(module[function](conn, *args), seed))
        except Exception as error:
            outcome = ("raised", type(error).__name__)
        return outcome, _normalise(dump(conn), seed)

    _check_with(run, original, rewritten, benign, index, numeric, function)


@pytest.mark.parametrize("case,function,benign,index", ENGINE_CALLS, ids=[f"{c[0]}.{c[1]}" for c in ENGINE_CALLS])
def test_sqlalchemy_engine_cases(case, function, benign, index) -> None:
    original, rewritten, _ = _modules(case)

    def run(module, args, seed):
        engine = _engine(seed)
        module["engine"] = engine
        try:
            outcome: Any = ("returned", _normalise(module[function](*args), seed))
        except Exception as error:
            outcome = ("raised", type(error).__name__)
        with engine.connect() as conn:
            return outcome, _normalise(_sqlalchemy_dump(conn), seed)

    _check_with(run, original, rewritten, benign, index, False, function)


def _check_with(run, original, rewritten, benign, index, numeric, function) -> None:
    for args in benign:
        expected = run(original, args, PLAIN)
        assert expected[0][0] == "returned", (function, args, expected)
        assert run(rewritten, args, PLAIN) == expected, (function, args)
    if index is None:
        return
    args = benign[0]
    for payload in PAYLOADS:
        if numeric and payload != "1 OR 1=1":
            continue
        plain: Any = PLAIN_NUMBER if numeric else PLAIN
        value, plain_value = payload, plain
        if isinstance(args[index], list):  # an IN list: the payload is one of its items
            value, plain_value = [payload], [plain]
        as_data = run(rewritten, _with_payload(args, index, plain_value), PLAIN)
        reference = run(original, _with_payload(args, index, plain_value), PLAIN)
        injected = run(original, _with_payload(args, index, value), payload)
        bound = run(rewritten, _with_payload(args, index, value), payload)
        assert reference == as_data, (function, "the plain twin differs")
        if _breaks_out(payload, numeric):
            assert injected != reference, (function, payload, "the original was expected to be injectable")
        assert bound == as_data, (function, payload, "the rewritten function did not treat the payload as data")


# -- PyMySQL: the driver's own client-side quoting, no server ------------------------------

pymysql = pytest.importorskip("pymysql")


class _MogrifyCursor:
    """A PyMySQL cursor that records the statement the driver would send."""

    def __init__(self, connection) -> None:
        self.cursor = connection.cursor()
        self.sent: List[str] = []

    def execute(self, query, args=None):
        self.sent.append(self.cursor.mogrify(query, args))

    def fetchall(self):
        return ()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class _MogrifyConnection:
    def __init__(self) -> None:
        self.connection = pymysql.connect(defer_connect=True, charset="utf8mb4")
        self.connection.server_status = 0  # what a default server reports: backslash escapes on
        self.recorder = _MogrifyCursor(self.connection)

    def cursor(self):
        return self.recorder


def _pymysql_sent(module: Dict[str, Any], function: str, args: tuple) -> List[str]:
    connection = _MogrifyConnection()
    module["pymysql"] = type("FakePyMySQL", (), {"connect": staticmethod(lambda **kw: connection)})
    first = connection if function in ("pg_search", "mysql") else connection.recorder
    if function == "mysql":
        module[function](*args)
    else:
        module[function](first, *args)
    return connection.recorder.sent


@pytest.mark.parametrize("function,args,index", [
    ("pg_search", ("li", "book"), 0),
    ("pg_named", ("alice", 3), 0),
    ("pg_percent_template", ("alice",), 0),
    ("mysql", ("bob",), 0),
])
def test_pymysql_client_side_quoting(function, args, index) -> None:
    original, rewritten, _ = _modules("drivers_percent")
    assert _pymysql_sent(rewritten, function, args) == _pymysql_sent(original, function, args)
    escaper = _MogrifyConnection().connection
    for payload in PAYLOADS:
        attacked = _with_payload(args, index, payload)
        before = _pymysql_sent(original, function, attacked)[0]
        after = _pymysql_sent(rewritten, function, attacked)[0]
        plain_after = _pymysql_sent(rewritten, function, _with_payload(args, index, PLAIN))[0]
        assert payload in before  # spliced in raw: injectable
        assert escaper.escape(payload).strip("'") in after
        quoted_plain = escaper.escape(PLAIN).strip("'")
        assert after.replace(escaper.escape(payload).strip("'"), quoted_plain) == plain_after


# -- psycopg2 / psycopg 3 on a throw-away PostgreSQL ----------------------------------------

def _postgres_binaries() -> Optional[str]:
    found = shutil.which("initdb")
    if found:
        return os.path.dirname(os.path.realpath(found))
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(candidates[-1]) if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def postgres():
    binaries = _postgres_binaries()
    if binaries is None:
        pytest.skip("no PostgreSQL server binaries (initdb) on this machine")
    as_user: List[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # the server refuses to run as root
        runuser = shutil.which("runuser")
        try:
            import pwd

            account = pwd.getpwnam("postgres")
        except (KeyError, ImportError):
            account = None
        if runuser is None or account is None:
            pytest.skip("running as root without a 'postgres' account to start the server")
        as_user = [runuser, "-u", "postgres", "--"]
    folder = tempfile.mkdtemp(prefix="codemods-pg-")
    data = os.path.join(folder, "data")
    if as_user:
        os.chown(folder, account.pw_uid, account.pw_gid)
    port = _free_port()
    log = os.path.join(folder, "server.log")
    try:
        subprocess.run(as_user + [os.path.join(binaries, "initdb"), "-D", data, "-A", "trust", "-U", "test",
                                  "--no-sync"], check=True, capture_output=True, timeout=120)
        subprocess.run(as_user + [os.path.join(binaries, "pg_ctl"), "-D", data, "-l", log, "-w", "-t", "60",
                                  "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                                  "start"], check=True, capture_output=True, timeout=120)
    except (subprocess.SubprocessError, OSError) as error:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"could not start a PostgreSQL server: {error}")
    try:
        yield {"host": "127.0.0.1", "port": port, "user": "test", "dbname": "postgres"}
    finally:
        subprocess.run(as_user + [os.path.join(binaries, "pg_ctl"), "-D", data, "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


PG_SCHEMA = [
    "DROP TABLE IF EXISTS users", "DROP TABLE IF EXISTS items",
    "CREATE TABLE users (id integer PRIMARY KEY, name text, code text)",
    "CREATE TABLE items (id integer PRIMARY KEY, title text, kind text, code text)",
]


def _pg_seed(conn, seed: Any) -> None:
    cur = conn.cursor()
    for statement in PG_SCHEMA:
        cur.execute(statement)
    for row in [(1, "alice", "A1"), (2, "bob", "B2"), (3, "carol", "A3"), (4, str(seed), "A4")]:
        cur.execute("INSERT INTO users VALUES (%s, %s, %s)", row)
    for row in [(1, "alien tales", "book", "A1"), (2, "line art", "print", "A2"), (3, "lithe", "book", "B3"),
                (4, f"the {seed} story", "book", "A4")]:
        cur.execute("INSERT INTO items VALUES (%s, %s, %s, %s)", row)
    conn.commit()


PG_MODULE = '''
import psycopg2
import psycopg


def v2_by_name(conn, name):
    cur = conn.cursor()
    cur.execute("SELECT id FROM users WHERE name = '" + name + "' AND code LIKE 'A%' ORDER BY id")
    return cur.fetchall()


def v3_by_name(conn, name):
    return conn.execute(f"SELECT id FROM users WHERE name = '{name}' AND code LIKE 'A%' ORDER BY id").fetchall()


def v2_sorted(conn, name, sort):
    cur = conn.cursor()
    cur.execute("SELECT id, name FROM users WHERE name <> '%s' AND code LIKE 'A%%' ORDER BY %s" % (name, sort))
    return cur.fetchall()


def v3_sorted(conn, name, sort):
    return conn.execute(f"SELECT id FROM users WHERE name <> '{name}' AND code LIKE 'A%' ORDER BY {sort}").fetchall()


def v3_search(conn, term):
    sql = "SELECT id FROM items WHERE code LIKE 'A%'"
    if term:
        sql += " AND title LIKE '%" + term + "%'"
    sql += " ORDER BY id"
    return conn.execute(sql).fetchall()
'''


def _pg_run(module, function: str, args: tuple, seed: Any, settings, driver: str) -> Any:
    if driver == "psycopg2":
        import psycopg2 as library
        conn = library.connect(**settings)
    else:
        import psycopg as library
        conn = library.connect(**settings)
    try:
        _pg_seed(conn, seed)
        try:
            outcome: Any = ("returned", _normalise(module[function](conn, *args), seed))
        except Exception as error:
            outcome = ("raised", type(error).__name__)
        conn.rollback()
        cur = conn.cursor()
        try:
            cur.execute("SELECT * FROM users ORDER BY id")
            state = _normalise(cur.fetchall(), seed)
        except Exception as error:
            state = f"no users table: {type(error).__name__}"
        return outcome, state
    finally:
        conn.close()


@pytest.mark.parametrize("function,driver,benign", [
    ("v2_by_name", "psycopg2", [("alice",), ("bob",)]),
    ("v3_by_name", "psycopg", [("carol",), ("bob",)]),
    ("v3_search", "psycopg", [("li",), ("",), ("tales",)]),
    ("v2_sorted", "psycopg2", [("alice", "id DESC"), ("bob", "name")]),
    ("v3_sorted", "psycopg", [("carol", "id"), ("bob", "code DESC")]),
])
def test_psycopg_on_postgres(postgres, function, driver, benign) -> None:
    pytest.importorskip(driver)
    rewritten_source = rewrite("sql-params", PG_MODULE)
    assert "%%" in rewritten_source and "'" + "\" + " not in rewritten_source
    original, rewritten = _load(PG_MODULE, "pg_original"), _load(rewritten_source, "pg_rewritten")

    def run(module, args, seed):
        return _pg_run(module, function, args, seed, postgres, driver)

    _check_with(run, original, rewritten, benign, 0, False, function)


@pytest.mark.parametrize("function,args", [("pg_search", ("li", "book")), ("pg_percent_template", ("alice",))])
def test_psycopg2_case_module_on_postgres(postgres, function, args) -> None:
    psycopg2 = pytest.importorskip("psycopg2")
    original, rewritten, _ = _modules("drivers_percent")

    def run(module, call_args, seed):
        conn = psycopg2.connect(**postgres)
        try:
            _pg_seed(conn, seed)
            if function == "pg_search":
                return _normalise(module[function](conn, *call_args), seed)
            cur = conn.cursor()
            module[function](cur, *call_args)
            return _normalise(cur.fetchall(), seed)
        except Exception as error:
            return ("raised", type(error).__name__)
        finally:
            conn.close()

    assert run(original, args, PLAIN) == run(rewritten, args, PLAIN)
    plain_result = run(rewritten, _with_payload(args, 0, PLAIN), PLAIN)
    for payload in PAYLOADS:
        attacked = _with_payload(args, 0, payload)
        assert run(rewritten, attacked, payload) == plain_result
        if _breaks_out(payload, False):
            assert run(original, attacked, payload) != plain_result


# -- the demo data-access module -----------------------------------------------------------

DEMO = Path(REPO) / "examples" / "sql_layer_demo.py"
_SQL_TEXT = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b", re.I)


def _spliced_queries(source: str) -> List[int]:
    """Lines where a value that is not a literal is spliced into SQL text."""
    lines: List[int] = []

    def sql(node: ast.AST) -> bool:
        return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(_SQL_TEXT.search(node.value))

    def operands(node: ast.AST) -> List[ast.AST]:
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return operands(node.left) + operands(node.right)
        return [node]

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr) and any(isinstance(v, ast.FormattedValue) for v in node.values) \
                and any(sql(v) for v in node.values):
            lines.append(node.lineno)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and sql(node.left):
            lines.append(node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format" \
                and sql(node.func.value):
            lines.append(node.lineno)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            parts = operands(node)
            if any(sql(p) for p in parts) and not all(isinstance(p, ast.Constant) for p in parts):
                lines.append(node.lineno)
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add) and not isinstance(node.value, ast.Constant):
            lines.append(node.lineno)
    return sorted(set(lines))


def _demo_sources() -> Tuple[str, str, Any]:
    source = DEMO.read_text(encoding="utf-8")
    result = run_codemod("sql-params", source, unsafe_fixes=True, path=str(DEMO))
    assert not result.errors, [e.message for e in result.errors]
    assert result.new_text is not None
    return source, result.new_text, result


def test_demo_module_ends_with_no_string_built_query() -> None:
    source, rewritten, result = _demo_sources()
    assert len(_spliced_queries(source)) >= 8
    assert _spliced_queries(rewritten) == []
    assert result.findings == []
    assert run_codemod("sql-params", rewritten, unsafe_fixes=True).new_text is None


def test_demo_module_safe_run_reports_what_it_leaves() -> None:
    source = DEMO.read_text(encoding="utf-8")
    result = run_codemod("sql-params", source, path=str(DEMO))
    assert result.new_text is not None
    left = _spliced_queries(result.new_text)
    assert left and sorted({f.line for f in result.findings}) == left


def _demo_world(module: Dict[str, Any]):
    from sqlalchemy.pool import StaticPool

    engine = sqlalchemy.create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    module["create_schema"](engine)
    conn = engine.connect()
    ann = module["add_customer"](conn, "ann@example.org", "Ann", "Oslo")
    ben = module["add_customer"](conn, "ben@example.org", "Ben", "Rome")
    cy = module["add_customer"](conn, "cy@example.org", "Cy", "Oslo")
    for customer, total, status in [(ann, 1200, "open"), (ann, 300, "paid"), (ben, 999, "open"), (cy, 50, "paid")]:
        module["add_order"](conn, customer, total, status)
    return conn


def _demo_state(conn) -> Any:
    state = []
    for table in ("customers", "orders"):
        try:
            state.append([tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")])
        except Exception as error:
            state.append(f"{table}: {type(error).__name__}")
    return state


def _demo_calls(module: Dict[str, Any]) -> List[Any]:
    conn = _demo_world(module)
    return [
        module["customer_by_email"](conn, "ann@example.org"),
        module["customer_by_email"](conn, "nobody@example.org"),
        module["search_customers"](conn, "n"),
        module["search_customers"](conn, "", 2),
        module["customers_in_cities"](conn, ["Oslo", "Lima"]),
        module["orders_for"](conn, 1),
        module["orders_for"](conn, 1, "open"),
        module["orders_for"](conn, 1, None, "500"),
        module["spent_by"](conn, "ann@example.org"),
        module["cancel_order"](conn, 3, "paid"),
        module["rename_customer"](conn, "ben@example.org", "Benjamin"),
        _demo_state(conn),
    ]


def test_demo_module_behaves_the_same_on_sqlite() -> None:
    source, rewritten, _ = _demo_sources()
    before = _demo_calls(_load(source, "demo_before"))
    after = _demo_calls(_load(rewritten, "demo_after"))
    assert after == before
    assert before[0] == (1, "Ann") and before[2] == ["Ann", "Ben"]


def test_demo_module_treats_payloads_as_data() -> None:
    source, rewritten, _ = _demo_sources()
    before, after = _load(source, "demo_before"), _load(rewritten, "demo_after")
    attack = "x' OR '1'='1"
    assert _demo_world(before) and before["customer_by_email"](_demo_world(before), attack) is not None
    assert after["customer_by_email"](_demo_world(after), attack) is None
    conn = _demo_world(before)
    before["rename_customer"](conn, attack, "Eve")
    assert {row[2] for row in _demo_state(conn)[0]} == {"Eve"}
    conn = _demo_world(after)
    after["rename_customer"](conn, attack, "Eve")
    assert "Eve" not in {row[2] for row in _demo_state(conn)[0]}
    drop = "'; DROP TABLE orders; --"
    with pytest.raises(Exception):
        before["orders_for"](_demo_world(before), 1, drop)
    conn = _demo_world(after)
    assert after["orders_for"](conn, 1, drop) == []
    assert len(_demo_state(conn)[1]) == 4
    in_attack = "x') OR ('1'='1"
    assert before["customers_in_cities"](_demo_world(before), [in_attack]) == ["Ann", "Ben", "Cy"]
    assert after["customers_in_cities"](_demo_world(after), [in_attack]) == []
    assert before["spent_by"](_demo_world(before), attack) == 2549  # every order of every customer
    assert after["spent_by"](_demo_world(after), attack) == 0


# -- values converted to numbers in the query text -------------------------------------------

#: (function, benign argument tuples): floats truncated by %d, bools, negative and
#: padded values; every one must give the same rows as the original.
NUMBER_CALLS = [
    ("padded", [(1,), (2.7,), (True,), (-3,), (3,)]),
    ("signed", [(1, 2), (True, 5), (-1, 1), (3, 10)]),
    ("as_int", [(1,), ("2",), (2.9,), (7,)]),
    ("as_float", [(30,), ("25.5",), (41,), (-1.5,)]),
    ("unsigned", [(2,), (3.5,)]),
]


@pytest.mark.parametrize("function,benign", NUMBER_CALLS, ids=[c[0] for c in NUMBER_CALLS])
def test_number_conversions_bind_the_same_number_on_sqlite(function, benign) -> None:
    original, rewritten, text = _modules("numbers")
    assert f"def {function}" in text and "?" in text.split(f"def {function}")[1].split("def ")[0]
    for args in benign:
        expected = _observe(original, function, args, PLAIN, _sqlite, _sqlite_dump)
        assert expected[0][0] == "returned", (function, args, expected)
        assert _observe(rewritten, function, args, PLAIN, _sqlite, _sqlite_dump) == expected, (function, args)
    # a payload never reaches the SQL text: the conversion refuses it (as the original's did)
    payload_args = ("1 OR 1=1",) + benign[0][1:]
    outcome = _observe(rewritten, function, payload_args, PLAIN, _sqlite, _sqlite_dump)
    assert outcome[0][0] == "raised", (function, outcome)
    assert _observe(original, function, payload_args, PLAIN, _sqlite, _sqlite_dump)[0][0] == "raised"


@pytest.mark.parametrize("function,benign", [c for c in NUMBER_CALLS if c[0] != "as_float"],
                         ids=[c[0] for c in NUMBER_CALLS if c[0] != "as_float"])
def test_number_conversions_bind_the_same_number_on_postgres(postgres, function, benign) -> None:
    pytest.importorskip("psycopg")
    original, rewritten, text = _modules("numbers_psycopg")
    assert "str(float(age))" in text  # a float8 parameter is not the NUMERIC literal: left and reported
    assert "%s" in text.split(f"def {function}")[1].split("def ")[0]

    def run(module, args, seed):
        return _pg_run(module, function, args, seed, postgres, "psycopg")

    for args in benign:
        expected = run(original, args, PLAIN)
        assert expected[0][0] == "returned", (function, args, expected)
        assert run(rewritten, args, PLAIN) == expected, (function, args)
    assert run(rewritten, ("1 OR 1=1",) + benign[0][1:], PLAIN)[0][0] == "raised"


# -- IN lists on DB-API drivers: one placeholder per item ------------------------------------

#: (function, extra arguments after the list, whether items are converted with int())
IN_LIST_CALLS = [
    ("by_ids", (), False),
    ("by_ids_percent", ("nobody",), False),
    ("by_ids_fstring", ("nobody",), True),
    ("by_ids_format", (), True),
    ("built", (), False),
    ("built", ("carol",), False),
    ("by_rows", (), False),
]


def _in_list_args(function: str, items: list, extra: tuple) -> tuple:
    if function == "by_rows":  # rows with an id attribute: ",".join(str(r.id) for r in rows)
        import types

        items = [types.SimpleNamespace(id=item) for item in items]
    return (extra[0], items) if function == "by_ids_fstring" else (items,) + extra


@pytest.mark.parametrize("function,extra,converted", IN_LIST_CALLS,
                         ids=[f"{c[0]}{len(c[1])}" for c in IN_LIST_CALLS])
def test_in_list_items_bound_one_placeholder_each_on_sqlite(function, extra, converted) -> None:
    original, rewritten, text = _modules("in_list_dbapi")
    assert '", ".join(["?"] * len(ids))' in text or "', '.join(['?'] * len(ids))" in text
    # the empty list too: IN () reads the same in both (SQLite accepts it; PostgreSQL refuses both)
    for items in ([1, 3], [2], [3, 2, 1], [2.5] if converted else ["2"], [True], []):
        args = _in_list_args(function, items, extra)
        expected = _observe(original, function, args, PLAIN, _sqlite, _sqlite_dump)
        assert expected[0][0] == "returned", (function, items, expected)
        assert _observe(rewritten, function, args, PLAIN, _sqlite, _sqlite_dump) == expected, (function, items)
    payload = ["1) OR (1=1"]
    injected = _observe(original, function, _in_list_args(function, payload, extra), PLAIN, _sqlite, _sqlite_dump)
    bound = _observe(rewritten, function, _in_list_args(function, payload, extra), PLAIN, _sqlite, _sqlite_dump)
    if converted:  # int() refuses the payload, before and after
        assert injected[0][0] == bound[0][0] == "raised"
    else:
        assert injected[0][0] == "returned" and len(injected[0][1]) >= 2, injected  # the original is injectable
        assert bound[0] == ("returned", []), (function, bound)  # one item, the payload's text: no id matches


def test_in_list_items_bound_one_placeholder_each_on_postgres(postgres) -> None:
    psycopg = pytest.importorskip("psycopg")
    source = ("import psycopg\n\n\ndef by_ids(conn, ids, name):\n    return conn.execute(\"SELECT id FROM users WHERE "
              "id IN (\" + \", \".join(str(i) for i in ids) + \") AND name <> '\" + name + \"' AND code LIKE 'A%' "
              "ORDER BY id\").fetchall()\n")
    rewritten_source = rewrite("sql-params", source)
    assert '", ".join(["%s"] * len(ids))' in rewritten_source and "LIKE 'A%%'" in rewritten_source
    original, rewritten = _load(source, "pg_in_before"), _load(rewritten_source, "pg_in_after")

    def run(module, args):
        return _pg_run(module, "by_ids", args, PLAIN, postgres, "psycopg")

    for args in (([1, 3], "x"), ([4, 1, 2], "alice"), ([2], "bob")):
        assert run(rewritten, args) == run(original, args)
        assert run(original, args)[0][0] == "returned"
    assert run(original, ([], "x"))[0] == run(rewritten, ([], "x"))[0] == ("raised", "SyntaxError")
    assert run(original, (["1) OR (1=1"], "x"))[0] == ("returned", [[1], [3], [4]])
    assert run(rewritten, (["1) OR (1=1"], "x"))[0][0] == "raised"  # a text item for an integer: data, refused
    assert psycopg is not None
