"""Remove definitions that nothing in the project uses, and unreachable statements.

What it changes
    Every Python file of the project is indexed (not only the files the run
    rewrites), and a definition counts as used when its name is read anywhere:
    as a name, as an attribute of anything (``obj.name`` keeps every class's
    ``name``), as an imported name (so ``__init__.py`` re-exports count), or as a
    word of any string literal or ``# type:`` comment (``getattr(x, "name")``,
    ``mock.patch("pkg.mod.name")``, ``__all__``, string annotations, doctests),
    or of the project's ``pyproject.toml``, ``setup.cfg``, ``tox.ini`` and
    ``pytest.ini`` (entry points, plugin lists) and of its C, C++ and Cython
    sources and ``.pyi`` stubs (an extension that looks a function up by name).
    A name computed for ``getattr()`` from a constant prefix
    (``getattr(self, "_on_" + kind)``) keeps every definition with that prefix.

    * A private (``_name``) module-level function, class or constant, method or
      class attribute that nothing uses is removed, with its decorators and the
      comment lines directly above it. What only unused definitions used goes too
      (a helper of an unused helper): the whole closure is computed in one pass.
    * Statements after an unconditional ``return``, ``raise``, ``continue`` or
      ``break`` in the same block are removed.

    A block left empty gets ``pass``; blank lines around what goes are left as the
    formatter wants them (no blank line opens a block).

Never
    * public definitions: they are reported ("no reference in N project files"),
      since a library's users live outside the project, and removed only with
      ``--unsafe-fixes``;
    * decorated definitions, unless every decorator is inert (``staticmethod``,
      ``classmethod``, ``property`` with its setter/getter/deleter,
      ``functools.cache``/``lru_cache``/``cached_property``): decorators register
      routes, fixtures, commands, signal handlers, plugin hooks;
    * dunder names and ``_sunder_`` names (``_missing_``, ``_repr_html_``: hooks a
      library looks up by name), and methods named for a protocol that other code
      calls on objects it did not define: file-like (``read``, ``write``,
      ``seekable``, ``fileno``...), import finders and loaders (``find_spec``,
      ``exec_module``...), mappings (``keys``);
    * members of a class with a base other than ``object``, a metaclass or a class
      decorator (a method may override a base method, from the project or outside
      it: ``visit_Name``, ``setUp``, ``do_GET``, ``emit``; a base or decorator may
      read class attributes: enums, dataclasses, ORM models); annotated class
      attributes (fields);
    * names test runners collect (``test*``, ``Test*``, ``setUp``/``tearDown`` and
      the xunit ``setup_*``/``teardown_*`` hooks, ``pytest_*`` hooks, everything in
      ``test*.py``/``*_test.py``/``conftest.py`` files but constants);
    * a module that defines ``__getattr__``/``__dir__`` or reads ``globals()``,
      ``vars()`` or module-level ``locals()``;
    * anything under ``if``, ``try``, ``with`` or a loop at module level (``if
      __name__ == "__main__":``, ``TYPE_CHECKING``, fallbacks), names bound more
      than once in their scope, and assignments whose value could do something when
      evaluated (anything but constants and literal containers of constants);
    * unreachable code that makes the function a generator (``yield``) or declares
      or binds a name the function does not bind elsewhere (``return; x = 1`` makes
      ``x`` local to the whole function);
    * files the run does not rewrite (``--since``, per-file ignores, files not
      named): they are indexed, and what they use stays.

Fix safety
    Removing an unused private definition is safe: matching is by name across the
    whole project, strings and configuration included, so a definition stays
    whenever anything could name it; what remains possible is reaching it with a
    computed name (``getattr(obj, "_" + kind)``), which the leading underscore
    declares out of bounds. Unreachable statements never run. Removing public
    definitions is unsafe: code outside the project (users of a library, plugins,
    templates) may use them.

Options
    None.
"""

from __future__ import annotations

import ast
from typing import Any, Mapping, Sequence

from codemods.contract import Codemod, Example


class DeadCode(Codemod):
    id = "dead-code"
    summary = "Remove private definitions nothing in the project uses, and unreachable code."
    # off unless selected: a library's public API is unused inside the project by
    # design, and reporting it would make every plain `codemod check` of a library fail
    default = False
    safe = True
    # before every other codemod: the plan names definitions as the run found them,
    # and the unused-* codemods then remove what the removed code alone used
    order = 50
    one_pass = True
    cross_file = True
    metadata = ("position", "scope")
    rewriter = "codemods.transforms.dead_code.rewriter:DeadCodeRewriter"
    examples = (
        Example(
            "def _helper():\n    return _inner()\n\n\ndef _inner():\n    return 1\n\n\ndef run():\n    return 2\n",
            "def run():\n    return 2\n",
        ),
        Example(
            "def first(items):\n    for item in items:\n        return item\n        print('never')\n    raise ValueError\n"
            "    return None\n",
            "def first(items):\n    for item in items:\n        return item\n    raise ValueError\n",
        ),
        # public: reported, not removed
        Example("def helper():\n    return 1\n"),
        Example("def helper():\n    return 1\n", "", unsafe=True),
        # a decorator may register it
        Example("import atexit\n\n\n@atexit.register\ndef _cleanup():\n    pass\n"),
        # named in a string
        Example("def _handler():\n    pass\n\n\nHANDLER = '_handler'\n"),
        # an empty generator stays one
        Example("def nothing():\n    return\n    yield\n"),
    )

    def detect(self, tree: ast.Module, source: str) -> bool:
        if has_unreachable_code(tree):
            return True
        plan = self.project
        if plan is None:  # no project index (a single string): the rewriter makes one
            return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign,
                                         ast.AnnAssign)) for node in tree.body)
        path = self.path or ""
        return bool(plan.removals_for(path, self.unsafe_fixes) or plan.reports_for(path, self.unsafe_fixes))

    def prepare(self, paths: Sequence[str], options: Mapping[str, Any], *,
                frozen_paths: Sequence[str] = (), model: Any = None) -> Any:
        """``model``: the run's project model (every Python file of the project);
        ``frozen_paths``: the files the run does not rewrite (indexed, never changed)."""
        from codemods.transforms.dead_code.project import plan_project

        return plan_project(paths, frozen_paths, model)


_TERMINATORS = (ast.Return, ast.Raise, ast.Continue, ast.Break)


def has_unreachable_code(tree: ast.Module) -> bool:
    """A statement follows an unconditional ``return``/``raise``/``continue``/``break``
    in some block (whether the rewriter may remove it is its business)."""
    for node in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and len(block) > 1:
                if any(isinstance(statement, _TERMINATORS) for statement in block[:-1]):
                    return True
    return False
