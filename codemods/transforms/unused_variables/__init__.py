"""Remove local variables that are assigned and never read.

What it changes
    Only in function bodies, a binding no code reads (in the function, in the
    closures, lambdas and classes nested in it, in f-strings and their format specs,
    in ``del``, in string annotations, ``# type:`` comments or doctests) goes:

    * ``x = 1`` is deleted, and so is any value that cannot do anything when
      evaluated: constants, literal containers of them or of names certainly bound
      at that point (parameters, module-level definitions, builtins, locals bound
      earlier in an enclosing block), lambdas, and constant expressions: literals
      and operators between them that CPython's compiler folds into one constant
      (``1 + 1``, ``60 * 60``, ``"-" * 40``, ``2 ** 8``, ``(1, 2) + (3,)``). The
      compiler folds only what evaluates without an error into a small value (at
      most 128-bit integers, 4096-character strings, 256-item sequences), so
      ``1 / 0``, ``"a" + 1``, ``"a" * 10**10``, ``2 ** 10**8`` or ``10.0 ** 400``
      (an error, or time and memory) are not deleted: they are reported below;
    * ``x = f()`` becomes ``f()``, ``x = await f()`` becomes ``await f()``,
      ``x = yield`` becomes ``yield``: the value is still computed, so its effects
      stay;
    * ``a = b = f()`` loses only the unread target;
    * ``x: int = f()`` becomes ``f()`` (an annotation without a value stays);
    * ``except E as e:`` with ``e`` unread becomes ``except E:``;
    * ``with cm() as x:`` with ``x`` unread becomes ``with cm():``;
    * a binding shadowed before any read by a comprehension's own variable
      (``x = 0; return [x for x in xs]``) is dead and goes.

    With ``--unsafe-fixes``, unread names in unpacking targets (``a, b = f()``,
    ``first, *rest = f()``) and in ``for`` targets are renamed to ``_``, unless the
    function reads ``_`` (gettext) or declares it global; and an unread binding
    whose value may have effects but runs no code of the program (attribute or
    item access, operators, a name that may be unbound: ``tmp = n * 2``,
    ``loop = self._loop``, ``item = d[k]``) is deleted with its value.

    A block left empty gets ``pass``; a removed line leaves no blank line, ``;`` or
    ``\\`` behind.

Never
    * module-level and class-level names (other modules may read them);
    * augmented assignments (``x += 1``: they read ``x``), walrus bindings,
      ``global``/``nonlocal`` names, and a name a nested function declares
      ``nonlocal`` (without the binding it would not compile);
    * any name of a function that uses ``locals()``, ``vars()``, ``dir()``, ``eval``
      or ``exec`` (or of a function around it): they can read any local by name; and
      any function of a module that reads frame locals (``f_locals``,
      ``inspect.getargvalues``: a helper may read its callers' locals) or captures
      frames for others (``inspect.currentframe()``, ``inspect.stack()``: whoever
      gets them reads locals and line numbers);
    * a name read under another spelling with the same NFKC form (``𝔘𝔫𝔦𝔠𝔬𝔡𝔢`` is
      ``Unicode``);
    * a name that is set to ``None`` after holding a built object (``f = wrap(fd)``
      … ``f = None``): the assignments decide when the object is released
      (finalizers, ``ResourceWarning``), so they stay and are reported;
    * names that appear as ``{name}`` or ``%(name)s`` in a string of the module (a
      template filled from ``locals()`` or a caller's frame);
    * names matching ``dummy-variable-pattern`` (by default, names starting with
      ``_``) and dunder names such as ``__tracebackhide__``, which tools read from the
      frame;
    * a binding whose value could do something but is not a call, ``await`` or
      ``yield``: ``loop = self._loop`` (a property), ``item = d[k]`` (a KeyError),
      ``n = a + b`` (operators), ``x = y`` where ``y`` may be unbound, ``1 / 0``.
      Deleting it could change behaviour and keeping ``self._loop`` as a statement
      reads as a mistake, so it stays and is reported for a hand fix (deleted with
      ``--unsafe-fixes`` when it runs no code of the program, see Fix safety); a
      value that calls something inside it (``g(n) * 2``), awaits, yields, uses
      ``:=``, iterates (a comprehension) or formats a value (an f-string) is
      reported even then;
    * lines marked ``# noqa``, ``# noqa: F841`` or ``# codemod: ignore``.

Fix safety
    Deletions and ``x = f()`` → ``f()`` are safe: a value is only dropped when
    evaluating it cannot do anything, and a call, ``await`` or ``yield`` is still
    evaluated in the same place. A name is unread only when no
    read anywhere resolves to it, wherever it sits in the function (a read earlier in
    a loop body counts). Renaming unpacking and loop targets to ``_`` is unsafe (only
    with ``--unsafe-fixes``): ``_`` may carry a meaning the module relies on
    elsewhere, and debuggers or frame inspection lose the name.
    Deleting ``tmp = n * 2`` or ``loop = self._loop`` is unsafe (only with
    ``--unsafe-fixes``): the whole statement goes, its value is no longer
    evaluated, so a property, ``__getitem__`` or operator method no longer runs and
    an error it raised (``KeyError``, ``NameError``, ``ZeroDivisionError``) no longer
    happens. Keeping the value as a bare statement (``n * 2``) would keep those
    effects but leave a statement that reads as a mistake (linters flag it as a
    useless expression), so the statement is removed, as ruff's unsafe F841 fix
    removes a value it deems free of effects. A value that runs code of the
    program (a call anywhere inside it, ``await``, ``yield``, ``:=``, a
    comprehension, an f-string field) is never deleted: a top-level call,
    ``await`` or ``yield`` stays as a statement (safe, above), anything else stays
    reported.

Options
    ``dummy-variable-pattern`` (default ``"^_"``): a regular expression; names it
    matches are meant to be unused and are never touched.
"""

from __future__ import annotations

import ast
import re
from typing import Set

from codemods.analysis.usage import analyse_usage
from codemods.contract import Codemod, Example


class UnusedVariablesTransform(Codemod):
    id = "unused-variables"
    summary = "Remove local variables that are assigned and never read."
    default = True
    safe = True
    order = 300
    options = {"dummy-variable-pattern": "^_"}
    metadata = ("position", "scope")
    rewriter = "codemods.transforms.unused_variables.rewriter:UnusedVariablesRewriter"
    planner = "codemods.transforms.unused_variables.plan:plan_unused_variables"
    examples = (
        Example("def f():\n    x = 1\n    return 2\n", "def f():\n    return 2\n"),
        Example("def f():\n    x = g()\n    return 2\n", "def f():\n    g()\n    return 2\n"),
        Example("def f():\n    day = 60 * 60 * 24\n    return 2\n", "def f():\n    return 2\n"),
        Example("def f(n):\n    tmp = n * 2\n    return n\n"),
        Example("def f(n):\n    tmp = n * 2\n    return n\n", "def f(n):\n    return n\n", unsafe=True),
        Example("def f():\n    try:\n        g()\n    except ValueError as e:\n        return 1\n",
                "def f():\n    try:\n        g()\n    except ValueError:\n        return 1\n"),
        Example("def f():\n    a, b = g()\n    return a\n"),
        Example("def f():\n    a, b = g()\n    return a\n", "def f():\n    a, _ = g()\n    return a\n", unsafe=True),
        Example("def f():\n    x = 1\n    return locals()\n"),
        Example("x = 1\n"),
    )

    def detect(self, tree: ast.Module, source: str) -> bool:
        # an unread local, not meant to be unused, bound where a fix or a finding
        # follows (unpacking and loop targets only matter with --unsafe-fixes)
        try:
            dummy = re.compile(self.settings.get("dummy-variable-pattern", "^_"))
        except (re.error, TypeError):
            return True  # the rewriter reports the bad option
        usage = analyse_usage(tree, source)
        if usage.unsure and not usage.only_strings_skipped:
            return True  # the libcst path decides (a skipped string only hides reads: an unread name stays unread)
        for scope in usage.scopes:
            if scope.kind != "function" or isinstance(scope.node, ast.Lambda):
                continue
            unread = {name for name, bindings in scope.assignments.items()
                      if not dummy.search(name) and any(b.kind in ("name", "except") for b in bindings)
                      and not usage.is_read(scope, name)}
            if unread and (self.unsafe_fixes or _simply_bound(scope.node, unread)):
                return True
        return False


def _simply_bound(function: ast.AST, names: Set[str]) -> bool:
    """Whether one of ``names`` is bound in ``function``'s own body by an assignment,
    an ``except ... as`` or a ``with ... as`` (the bindings fixed without opt-in)."""
    pending = list(ast.iter_child_nodes(function))
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue  # another scope (its decorators and defaults are read, not bound)
        if isinstance(node, ast.Assign):
            if any(isinstance(t, ast.Name) and t.id in names for t in node.targets):
                return True
        elif isinstance(node, ast.AnnAssign):
            if node.value is not None and isinstance(node.target, ast.Name) and node.target.id in names:
                return True
        elif isinstance(node, ast.ExceptHandler):
            if node.name in names:
                return True
        elif isinstance(node, ast.withitem):
            if isinstance(node.optional_vars, ast.Name) and node.optional_vars.id in names:
                return True
        pending.extend(ast.iter_child_nodes(node))
    return False
