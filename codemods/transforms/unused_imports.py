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

    Only the unused names go: ``import a, b, c`` keeps ``a, c``, and a parenthesised
    ``from m import (...)`` keeps the comments of its remaining lines. A name imported
    twice in one run of import lines keeps its first import. A block left empty gets
    ``pass``; a removed line leaves no blank line, ``;`` or ``\\`` behind.

Never
    * ``from __future__`` imports, star imports, ``import x as x`` and
      ``from m import x as x`` (explicit re-exports), names listed in ``__all__``
      (everything, when ``__all__`` is built from something other than literals),
      dunder names (``from m import __all__``, ``__version__``), and the module-level
      imports of a facade module: one that re-exports with ``from m import *``, or
      one that does nothing but import (it exists to re-export or to load modules);
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
    * any import of a module that reads its namespace dynamically or watches what
      is imported: ``globals()``, ``vars()``/``locals()``/``dir()`` at module
      level, ``sys.modules`` (``sys.modules[__name__]``, ``"x" in sys.modules``),
      ``eval``/``exec`` of computed code; and local imports of functions that use
      ``locals()``, ``vars()``, ``eval`` or ``exec``, or of any function when the
      module reads frame locals (``f_locals``, ``inspect.getargvalues``).
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
    * lines marked ``# noqa``, ``# noqa: F401`` or ``# codemod: ignore`` (on the
      name's own line or on the statement's first line).

    ``import os.path`` stays when ``os`` is read. Imports under ``if TYPE_CHECKING:``
    follow the same rule as any other: used in annotations or strings, they stay.

Fix safety
    Safe. A module-level import the module itself never reads could still be
    imported from it by other modules; the rules above keep the usual ways of saying
    so (``__all__``, ``as`` re-exports, package ``__init__``). Removing an unused
    import of a module that was not yet loaded also skips running that module's
    top-level code, which is why first-party side-effect imports stay.

Options
    ``keep-in-package-init`` (default true): leave ``__init__.py`` files alone.
    ``keep-side-effect-imports`` (default true): keep unread imports of first-party
    modules as described above; false removes them like any other.
"""

from __future__ import annotations

import ast

from codemods.contract import Codemod, Example
from codemods.transforms._scopes import analyse, binding_scope


class UnusedImportsTransform(Codemod):
    id = "unused-imports"
    summary = "Remove imported names that nothing in the module reads."
    default = True
    safe = True
    order = 400
    options = {"keep-in-package-init": True, "keep-side-effect-imports": True}
    metadata = ("position", "scope")
    rewriter = "codemods.rewriters.unused_imports:UnusedImportsRewriter"
    examples = (
        Example("import os\nimport sys\n\nprint(sys.argv)\n", "import sys\n\nprint(sys.argv)\n"),
        Example("from typing import List, Dict, Set\n\nx: List[int] = []\ny: 'Set[str]' = set()\n",
                "from typing import List, Set\n\nx: List[int] = []\ny: 'Set[str]' = set()\n"),
        Example("from __future__ import annotations\nfrom .api import run as run\n"),
        Example("try:\n    import ujson as json\nexcept ImportError:\n    json = None\n"),
        Example("def f():\n    import json\n    return 1\n", "def f():\n    return 1\n"),
        Example("if True:\n    import json\n", "if True:\n    pass\n"),
    )

    def detect(self, tree: ast.Module, source: str) -> bool:
        if "import" not in source:
            return False
        for scope in analyse(tree):
            if scope.kind == "class" or not scope.imports:
                continue
            seen = set()
            for bound, key in scope.imports:
                target = binding_scope(scope, bound) if bound in scope.declared else scope
                if key in seen or bound not in target.reads:
                    return True  # a duplicate, or a name nothing reads as a plain name
                seen.add(key)
        return False
