"""What ``exceptions`` knows about exception classes without importing user code:
the built-in hierarchy (read from this interpreter's ``builtins``, which is the
hierarchy every Python 3 version shares for the classes it has) and the module
attributes that are only other names of ``OSError``.

No libcst here: the declaration's detector uses it too.
"""

from __future__ import annotations

import builtins
from typing import Optional

#: qualified names that are ``OSError`` itself (``is``, not a subclass) on every
#: Python 3.3+. ``WindowsError`` is left out: it exists only on Windows, elsewhere
#: evaluating it raises NameError, so dropping it would change what happens.
OSERROR_ALIASES = frozenset({
    "builtins.IOError", "builtins.EnvironmentError", "socket.error", "select.error", "os.error",
    "mmap.error", "resource.error",
})
#: the last part of every alias, for the cheap detector
ALIAS_LAST_NAMES = frozenset({"IOError", "EnvironmentError", "error"})
#: handlers of these are control flow, not errors: no chaining, no re-raise rewrite
CONTROL_FLOW = frozenset({"builtins.GeneratorExit", "builtins.StopIteration", "builtins.StopAsyncIteration"})
#: what makes a handler broad
BROAD = frozenset({"builtins.Exception", "builtins.BaseException"})


def builtin_class(qualified: str) -> Optional[type]:
    """The built-in exception class ``qualified`` names (``builtins.X``), else None."""
    if not qualified.startswith("builtins."):
        return None
    value = getattr(builtins, qualified[len("builtins."):], None)
    return value if isinstance(value, type) and issubclass(value, BaseException) else None


def canonical(qualified: str) -> str:
    """The name an exception class is caught as: aliases of ``OSError`` become it."""
    return "builtins.OSError" if qualified in OSERROR_ALIASES else qualified


def covers(wide: str, narrow: str) -> bool:
    """Whether catching ``wide`` certainly catches everything ``narrow`` names (both
    canonical): the same class, or built-in classes with ``narrow`` a subclass."""
    if wide == narrow:
        return True
    wide_class, narrow_class = builtin_class(wide), builtin_class(narrow)
    return wide_class is not None and narrow_class is not None and issubclass(narrow_class, wide_class)


def is_builtin_exception_name(name: str) -> bool:
    return builtin_class("builtins." + name) is not None
