"""The rules of ``unused-imports`` that depend only on names and strings (no libcst,
no ``ast``): the libcst rewriter and the ``ast`` plan both call them, so that the two
cannot drift apart. An imported name is described as (kind, dots, module, name,
asname), as in ``side_effects``."""

from __future__ import annotations

import re
from typing import Iterable, Optional, Set

from codemods.transforms.unused_imports import IMPORT_ERRORS, TEST_CLASS_OR_FUNCTION, TEST_PROTOCOL

#: a comment saying an import is there to be loaded
_LOADING_WORDS = re.compile(r"\b(?:import(?:ed|ing|s)?|(?:pre)?load(?:ed|ing|s)?|side[- ]effects?)\b", re.IGNORECASE)


def bound_name(name: str, asname: Optional[str]) -> str:
    return asname if asname is not None else name.split(".", 1)[0]


def import_key(kind: str, dots: int, module: str, name: str, asname: Optional[str]) -> tuple:
    """What makes two imports bind the same object."""
    if kind == "import":
        return ("import", name, asname)
    return ("from", (dots, module), name, asname)


def catches_import_errors(type_names: Optional[Iterable[str]]) -> bool:
    """A handler of these dotted exception names (None: a bare ``except``) turns its
    ``try`` into an availability probe."""
    if type_names is None:
        return True
    return any(name.rsplit(".", 1)[-1] in IMPORT_ERRORS for name in type_names)


def comment_explains(comment: str, bound: str, name: str) -> bool:
    """A comment block that names what is imported (``name`` is the dotted imported
    name) and says it is there to be loaded ("need unicodedata already imported")."""
    words = {bound, name.rsplit(".", 1)[-1]}
    return bool(_LOADING_WORDS.search(comment)) and any(
        re.search(r"\b" + re.escape(word) + r"\b", comment) for word in words if word)


def looked_up_by_name(bound: str, parameters: Set[str], kind: str, module: str, has_all: bool) -> bool:
    """Module-level names other code finds by name rather than by reading them here."""
    if bound in parameters:
        return True  # a pytest fixture, imported to be requested by parameter name
    if bound in TEST_PROTOCOL or TEST_CLASS_OR_FUNCTION.search(bound):
        return True  # unittest/pytest collect test cases and hooks from the namespace
    if kind == "from" and not has_all:
        # ``from _ssl import ...`` in ssl.py: the public face of an implementation module
        return any(part.startswith("_") for part in module.split(".") if part)
    return False


def reexport_spelling(kind: str, dots: int, module: str, name: str, asname: Optional[str]) -> str:
    """``import x as x`` / ``from m import x as x`` for the import at hand."""
    bound = bound_name(name, asname)
    if kind == "import":
        return f"import {name} as {bound}"
    return f"from {'.' * dots}{module} import {name} as {bound}"


def star_facade(project, path: str, star_reexport: bool) -> bool:
    """``from m import *`` here makes a facade, unless the project model says that
    no module imports from this one."""
    if not star_reexport:
        return False
    return project is None or not hasattr(project, "star_facade") or project.star_facade(path)


def read_elsewhere(project, path: str, bound: str) -> Optional[str]:
    """``path:line`` of another project module that reads ``bound`` from this one."""
    return project.reexport(path, bound) if hasattr(project, "reexport") else None


def unused_message(name: str, asname: Optional[str]) -> str:
    return f"removed unused import `{name}`" + (f" as `{bound_name(name, asname)}`" if asname is not None else "")


def kept_message(bound: str, reason: str) -> str:
    return f"`{bound}` looks unused but was kept: the {reason}"


KEPT_HINT = "remove it by hand if nothing reaches it by name, or add `# codemod: ignore[unused-imports]`"
EXPLAINED_MESSAGE = ("`{bound}` looks unused but was kept: the comment above it mentions it "
                     "(imported on purpose, e.g. preloaded into sys.modules?)")
EXPLAINED_HINT = "remove it by hand if the comment does not call for it"
LOCALS_REASON = "function's locals are read dynamically (locals(), vars(), eval, exec or stack frames)"


def read_elsewhere_message(bound: str, where: str) -> str:
    return f"`{bound}` is not used here but {where} reads it from this module: kept"


def read_elsewhere_hint(spelling: str) -> str:
    return f"list it in `__all__`, or write `{spelling}`, to say it is re-exported"


def duplicate_message(bound: str) -> str:
    return f"removed duplicate import of `{bound}`"


def redefined_message(name: str, bound: str, line: int) -> str:
    return f"removed import `{name}`: `{bound}` is redefined on line {line} before anything reads it"
