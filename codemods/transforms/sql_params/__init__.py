"""Turn SQL built from strings into a constant statement with bound parameters, in
the placeholder style of the driver that runs it.

What it changes
    The query of a DB-API ``cursor.execute`` / ``executemany`` or
    ``connection.execute`` (sqlite3, psycopg2, psycopg 3, PyMySQL, mysqlclient,
    oracledb), of SQLAlchemy ``text(...)`` wherever it is executed, of
    ``Connection.exec_driver_sql``, of Django ``cursor.execute``,
    ``Model.objects.raw`` and ``RawSQL``, when it is built with ``+`` or ``+=``,
    ``%`` (a tuple, one value or a dict), ``.format`` (positional or keyword) or an
    f-string: inline, or in a local variable of the same function (also assigned
    in ``if``/``elif`` branches, or grown with ``+=``) that only the execute call
    reads, also when the call extends it (``execute(sql + " ORDER BY id")``); or
    returned by a helper function of the module whose every caller passes its
    result straight to ``execute``: a one-statement ``return <built string>``, or
    a local query variable assigned and grown (``+=``, also under ``if`` or in a
    loop) that the function's only ``return`` returns. The helper then returns
    ``(sql, params)`` and the callers unpack it (``execute(*helper(...))``).

    * A value alone inside a quoted SQL string (``name = '" + name + "'"``) loses
      its quotes and becomes one placeholder. A value formatted with ``str()``
      semantics (f-string, ``%s``, ``{}``) is bound as ``str(value)`` unless it is
      certainly a string already, so the driver sees the same text.
    * Text and values mixed inside one quoted SQL string
      (``LIKE '%" + term + "%'``) become one value built in Python
      (``f"%{term}%"``).
    * A quoted value with a format spec or conversion (``'{code:05d}'``,
      ``'%5s'``, ``'{name!r}'``) is bound as the same text, built in Python
      (``format(code, "05d")``).
    * Unquoted values (``WHERE id = {uid}``, ``LIMIT " + str(n)``) are bound too
      (``str(...)`` around them is dropped); ``%d`` / ``%i`` / ``%u`` and ``{:d}``,
      also padded or signed (``%05d``, ``{:>4d}``, ``{:+d}``), are bound as
      ``int(value)``.
    * In a statement that also splices an identifier or an ``ORDER BY``
      direction (``WHERE role = '{role}' ORDER BY {sort}``), the values are bound
      and the identifier stays where it is, reported; a ``%`` or ``.format``
      template keeps the fields that stay (``"... FROM %s WHERE name = ?" %
      (table,)``).
    * A value used twice is bound twice (once, by name, in the named styles).
    * Placeholders: ``?`` for sqlite3, ``%s`` for psycopg/PyMySQL/mysqlclient/Django
      (every literal ``%`` of the statement then becomes ``%%``), ``:name`` for
      oracledb and for ``text()`` (values in the ``execute`` dict, or
      ``.bindparams(...)`` when the ``text()`` is not executed on the spot), the
      DB-API driver's style for ``exec_driver_sql``. The named variant
      (``:name``, ``%(name)s``) is used when the call already passes a dict.
      Numeric placeholders (``:1``) restart in each ``if``/``elif`` branch that
      assigns the query; where the number of values before a ``+=`` differs from
      path to path (under an ``if``, in a loop) the ``+=`` takes its numbers from
      the parameter list at run time (``" AND name = :" + str(len(params) + 1)``).
    * Parameters the call already passes are merged in statement order;
      ``executemany`` rows are extended the same way for every row.
    * A query in a variable: when it is assigned once and its values cannot change
      before the call, the values move to the call; otherwise a ``params`` list
      (dict for named styles) is built beside every assignment and ``+=``.
    * An ``IN (...)`` list joined from a sequence (``", ".join(str(i) for i in
      ids)``, ``map(str, ids)``, ``str(int(i))``, ``"%d" % i``, ``str(r.id) for
      r in rows``; or plain or quoted items: ``",".join(codes)``,
      ``"', '".join(names)``, ``",".join("'%s'" % n for n in names)``): in
      ``text()`` it becomes ``bindparam(name, expanding=True)`` (the items in a
      list); with a DB-API driver using ``?`` or ``%s`` it keeps one placeholder
      per item, ``IN (" + ", ".join(["?"] * len(ids)) + ")``, and the items are
      passed as parameters (``int(i)``, ``r.id``: as the items were written).
      The sequence is then read twice (``len()`` and the items): it must be a
      name or an attribute, not visibly a generator or a ``map`` / ``filter`` /
      ``zip`` / ``iter`` result. An empty list reads ``IN ()`` as before on
      DB-API (SQLite accepts it, PostgreSQL and MySQL refuse it, as they did);
      SQLAlchemy's expanding parameter turns it into an empty set (no rows)
      where the original ``IN ()`` failed.
      ``bindparam`` is imported beside ``text`` (merged into that import, or its
      own statement where the project's import sorter wants one name per line, in
      sorted order).
    * The rest of the statement keeps its comments, line breaks and string
      prefixes; literals left side by side on one line are merged. A comment
      that sat in a removed part (beside a bound operand, ``%`` or ``.format``)
      moves to a comment line above the statement.

    A rewritten call or query longer than the project's line length is wrapped
    as its formatter would, else in the file's own continuation style: the
    parameters move to the next line; a string literal is never split.

Never
    * Touches a query made only of literals and module-level constants (no
      report either).
    * Binds what SQL cannot take as a parameter. These are reported and the code
      stays byte-identical: identifiers (table, column, schema names; also inside
      ``"..."`` or backticks, or as the argument of a function in the select
      list or on the left of a comparison: ``COUNT({col})``,
      ``lower({col}) = ...``) and an ``ORDER BY`` direction are reported and
      left in place (the statement's values are still bound). The whole statement
      stays byte-identical, reported, for: an ``IN`` list on DB-API that it cannot
      count twice (a call, a generator, items other than the loop variable), with
      named or numeric placeholders or quoted items, ``executescript()``, SQL
      fragments (a whole condition, or one that comes from another module: its
      text may hold quotes, ``%`` or placeholders), hand-escaped values
      (``.replace("'", "''")``, ``escape_string``), unquoted values with another
      format spec (``{price:.2f}``, ``{n:,d}``), and statements whose quoting it
      cannot follow.
    * Rewrites a query that other code reads too (a logged query), a helper with
      more than one ``return`` or whose result is not passed straight to
      ``execute``, or numeric placeholders numbered at run time inside a ``%`` or
      ``.format`` template: reported.
    * Guesses the placeholder: with no driver in sight, in the module or in the
      project (see Options), it reports instead.

Fix safety
    Safe (applied by default) — the driver receives the same values as before for
    every input that was not an injection:
    * a value alone inside a quoted SQL string, bound as the text the original
      inserted (``str(value)`` unless it is certainly a str; the same format
      spec or conversion);
    * text and values mixed inside one quoted SQL string, bound as one f-string;
    * an unquoted value that is certainly an integer (``int(...)``, ``len(...)``,
      an ``int`` annotation) and any ``%d`` / ``{:d}`` value, padded or signed
      (bound as ``int(value)``: ``%d`` writes ``int(value)`` for every value it
      accepts, floats truncated, ``True`` as 1; ``{:d}`` accepts integers only;
      padding and sign do not change the number SQL reads);
    * an unquoted ``float(...)`` (or ``float`` annotation) on sqlite3, psycopg2,
      PyMySQL or mysqlclient (also as a SQLAlchemy URL's driver): the spliced
      text was ``repr(value)``; SQLite reads it as the same REAL as the float
      parameter, and the client-side drivers write the parameter with
      ``repr()``. Elsewhere (psycopg 3, oracledb) the parameter is a binary
      float where the literal was an exact NUMERIC: unsafe;
    * an ``IN`` list of ``str()`` or ``int()`` items (the numbers SQL read:
      bound as the items, or ``int(item)``);
    * the values of a statement whose identifiers stay in place (they are
      reported);
    * the ``%%`` and parameter merging that these bring along.
    Unsafe (only with ``--unsafe-fixes``; otherwise reported) — the value's SQL
    type or meaning may change:
    * any other unquoted value: a string ``"5"`` becomes a text parameter instead
      of the number 5, and a value that was deliberately SQL (``"NOW()"``,
      ``"a.id"``) becomes data;
    * ``IN`` lists of raw string items (``",".join(codes)``: the items were SQL
      text), and in ``text()`` quoted ones (``"', '".join(names)`` reads an
      empty list as ``IN ('')``);
    * a public query helper (other modules may call it);
    * a placeholder taken from the project's only driver when the connection's
      origin is not visible (a parameter ``conn``): a caller could pass another.
    Without ``--unsafe-fixes`` the safe values of a statement are still bound and
    the unquoted ones are left in place and reported.

Options
    paramstyle = "auto"
        ``"qmark"``, ``"format"``, ``"pyformat"``, ``"named"`` or ``"numeric"``
        forces the placeholder style of DB-API calls and ``exec_driver_sql``
        (``text()`` always takes ``:name``); ``"auto"`` reads it from the
        receiver (``sqlite3.connect(...)``, an annotation), a SQLAlchemy URL in
        the module, or the single DB-API driver the module imports; then from
        the project: a connection or engine that comes from a function or object
        imported from a project module (``from myapp.db import get_connection``)
        takes the driver of that module's ``connect()`` / ``create_engine(URL)``
        calls (in that function, or the module's); one whose origin is not
        visible takes the project's only driver, as an unsafe fix. The project
        is every file of the run, and the project modules a file that executes
        SQL imports (read from disk when the run leaves them out, as a
        pre-commit run does); a ``create_engine`` URL that is not a literal
        counts as an unknown driver.
"""

from __future__ import annotations

import ast
import re
from typing import Any, Dict, List, Mapping, Sequence, Set

from codemods.contract import Codemod, Example

#: a file that calls none of the sinks by name needs nothing
_SINK_WORDS = re.compile(r"\b(?:execute|executemany|executescript|exec_driver_sql|text|raw|RawSQL)\s*\(")
_SINK_CALLS = {"execute", "executemany", "executescript", "exec_driver_sql", "text", "raw", "RawSQL"}


class SqlParams(Codemod):
    id = "sql-params"
    summary = "Bind values of string-built SQL as parameters, in the driver's paramstyle."
    default = True
    safe = True  # per fix: unsafe rewrites run only with --unsafe-fixes
    order = 200
    wraps_lines = True
    one_pass = True
    options = {"paramstyle": "auto"}
    cross_file = True  # the project's connect() / create_engine() calls tell a driver the module does not show
    metadata = ("position", "scope", "qualified_name", "parent")
    rewriter = "codemods.transforms.sql_params.rewriter:SqlParamsRewriter"
    examples = (
        Example(
            'import sqlite3\n\n\ndef find(conn, name):\n'
            '    return conn.execute("SELECT id FROM users WHERE name = \'" + name + "\'").fetchall()\n',
            'import sqlite3\n\n\ndef find(conn, name):\n'
            '    return conn.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchall()\n',
        ),
        Example(
            'import psycopg2\n\n\ndef search(cur, term):\n'
            '    cur.execute(f"SELECT id FROM items WHERE title LIKE \'%{term}%\' AND kind = \'book\'")\n',
            'import psycopg2\n\n\ndef search(cur, term):\n'
            '    cur.execute(\n'
            '        "SELECT id FROM items WHERE title LIKE %s AND kind = \'book\'", (f"%{term}%",)\n'
            '    )\n',  # longer than the line (88 by default): wrapped
        ),
        Example(
            'from sqlalchemy import text\n\n\ndef get(conn, uid: int):\n'
            '    return conn.execute(text("SELECT * FROM users WHERE id = %d" % uid)).all()\n',
            'from sqlalchemy import text\n\n\ndef get(conn, uid: int):\n'
            '    return conn.execute(text("SELECT * FROM users WHERE id = :uid"), {"uid": uid}).all()\n',
        ),
        Example(
            'import sqlite3\n\n\ndef page(conn, n):\n'
            '    return conn.execute("SELECT * FROM users LIMIT " + str(n)).fetchall()\n',
            'import sqlite3\n\n\ndef page(conn, n):\n'
            '    return conn.execute("SELECT * FROM users LIMIT ?", (n,)).fetchall()\n',
            unsafe=True,
        ),
        Example(  # the identifier stays (reported), the value is bound
            'import sqlite3\n\n\ndef staff(conn, role, sort):\n'
            '    return conn.execute(f"SELECT id FROM users WHERE role = \'{role}\' ORDER BY {sort}").fetchall()\n',
            'import sqlite3\n\n\ndef staff(conn, role, sort):\n'
            '    return conn.execute(\n'
            '        f"SELECT id FROM users WHERE role = ? ORDER BY {sort}", (str(role),)\n'
            '    ).fetchall()\n',
        ),
        Example(
            'import sqlite3\n\n\ndef by_ids(conn, ids):\n'
            '    return conn.execute("SELECT * FROM users WHERE id IN (%s)" % ", ".join(map(str, ids))).fetchall()\n',
            'import sqlite3\n\n\ndef by_ids(conn, ids):\n'
            '    return conn.execute(\n'
            '        "SELECT * FROM users WHERE id IN (%s)" % ", ".join(["?"] * len(ids)), (*ids,)\n'
            '    ).fetchall()\n',
        ),
        Example(  # an identifier cannot be a parameter: reported, unchanged
            'import sqlite3\n\n\ndef dump(conn, table):\n'
            '    return conn.execute("SELECT * FROM " + table).fetchall()\n',
        ),
        Example(  # constants only
            'import sqlite3\nTABLE = "users"\n\n\ndef dump(conn):\n'
            '    return conn.execute("SELECT * FROM " + TABLE).fetchall()\n',
        ),
    )

    def prepare(self, paths: Sequence[str], options: Mapping[str, Any], *,
                frozen_paths: Sequence[str] = ()) -> Any:
        """Where the project makes its connections (see ``project.py``); nothing to
        look for when the paramstyle is configured."""
        if options.get("paramstyle", "auto") != "auto":
            return None
        from codemods.transforms.sql_params.project import scan_project

        return scan_project(paths)

    def detect(self, tree: ast.Module, source: str) -> bool:
        """A string-built expression that reaches a sink: as its argument, through a
        variable of the same name, or returned by a function called there (directly,
        or through a variable the function builds and returns)."""
        if not _SINK_WORDS.search(source):
            return False
        names: Set[str] = set()
        helpers: Set[str] = set()
        built_names: Set[str] = set()
        functions: Dict[str, List[ast.AST]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and _is_sink(node):
                query = node.args[0]
                if _built(query):
                    return True
                if isinstance(query, ast.Name):
                    names.add(query.id)
                elif isinstance(query, ast.Call) and isinstance(query.func, ast.Name):
                    helpers.add(query.func.id)
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                built_names.update(_built_targets(node))
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions.setdefault(node.name, []).append(node)
        if names & built_names:
            return True
        for helper in helpers & set(functions):  # only the functions a sink calls are walked
            for function in functions[helper]:
                returned: Set[str] = set()
                built_here: Set[str] = set()
                for node in ast.walk(function):
                    if isinstance(node, ast.Return) and node.value is not None:
                        if _built(node.value):
                            return True
                        if isinstance(node.value, ast.Name):
                            returned.add(node.value.id)
                    elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                        built_here.update(_built_targets(node))
                if returned & built_here:
                    return True
        return False


def _built_targets(node: ast.stmt) -> List[str]:
    value = node.value
    if value is None or not _built(value):
        return []
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return [t.id for t in targets if isinstance(t, ast.Name)]


def _is_sink(node: ast.Call) -> bool:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in _SINK_CALLS


def _built(node: ast.AST) -> bool:
    """An expression that splices something into a string."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _stringish(node.left) or _stringish(node.right) or _built(node.left)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)
    return False


def _stringish(node: ast.AST) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(node, ast.JoinedStr) \
        or _built(node)
