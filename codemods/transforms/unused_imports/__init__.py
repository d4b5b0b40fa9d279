"""Remove imports whose names nothing reads.

What it changes
    Deletes an imported name when no code of the module reads it, in any scope.
    Reads count wherever they are: f-strings and their format specs, decorators,
    default values, class bodies, ``del``, string annotations at any depth
    (``"Foo"``, ``List["Foo"]``, ``Callable[["Foo"], None]``), ``# type:`` comments,
    doctests in the module's strings, code passed to ``eval``/``exec`` as a literal,
    ``{name}`` and ``%(name)s`` fields of string templates (filled from ``locals()``
    or a frame somewhere), and ``__all__`` (also built with ``+=``, ``.extend``,
    ``.append``).

    An import whose name a later ``def``, ``class`` or plain assignment of the same
    block (the module's body or a function's) rebinds before anything can read the
    import is dead too (pyflakes F811: ``from json import dumps`` then ``def
    dumps(...)``), ``__all__`` listing the name or not (it exports the rebinding).
    "Before anything can read it": no read between the two, including what the
    rebinding evaluates first (decorators, defaults, annotations, bases, a class
    body, the assigned value); and when a function reads the name, no call between
    the two that could run it while the import is bound (inside a function: no
    nested function or lambda reading it).

    Only the unused names go: ``import a, b, c`` keeps ``a, c``, and a parenthesised
    ``from m import (...)`` keeps the comments of its remaining lines. A name imported
    twice in one run of import lines keeps its first import. A block left empty gets
    ``pass``; a removed line leaves no blank line, ``;`` or ``\\`` behind.

Never
    * ``from __future__`` imports, star imports, ``import x as x`` and
      ``from m import x as x`` (explicit re-exports), names listed in ``__all__``
      (everything, when ``__all__`` is built from something other than literals),
      dunder names (``from m import __all__``, ``__version__``), and the module-level
      imports of a facade module: one that re-exports with ``from m import *`` (when
      the whole project is indexed: only if some module of the project imports from
      it, or a string or entry point names it to load it), or one that does nothing
      but import (it exists to re-export or to load modules);
    * implicit re-exports: a module-level import that another module of the project
      reads from this one (``from pkg.util import dumps``, ``util.dumps`` after
      ``import pkg.util as util``, ``from pkg.util import *`` of a module without
      ``__all__``, ``mock.patch("pkg.util.dumps")``, a ``"pkg.util:dumps"`` entry
      point in pyproject.toml), whether or not that module is in the run: kept and
      reported with the place that reads it (list it in ``__all__`` or write
      ``import x as x`` to say so);
    * anything in a module with a ``from __future__`` import after other code:
      CPython refuses it, and removing an import could make it compile;
    * anything in a package ``__init__.py`` (its public face), unless
      ``keep-in-package-init = false``;
    * imports inside a ``try`` whose handler catches ``ImportError`` or
      ``ModuleNotFoundError`` (availability probes; also a bare ``except`` and
      ``Exception``), and imports inside any ``with`` block: there the import is
      done for what importing does (``assertRaises(ImportError)``,
      ``catch_warnings`` around a deprecated module, a patched ``sys.modules``,
      ``suppress(ImportError)``);
    * imports in class bodies (they are class attributes);
    * an import rebound only conditionally or in another block (``try: from x
      import y`` / ``except ImportError: def y(...)``, ``if TYPE_CHECKING:`` /
      ``else:``, a rebinding under ``if``, in a loop or in ``try``), or in a module
      that reads its namespace dynamically (see below), or whose name is spelled in
      strings, type comments or doctests, or declared ``global`` somewhere;
    * any import of a module that reads its namespace dynamically or watches what
      is imported: ``globals()``, ``vars()``/``locals()``/``dir()`` at module
      level, ``sys.modules`` (``sys.modules[__name__]``, ``"x" in sys.modules``),
      ``eval``/``exec`` of computed code; and local imports of functions that use
      ``locals()``, ``vars()``, ``dir()``, ``eval`` or ``exec``, or of any function
      when the module reads or hands out frames (``f_locals``,
      ``inspect.getargvalues``, ``inspect.currentframe()``, ``inspect.stack()``).
      These are reported instead;
    * module-level names other code looks up by name: a name that is also a
      function parameter of the module (pytest fixtures are requested by parameter
      name), ``load_tests``, ``setUpModule``, ``tearDownModule``, ``pytest_plugins``,
      and test cases (names starting with ``test``/``Test`` or ending with ``Test``,
      ``Tests``, ``TestCase``: test runners collect them from the namespace);
    * in a module without ``__all__``, names imported from a private module
      (``from _ssl import RAND_status`` in ssl.py, ``from ._bootstrap import
      ModuleSpec``): the module is the public face of its implementation;
    * modules imported for what importing them does: ``readline``, ``rlcompleter``,
      ``encodings.*``, ``this``, ``antigravity``, ``sitecustomize``;
    * side-effect imports of first-party modules: ``import app.signals`` (a dotted
      import whose bound name is never read) and ``from app import signals`` where
      ``signals`` is a module file of the project. A module is first-party when its
      top-level package (a folder or ``.py`` file) sits in the file's folder or a
      folder above it, up to the project root (the nearest folder with
      ``pyproject.toml``, ``setup.py``, ``setup.cfg`` or ``.git``; with none, up to
      the filesystem root), or in that root's ``src/``. Relative imports are always
      first-party;
    * an import of a first-party module that imports this module back: in an
      import cycle, the import decides which module initialises first (and whether
      the other sees it half-built);
    * imports that are a function's whole body (``def module_code(): import
      i_do_not_exist``): the function is called for what the import does;
    * an import whose comment block (right above it, or on its line) names it and
      says it is there to be loaded ("need unicodedata already imported"): kept
      and reported;
    * lines marked ``# noqa``, ``# noqa: F401`` or ``# codemod: ignore`` (on the
      name's own line or on the statement's first line).

    ``import os.path`` stays when ``os`` is read. Imports under ``if TYPE_CHECKING:``
    follow the same rule as any other: used in annotations or strings, they stay.

Fix safety
    Safe. A module-level import the module itself never reads could still be
    imported from it by other modules: every Python file of the project (git's
    files, or a walk, under the nearest folder with pyproject.toml, setup.cfg,
    setup.py or .git; ``--project-root`` overrides) is indexed whatever paths are
    named, and the rules above keep the usual ways of saying so (``__all__``,
    ``as`` re-exports, package ``__init__``). Code outside the project that imports
    an unread name from a module is not seen. Removing an unused
    import of a module that was not yet loaded also skips running that module's
    top-level code, which is why first-party side-effect imports stay.

Options
    ``keep-in-package-init`` (default true): leave ``__init__.py`` files alone.
    ``keep-side-effect-imports`` (default true): keep unread imports of first-party
    modules as described above (side effects and import cycles); false removes them
    like any other.
"""

from __future__ import annotations

import ast
import os
import re
from typing import Any, Dict, List, Mapping, Optional, Sequence, Set, Tuple

from codemods.analysis.usage import analyse_usage
from codemods.contract import Codemod, Example


class UnusedImportsTransform(Codemod):
    id = "unused-imports"
    summary = "Remove imported names that nothing in the module reads."
    default = True
    safe = True
    order = 400
    one_pass = True
    cross_file = True
    options = {"keep-in-package-init": True, "keep-side-effect-imports": True}
    metadata = ("position", "scope")
    rewriter = "codemods.transforms.unused_imports.rewriter:UnusedImportsRewriter"
    planner = "codemods.transforms.unused_imports.plan:plan_unused_imports"
    examples = (
        Example("import os\nimport sys\n\nprint(sys.argv)\n", "import sys\n\nprint(sys.argv)\n"),
        Example("from typing import List, Dict, Set\n\nx: List[int] = []\ny: 'Set[str]' = set()\n",
                "from typing import List, Set\n\nx: List[int] = []\ny: 'Set[str]' = set()\n"),
        Example("from __future__ import annotations\nfrom .api import run as run\n"),
        Example("try:\n    import ujson as json\nexcept ImportError:\n    json = None\n"),
        Example("def f():\n    import json\n    return 1\n", "def f():\n    return 1\n"),
        Example("if True:\n    import json\n", "if True:\n    pass\n"),
    )

    def prepare(self, paths: Sequence[str], options: Mapping[str, Any], *,
                frozen_paths: Sequence[str] = (), model: Any = None) -> Any:
        """Which module-level imports of the run's modules other project modules read
        from them (``model``: the project model of every file in ``paths``)."""
        from codemods.transforms.unused_imports.reexports import find_reexports

        return find_reexports(paths, frozen_paths, model)

    def detect(self, tree: ast.Module, source: str) -> bool:
        # an import nothing reads as a plain name, unless one of the cheap "never"
        # rules above keeps it anyway; the planner (or the rewriter) decides the rest
        if "import" not in source:
            return False
        usage = analyse_usage(tree, source)
        if usage.unsure and not usage.only_strings_skipped:
            return True  # the libcst path decides (a skipped string only hides reads: an unread name stays unread)
        candidates = []
        scopes = _imports_by_scope(usage)
        for scope, imports in scopes:
            first: Dict[tuple, ast.stmt] = {}
            for bound, key, statement in imports:
                if key in first:
                    candidates.append((scope, bound, key, statement, first[key]))
                elif not usage.is_read(usage.assignment_scope(scope, bound), bound):
                    candidates.append((scope, bound, key, statement, None))
                first.setdefault(key, statement)
        keep_init = self.settings.get("keep-in-package-init", True) and os.path.basename(self.path or "") == "__init__.py"
        if keep_init:
            candidates = [c for c in candidates if c[0].kind != "module"]  # the package's public face
        if not candidates:
            return not keep_init and _rebinds_an_import(usage)
        if _DYNAMIC.search(source):
            return True  # the rewriter reports what such a module keeps
        facts = _ModuleFacts(tree)
        if facts.star_import and self.project is not None and not self.project.star_facade(self.path or ""):
            facts.star_import = False  # nobody imports from it: not a facade
        for scope, bound, key, statement, earlier in candidates:
            if id(statement) in facts.protected:
                continue
            if earlier is not None:
                if facts.parents.get(id(earlier)) is facts.parents.get(id(statement)):
                    return True  # a duplicate in the same run of statements
                continue
            if _kept_by_name(bound, key):
                continue
            if scope.kind == "module" and facts.keeps_module_imports(bound, key):
                continue
            return True
        return False


def _imports_by_scope(usage) -> List[Tuple[Any, List[Tuple[str, tuple, ast.stmt]]]]:
    """(scope, its imports as (bound name, key, statement) in source order) for every
    scope but class bodies (class attributes are not dead names)."""
    found = []
    for scope in usage.scopes:
        if scope.kind == "class":
            continue
        imports = []
        for bindings in scope.assignments.values():
            for binding in bindings:
                if binding.kind != "import":
                    continue
                alias, statement = binding.node, binding.statement
                if isinstance(statement, ast.Import):
                    key: tuple = ("import", alias.name, alias.asname)
                elif statement.module == "__future__":
                    continue
                else:
                    key = ("from", statement.level, statement.module, alias.name, alias.asname)
                imports.append((statement.lineno, statement.col_offset, statement.names.index(alias),
                                binding.name, key, statement))
        if imports:
            imports.sort(key=lambda item: item[:3])
            found.append((scope, [item[3:] for item in imports]))
    return found


#: a module that reads its namespace by name: the rewriter keeps and reports
_DYNAMIC = re.compile(r"(?<![\w.])(?:globals|vars|locals|dir|eval|exec)\s*\(|\bsys\.modules\b|\bf_locals\b"
                      r"|\bgetargvalues\b")
# Shared with the rewriter (codemods.transforms.unused_imports.rewriter), so that the detector and
# the rewriter keep exactly the same imports:
#: modules imported for what importing them does (line editing, codec registration...)
SIDE_EFFECT_MODULES = frozenset({"readline", "rlcompleter", "this", "antigravity", "__hello__", "__phello__",
                                 "sitecustomize", "usercustomize", "encodings"})
#: names test runners look up in a module's namespace, imported or not
TEST_PROTOCOL = frozenset({"load_tests", "setUpModule", "tearDownModule", "pytest_plugins"})
TEST_CLASS_OR_FUNCTION = re.compile(r"^[Tt]est|(?:Test|Tests|TestCase)$")
#: exception classes whose handler makes a ``try`` an availability probe
IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


def _rebinds_an_import(usage) -> bool:
    """A later ``def``/``class``/assignment of the module's or a function's body
    rebinds a name an import of that body binds (the rewriter's ``shadowing`` decides
    whether the import is dead)."""
    bodies = [scope.node.body for scope in usage.scopes
              if scope.kind == "module" or scope.kind == "function" and not isinstance(scope.node, ast.Lambda)]
    for body in bodies:
        imported: Set[str] = set()
        for statement in body:
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                imported.update(alias.asname or alias.name.split(".", 1)[0] for alias in statement.names)
            elif not imported:
                continue
            elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if statement.name in imported:
                    return True
            elif isinstance(statement, (ast.Assign, ast.AnnAssign)):
                targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                if any(isinstance(t, ast.Name) and t.id in imported for t in targets):
                    return True
    return False


def _kept_by_name(bound: str, key: tuple) -> bool:
    """``import x as x`` / ``from m import x as x``, dunders, ``import`` of a side-effect module."""
    name, alias = key[-2], key[-1]
    if alias is not None and alias == name:
        return True
    if key[0] == "import" and name.split(".", 1)[0] in SIDE_EFFECT_MODULES:
        return True
    return bound.startswith("__") and bound.endswith("__")


class _ModuleFacts:
    """What the statements of a module say about its imports (statements only, no
    expressions: this is cheap)."""

    def __init__(self, tree: ast.Module) -> None:
        #: ids of import statements under a probing ``try`` or any ``with``
        self.protected: Set[int] = set()
        #: id of an import statement -> the body list holding it
        self.parents: Dict[int, list] = {}
        self.all_names: Set[str] = set()
        self.dynamic_all = False
        self.has_all = False
        self.star_import = False
        self.parameters: Set[str] = set()
        pending: List[Tuple[list, bool]] = [(tree.body, False)]
        while pending:
            body, protected = pending.pop()
            for statement in body:
                if isinstance(statement, (ast.Import, ast.ImportFrom)):
                    self.parents[id(statement)] = body
                    if protected:
                        self.protected.add(id(statement))
                    if isinstance(statement, ast.ImportFrom) and any(a.name == "*" for a in statement.names):
                        self.star_import = True
                    continue
                if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                    arguments = statement.args
                    self.parameters.update(a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs)
                self._note_all(statement, body is tree.body)
                inner = protected
                if isinstance(statement, (ast.With, ast.AsyncWith)):
                    inner = True
                if isinstance(statement, ast.Try) or type(statement).__name__ == "TryStar":
                    probing = any(_catches_import_error(h.type) for h in statement.handlers)
                    pending.append((statement.body, protected or probing))
                    for handler in statement.handlers:
                        pending.append((handler.body, protected))
                    pending.append((statement.orelse, protected))
                    pending.append((statement.finalbody, protected))
                    continue
                for field in ("body", "orelse", "finalbody"):
                    part = getattr(statement, field, None)
                    if isinstance(part, list) and part and isinstance(part[0], ast.stmt):
                        pending.append((part, inner))
                for case in getattr(statement, "cases", ()) or ():
                    pending.append((case.body, inner))
        self.facade = all(isinstance(s, (ast.Import, ast.ImportFrom)) or _is_docstring_or_dunder(s) for s in tree.body)

    def _note_all(self, statement: ast.stmt, module_level: bool) -> None:
        target = value = None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, (ast.AugAssign, ast.AnnAssign)):
            target, value = statement.target, statement.value
        elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
            func = statement.value.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "__all__":
                self.has_all = True
                for argument in statement.value.args:
                    self._add_all(argument if func.attr != "append" else ast.List([argument], ast.Load()))
            return
        if isinstance(target, ast.Name) and target.id == "__all__":
            self.has_all = True
            if value is not None:
                self._add_all(value)

    def _add_all(self, value: ast.expr) -> None:
        if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
            self._add_all(value.left)
            self._add_all(value.right)
        elif isinstance(value, (ast.List, ast.Tuple)) and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts):
            self.all_names.update(e.value for e in value.elts)
        elif not (isinstance(value, ast.Name) and value.id == "__all__"):
            self.dynamic_all = True

    def keeps_module_imports(self, bound: str, key: tuple) -> bool:
        """Whether a module-level import stays whatever reads it."""
        if self.star_import or self.facade or self.dynamic_all or bound in self.all_names:
            return True
        if bound in self.parameters or bound in TEST_PROTOCOL or TEST_CLASS_OR_FUNCTION.search(bound):
            return True
        if key[0] == "from" and not self.has_all:
            module = key[2] or ""
            if any(part.startswith("_") and not part.startswith("__") for part in module.split(".")):
                return True  # the public face of a private module
        return False


def _catches_import_error(handler_type: Optional[ast.expr]) -> bool:
    if handler_type is None:
        return True
    names = handler_type.elts if isinstance(handler_type, ast.Tuple) else [handler_type]
    for name in names:
        spelled = name.attr if isinstance(name, ast.Attribute) else name.id if isinstance(name, ast.Name) else ""
        if spelled in IMPORT_ERRORS:
            return True
    return False


def _is_docstring_or_dunder(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        return True
    if isinstance(statement, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        return all(isinstance(t, ast.Name) and t.id.startswith("__") and t.id.endswith("__") for t in targets)
    return False
