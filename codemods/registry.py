"""Where codemods come from: built-ins, the ``codemods.transforms`` entry-point
group, and a user's own transformer given as ``module:Name`` or ``file.py:Name``.

Only the light declarations are imported here; no libcst unless a user transformer
is loaded (which needs it by nature).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil
import sys
from functools import lru_cache
from types import ModuleType
from typing import Dict, List, Type

from codemods.contract import Codemod

ENTRY_POINT_GROUP = "codemods.transforms"


class RegistryError(Exception):
    pass


def _codemods_in(module) -> List[Type[Codemod]]:
    found = []
    for value in vars(module).values():
        if isinstance(value, type) and issubclass(value, Codemod) and value is not Codemod and value.id:
            if value.__module__ == module.__name__:
                found.append(value)
    return found


@lru_cache(maxsize=None)
def builtin_codemods() -> Dict[str, Type[Codemod]]:
    import codemods.transforms as package

    found: Dict[str, Type[Codemod]] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for codemod in _codemods_in(module):
            found[codemod.id] = codemod
    return found


@lru_cache(maxsize=None)
def plugin_codemods() -> Dict[str, Type[Codemod]]:
    from importlib.metadata import entry_points

    try:
        points = entry_points(group=ENTRY_POINT_GROUP)
    except TypeError:  # Python 3.9
        points = entry_points().get(ENTRY_POINT_GROUP, [])
    found: Dict[str, Type[Codemod]] = {}
    for point in points:
        try:
            value = point.load()
        except Exception as error:
            raise RegistryError(f"cannot load codemod plugin {point.name!r}: {error}") from None
        if not isinstance(value, (type, ModuleType)):
            raise RegistryError(f"codemod plugin {point.name!r} ({point.value}) is neither a Codemod class "
                                "nor a module")
        candidates = [value] if isinstance(value, type) else _codemods_in(value)
        for codemod in candidates:
            if isinstance(codemod, type) and issubclass(codemod, Codemod) and codemod.id:
                found[codemod.id] = codemod
    return found


def all_codemods(include_plugins: bool = True) -> Dict[str, Type[Codemod]]:
    found = dict(builtin_codemods())
    if include_plugins:
        for key, value in plugin_codemods().items():
            found.setdefault(key, value)
    return found


def find_codemod(codemod_id: str) -> Type[Codemod]:
    builtins = builtin_codemods()
    if codemod_id in builtins:
        return builtins[codemod_id]
    plugins = plugin_codemods()
    if codemod_id in plugins:
        return plugins[codemod_id]
    known = sorted(all_codemods())
    import difflib

    close = difflib.get_close_matches(codemod_id, known, n=3, cutoff=0.5)
    close += [name for name in known if codemod_id and codemod_id in name and name not in close]
    if close:
        raise RegistryError(f"unknown codemod {codemod_id!r}; did you mean {' or '.join(close)}? "
                            "(`codemod list` shows every id)")
    raise RegistryError(f"unknown codemod {codemod_id!r} (known: {', '.join(known)})")


def is_user_transformer(selector: str) -> bool:
    """``pkg.module:Name`` or ``path/to/file.py:Name``."""
    return ":" in selector and not selector.startswith(":") and not selector.endswith(":")


def _import_from_here(target: str):
    """Import ``package.module`` as ``python -m`` would: the current folder counts
    (the console script's own folder is first on sys.path, not the project)."""
    try:
        return importlib.import_module(target)
    except ModuleNotFoundError as error:
        here = os.getcwd()
        if error.name != target.partition(".")[0] or here in sys.path:
            raise
    sys.path.insert(0, here)
    return importlib.import_module(target)


@lru_cache(maxsize=None)
def load_user_transformer(selector: str) -> type:
    target, _, name = selector.rpartition(":")
    if target.endswith(".py") or os.sep in target or "/" in target:
        path = os.path.abspath(target)
        if not os.path.isfile(path):
            raise RegistryError(f"transformer file not found: {target}")
        module_name = "codemods_user_" + str(abs(hash(path)))
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:
            raise RegistryError(f"cannot import {target}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as error:
            raise RegistryError(f"cannot import {target}: {type(error).__name__}: {error}") from None
    else:
        try:
            module = _import_from_here(target)
        except Exception as error:
            raise RegistryError(f"cannot import {target}: {type(error).__name__}: {error}") from None
    value = getattr(module, name, None)
    if value is None:
        raise RegistryError(f"{target} has no attribute {name!r}")
    import libcst
    from libcst.codemod import Codemod as LibcstCodemod

    if not (isinstance(value, type) and issubclass(value, (LibcstCodemod, libcst.CSTTransformer))):
        raise RegistryError(f"{selector} is not a libcst.codemod.Codemod subclass or a libcst.CSTTransformer subclass")
    return value
