"""Rename bindings to one naming convention (pep8 by default), with every reference.

What it changes
    camelCase / mixedCase names become snake_case and classes become CapWords,
    everywhere the binding is read or written, decided scope by scope (libcst's
    ScopeProvider), never by text:

    * function locals, comprehension and lambda variables, ``*args``/``**kwargs``,
      parameters of nested functions: with ``global``/``nonlocal`` statements,
      closures, f-strings and their format specs, string annotations, and keyword
      arguments at the call sites of that function;
    * parameters of a lambda bound to a function local (``addOne = lambda
      inputValue: ...``) whose every use is a direct call without keywords or
      ``**``: no caller can spell them;
    * private module-level functions and classes (a leading underscore, a private
      module, or left out of ``__all__``) and private module-level variables (a
      leading underscore or a private module): with every reference in the
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
    parameters of a lambda that is returned, passed on, bound at module or class
    level, bound twice or called with a keyword;
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
    Safe: every rename above keeps behaviour within the project. Every Python file
    of the project is indexed first, whatever paths are named (the nearest folder
    with pyproject.toml, setup.cfg, setup.py or .git; ``--project-root``
    overrides), so a module and its importers change together. A definition or
    parameter that a file outside the run refers to (imports it, reads it as
    ``module.name``, passes it by keyword) is not renamed: it is reported with the
    ``file:line`` that would break; run on both files, or on the whole project, to
    rename everywhere. What it cannot see: code outside the project that imports a
    private name, and code that reads ``__name__`` (a renamed function's or
    class's ``__name__``, ``repr`` and pickled references change).

    Unsafe (``--unsafe-fixes``): public module-level functions, classes and
    variables, and the parameters of public functions, because callers outside
    the project may use them. A module-level variable without a leading
    underscore is public even when ``__all__`` leaves it out: code elsewhere may
    set it (``logging.logThreads = False``). Every reference in the run is still updated,
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
import os
from typing import Any, Iterator, List, Mapping, Sequence, Tuple

from codemods.contract import Codemod, Example
from codemods.analysis.walk import LEAVES, children
_MATCH_CAPTURES = frozenset(getattr(ast, n) for n in ("MatchAs", "MatchStar", "MatchMapping") if hasattr(ast, n))
_OWN_SCOPES = frozenset({ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp})


class Naming(Codemod):
    id = "naming"
    summary = "Rename to the naming convention (pep8 by default) with every reference, across modules."
    default = True
    safe = True
    order = 100
    one_pass = True
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
    rewriter = "codemods.transforms.naming.rewriter:NamingRewriter"
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
        # a binding of this file that breaks the convention, or a name the run's
        # cross-file plan renames (this file may import or call it)
        from codemods.transforms.naming.case import proposed_name, validate_styles

        try:
            styles = validate_styles(self.settings)
        except ValueError:
            return True  # the rewriter reports the bad option
        for name, kind in _bindings(tree):
            if proposed_name(name, kind, styles) is not None:
                return True
        plan = self.project
        if plan is None:
            return False
        words = {name for _, name, _, _ in plan.renames + plan.bindings}
        words.update(old for _, _, renames, _ in plan.params for old, _ in renames)
        return any(word in source for word in words)

    def prepare(self, paths: Sequence[str], options: Mapping[str, Any], *,
                frozen_paths: Sequence[str] = (), model: Any = None) -> Any:
        """``paths``: every file of the project (``model``, the project model, holds their
        facts); ``frozen_paths``: those this run does not rewrite for naming (outside the
        named paths, left out by ``--since``, per-file ignores): what they define keeps
        its name, and what they refer to is held and reported."""
        from codemods.transforms.naming.case import proposed_name, validate_styles
        from codemods.transforms.naming.plan import NamingPlan

        if model is None:
            from codemods.analysis.project import ProjectModel
            from codemods.transforms.naming.plan import read_sources

            model = ProjectModel.from_sources(read_sources(paths))
        try:
            styles = validate_styles(options)
        except ValueError:
            styles = None
        frozen = {os.path.abspath(path) for path in frozen_paths}
        if styles is not None and not any(_has_candidate(model.facts(path), styles, proposed_name)
                                          for path in model.paths() if path not in frozen):
            return NamingPlan()  # nothing the run rewrites breaks the convention: no index needed
        from codemods.transforms.naming.index import build_plan

        return build_plan(model, options, self.id, frozen_paths=frozen_paths)


def _has_candidate(facts, styles: Mapping[str, str], proposed_name) -> bool:
    """A module-level definition or a parameter of a module-level function that breaks
    the convention (what the cross-file plan decides; locals are the rewriter's)."""
    if facts is None:
        return False
    if not facts.parsed:
        return False  # it protects its words; nothing in it is rewritten
    for name, definitions in facts.definitions.items():
        kinds = {d.kind for d in definitions}
        if "import" in kinds:
            continue
        kind = next((k for k in ("class", "function") if k in kinds), "variable")
        if proposed_name(name, kind, styles) is not None:
            return True
    return any(proposed_name(param, "argument", styles) is not None
               for function in facts.functions.values() for param, _ in function.params)


def _bindings(tree: ast.Module) -> Iterator[Tuple[str, str]]:
    """(name, kind) of every name this module binds that the codemod may rename:
    methods, their parameters and class attributes are API and never renamed."""
    leaves = LEAVES
    pending: List[Tuple[ast.AST, bool]] = [(tree, False)]
    while pending:
        node, in_class = pending.pop()
        for child in children(node):
            cls = child.__class__
            if cls in leaves:
                continue
            if cls is ast.Name:
                if not in_class and child.ctx.__class__ is not ast.Load:  # type: ignore[attr-defined]
                    yield child.id, "variable"  # type: ignore[attr-defined]
                continue
            if cls is ast.FunctionDef or cls is ast.AsyncFunctionDef:
                if not in_class:
                    yield child.name, "function"  # type: ignore[attr-defined]
                    pending.append((child.args, False))  # type: ignore[attr-defined]
                pending.extend((part, False) for part in child.body)  # type: ignore[attr-defined]
                pending.extend((part, False) for part in child.decorator_list)  # type: ignore[attr-defined]
                continue
            if cls is ast.ClassDef:
                yield child.name, "class"  # type: ignore[attr-defined]
                pending.append((child, True))
                continue
            if cls is ast.arg:
                yield child.arg, "argument"  # type: ignore[attr-defined]
            elif cls is ast.ExceptHandler and child.name:  # type: ignore[attr-defined]
                yield child.name, "variable"  # type: ignore[attr-defined]
            elif cls is ast.Global or cls is ast.Nonlocal:
                for name in child.names:  # type: ignore[attr-defined]
                    yield name, "variable"
            elif cls is ast.alias and child.asname:  # type: ignore[attr-defined]
                yield child.asname, "variable"  # type: ignore[attr-defined]
            elif cls in _MATCH_CAPTURES:
                name = getattr(child, "name", None) or getattr(child, "rest", None)
                if name:
                    yield name, "variable"
            pending.append((child, in_class and cls not in _OWN_SCOPES))
