"""Which definitions nothing in the project uses (``ast`` only, no libcst).

Each file is scanned once into ``FileFacts``: the definitions that could be dead
(``Entry``: module-level functions, classes and assignments, methods and class
attributes) with the names read inside each of them, and the names read anywhere
else (the roots). A name counts as read wherever it appears as a loaded or deleted
name, an attribute of anything, an imported name, or an identifier-like word of any
string literal or ``# type:`` comment (``getattr(x, "name")``,
``mock.patch("pkg.mod.name")``, ``__all__``, string annotations, doctests) and of the
project's configuration files (entry points). Matching is by name, not binding:
``obj.name`` anywhere keeps every ``name`` of every class, which errs towards keeping.

``build_plan`` then marks what is reachable from the roots, definition by
definition: a definition is live when its name is read by live code (and, for a
member, its class is live); what a live definition reads becomes live in turn. So a
private helper used only by another unused helper goes with it.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TYPE_COMMENT = re.compile(r"#\s*type:([^\n]*)")
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)

#: decorators that register nothing and read nothing: a definition carrying only
#: these may go with them (property counts with its setter/getter/deleter)
INERT_DECORATORS = frozenset({
    "staticmethod", "classmethod", "property", "functools.cache", "functools.lru_cache",
    "functools.cached_property",
})
#: names test runners and unittest call by convention
_TEST_HOOKS = frozenset({
    "setUp", "tearDown", "setUpClass", "tearDownClass", "setUpModule", "tearDownModule",
    "asyncSetUp", "asyncTearDown", "load_tests", "setup_module", "teardown_module", "setup_function",
    "teardown_function", "setup_method", "teardown_method", "setup_class", "teardown_class", "setup", "teardown",
})
#: methods that other code calls by name on objects it did not define (duck typing):
#: file-like objects, import finders and loaders, mappings (``dict(obj)``, ``**obj``)
PROTOCOL_METHODS = frozenset({
    "read", "read1", "readinto", "readinto1", "readline", "readlines", "readable", "write", "writelines",
    "writable", "seek", "seekable", "tell", "truncate", "flush", "close", "fileno", "isatty", "detach",
    "find_spec", "find_module", "load_module", "create_module", "exec_module", "get_code", "get_source",
    "get_data", "get_filename", "is_package", "invalidate_caches", "module_repr", "get_resource_reader",
    "keys",
})
#: configuration files whose words count as references (entry points, plugin lists)
CONFIG_FILES = ("pyproject.toml", "setup.cfg", "tox.ini", "pytest.ini")


@dataclass(frozen=True)
class Entry:
    """A definition that could be dead."""

    qualname: str  # "name" or "Class.name"
    kind: str  # function | class | assignment | method | attribute
    line: int  # of the name being defined
    parent: int  # index of the class entry it belongs to, or -1
    private: bool
    #: None when it may be removed if unused; else why it never is
    kept_because: Optional[str]
    reads: FrozenSet[str]

    @property
    def name(self) -> str:
        return self.qualname.rpartition(".")[2]


@dataclass(frozen=True)
class FileFacts:
    path: str
    entries: Tuple[Entry, ...] = ()
    #: names read outside every entry
    roots: FrozenSet[str] = frozenset()
    #: constant prefixes of names computed for getattr() and friends
    #: (``getattr(self, "_visit_" + kind)``): every definition they start is read
    prefixes: FrozenSet[str] = frozenset()


@dataclass(frozen=True)
class DeadCodePlan:
    """What the project agreed on (picklable; its repr is part of the cache key)."""

    #: (absolute path, qualname, kind) of definitions dead when only private ones go
    remove: Tuple[Tuple[str, str, str], ...] = ()
    #: the same when public definitions may go too (``--unsafe-fixes``)
    remove_unsafe: Tuple[Tuple[str, str, str], ...] = ()
    #: (absolute path, qualname, kind, line, message, hint): unused public definitions
    report: Tuple[Tuple[str, str, str, int, str, str], ...] = ()
    files: int = 0
    #: (path, size, mtime_ns) of the non-Python files whose words were read
    #: (configuration, C sources): the runner's cache of this plan is keyed by the
    #: Python files only, so it asks ``still_current``
    outside: Tuple[Tuple[str, int, int], ...] = ()

    def still_current(self) -> bool:
        return all(file_stamp(path) == (size, mtime) for path, size, mtime in self.outside)

    def removals_for(self, path: str, unsafe_fixes: bool = False) -> Set[Tuple[str, str]]:
        path = os.path.abspath(path)
        chosen = self.remove_unsafe if unsafe_fixes else self.remove
        return {(qualname, kind) for where, qualname, kind in chosen if where == path}

    def reports_for(self, path: str, unsafe_fixes: bool = False) -> List[Tuple[str, str, int, str, str]]:
        if unsafe_fixes:
            return []
        path = os.path.abspath(path)
        return [entry[1:] for entry in self.report if entry[0] == path]


def file_stamp(path: str) -> Tuple[int, int]:
    """(size, mtime_ns) of a file; (-1, -1) when there is none."""
    try:
        status = os.stat(path)
    except OSError:
        return -1, -1
    return status.st_size, status.st_mtime_ns


def words(text: str) -> Set[str]:
    return set(_WORD.findall(text))


def _decorator_name(node: ast.expr, aliases: Dict[str, str]) -> str:
    """Dotted name of a decorator (its call's function when called), with the
    module's import aliases resolved: ``lru_cache(8)`` from functools is
    ``functools.lru_cache``."""
    if isinstance(node, ast.Call):
        node = node.func
    parts: List[str] = []
    while isinstance(node, ast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    parts.insert(0, aliases.get(node.id, node.id))
    return ".".join(parts)


def _import_aliases(tree: ast.Module) -> Dict[str, str]:
    aliases: Dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
    return aliases


def _is_inert(decorators: Sequence[ast.expr], name: str, aliases: Dict[str, str]) -> bool:
    for decorator in decorators:
        dotted = _decorator_name(decorator, aliases)
        if dotted in INERT_DECORATORS:
            continue
        if dotted in (f"{name}.setter", f"{name}.getter", f"{name}.deleter"):
            continue
        return False
    return True


def harmless_value(node: Optional[ast.expr]) -> bool:
    """Evaluating it can do nothing: a constant, or a literal container of them."""
    if node is None or isinstance(node, ast.Constant):
        return True
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(harmless_value(item) for item in node.elts)
    if isinstance(node, ast.Dict):
        return all(key is not None and harmless_value(key) for key in node.keys) and all(
            harmless_value(value) for value in node.values)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return isinstance(node.operand, ast.Constant) and isinstance(node.operand.value, (int, float, complex))
    return False


def _is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def _is_private(name: str) -> bool:
    return name.startswith("_") and not _is_dunder(name)


def _collected_by_test_runner(name: str, kind: str) -> bool:
    if name in _TEST_HOOKS or name.startswith("pytest_"):
        return True
    if kind in ("class",):
        return name.startswith("Test")
    return name.startswith("test")


def _is_sunder(name: str) -> bool:
    """``_missing_``, ``_repr_html_``: hooks that libraries look up by name."""
    return len(name) > 2 and name.startswith("_") and name.endswith("_") and not name.startswith("__")


_SCOPES = _FUNCTIONS + (ast.Lambda, ast.ClassDef)
_SKIPPED = frozenset(c for c in vars(ast).values() if isinstance(c, type) and issubclass(c, ast.AST) and issubclass(
    c, (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)))


class _Walk:
    """One pass over a statement: the names it reads, the names it binds directly (not
    in a nested scope), and whether it reaches the module namespace by name."""

    __slots__ = ("reads", "binds", "dynamic", "prefixes")

    def __init__(self) -> None:
        self.reads: Set[str] = set()
        self.binds: List[str] = []
        self.dynamic = False
        self.prefixes: Set[str] = set()

    def run(self, root: ast.AST, top_level: bool = True) -> "_Walk":
        reads, binds = self.reads, self.binds
        skipped = _SKIPPED
        stack: List[Tuple[ast.AST, bool]] = [(root, top_level)]
        while stack:
            node, direct = stack.pop()
            cls = node.__class__
            if cls is ast.Name:
                if node.ctx.__class__ is ast.Load:  # type: ignore[attr-defined]
                    reads.add(node.id)  # type: ignore[attr-defined]
                else:
                    if node.ctx.__class__ is ast.Del:  # type: ignore[attr-defined]
                        reads.add(node.id)  # type: ignore[attr-defined]
                    if direct:
                        binds.append(node.id)  # type: ignore[attr-defined]
                continue
            if cls is ast.Constant:
                if node.value.__class__ is str:  # type: ignore[attr-defined]
                    reads.update(_WORD.findall(node.value))  # type: ignore[attr-defined]
                continue
            if cls is ast.Attribute:
                reads.add(node.attr)  # type: ignore[attr-defined]
            elif cls is ast.alias:
                reads.update(node.name.split("."))  # type: ignore[attr-defined]
                if direct:
                    binds.append((node.asname or node.name).partition(".")[0])  # type: ignore[attr-defined]
                continue
            elif cls is ast.ImportFrom:
                if node.module:  # type: ignore[attr-defined]
                    reads.update(node.module.split("."))  # type: ignore[attr-defined]
            elif cls is ast.Global or cls is ast.Nonlocal:
                reads.update(node.names)  # type: ignore[attr-defined]
            elif cls is ast.AugAssign:
                if node.target.__class__ is ast.Name:  # type: ignore[attr-defined]
                    reads.add(node.target.id)  # type: ignore[attr-defined]
            elif cls is ast.Call:
                func = node.func  # type: ignore[attr-defined]
                if func.__class__ is ast.Name:
                    if not node.args and (  # type: ignore[attr-defined]
                            func.id in ("globals", "vars") or func.id == "locals" and direct):
                        self.dynamic = True
                    elif func.id in _BY_NAME and len(node.args) > 1:  # type: ignore[attr-defined]
                        prefix = _constant_prefix(node.args[1])  # type: ignore[attr-defined]
                        if prefix:
                            self.prefixes.add(prefix)
            if cls in _SCOPES:
                if direct and cls is not ast.Lambda:
                    binds.append(node.name)  # type: ignore[attr-defined]
                inner = False
            else:
                inner = direct
            for name in node._fields:
                value = getattr(node, name, None)
                if value.__class__ is list:
                    for item in value:
                        if isinstance(item, ast.AST) and item.__class__ not in skipped:
                            stack.append((item, inner))
                elif isinstance(value, ast.AST) and value.__class__ not in skipped:
                    stack.append((value, inner))
        return self


_BY_NAME = frozenset({"getattr", "hasattr", "setattr", "delattr"})


def _constant_prefix(node: ast.expr) -> str:
    """``"_on_" + kind``, ``f"_on_{kind}"``, ``"_on_%s" % kind``: ``_on_``."""
    if isinstance(node, ast.BinOp) and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
        if isinstance(node.op, ast.Add):
            return node.left.value
        if isinstance(node.op, ast.Mod):
            return node.left.value.partition("%")[0]
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format" and (
            isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
        return node.func.value.value.partition("{")[0]
    return ""


def _reads(nodes: Iterable[ast.AST]) -> Set[str]:
    walk = _Walk()
    for node in nodes:
        walk.run(node)
    return walk.reads


def _single_target(statement: ast.stmt) -> Optional[Tuple[str, int, Optional[ast.expr]]]:
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
        return statement.targets[0].id, statement.targets[0].lineno, statement.value
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value is not None:
        return statement.target.id, statement.target.lineno, statement.value
    return None


def _plain_class(node: ast.ClassDef) -> bool:
    """No base, metaclass or decorator that could read or dispatch on the body."""
    bases_ok = all(isinstance(base, ast.Name) and base.id == "object" for base in node.bases)
    return bases_ok and not node.keywords and not node.decorator_list


def _counts(walks: Sequence[_Walk]) -> Dict[str, int]:
    counts: Dict[str, int] = {}
    for walk in walks:
        for name in set(walk.binds):
            counts[name] = counts.get(name, 0) + 1
    return counts


class _Scanner:
    def __init__(self, tree: ast.Module, path: str) -> None:
        self.tree = tree
        self.path = path
        self.aliases = _import_aliases(tree)
        self.entries: List[Entry] = []
        self.roots: Set[str] = set()
        base = os.path.basename(path)
        self.test_file = base == "conftest.py" or base.startswith("test") or base.endswith("_test.py")
        self.dynamic = any(isinstance(node, _FUNCTIONS) and node.name in ("__getattr__", "__dir__")
                           for node in tree.body)

    def scan(self) -> FileFacts:
        walks = [_Walk().run(statement) for statement in self.tree.body]
        self.dynamic = self.dynamic or any(walk.dynamic for walk in walks)
        counts = _counts(walks)
        for statement, walk in zip(self.tree.body, walks):
            self._module_statement(statement, walk, counts)
        prefixes = frozenset(prefix for walk in walks for prefix in walk.prefixes)
        return FileFacts(self.path, tuple(self.entries), frozenset(self.roots), prefixes)

    def _keep_reason(self, name: str, kind: str, decorators: Sequence[ast.expr], redefined: bool) -> Optional[str]:
        if _is_dunder(name) or _is_sunder(name):
            return "a name Python or a library looks up"
        if redefined:
            return "bound more than once in its scope"
        if decorators and not _is_inert(decorators, name, self.aliases):
            return "decorated (the decorator may register it)"
        if _collected_by_test_runner(name, kind) or self.test_file and kind in ("function", "method", "class"):
            return "collected by test runners"
        if self.dynamic and kind in ("function", "class", "assignment"):
            return "the module reads its namespace dynamically (__getattr__, globals(), vars())"
        return None

    def _module_statement(self, statement: ast.stmt, walk: _Walk, counts: Dict[str, int]) -> None:
        if isinstance(statement, _FUNCTIONS):
            reason = self._keep_reason(statement.name, "function", statement.decorator_list,
                                       counts.get(statement.name, 0) > 1)
            self.entries.append(Entry(statement.name, "function", statement.lineno, -1, _is_private(statement.name),
                                      reason, frozenset(walk.reads)))
            return
        if isinstance(statement, ast.ClassDef):
            name = statement.name
            reason = self._keep_reason(name, "class", statement.decorator_list, counts.get(name, 0) > 1)
            index = len(self.entries)
            self.entries.append(Entry(name, "class", statement.lineno, -1, _is_private(name), reason, frozenset()))
            own = _reads(statement.bases + statement.keywords + statement.decorator_list)
            own |= self._class_body(statement, index)
            self.entries[index] = Entry(name, "class", statement.lineno, -1, _is_private(name), reason, frozenset(own))
            return
        target = _single_target(statement)
        if target is not None:
            name, line, value = target
            reason = self._keep_reason(name, "assignment", (), counts.get(name, 0) > 1)
            if name == "__all__" or not harmless_value(value):
                reason = reason or "its value may have effects when evaluated"
            self.entries.append(Entry(name, "assignment", line, -1, _is_private(name), reason,
                                      frozenset(walk.reads - {name})))
            return
        self.roots.update(walk.reads)

    def _class_body(self, node: ast.ClassDef, class_index: int) -> Set[str]:
        """Enter the members; return what the class body reads outside them."""
        outside: Set[str] = set()
        plain = _plain_class(node)
        walks = [_Walk().run(statement) for statement in node.body]
        counts = _counts(walks)
        for statement, walk in zip(node.body, walks):
            if isinstance(statement, _FUNCTIONS):
                name = statement.name
                property_group = counts.get(name, 0) > 1 and all(
                    _is_inert(other.decorator_list, name, self.aliases)
                    for other in node.body if isinstance(other, _FUNCTIONS) and other.name == name)
                reason = self._keep_reason(name, "method", statement.decorator_list,
                                           counts.get(name, 0) > 1 and not property_group)
                if not plain:
                    reason = reason or "may override a method of a base class"
                if name in PROTOCOL_METHODS:
                    reason = reason or "a protocol method other code calls by name (file-like, import hook, mapping)"
                self.entries.append(Entry(f"{node.name}.{name}", "method", statement.lineno, class_index,
                                          _is_private(name), reason, frozenset(walk.reads)))
                continue
            target = _single_target(statement)
            if target is not None and not isinstance(statement, ast.AnnAssign):
                name, line, value = target
                reason = self._keep_reason(name, "attribute", (), counts.get(name, 0) > 1)
                if not plain:
                    reason = reason or "the class's base, metaclass or decorator may read its attributes"
                if not harmless_value(value):
                    reason = reason or "its value may have effects when evaluated"
                self.entries.append(Entry(f"{node.name}.{name}", "attribute", line, class_index, _is_private(name),
                                          reason, frozenset(walk.reads - {name})))
                continue
            outside.update(walk.reads)
        return outside


def scan_file(path: str, text: str) -> Optional[FileFacts]:
    """The facts of one file, or None when it does not parse (its names then count as
    read: nothing it might use is removed)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    facts = _Scanner(tree, path).scan()
    comments = _TYPE_COMMENT.findall(text) if "type:" in text else ()
    if comments:
        extra: Set[str] = set()
        for comment in comments:
            extra.update(words(comment))
        facts = FileFacts(facts.path, facts.entries, facts.roots | extra, facts.prefixes)
    return facts


def _is_specific(prefix: str) -> bool:
    return sum(character.isalnum() for character in prefix) >= 2


def _live(files: Sequence[FileFacts], removable) -> Set[Tuple[int, int]]:
    """(file, entry) indexes of live entries, for the candidate set ``removable``
    (a predicate on an entry): every other entry is live by definition."""
    reached: Set[str] = set()
    pending: List[Tuple[int, int]] = []
    live: Set[Tuple[int, int]] = set()
    owner: Dict[Tuple[int, int], Optional[Tuple[int, int]]] = {}
    # a prefix with a word in it (``_on_``, ``do_``) may name definitions anywhere; a bare
    # ``"_" + name`` only those of its own file (else one such call anywhere would keep
    # every private name of the project)
    shared = tuple(sorted({prefix for facts in files for prefix in facts.prefixes if _is_specific(prefix)}))
    for facts in files:
        prefixes = shared + tuple(facts.prefixes)
        if prefixes:
            reached |= {entry.name for entry in facts.entries if entry.name.startswith(prefixes)}
    for f, facts in enumerate(files):
        reached |= facts.roots
        for e, entry in enumerate(facts.entries):
            # a non-candidate's reads belong to its nearest candidate ancestor, or
            # are roots when it has none
            candidate_self = removable(entry)
            if candidate_self:
                owner[(f, e)] = (f, e)
            else:
                parent = entry.parent
                owner[(f, e)] = owner.get((f, parent)) if parent >= 0 else None
                if owner[(f, e)] is None:
                    live.add((f, e))
                    reached |= entry.reads
    by_name: Dict[str, List[Tuple[int, int]]] = {}
    for f, facts in enumerate(files):
        for e, entry in enumerate(facts.entries):
            if (f, e) not in live:
                by_name.setdefault(entry.name, []).append((f, e))
    for name in reached:
        pending.extend(by_name.get(name, ()))
    changed = True
    # entries whose name is reached but whose class is not (yet) live wait here
    waiting: List[Tuple[int, int]] = []
    while changed:
        changed = False
        for key in pending + waiting:
            if key in live:
                continue
            f, e = key
            entry = files[f].entries[e]
            parent = entry.parent
            if parent >= 0 and (f, parent) not in live:
                if key not in waiting:
                    waiting.append(key)
                continue
            live.add(key)
            changed = True
            members = [(f, other) for other, candidate in enumerate(files[f].entries)
                       if candidate.parent == e and owner.get((f, other)) == key]
            newly = set(entry.reads)
            for member in members:
                live.add(member)
                newly |= files[f].entries[member[1]].reads
            for word in newly - reached:
                reached.add(word)
                pending.extend(by_name.get(word, ()))
        pending = [key for key in pending if key not in live]
    return live


def _dead(files: Sequence[FileFacts], rewritten: Set[str], live: Set[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """Dead eligible entries of rewritten files, less members that go with their class."""
    found = []
    for f, facts in enumerate(files):
        if os.path.abspath(facts.path) not in rewritten:
            continue  # indexed only: nothing of it changes, nothing of it is reported
        for e, entry in enumerate(facts.entries):
            if entry.kept_because is None and (f, e) not in live and not (
                    entry.parent >= 0 and (f, entry.parent) not in live):
                found.append((f, e))
    return found


def build_plan(files: Sequence[FileFacts], rewritten: Iterable[str], extra_roots: Iterable[str] = ()) -> DeadCodePlan:
    """Decide over every file of the project; only ``rewritten`` files get removals
    and reports (the others are indexed, never changed)."""
    files = list(files)
    if extra_roots:
        files.append(FileFacts("<configuration>", (), frozenset(extra_roots)))
    chosen = {os.path.abspath(path) for path in rewritten}
    count = sum(1 for facts in files if facts.path != "<configuration>")
    # safe: only private definitions are candidates (public ones are API); unsafe:
    # every eligible definition is
    safe = _dead(files, chosen, _live(files, lambda entry: entry.kept_because is None and entry.private))
    unsafe = _dead(files, chosen, _live(files, lambda entry: entry.kept_because is None))

    def rows(keys):
        return tuple(sorted((os.path.abspath(files[f].path), files[f].entries[e].qualname, files[f].entries[e].kind)
                            for f, e in keys))

    evidence = f"no reference in {count} project file{'s' if count != 1 else ''}"
    report = []
    safe_keys = set(safe)
    for f, e in unsafe:
        entry = files[f].entries[e]
        if not entry.private and (f, e) not in safe_keys:
            report.append((os.path.abspath(files[f].path), entry.qualname, entry.kind, entry.line,
                           f"'{entry.qualname}' is unused: {evidence}",
                           "public: code outside the project may use it; remove it by hand, or rerun with "
                           "--unsafe-fixes"))
    return DeadCodePlan(rows(safe), rows(unsafe), tuple(sorted(report)), count)


def config_files(root: Optional[str]) -> List[str]:
    return [os.path.join(root, name) for name in CONFIG_FILES] if root else []


def read_words(paths: Iterable[str]) -> Set[str]:
    """The identifier-like words of text files (absent ones are skipped)."""
    found: Set[str] = set()
    for path in paths:
        try:
            with open(path, "rb") as handle:
                found |= words(handle.read().decode("utf-8", "replace"))
        except OSError:
            continue
    return found
