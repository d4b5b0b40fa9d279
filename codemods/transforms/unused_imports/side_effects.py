"""Imports kept for what importing does (no libcst): shared by the libcst rewriter
and the ``ast`` plan, which both describe an imported name as (kind, dots, module,
name, asname): ``("import", 0, "", "a.b", None)`` for ``import a.b``,
``("from", 2, "pkg", "x", "y")`` for ``from ..pkg import x as y``."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Optional

from codemods.analysis.first_party import first_party_folder, module_exists
from codemods.transforms.unused_imports import SIDE_EFFECT_MODULES


def _relative_folder(path: str, dots: int) -> str:
    folder = os.path.dirname(os.path.abspath(path))
    for _ in range(dots - 1):
        folder = os.path.dirname(folder)
    return folder


def is_side_effect_import(path: str, kind: str, dots: int, module: str, name: str, asname: Optional[str]) -> bool:
    """``import app.signals`` or ``from app import signals`` of a first-party module:
    importing it may be the point (registration, patching), whatever name it binds."""
    if kind == "import" and name.split(".", 1)[0] in SIDE_EFFECT_MODULES:
        return True
    if asname is not None:
        return False
    if kind == "import":
        return "." in name and first_party_folder(path, name) is not None
    if dots:
        return module_exists(_relative_folder(path, dots), f"{module}.{name}" if module else name)
    base = first_party_folder(path, module) if module else None
    return base is not None and module_exists(base, f"{module}.{name}")


def _module_file(folder: str, module: str) -> Optional[str]:
    """``folder/a/b.py`` or ``folder/a/b/__init__.py`` for ``a.b``; ``folder/__init__.py`` for ``""``."""
    if not module:
        candidates = [os.path.join(folder, "__init__.py")]
    else:
        base = os.path.join(folder, *module.split("."))
        candidates = [base + ".py", os.path.join(base, "__init__.py")]
    return next((c for c in candidates if os.path.isfile(c)), None)


def _imported_file(path: str, kind: str, dots: int, module: str, name: str) -> Optional[str]:
    """The first-party source file an import runs (None: not first-party, or not found)."""
    if kind == "import":
        folder = first_party_folder(path, name)
        return _module_file(folder, name) if folder is not None else None
    if dots:
        return _module_file(_relative_folder(path, dots), module)
    folder = first_party_folder(path, module) if module else None
    return _module_file(folder, module) if folder is not None else None


@lru_cache(maxsize=1024)
def _imports_name(path: str, name: str) -> bool:
    """The file has an import line that mentions ``name`` (read loosely: a false
    yes only keeps an import)."""
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", "replace")
    except OSError:
        return False
    return re.search(r"^[ \t]*(?:from|import)[ \t][^\n]*\b" + re.escape(name) + r"\b", text, re.MULTILINE) is not None


def closes_import_cycle(path: str, kind: str, dots: int, module: str, name: str, asname: Optional[str]) -> bool:
    """The imported first-party module imports this one back: the import decides which
    of the two initialises first, and whether a partly initialised module is seen
    (test_import's ``from_cycle1``/``from_cycle2`` expect that ImportError)."""
    target = _imported_file(path, kind, dots, module, name)
    if target is None or os.path.abspath(target) == os.path.abspath(path):
        return False
    own = os.path.splitext(os.path.basename(path))[0]
    if own == "__init__":
        own = os.path.basename(os.path.dirname(os.path.abspath(path)))
    return _imports_name(os.path.abspath(target), own)


def kept_for_loading(path: str, kind: str, dots: int, module: str, name: str, asname: Optional[str]) -> bool:
    """Either rule above: the import is there for what importing does."""
    return is_side_effect_import(path, kind, dots, module, name, asname) \
        or closes_import_cycle(path, kind, dots, module, name, asname)
