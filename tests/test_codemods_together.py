"""Codemods must not blind each other: every case under ``tests/cases`` is run with
all built-in codemods selected, and the case's own codemod may report nothing there
that it does not report when it runs alone. Evidence a codemod decides from (the
driver a module imports, a URL, ...) comes from the file as the run found it, not
from what an earlier codemod of the same run left (an import unused-imports removed).

How the case's settings apply to the others: its ``[options]`` belong to its own
codemod's table (every other codemod keeps its defaults, as in a project that
configures one codemod); ``unsafe-fixes`` is a flag of the whole run, so it holds
for every codemod; ``path`` is the file's path for all of them. ``rename`` is left
out, as ``--select ALL`` leaves it out (it runs only as ``codemod rename OLD NEW``).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from codemods.engine.pipeline import process_source
from codemods.engine.source import compile_error
from codemods.registry import builtin_codemods
from tests.helpers import run_codemod, settings_for
from tests.test_cases import _cases, _settings

#: the built-ins ``--select ALL`` runs
ALL_IDS = sorted(i for i in builtin_codemods() if i != "rename")


def _findings(result, codemod_id: str) -> Counter:
    return Counter((f.message, f.hint) for f in result.findings if f.codemod == codemod_id)


@pytest.mark.parametrize("codemod_id,source", list(_cases()))
def test_case_with_every_codemod(codemod_id: str, source: Path) -> None:
    settings = _settings(source)
    min_version = settings.get("min-python")
    if min_version and sys.version_info < tuple(int(p) for p in min_version.split(".")):
        pytest.skip(f"needs Python {min_version}")
    options = settings.get("options", {})
    unsafe = settings.get("unsafe-fixes", False)
    path = settings.get("path", "case.py")
    raw = source.read_bytes()
    alone = run_codemod(codemod_id, raw.decode("utf-8"), options, unsafe, path=path)
    together = process_source(raw, path, settings_for(ALL_IDS, {codemod_id: options}, unsafe))
    errors = [(e.line, e.message) for e in together.errors]
    refused = compile_error(raw.decode("utf-8"), path)
    if refused is not None:
        # a file CPython refuses to compile (a misplaced ``from __future__``, which ast
        # parses) is reported as soon as any codemod wants to change it: alone, the
        # case's codemod may want nothing; another one (type-hints) does
        assert errors in ([], [(refused.line, refused.message)])
    else:
        assert not errors
    extra = _findings(together, codemod_id) - _findings(alone, codemod_id)
    assert not extra, f"{codemod_id} reports only when run with every codemod: {sorted(extra)}"


def test_an_import_removed_in_the_run_still_tells_the_driver() -> None:
    """unused-imports removes the unread ``import sqlite3``; sql-params' second pass
    (after that change) still binds with ``?`` and reports only what it reports alone."""
    source = ('import sqlite3\n\n\ndef find(conn, name, n):\n'
              '    return conn.execute("SELECT id FROM users WHERE name = \'" + name + "\' LIMIT " + n).fetchall()\n')
    result = process_source(source.encode(), "q.py", settings_for(["sql-params", "unused-imports"]))
    assert not result.errors
    assert result.new_text == ('def find(conn, name, n):\n'
                               '    return conn.execute(\n'
                               '        "SELECT id FROM users WHERE name = ? LIMIT " + n, (name,)\n'
                               '    ).fetchall()\n')
    assert [(f.codemod, f.line, f.message) for f in result.findings] == [
        ("sql-params", 3, "cannot safely bind unquoted value 'n'")]
