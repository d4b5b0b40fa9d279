"""The project index behind ``naming``: one cheap ``ast`` pass over every file of
the run decides which module-level names and which parameters of module-level
functions are renamed, so that every module agrees (the definition in one file,
its imports, attribute references and keyword call sites in the others).

No libcst here: this runs over every file of the run before any file is processed.
Function-local names are decided later, per file, by the libcst rewriter.

The decisions are deliberately conservative: whatever the index cannot see (string
references, dynamic namespaces, files it cannot change) blocks a rename.
"""

from __future__ import annotations

import ast
import builtins
import os
import re
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from codemods.transforms.naming.plan import NamingPlan, read_sources  # noqa: F401 (re-exported)
from codemods.transforms.naming.case import (FRAMEWORK_NAMES, is_dunder, matches_any, proposed_name,
                                            validate_styles)

# why a candidate was not renamed (the keys of the statistics, and finding texts)
NAME_EXISTS = "name exists"
IGNORED = "matches ignore-names"
FRAMEWORK = "name a framework looks up"
AMBIGUOUS_MODULE = "module name is not unique in this run"
FROZEN = "file is suppressed or generated"
DYNAMIC_MODULE = "module uses globals(), eval or exec"
IMPORT_BOUND = "also bound by an import"
SELF_NAMED = "named by a string in its own definition (TypeVar, namedtuple, ...)"
DECORATED = "decorated: the decorator may use the name"
IN_STRING = "spelled in a string (__all__, getattr, mock.patch, **{...})"
RE_EXPORTED = "re-exported from a package __init__"
STAR_IMPORTED = "module is star-imported"
FROZEN_IMPORTER = "imported by a file that is suppressed or cannot be parsed"
DYNAMIC_FUNCTION = "function uses locals(), vars(), eval or exec"
ESCAPES = "function is used as a value: callers may pass keywords"
PUBLIC = "public API: renamed only with --unsafe-fixes"

#: decorators that neither read a function's name nor its parameters' names
HARMLESS_DECORATORS = frozenset({
    "staticmethod", "classmethod", "wraps", "lru_cache", "cache", "contextmanager",
    "asynccontextmanager", "overload", "final", "dataclass", "total_ordering", "unique",
    "runtime_checkable", "no_type_check", "abstractmethod", "override",
})

_DYNAMIC_ANYWHERE = frozenset({"globals", "eval", "exec"})
_DYNAMIC_LOCAL = frozenset({"locals", "vars", "eval", "exec"})
_BUILTINS = frozenset(dir(builtins))


@dataclass
class _Definition:
    kind: str  # function | class | variable | import
    line: int
    decorators: Tuple[str, ...] = ()
    self_named: bool = False
    #: ``old = new``: the value's name (keep-alias leaves these behind)
    alias_of: str = ""


@dataclass
class _Function:
    params: List[Tuple[str, str]]  # (name, kind): kind is positional | keyword | only-positional | star
    decorators: Tuple[str, ...]
    dynamic: bool
    identifiers: Set[str]


@dataclass
class _Module:
    name: str
    path: str
    is_init: bool
    frozen: bool = False
    dynamic: bool = False
    definitions: Dict[str, List[_Definition]] = field(default_factory=dict)
    functions: Dict[str, _Function] = field(default_factory=dict)
    #: top-level ``from m import n as a``: a -> (m, n, aliased)
    imported: Dict[str, Tuple[str, str, bool]] = field(default_factory=dict)
    #: every ``from m import n [as a]`` at any depth: (m, n, a)
    imports: List[Tuple[str, str, Optional[str]]] = field(default_factory=list)
    star_from: Set[str] = field(default_factory=set)
    all_names: Optional[Set[str]] = None
    identifiers: Set[str] = field(default_factory=set)
    strings: Set[str] = field(default_factory=set)
    #: plain names and attribute names used other than as the callee of a plain call
    escaping_names: Set[str] = field(default_factory=set)
    escaping_attributes: Set[str] = field(default_factory=set)


def resolve_relative(module: Optional[str], is_init: bool, level: int, target: Optional[str]) -> Optional[str]:
    """The absolute module of ``from <dots><target> import ...`` inside ``module``."""
    if level == 0:
        return target
    if not module:
        return None
    parts = module.split(".")
    if not is_init:
        parts = parts[:-1]
    if level - 1 > len(parts):
        return None
    parts = parts[: len(parts) - (level - 1)]
    if target:
        parts.append(target)
    return ".".join(parts) or None


def decorator_name(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts)) or "?"


def harmful_decorators(decorators: Sequence[str]) -> List[str]:
    return [d for d in decorators if d.rsplit(".", 1)[-1] not in HARMLESS_DECORATORS]


_FORMAT_FIELDS = re.compile(r"%\((\w+)\)|\{(\w+)")


def string_words(value: str) -> Iterable[str]:
    """The names a string may refer to: itself, the last part of a dotted or
    ``module:attr`` path (``mock.patch("pkg.mod.fooBar")``), and the fields of
    ``%(name)s`` and ``{name}`` formats."""
    if len(value) > 200:
        return ()
    text = value.strip()
    words = []
    if text.isidentifier():
        words.append(text)
    for separator in (".", ":"):
        if separator in text:
            tail = text.rsplit(separator, 1)[-1]
            if tail.isidentifier():
                words.append(tail)
    if "%(" in text or "{" in text:
        words.extend(w for pair in _FORMAT_FIELDS.findall(text) for w in pair if w)
    return words


def _identifiers(tree: ast.AST) -> Set[str]:
    found: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.arg):
            found.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
        elif isinstance(node, ast.alias):
            found.add(node.asname or node.name.split(".")[0])
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            found.update(node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            found.add(node.name)
        else:
            name = getattr(node, "name", None) if type(node).__name__ in (
                "MatchAs", "MatchStar", "TypeVar", "ParamSpec", "TypeVarTuple") else None
            if isinstance(name, str):
                found.add(name)
            rest = getattr(node, "rest", None) if type(node).__name__ == "MatchMapping" else None
            if isinstance(rest, str):
                found.add(rest)
    return found


def _annotation_strings(tree: ast.AST) -> Set[int]:
    """String constants inside annotations: forward references the rewriter updates."""
    roots: List[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
        elif isinstance(node, ast.arg) and node.annotation is not None:
            roots.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
            roots.append(node.returns)
    return {id(n) for root in roots for n in ast.walk(root) if isinstance(n, ast.Constant)}


def _calls_any(tree: ast.AST, names: FrozenSet[str]) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in names
               for n in ast.walk(tree))


def _function_facts(node) -> _Function:
    args = node.args
    params: List[Tuple[str, str]] = []
    for arg in getattr(args, "posonlyargs", []):
        params.append((arg.arg, "only-positional"))
    for arg in args.args:
        params.append((arg.arg, "positional"))
    if args.vararg:
        params.append((args.vararg.arg, "star"))
    for arg in args.kwonlyargs:
        params.append((arg.arg, "keyword"))
    if args.kwarg:
        params.append((args.kwarg.arg, "star"))
    return _Function(params, tuple(decorator_name(d) for d in node.decorator_list),
                     _calls_any(node, _DYNAMIC_LOCAL), _identifiers(node))


def _module_level_statements(body: Sequence[ast.stmt]) -> Iterable[ast.stmt]:
    """Statements that bind in the module namespace: into if/try/with/for/while, not
    into functions or classes."""
    for statement in body:
        yield statement
        for attribute in ("body", "orelse", "finalbody"):
            inner = getattr(statement, attribute, None)
            if isinstance(inner, list) and not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                yield from _module_level_statements(inner)
        for handler in getattr(statement, "handlers", []) or []:
            yield from _module_level_statements(handler.body)
        for case in getattr(statement, "cases", []) or []:
            yield from _module_level_statements(case.body)


def _target_names(target: ast.expr) -> Iterable[ast.Name]:
    if isinstance(target, ast.Name):
        yield target
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from _target_names(element)
    elif isinstance(target, ast.Starred):
        yield from _target_names(target.value)


def _is_self_named(names: Sequence[ast.Name], value: Optional[ast.expr]) -> bool:
    if not (isinstance(value, ast.Call) and value.args and isinstance(value.args[0], ast.Constant)):
        return False
    return any(value.args[0].value == n.id for n in names)


def scan_module(path: str, text: str, tree: ast.Module, module: str, is_init: bool) -> _Module:
    facts = _Module(module, path, is_init)
    facts.identifiers = _identifiers(tree)
    callees: Set[int] = set()
    annotations = _annotation_strings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            starred = any(k.arg is None for k in node.keywords)
            if not starred:
                callees.add(id(node.func))
            for keyword in node.keywords:
                if keyword.arg is None and isinstance(keyword.value, ast.Dict):
                    for key in keyword.value.keys:
                        if isinstance(key, ast.Constant) and isinstance(key.value, str):
                            facts.strings.add(key.value)
            if isinstance(node.func, ast.Name) and node.func.id in _DYNAMIC_ANYWHERE:
                facts.dynamic = True
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in annotations:
            facts.strings.update(string_words(node.value))
        elif isinstance(node, ast.ImportFrom):
            target = resolve_relative(module, is_init, node.level, node.module)
            for alias in node.names:
                if alias.name == "*":
                    if target:
                        facts.star_from.add(target)
                elif target:
                    facts.imports.append((target, alias.name, alias.asname))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and id(node) not in callees:
            facts.escaping_names.add(node.id)
        elif isinstance(node, ast.Attribute) and id(node) not in callees:
            facts.escaping_attributes.add(node.attr)
    for statement in tree.body:  # locals() at module level is globals()
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if _calls_any(statement, frozenset({"locals", "vars"})):
                facts.dynamic = True
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            for name in node.names:
                facts.definitions.setdefault(name, []).append(_Definition("variable", node.lineno))
    for statement in _module_level_statements(tree.body):
        _scan_statement(facts, statement, module, is_init)
    return facts


def _scan_statement(facts: _Module, statement: ast.stmt, module: str, is_init: bool) -> None:
    define = facts.definitions.setdefault
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        decorators = tuple(decorator_name(d) for d in statement.decorator_list)
        define(statement.name, []).append(_Definition("function", statement.lineno, decorators))
        facts.functions[statement.name] = _function_facts(statement)
    elif isinstance(statement, ast.ClassDef):
        decorators = tuple(decorator_name(d) for d in statement.decorator_list)
        define(statement.name, []).append(_Definition("class", statement.lineno, decorators))
    elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        names = [n for t in targets for n in _target_names(t)]
        self_named = _is_self_named(names, statement.value)
        alias_of = statement.value.id if isinstance(statement.value, ast.Name) and len(names) == 1 else ""
        for name in names:
            define(name.id, []).append(_Definition("variable", statement.lineno, (), self_named, alias_of))
            if name.id == "__all__" and isinstance(statement.value, (ast.List, ast.Tuple)):
                facts.all_names = {e.value for e in statement.value.elts
                                   if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    elif isinstance(statement, (ast.For, ast.AsyncFor)):
        for name in _target_names(statement.target):
            define(name.id, []).append(_Definition("variable", statement.lineno))
    elif isinstance(statement, (ast.With, ast.AsyncWith)):
        for item in statement.items:
            if item.optional_vars is not None:
                for name in _target_names(item.optional_vars):
                    define(name.id, []).append(_Definition("variable", statement.lineno))
    elif isinstance(statement, ast.Import):
        for alias in statement.names:
            define(alias.asname or alias.name.split(".")[0], []).append(_Definition("import", statement.lineno))
    elif isinstance(statement, ast.ImportFrom):
        target = resolve_relative(module, is_init, statement.level, statement.module)
        for alias in statement.names:
            if alias.name == "*":
                continue
            bound = alias.asname or alias.name
            define(bound, []).append(_Definition("import", statement.lineno))
            if target:
                facts.imported[bound] = (target, alias.name, alias.asname is not None)
    if type(statement).__name__ == "Match":  # captures: the rewriter cannot follow them
        for case in statement.cases:
            for node in ast.walk(case.pattern):
                for attribute in ("name", "rest"):
                    value = getattr(node, attribute, None)
                    if isinstance(value, str):
                        define(value, []).append(_Definition("import", statement.lineno))
    if isinstance(statement, ast.Try):
        for handler in statement.handlers:
            if handler.name:
                define(handler.name, []).append(_Definition("variable", handler.lineno))


def _module_name_for(path: str):
    from codemods.analysis.modules import module_name_for

    return module_name_for(path)


def _is_frozen(text: str, tree: Optional[ast.Module], codemod_id: str) -> bool:
    if "codemod:" not in text and "@generated" not in text:
        return False
    from codemods.engine.suppression import find_suppressions

    found = find_suppressions(text, tree)
    return found.skip_file or found.generated or bool(found.lines_for(codemod_id))


class _Planner:
    def __init__(self, modules: Dict[str, _Module], protected: Set[str], ambiguous: Set[str],
                 options: Mapping[str, object]) -> None:
        self.modules = modules
        self.protected = protected
        self.ambiguous = ambiguous
        self.styles = validate_styles(options)
        self.ignore = tuple(options.get("ignore-names", ()) or ())
        self.skipped: Dict[Tuple[str, str], Tuple[str, str]] = {}
        self.re_exported: Set[Tuple[str, str]] = set()
        self.star_imported: Set[str] = set()
        self.frozen_imports: Set[Tuple[str, str]] = set()
        for facts in modules.values():
            self.star_imported.update(facts.star_from)
            for target, name, alias in facts.imports:
                if facts.frozen:
                    self.frozen_imports.add((target, name))
                if facts.is_init and not (alias or name).startswith("_"):
                    self.re_exported.add((target, name))

    # -- which binding an import resolves to ------------------------------------
    def origin(self, module: str, name: str, seen: Optional[Set[Tuple[str, str]]] = None) -> Tuple[str, str]:
        seen = seen if seen is not None else set()
        facts = self.modules.get(module)
        if facts is None or (module, name) in seen or name not in facts.imported:
            return module, name
        seen.add((module, name))
        target, original, _ = facts.imported[name]
        if target not in self.modules and f"{target}.{original}" in self.modules:
            return module, name  # a submodule, not a definition
        return self.origin(target, original, seen)

    def is_private(self, module: str, name: str, kind: str = "function") -> bool:
        """Functions and classes left out of ``__all__`` are private; a module-level
        variable is public unless it starts with an underscore (or its module
        does): other code may assign it (``logging.logThreads = False``)."""
        all_names = self.modules[module].all_names
        if all_names is not None and name in all_names:
            return False
        if name.startswith("_"):
            return True
        if any(part.startswith("_") and not is_dunder(part) for part in module.split(".")):
            return True
        if kind == "variable":
            return False
        return all_names is not None and name not in all_names

    def skip(self, module: str, name: str, new: str, reason: str) -> None:
        self.skipped.setdefault((module, name), (new, reason))

    def kind_of(self, definitions: List[_Definition]) -> str:
        kinds = [d.kind for d in definitions]
        for kind in ("import", "class", "function"):
            if kind in kinds:
                return kind
        return "variable"

    # -- module-level definitions -----------------------------------------------
    def candidates(self) -> Dict[Tuple[str, str], Tuple[str, bool]]:
        chosen: Dict[Tuple[str, str], Tuple[str, bool]] = {}
        for module, facts in sorted(self.modules.items()):
            for name, definitions in sorted(facts.definitions.items()):
                kind = self.kind_of(definitions)
                if kind == "import":
                    continue
                new = proposed_name(name, kind, self.styles)
                if new is None:
                    continue
                if all(d.alias_of == new for d in definitions):
                    continue  # ``oldName = new_name`` left for callers outside: already done
                reason = self.blocker(module, facts, name, definitions, kind)
                if reason:
                    self.skip(module, name, new, reason)
                    continue
                chosen[(module, name)] = (new, self.is_private(module, name, kind))
        return chosen

    def blocker(self, module: str, facts: _Module, name: str, definitions: List[_Definition], kind: str) -> str:
        if name in FRAMEWORK_NAMES:
            return FRAMEWORK
        if matches_any(name, self.ignore):
            return IGNORED
        if module in self.ambiguous:
            return AMBIGUOUS_MODULE
        if facts.frozen:
            return FROZEN
        if facts.dynamic:
            return DYNAMIC_MODULE
        if any(d.kind == "import" for d in definitions):
            return IMPORT_BOUND
        if any(d.self_named for d in definitions):
            return SELF_NAMED
        if any(harmful_decorators(d.decorators) for d in definitions):
            return DECORATED
        if name in self.protected:
            return IN_STRING
        if (module, name) in self.re_exported:
            return RE_EXPORTED
        if module in self.star_imported and not name.startswith("_"):
            return STAR_IMPORTED
        if (module, name) in self.frozen_imports:
            return FROZEN_IMPORTER
        return ""

    def followers(self, chosen: Mapping[Tuple[str, str], Tuple[str, bool]]) -> Dict[Tuple[str, str], Tuple[str, str]]:
        """Import bindings ``from m import name`` (no ``as``) whose binding is renamed
        along with the origin: binding -> origin (transitively)."""
        renamed = {key: key for key in chosen}
        changed = True
        while changed:
            changed = False
            for module, facts in sorted(self.modules.items()):
                for bound, (target, original, aliased) in sorted(facts.imported.items()):
                    key = (module, bound)
                    if aliased or key in renamed or (target, original) not in renamed:
                        continue
                    renamed[key] = renamed[(target, original)]
                    changed = True
        return {k: v for k, v in renamed.items() if k not in chosen}

    def conflicts(self, chosen, followers) -> Set[Tuple[str, str]]:
        """Origins whose new name already exists where a renamed binding lives."""
        bad: Set[Tuple[str, str]] = set()
        new_names: Dict[Tuple[str, str], List[Tuple[str, str]]] = {}
        for binding, origin in list(((k, k) for k in chosen)) + sorted(followers.items()):
            module, name = binding
            new = chosen[origin][0]
            facts = self.modules[module]
            if new in facts.identifiers or new in _BUILTINS or (facts.is_init and f"{module}.{new}" in self.modules):
                bad.add(origin)
            # a local import of the same origin elsewhere in that module binds the old
            # name too: the rewriter renames it, nothing to check here
            new_names.setdefault((module, new), []).append(origin)
        for origins in new_names.values():
            if len(set(origins)) > 1:
                bad.update(origins)
        # local imports without ``as`` (inside functions) must not clash either
        for module, facts in self.modules.items():
            for target, original, alias in facts.imports:
                origin = self.origin(target, original)
                if alias is None and origin in chosen:
                    new = chosen[origin][0]
                    if new in facts.identifiers or new in _BUILTINS:
                        bad.add(origin)
        return bad

    # -- parameters of module-level functions ----------------------------------
    def parameters(self) -> List[Tuple[str, str, Tuple[Tuple[str, str], ...], bool]]:
        planned = []
        aliases_of: Dict[Tuple[str, str], Set[Tuple[str, str]]] = {}
        for module, facts in self.modules.items():
            for target, original, alias in facts.imports:
                aliases_of.setdefault(self.origin(target, original), set()).add((module, alias or original))
        for module, facts in sorted(self.modules.items()):
            for name, function in sorted(facts.functions.items()):
                renames = []
                for param, kind in function.params:
                    if kind not in ("positional", "keyword"):
                        continue  # *args, **kwargs and positional-only: the rewriter's business
                    new = proposed_name(param, "argument", self.styles)
                    if new is None:
                        continue
                    label = f"{name}({param})"
                    reason = self.parameter_blocker(module, facts, name, function, param, new, aliases_of)
                    if reason:
                        self.skip(module, label, new, reason)
                        continue
                    renames.append((param, new))
                targets = [new for _, new in renames]
                clashing = {new for new in targets if targets.count(new) > 1}
                for param, new in renames:
                    if new in clashing:
                        self.skip(module, f"{name}({param})", new, NAME_EXISTS)
                renames = [(p, n) for p, n in renames if n not in clashing]
                if renames:
                    planned.append((module, name, tuple(renames), self.is_private(module, name)))
        return planned

    def parameter_blocker(self, module, facts, name, function, param, new, aliases_of) -> str:
        if matches_any(param, self.ignore):
            return IGNORED
        if module in self.ambiguous:
            return AMBIGUOUS_MODULE
        if facts.frozen:
            return FROZEN
        if len(facts.definitions.get(name, [])) != 1:
            return IMPORT_BOUND if any(d.kind == "import" for d in facts.definitions[name]) else ESCAPES
        if function.dynamic:
            return DYNAMIC_FUNCTION
        if harmful_decorators(function.decorators):
            return DECORATED
        if param in self.protected:
            return IN_STRING
        if (module, name) in self.frozen_imports:
            return FROZEN_IMPORTER
        if name in facts.escaping_names or module in self.star_imported:
            return ESCAPES
        for importer, bound in aliases_of.get((module, name), ()):
            if bound in self.modules[importer].escaping_names or self.modules[importer].frozen:
                return ESCAPES
        if any(name in other.escaping_attributes for other in self.modules.values()):
            return ESCAPES
        if new in function.identifiers or new in _BUILTINS:
            return NAME_EXISTS
        return ""


def build_plan(sources: Sequence[Tuple[str, str]], options: Mapping[str, object],
               codemod_id: str = "naming", frozen_paths: Sequence[str] = ()) -> NamingPlan:
    """Index ``(path, text)`` pairs and decide the cross-file renames. Files in
    ``frozen_paths`` will not be rewritten: they count as suppressed files do."""
    frozen = {os.path.abspath(path) for path in frozen_paths}
    modules: Dict[str, _Module] = {}
    protected: Set[str] = set()
    seen_names: Dict[str, int] = {}
    for path, text in sources:
        name, is_init = _module_name_for(path)
        try:
            tree = ast.parse(text, filename=path)
        except (SyntaxError, ValueError):
            tree = None
        if tree is None or not name or not path.endswith(".py"):
            protected.update(re.findall(r"[A-Za-z_]\w*", text))  # whatever it mentions stays
            continue
        seen_names[name] = seen_names.get(name, 0) + 1
        facts = scan_module(path, text, tree, name, is_init)
        facts.frozen = os.path.abspath(path) in frozen or _is_frozen(text, tree, codemod_id)
        protected.update(facts.strings)
        if facts.all_names:
            protected.update(facts.all_names)
        modules.setdefault(name, facts)
    ambiguous = {name for name, count in seen_names.items() if count > 1}
    planner = _Planner(modules, protected, ambiguous, options)
    chosen = planner.candidates()
    while True:
        followers = planner.followers(chosen)
        bad = planner.conflicts(chosen, followers)
        if not bad:
            break
        for origin in bad:
            planner.skip(origin[0], origin[1], chosen.pop(origin)[0], NAME_EXISTS)
    params = planner.parameters()
    callables = []
    with_params = {(m, f) for m, f, _, _ in params}
    for module, facts in sorted(modules.items()):
        for target, original, alias in facts.imports:
            origin = planner.origin(target, original)
            if origin in with_params:
                callables.append((module, alias or original, origin[0], origin[1]))
    return NamingPlan(
        modules=tuple(sorted(modules)),
        renames=tuple(sorted((m, n, new, private) for (m, n), (new, private) in chosen.items())),
        bindings=tuple(sorted((m, n, chosen[o][0], chosen[o][1]) for (m, n), o in followers.items())),
        params=tuple(params),
        callables=tuple(sorted(set(callables))),
        skipped=tuple(sorted((m, n, new, reason) for (m, n), (new, reason) in planner.skipped.items())),
    )
