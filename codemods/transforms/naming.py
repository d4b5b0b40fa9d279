"""Rename bindings to one naming convention (pep8 by default), with every reference.

What it changes
    camelCase / mixedCase names become snake_case and classes become CapWords,
    everywhere the binding is read or written, decided scope by scope (libcst's
    ScopeProvider), never by text:

    * function locals, comprehension and lambda variables, ``*args``/``**kwargs``,
      parameters of nested functions: with ``global``/``nonlocal`` statements,
      closures, f-strings and their format specs, string annotations, and keyword
      arguments at the call sites of that function;
    * private module-level functions, classes and variables (a leading underscore,
      a private module, or left out of ``__all__``): with every reference in the
      module and in every other module of the run that imports them
      (``from m import f``, ``import m`` then ``m.f``, aliased modules and names);
    * parameters of private module-level functions, with the keyword arguments at
      their call sites in every module of the run.

    Acronyms are words: ``parseURL`` becomes ``parse_url``; ``HTTPServer`` is
    already CapWords and stays.

Never
    Dunders; names in ``__all__``; names re-exported from a package ``__init__``;
    methods, class attributes and properties (they are API and may override a
    framework's: ``setUp``, ``visit_Name``, ``do_GET``) and method parameters;
    names spelled in strings anywhere in the run (``getattr``/``setattr``,
    ``__slots__``, ``mock.patch("pkg.mod.name")``, ``%(name)s`` formats,
    ``**{"name": ...}``); anything in a function that uses ``locals()``, ``vars()``,
    ``eval`` or ``exec``, and module names of a module that uses ``globals()``,
    ``eval`` or ``exec``; names imported from outside the project; TypeVars,
    namedtuples and other definitions named by a string; UPPER_CASE constants;
    CapWords variables (they usually hold classes); decorated functions and classes
    (a decorator may register them by name) unless the decorator is known to be
    harmless (``functools.wraps``, ``lru_cache``, ``dataclass``, ...); parameters of
    a function that is used other than by direct calls (passed as a callback,
    stored, called with ``**kwargs``); names of modules that are star-imported;
    anything touched by a suppressed line, a suppressed or generated file, or a
    file of the run that cannot be parsed.

    It never merges two names: when the new name already exists in a scope that
    sees the binding (or would be captured by it), the rename is skipped and
    reported: ``cannot rename 'fooBar' to 'foo_bar': name exists``.

Fix safety
    Safe: every rename above keeps behaviour within the files of the run (the
    whole run is indexed first, so a module and its importers change together).
    What it cannot see: code outside the run that imports a private name, and
    code that reads ``__name__`` (a renamed function's or class's ``__name__``,
    ``repr`` and pickled references change).

    Unsafe (``--unsafe-fixes``): public module-level functions, classes and
    variables, and the parameters of public functions, because callers outside
    the project may use them. Every reference in the run is still updated,
    keyword call sites included; with ``keep-alias = true`` an ``oldName =
    new_name`` alias is left behind the definition for callers outside.

Options
    ``ignore-names`` (list of fnmatch patterns, default none): names never renamed.
    ``function-names``, ``class-names``, ``variable-names``, ``argument-names``:
    the convention per kind: ``snake_case``, ``camelCase``, ``CapWords`` or
    ``off`` (defaults: pep8, i.e. snake_case, CapWords, snake_case, snake_case).
    ``keep-alias`` (default false): leave ``oldName = new_name`` after a renamed
    public definition.

    ``codemod rename OLD NEW`` is the explicit, one-name migration (see
    ``codemod explain rename``).
"""

from __future__ import annotations

import ast
import re
from typing import Any, Mapping, Optional, Sequence

from codemods.contract import Codemod, Example

# a mixedCase word, or a class statement whose name is not CapWords
_NON_CONFORMING = re.compile(r"\b_*[a-z][a-z0-9]*[A-Z]\w*|\bclass\s+_*(?:[a-z]|[A-Z]\w*_[A-Za-z0-9])")

#: old names of the current run's cross-file renames (set by ``prepare`` in this
#: process): a file that mentions none of them and has no non-conforming name of its
#: own needs nothing. None: unknown (e.g. a worker process started fresh), so yes.
_RUN_WORDS: Optional[frozenset] = None


class Naming(Codemod):
    id = "naming"
    summary = "Rename to the naming convention (pep8 by default) with every reference, across modules."
    default = True
    safe = True
    order = 100
    cross_file = True
    options = {
        "ignore-names": [],
        "function-names": "snake_case",
        "class-names": "CapWords",
        "variable-names": "snake_case",
        "argument-names": "snake_case",
        "keep-alias": False,
    }
    metadata = ("position", "scope", "parent")
    rewriter = "codemods.rewriters.naming:NamingRewriter"
    examples = (
        Example(
            "def total(rows):\n    runningSum = 0\n    for rowValue in rows:\n        runningSum += rowValue\n"
            "    return f'{runningSum:>{len(rows)}}'\n",
            "def total(rows):\n    running_sum = 0\n    for row_value in rows:\n        running_sum += row_value\n"
            "    return f'{running_sum:>{len(rows)}}'\n",
        ),
        Example(
            "def _parseURL(rawURL):\n    return rawURL.split('/')\n\n\nparts = _parseURL(rawURL='a/b')\n",
            "def _parse_url(raw_url):\n    return raw_url.split('/')\n\n\nparts = _parse_url(raw_url='a/b')\n",
        ),
        Example(
            "class _http_handler:\n    def do_GET(self):\n        pass\n\n\nhandler: '_http_handler' = _http_handler()\n",
            "class _HttpHandler:\n    def do_GET(self):\n        pass\n\n\nhandler: '_HttpHandler' = _HttpHandler()\n",
        ),
        # public API: only with --unsafe-fixes
        Example("def getValue(itemKey):\n    return itemKey\n"),
        Example("def getValue(itemKey):\n    return itemKey\n", "def get_value(item_key):\n    return item_key\n",
                unsafe=True),
        # never merges two names
        Example("def f():\n    foo_bar = 1\n    fooBar = 2\n    return foo_bar + fooBar\n"),
        # locals() sees the names
        Example("def f():\n    userName = 'x'\n    return '%(userName)s' % locals()\n"),
    )

    def detect(self, tree: ast.Module, source: str) -> bool:
        if _NON_CONFORMING.search(source):
            return True
        if _RUN_WORDS is None:
            return True
        return any(word in source for word in _RUN_WORDS)

    def prepare(self, paths: Sequence[str], options: Mapping[str, Any]) -> Any:
        from codemods.rewriters.naming_index import build_plan, read_sources

        plan = build_plan(read_sources(paths), options, self.id)
        global _RUN_WORDS
        _RUN_WORDS = frozenset(name for _, name, _, _ in plan.renames + plan.bindings) | frozenset(
            old for _, _, renames, _ in plan.params for old, _ in renames)
        return plan
