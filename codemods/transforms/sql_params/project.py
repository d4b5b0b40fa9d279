"""Where the project makes its database connections: the evidence sql-params reads
when a module executes SQL on a connection whose driver it does not show.

One cheap ``ast`` pass (no libcst) over the files of the run whose text mentions
``connect`` or ``create_engine``, plus the project modules that files with an
``execute`` call import when the run does not include them (pre-commit passes only
staged files). Each call that makes a connection is recorded with the module and
the top-level function or class it sits in:

* ``sqlite3.connect(...)``, ``psycopg2.connect(...)``, ``from pymysql import
  connect`` ... (any ``connect`` of a known DB-API driver);
* ``create_engine("sqlite:///...")`` / ``create_async_engine``: the URL's driver;
  a URL that is not a literal is recorded as unknown, so that it blocks any
  conclusion drawn from the rest of the project.

The result is a frozen, sorted dataclass: picklable and comparable by ``repr``,
as the runner's cache key wants.
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from codemods.analysis.modules import module_name_for
from codemods.transforms.sql_params.style import DRIVER_STYLES, driver_of_qualified_name, driver_of_url

#: the driver of a connection call whose driver cannot be read (a computed URL)
UNKNOWN = "?"
_ENGINE_FACTORIES = {"sqlalchemy.create_engine", "sqlalchemy.engine.create_engine",
                     "sqlalchemy.ext.asyncio.create_async_engine", "sqlalchemy.ext.asyncio.engine.create_async_engine"}


@dataclass(frozen=True)
class Connection:
    """One call that makes a connection (or an engine)."""

    module: str
    #: the top-level function or class it is in ("" at module level)
    owner: str
    #: a DRIVER_STYLES key, or UNKNOWN
    driver: str
    path: str
    line: int

    def where(self) -> str:
        return f"{os.path.relpath(self.path)}:{self.line}"


@dataclass(frozen=True)
class ConnectionEvidence:
    connections: Tuple[Connection, ...] = ()
    #: (path, digest) of the files read outside the run: part of the repr, so that a
    #: file's cached result changes with them
    outside: Tuple[Tuple[str, str], ...] = ()

    @property
    def reads_outside_the_run(self) -> bool:
        """The runner's cache key of an index covers the run's files only: an index
        that read others is not cached."""
        return bool(self.outside)

    def in_module(self, module: str, owner: Optional[str] = None) -> List[Connection]:
        """The connections ``module.owner`` makes: those inside the function or class
        ``owner``; for another name (``engine``), those of the module-level code;
        else every connection of the module."""
        found = [c for c in self.connections if c.module == module]
        for wanted in ((owner, "") if owner is not None else ()):
            if any(c.owner == wanted for c in found):
                return [c for c in found if c.owner == wanted]
        return found

    def knows(self, module: str) -> bool:
        return any(c.module == module for c in self.connections)


def single_driver(connections: Iterable[Connection]) -> Optional[str]:
    """The one driver these connections use (None when none, several or unknown)."""
    drivers = {c.driver for c in connections}
    return drivers.pop() if len(drivers) == 1 and UNKNOWN not in drivers else None


def scan_project(paths: Sequence[str]) -> ConnectionEvidence:
    sources = dict(_read(paths))
    scanned: Set[str] = set()
    connections: List[Connection] = []
    known_modules = {module_name_for(p)[0] for p in sources}
    extra: Set[str] = set()
    for path, text in sources.items():
        if _mentions_connection(text):
            connections.extend(_scan(path, text))
            scanned.add(os.path.abspath(path))
        if _EXECUTES.search(text):  # imported project modules the run left out
            extra.update(_imported_files(path, text, known_modules))
    outside = []
    for path, text in _read(sorted(p for p in extra if os.path.abspath(p) not in scanned)):
        if _mentions_connection(text):
            found = _scan(path, text)
            if found:
                connections.extend(found)
                outside.append((path, hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()))
    return ConnectionEvidence(tuple(sorted(set(connections), key=lambda c: (c.module, c.owner, c.line, c.driver))),
                              tuple(outside))


def _read(paths: Iterable[str]) -> List[Tuple[str, str]]:
    """Each file decoded as the runner decodes it; unreadable ones are left out."""
    from codemods.engine.source import SourceError, decode_source

    sources = []
    for path in sorted(set(paths)):
        try:
            with open(path, "rb") as handle:
                data = handle.read()
            if b"connect" in data or b"create_" in data or b"execute" in data:  # else nothing to learn
                sources.append((path, decode_source(data).text))
        except (OSError, SourceError):
            continue
    return sources


#: the driver names a file must mention for its connect() calls to matter
_DRIVER_WORDS = re.compile(r"\b(?:" + "|".join(re.escape(d.split(".")[0]) for d in DRIVER_STYLES) + r")\b")
_EXECUTES = re.compile(r"\.(?:execute|executemany|exec_driver_sql)\s*\(")


def _mentions_connection(text: str) -> bool:
    return "create_engine" in text or "create_async_engine" in text or (
        "connect" in text and _DRIVER_WORDS.search(text) is not None)


def _scan(path: str, text: str) -> List[Connection]:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    module = module_name_for(path)[0] or ""
    names = _import_names(tree)
    found: List[Connection] = []
    for owner, node in _top_level_calls(tree):
        qualified = _dotted(node.func, names)
        if qualified is None:
            continue
        driver: Optional[str] = None
        if qualified in _ENGINE_FACTORIES:
            url = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "url"), None)
            literal = url.value if isinstance(url, ast.Constant) and isinstance(url.value, str) else None
            driver = (driver_of_url(literal) if literal is not None else None) or UNKNOWN
        elif qualified.endswith(".connect"):
            module_driver = driver_of_qualified_name(qualified[: -len(".connect")])
            if module_driver in DRIVER_STYLES and module_driver != "django":
                driver = module_driver
        if driver is not None:
            found.append(Connection(module, owner, driver, path, node.lineno))
    return found


def _import_names(tree: ast.Module) -> Dict[str, str]:
    """Local name -> qualified name, for every import of the module (any depth)."""
    names: Dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    names[alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _dotted(node: ast.expr, names: Dict[str, str]) -> Optional[str]:
    parts: List[str] = []
    while isinstance(node, ast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id not in names:
        return None
    return ".".join([names[node.id], *parts])


def _top_level_calls(tree: ast.Module) -> Iterable[Tuple[str, ast.Call]]:
    for statement in tree.body:
        owner = statement.name if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else ""
        for node in ast.walk(statement):
            if isinstance(node, ast.Call):
                yield owner, node


def _imported_files(path: str, text: str, known_modules: Set[Optional[str]]) -> Set[str]:
    """Files of project modules ``path`` imports (absolute or relative) that are not
    in the run, found beside the package ``path`` belongs to."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return set()
    module, is_init = module_name_for(path)
    depth = (module or "").count(".") + (1 if is_init else 0)
    root = os.path.dirname(os.path.abspath(path))
    for _ in range(depth):
        root = os.path.dirname(root)
    wanted: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = absolute_module(module, is_init, node.level, node.module)
            if target:
                wanted.add(target)
                wanted.update(f"{target}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            wanted.update(alias.name for alias in node.names)
    files: Set[str] = set()
    for name in wanted - known_modules:
        base = os.path.join(root, *name.split("."))
        for candidate in (base + ".py", os.path.join(base, "__init__.py")):
            if os.path.isfile(candidate):
                files.add(candidate)
    return files


def absolute_module(module: Optional[str], is_init: bool, level: int, target: Optional[str]) -> Optional[str]:
    """The module ``from <level dots><target> import ...`` names inside ``module``."""
    if not level:
        return target
    parts = (module or "").split(".") if module else []
    if not is_init:
        parts = parts[:-1]
    if level - 1 > len(parts):
        return None
    parts = parts[: len(parts) - (level - 1)]
    return ".".join(parts + ([target] if target else [])) or None
