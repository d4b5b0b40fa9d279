"""What a method overrides: the annotated signatures of base classes, in the same
module, elsewhere in the run, or in typeshed's standard-library stubs (the copy
mypy ships, when mypy is installed), so that an override takes the base's types
and mypy's override check stays quiet.

Plain ``ast`` and small frozen dataclasses: the declaration's ``prepare`` builds a
:class:`ProjectClasses` over every file of the run (its repr is part of the cache
key), the rewriter indexes its own file again (an earlier codemod may have changed
it) and reads typeshed stubs on demand. No libcst here.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from codemods.analysis.facts import resolve_relative

#: methods whose signature is not checked against the base (mypy exempts them)
NOT_CHECKED = frozenset({"__init__", "__new__", "__init_subclass__", "__post_init__", "__class_getitem__"})
_PEP585 = frozenset({"list", "dict", "set", "frozenset", "tuple", "type"})
_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | {"builtins", "typing", "collections", "abc"}
_MAX_DEPTH = 12


@dataclass(frozen=True)
class Annotation:
    code: str
    names: Tuple[str, ...]
    #: the oldest Python that evaluates it at run time
    version: Tuple[int, int] = (3, 0)


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # positional-only | positional | star | keyword | star-star
    annotation: Optional[Annotation] = None


@dataclass(frozen=True)
class Method:
    name: str
    kind: str  # method | static | class | property
    params: Tuple[Param, ...] = ()
    returns: Optional[Annotation] = None
    #: defined more than once, under ``if``/``try``, or ``@overload``: never copied
    ambiguous: bool = False

    @property
    def annotated(self) -> bool:
        return self.returns is not None or any(p.annotation is not None for p in self.params)


@dataclass(frozen=True)
class ClassFacts:
    name: str
    #: the bases as qualified names (``pkg.mod.Base``); "?" for one that cannot be named
    bases: Tuple[str, ...] = ()
    methods: Tuple[Method, ...] = ()
    #: names inside the bases' subscripts (``Generic[T]``, ``Base[T]``) and PEP 695
    #: parameters: in a subclass they stand for other types, so never copied
    type_params: Tuple[str, ...] = ()

    def method(self, name: str) -> Optional[Method]:
        return next((m for m in self.methods if m.name == name), None)


@dataclass(frozen=True)
class ModuleFacts:
    module: str
    #: module-level bindings by import: (local name, module, imported name or "" for a module)
    imports: Tuple[Tuple[str, str, str], ...] = ()
    #: names the module defines itself (classes, functions, assignments)
    defined: Tuple[str, ...] = ()
    #: module-level TypeVar/ParamSpec/TypeVarTuple names: never copied into another module
    typevars: Tuple[str, ...] = ()
    classes: Tuple[ClassFacts, ...] = ()

    def cls(self, name: str) -> Optional[ClassFacts]:
        return next((c for c in self.classes if c.name == name), None)

    def imported(self, local: str) -> Optional[Tuple[str, str]]:
        found = [(module, name) for bound, module, name in self.imports if bound == local]
        return found[0] if len(set(found)) == 1 else None


@dataclass(frozen=True)
class ProjectClasses:
    """The modules of the run that define classes with annotated methods or with
    bases, and where typeshed's stubs are (with mypy's version: a cache key)."""

    modules: Tuple[ModuleFacts, ...] = ()
    typeshed: str = ""
    #: (path, digest) of project files read beyond the run (bases of its classes)
    outside: Tuple[Tuple[str, str], ...] = ()

    def still_current(self) -> bool:
        """The files read beyond the run are unchanged (the runner's cache of this
        index is keyed by the run's files only)."""
        return all(_digest(path) == digest for path, digest in self.outside)


# -- reading one module -------------------------------------------------------------------

def _dotted(node: ast.expr) -> Optional[str]:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


class _Lines:
    """The source's lines as bytes, for the text of one-line annotations (ast's
    offsets count UTF-8 bytes; ``ast.get_source_segment`` splits the whole text
    each time)."""

    def __init__(self, text: str) -> None:
        self.lines = re.split(rb"\r\n|\r|\n", text.encode("utf-8", "surrogatepass"))

    def segment(self, node: ast.expr) -> str:
        line, end = node.lineno, getattr(node, "end_lineno", None)
        if end != line or not 0 < line <= len(self.lines) or node.end_col_offset is None:
            return ""
        return self.lines[line - 1][node.col_offset:node.end_col_offset].decode("utf-8", "replace")


def _annotation(node: Optional[ast.expr], text: "_Lines") -> Optional[Annotation]:
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        code = node.value.strip()  # a forward reference: the codemod quotes it where needed
        try:
            node = ast.parse(code, mode="eval").body
        except SyntaxError:
            return None
    else:
        code = text.segment(node)
        if not code:
            return None
    names = set()
    version = (3, 0)
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name):
            names.add(inner.id)
        elif isinstance(inner, ast.Constant) and isinstance(inner.value, str):
            return None  # a nested forward reference: names the codemod cannot check
        elif isinstance(inner, ast.BinOp) and isinstance(inner.op, ast.BitOr):
            version = max(version, (3, 10))
        elif isinstance(inner, ast.Subscript):
            value = _dotted(inner.value) or ""
            if value in _PEP585 or value.startswith("collections."):
                version = max(version, (3, 9))
    return Annotation(code, tuple(sorted(names)), version)


def _method(node, text: _Lines, ambiguous: bool) -> Method:
    decorators = {(_dotted(d.func if isinstance(d, ast.Call) else d) or "?").rsplit(".", 1)[-1]
                  for d in node.decorator_list}
    kind = "static" if "staticmethod" in decorators else "class" if "classmethod" in decorators else (
        "property" if decorators & {"property", "cached_property"} else "method")
    arguments = node.args
    params: List[Param] = []
    for kind_name, items in (("positional-only", arguments.posonlyargs), ("positional", arguments.args)):
        params.extend(Param(a.arg, kind_name, _annotation(a.annotation, text)) for a in items)
    if arguments.vararg is not None:
        params.append(Param(arguments.vararg.arg, "star", _annotation(arguments.vararg.annotation, text)))
    params.extend(Param(a.arg, "keyword", _annotation(a.annotation, text)) for a in arguments.kwonlyargs)
    if arguments.kwarg is not None:
        params.append(Param(arguments.kwarg.arg, "star-star", _annotation(arguments.kwarg.annotation, text)))
    ambiguous = ambiguous or "overload" in decorators
    method = Method(node.name, kind, tuple(params), _annotation(node.returns, text), ambiguous)
    # an unannotated method only stops the search for a base: its parameters are not kept
    return method if method.annotated else Method(node.name, kind, ambiguous=ambiguous)


def _class(node: ast.ClassDef, text: _Lines, resolve) -> ClassFacts:
    bases = []
    type_params = {p.name for p in getattr(node, "type_params", ())}  # class C[T]: (3.12)
    for base in node.bases:
        expression = base.value if isinstance(base, ast.Subscript) else base
        if isinstance(base, ast.Subscript):
            type_params.update(n.id for n in ast.walk(base.slice) if isinstance(n, ast.Name))
        dotted = _dotted(expression)
        bases.append(resolve(dotted) if dotted else "?")
    methods: Dict[str, Method] = {}
    seen: Dict[str, int] = {}

    def note(statement, ambiguous: bool) -> None:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            seen[statement.name] = seen.get(statement.name, 0) + 1
            methods[statement.name] = _method(statement, text, ambiguous or seen[statement.name] > 1)
        elif isinstance(statement, (ast.If, ast.Try)):
            for part in ("body", "orelse", "finalbody"):
                for inner in getattr(statement, part, []):
                    note(inner, True)
            for handler in getattr(statement, "handlers", []):
                for inner in handler.body:
                    note(inner, True)
        elif isinstance(statement, (ast.Assign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in methods:
                    methods[target.id] = Method(target.id, "method", ambiguous=True)  # rebound

    for statement in node.body:
        note(statement, False)
    for name, method in list(methods.items()):
        if seen.get(name, 0) > 1:
            methods[name] = Method(name, method.kind, method.params, method.returns, True)
    return ClassFacts(node.name, tuple(bases), tuple(methods[name] for name in sorted(methods)),
                      tuple(sorted(type_params)))


def _is_type_checking(test: ast.expr) -> bool:
    return (_dotted(test) or "").rsplit(".", 1)[-1] == "TYPE_CHECKING"


def read_module(text: str, module: str, is_init: bool = False, tree: Optional[ast.Module] = None) -> ModuleFacts:
    """The facts of one module's source (a ``.py`` file or a ``.pyi`` stub)."""
    if tree is None:
        tree = ast.parse(text)
    imports: List[Tuple[str, str, str]] = []
    defined: List[str] = []
    typevars: List[str] = []
    class_nodes: List[ast.ClassDef] = []

    def statements(body: Sequence[ast.stmt], guarded: bool) -> Iterable[Tuple[ast.stmt, bool]]:
        for statement in body:
            if isinstance(statement, ast.If) and _is_type_checking(statement.test):
                yield from statements(statement.body, guarded)
            elif isinstance(statement, (ast.If, ast.Try)):
                for part in ("body", "orelse", "finalbody"):
                    yield from statements(getattr(statement, part, []), True)
                for handler in getattr(statement, "handlers", []):
                    yield from statements(handler.body, True)
            else:
                yield statement, guarded

    for statement, guarded in statements(tree.body, False):
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                if alias.asname:
                    imports.append((alias.asname, alias.name, ""))
                else:  # ``import a.b`` binds ``a`` (and needs ``a.b`` imported)
                    imports.append((alias.name.split(".")[0], alias.name, ""))
        elif isinstance(statement, ast.ImportFrom):
            source = resolve_relative(module, is_init, statement.level, statement.module)
            for alias in statement.names:
                if alias.name != "*" and source:
                    imports.append((alias.asname or alias.name, source, alias.name))
        elif isinstance(statement, ast.ClassDef):
            defined.append(statement.name)
            if not guarded:
                class_nodes.append(statement)
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            defined.append(statement.name)
        elif isinstance(statement, (ast.Assign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    defined.append(target.id)
                    value = statement.value
                    if isinstance(value, ast.Call) and (_dotted(value.func) or "").rsplit(".", 1)[-1] in (
                            "TypeVar", "ParamSpec", "TypeVarTuple"):
                        typevars.append(target.id)
        elif type(statement).__name__ == "TypeAlias":
            defined.append(statement.name.id)  # type: ignore[attr-defined]
    facts = ModuleFacts(module, tuple(imports), tuple(sorted(set(defined))), tuple(sorted(set(typevars))))
    builtin_names = _builtin_names()

    def resolve(dotted: str) -> str:
        root, _, rest = dotted.partition(".")
        imported = facts.imported(root)
        if imported is not None:
            source, name = imported
            head = f"{source}.{name}" if name else (root if source.split(".")[0] == root else source)
            return f"{head}.{rest}" if rest else head
        if root in facts.defined:
            return f"{module}.{dotted}"
        if root in builtin_names and not rest:
            return f"builtins.{root}"
        return "?"

    lines = _Lines(text)
    classes = tuple(_class(node, lines, resolve) for node in class_nodes)
    return ModuleFacts(module, facts.imports, facts.defined, facts.typevars, classes)


@lru_cache(maxsize=1)
def _builtin_names() -> frozenset:
    import builtins

    return frozenset(dir(builtins))


# -- the run's index ------------------------------------------------------------------------

@lru_cache(maxsize=1)
def find_typeshed() -> str:
    """typeshed's ``stdlib`` folder inside an installed mypy, with mypy's version
    (``path@version``), or ""; mypy is located, not imported."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("mypy")
    except (ImportError, ValueError):
        return ""
    if spec is None or not spec.submodule_search_locations:
        return ""
    folder = os.path.join(list(spec.submodule_search_locations)[0], "typeshed", "stdlib")
    if not os.path.isdir(folder):
        return ""
    try:
        from importlib.metadata import version

        release = version("mypy")
    except Exception:
        release = "?"
    return f"{folder}@{release}"


def _digest(path: str) -> str:
    import hashlib

    try:
        with open(path, "rb") as handle:
            return hashlib.blake2b(handle.read(), digest_size=16).hexdigest()
    except OSError:
        return ""


def _read(path: str) -> Optional[str]:
    from codemods.engine.source import SourceError, decode_source

    try:
        with open(path, "rb") as handle:
            data = handle.read()
        return decode_source(data).text if b"class " in data or path.endswith("__init__.py") else None
    except (OSError, SourceError):
        return None


def _module_file(roots: Iterable[str], module: str) -> Optional[str]:
    for root in roots:
        base = os.path.join(root, *module.split("."))
        for candidate in (base + ".py", os.path.join(base, "__init__.py")):
            if os.path.isfile(candidate):
                return candidate
    return None


def _missing_module(modules: Dict[str, ModuleFacts], qualified: str) -> str:
    """The module, not yet indexed, where the class ``qualified`` is (or is
    re-exported from), or ""."""
    for _ in range(_MAX_DEPTH):
        module, _, name = qualified.rpartition(".")
        if not module:
            return ""
        facts = modules.get(module)
        if facts is None:
            return module
        if facts.cls(name) is not None:
            return ""
        imported = facts.imported(name)
        if imported is None or not imported[1]:
            return ""
        qualified = f"{imported[0]}.{imported[1]}"
    return ""


def index_paths(paths: Sequence[str]) -> ProjectClasses:
    """The classes of every file of the run, and of the project's modules their
    bases come from when the run names only some files (pre-commit passes the
    staged ones): found from the folder each file's package starts in."""
    from codemods.analysis.modules import module_name_for

    sources = [(path, text) for path in sorted(set(paths)) for text in [_read(path)] if text is not None]
    project = index_project(sources)
    roots = []
    for path in sorted(set(paths)):
        name, is_init = module_name_for(path)
        if name:
            root = os.path.dirname(os.path.abspath(path))
            for _ in range(name.count(".") + (1 if is_init else 0)):
                root = os.path.dirname(root)
            if root not in roots:
                roots.append(root)
    known = {facts.module for facts in project.modules}
    tried = set(known)
    outside: List[Tuple[str, str]] = []
    for _ in range(_MAX_DEPTH):
        by_name = {facts.module: facts for facts in project.modules}
        wanted = sorted({_missing_module(by_name, base) for facts in project.modules for cls in facts.classes
                         for base in cls.bases} - tried - {""})
        wanted = [module for module in wanted if module.split(".")[0] not in _STDLIB]
        if not wanted:
            break
        tried.update(wanted)
        files = [path for path in (_module_file(roots, m) for m in wanted) if path]
        outside.extend((os.path.abspath(path), _digest(path)) for path in files)
        found = [(path, text) for path in files for text in [_read(path)] if text is not None]
        if not found:
            break
        extra = index_project(found)
        project = ProjectClasses(tuple(sorted(project.modules + tuple(m for m in extra.modules if m.module not in known),
                                              key=lambda m: m.module)), project.typeshed)
        known.update(m.module for m in extra.modules)
    return ProjectClasses(project.modules, project.typeshed, tuple(sorted(set(outside))))


def index_project(sources: Sequence[Tuple[str, str]]) -> ProjectClasses:
    """The classes of ``(path, text)`` pairs (only modules that define a class)."""
    from codemods.analysis.modules import module_name_for

    modules: Dict[str, ModuleFacts] = {}
    seen: Dict[str, int] = {}
    for path, text in sources:
        name, is_init = module_name_for(path)
        if not name:
            continue
        seen[name] = seen.get(name, 0) + 1
        try:
            facts = read_module(text, name, is_init)
        except (SyntaxError, ValueError, RecursionError):
            continue
        if facts.classes or is_init:  # a package's __init__ may re-export a base
            modules[name] = facts
    # a module name two files share cannot be told apart: neither is used
    unique = tuple(facts for name, facts in sorted(modules.items()) if seen[name] == 1)
    return ProjectClasses(unique, find_typeshed())


# -- what a method overrides ------------------------------------------------------------------

@dataclass(frozen=True)
class Override:
    """The nearest base definition of a method, and the module it is written in."""

    method: Method
    module: ModuleFacts
    cls: ClassFacts
    #: a base the search could not see comes first in the MRO: the method found may
    #: not be the one overridden (use placeholders, never a certain type)
    uncertain: bool


class Resolver:
    """Finds classes by qualified name: this file, the run, typeshed."""

    def __init__(self, own: ModuleFacts, project: Optional[ProjectClasses]) -> None:
        self.own = own
        self.modules: Dict[str, ModuleFacts] = {m.module: m for m in (project.modules if project else ())}
        self.modules[own.module] = own
        typeshed = project.typeshed if project is not None else find_typeshed()
        self.typeshed = typeshed.rpartition("@")[0] if typeshed else ""

    def module(self, name: str) -> Optional[ModuleFacts]:
        found = self.modules.get(name)
        if found is None and self.typeshed:  # typeshed's stdlib folder holds only the standard library
            found = _typeshed_module(self.typeshed, name)
            if found is not None:
                self.modules[name] = found
        return found

    def find_class(self, qualified: str, depth: int = 0) -> Optional[Tuple[ModuleFacts, ClassFacts]]:
        if depth > _MAX_DEPTH or qualified == "?":
            return None
        module_name, _, class_name = qualified.rpartition(".")
        module = self.module(module_name) if module_name else None
        if module is None:
            return None
        found = module.cls(class_name)
        if found is not None:
            return module, found
        imported = module.imported(class_name)  # a re-export: ``from .base import Base``
        if imported is not None and imported[1]:
            return self.find_class(f"{imported[0]}.{imported[1]}", depth + 1)
        return None

    def override(self, class_path: Sequence[str], method: str) -> Optional[Override]:
        """What ``class_path[-1].method`` of this file overrides (module-level classes
        only), or None when no base the search can see defines it."""
        if method in NOT_CHECKED or len(class_path) != 1:
            return None
        own = self.own.cls(class_path[0])
        if own is None:
            return None
        uncertain = False
        seen = {f"{self.own.module}.{own.name}"}
        pending: List[Tuple[str, int]] = [(base, 0) for base in own.bases]
        while pending:  # depth first, left to right: the MRO of simple hierarchies
            qualified, depth = pending.pop(0)
            if qualified in ("builtins.object",) or qualified in seen:
                continue
            seen.add(qualified)
            found = self.find_class(qualified)
            if found is None or depth > _MAX_DEPTH:
                uncertain = True
                continue
            module, cls = found
            defined = cls.method(method)
            if defined is not None:
                return Override(defined, module, cls, uncertain or defined.ambiguous)
            pending[0:0] = [(base, depth + 1) for base in cls.bases]
        return None


@lru_cache(maxsize=64)
def _typeshed_module(folder: str, module: str) -> Optional[ModuleFacts]:
    base = os.path.join(folder, *module.split("."))
    for candidate in (base + ".pyi", os.path.join(base, "__init__.pyi")):
        if os.path.isfile(candidate):
            try:
                with open(candidate, encoding="utf-8") as handle:
                    text = handle.read()
                return read_module(text, module, candidate.endswith("__init__.pyi"))
            except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
                return None
    return None


def matching_params(base: Method, params: Sequence[Tuple[str, str]], first_is_bare: bool) -> Dict[str, Param]:
    """The base parameter each of the override's parameters (name, kind) stands for:
    by name, else by position; ``*args``/``**kwargs`` by kind."""
    base_positional = [p for p in base.params if p.kind in ("positional-only", "positional")]
    if first_is_bare and base.kind in ("method", "class", "property"):
        base_positional = base_positional[1:]
    by_name = {p.name: p for p in base.params if p.kind in ("positional", "keyword")}
    own_positional = [name for name, kind in params if kind in ("positional-only", "positional")]
    if first_is_bare:
        own_positional = own_positional[1:]
    matched: Dict[str, Param] = {}
    for name, kind in params:
        if kind in ("star", "star-star"):
            found = next((p for p in base.params if p.kind == kind), None)
        elif name in by_name:
            found = by_name[name]
        elif kind != "keyword" and name in own_positional:
            index = own_positional.index(name)
            found = base_positional[index] if index < len(base_positional) else None
        else:
            found = None
        if found is not None:
            matched[name] = found
    return matched
