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
    returned by a one-statement helper of the module whose every caller passes its
    result straight to ``execute`` (the helper then returns ``(sql, params)`` and
    the callers unpack it).

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
      (``str(...)`` around them is dropped); ``%d`` and ``{:d}`` are bound as
      ``int(value)``.
    * A value used twice is bound twice (once, by name, in the named styles).
    * Placeholders: ``?`` for sqlite3, ``%s`` for psycopg/PyMySQL/mysqlclient/Django
      (every literal ``%`` of the statement then becomes ``%%``), ``:name`` for
      oracledb and for ``text()`` (values in the ``execute`` dict, or
      ``.bindparams(...)`` when the ``text()`` is not executed on the spot), the
      DB-API driver's style for ``exec_driver_sql``. The named variant
      (``:name``, ``%(name)s``) is used when the call already passes a dict.
      Numeric placeholders (``:1``) restart in each ``if``/``elif`` branch that
      assigns the query.
    * Parameters the call already passes are merged in statement order;
      ``executemany`` rows are extended the same way for every row.
    * A query in a variable: when it is assigned once and its values cannot change
      before the call, the values move to the call; otherwise a ``params`` list
      (dict for named styles) is built beside every assignment and ``+=``.
    * In ``text()``, an ``IN (...)`` list joined from a sequence (of plain or
      quoted items: ``"', '".join(names)``, ``",".join("'%s'" % n for n in names)``)
      becomes ``bindparam(name, expanding=True)``; ``bindparam`` is imported
      beside ``text`` (merged into that import, or its own statement where the
      project's import sorter wants one name per line, in sorted order).
    * The rest of the statement keeps its comments, line breaks and string
      prefixes; literals left side by side on one line are merged. A comment
      that sat in a removed part (beside a bound operand, ``%`` or ``.format``)
      moves to a comment line above the statement.

Never
    * Touches a query made only of literals and module-level constants (no
      report either).
    * Binds what SQL cannot take as a parameter. These are reported and the code
      stays byte-identical: identifiers (table, column, schema names; also inside
      ``"..."`` or backticks, or as the argument of a function in the select
      list or on the left of a comparison: ``COUNT({col})``,
      ``lower({col}) = ...``), an ``ORDER BY`` direction, a variable-length ``IN``
      list on plain DB-API, ``executescript()``, SQL fragments (a whole condition,
      or one that comes from another module), hand-escaped values
      (``.replace("'", "''")``, ``escape_string``), unquoted values with a format
      spec (``{price:.2f}``), and statements whose quoting it cannot follow.
    * Rewrites a query that other code reads too (a logged query), a helper that
      builds its query over several statements or whose result is not passed
      straight to ``execute``, or numeric placeholders whose positions differ
      from path to path (``+=`` under an ``if`` or in a loop): reported.
    * Guesses the placeholder: with no driver in sight it reports instead (set the
      ``paramstyle`` option).

Fix safety
    Safe (applied by default) — the driver receives the same values as before for
    every input that was not an injection:
    * a value alone inside a quoted SQL string, bound as the text the original
      inserted (``str(value)`` unless it is certainly a str; the same format
      spec or conversion);
    * text and values mixed inside one quoted SQL string, bound as one f-string;
    * an unquoted value that is certainly an integer (``int(...)``, ``len(...)``,
      an ``int`` annotation) and any ``%d`` / ``{:d}`` value (bound as
      ``int(value)``);
    * the ``%%`` and parameter merging that these bring along.
    Unsafe (only with ``--unsafe-fixes``; otherwise reported) — the value's SQL
    type or meaning may change:
    * any other unquoted value: a string ``"5"`` becomes a text parameter instead
      of the number 5, and a value that was deliberately SQL (``"NOW()"``,
      ``"a.id"``) becomes data;
    * ``IN`` lists turned into expanding bind parameters;
    * a public query helper (other modules may call it).
    Without ``--unsafe-fixes`` the safe values of a statement are still bound and
    the unquoted ones are left in place and reported.

Options
    paramstyle = "auto"
        ``"qmark"``, ``"format"``, ``"pyformat"``, ``"named"`` or ``"numeric"``
        forces the placeholder style of DB-API calls and ``exec_driver_sql``
        (``text()`` always takes ``:name``); ``"auto"`` reads it from the
        receiver (``sqlite3.connect(...)``, an annotation), a SQLAlchemy URL in
        the module, or the single DB-API driver the module imports.
"""

from __future__ import annotations

import ast
import re
from typing import Dict, List, Set

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
    one_pass = True
    options = {"paramstyle": "auto"}
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
            '    cur.execute("SELECT id FROM items WHERE title LIKE %s AND kind = \'book\'", (f"%{term}%",))\n',
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
        Example(  # an identifier cannot be a parameter: reported, unchanged
            'import sqlite3\n\n\ndef dump(conn, table):\n'
            '    return conn.execute("SELECT * FROM " + table).fetchall()\n',
        ),
        Example(  # constants only
            'import sqlite3\nTABLE = "users"\n\n\ndef dump(conn):\n'
            '    return conn.execute("SELECT * FROM " + TABLE).fetchall()\n',
        ),
    )

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
