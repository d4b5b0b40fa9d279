"""What one module says about itself and its neighbours, read from its ``ast`` (no
libcst): the per-file half of the project model (:mod:`codemods.analysis.project`).

:func:`scan_module` is the one scanner behind every cross-file decision: naming's
plan, rename's plan, unused-imports' re-exports, and any codemod that asks the
project model who references a name. Its result, :class:`ModuleFacts`, is plain
data (sets, lists, tuples of str and int) so that the model can cache it per file
as JSON (:meth:`ModuleFacts.links_data` and :meth:`ModuleFacts.rest_data`).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

_DYNAMIC_ANYWHERE = frozenset({"globals", "eval", "exec"})
_DYNAMIC_LOCAL = frozenset({"locals", "vars", "eval", "exec"})
_MATCH_NAMED = frozenset({"MatchAs", "MatchStar", "TypeVar", "ParamSpec", "TypeVarTuple"})
#: the fields that may hold nodes, for the commonest classes (the others: all their fields)
_CHILD_FIELDS = {ast.Name: (), ast.Constant: (), ast.Attribute: ("value",), ast.keyword: ("value",),
                 ast.arg: ("annotation",), ast.alias: (), ast.Global: (), ast.Nonlocal: ()}
#: node classes the walk never needs to enter (load/store contexts, operators)
_SKIPPED = frozenset(c for c in vars(ast).values() if isinstance(c, type) and issubclass(c, (
    ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)))


@dataclass
class Definition:
    kind: str  # function | class | variable | import
    line: int
    decorators: Tuple[str, ...] = ()
    self_named: bool = False
    #: ``old = new``: the value's name (keep-alias leaves these behind)
    alias_of: str = ""


@dataclass
class FunctionFacts:
    params: List[Tuple[str, str]]  # (name, kind): kind is positional | keyword | only-positional | star
    decorators: Tuple[str, ...]
    dynamic: bool
    identifiers: Set[str]


@dataclass
class ModuleFacts:
    name: str
    path: str
    is_init: bool
    frozen: bool = False
    dynamic: bool = False
    definitions: Dict[str, List[Definition]] = field(default_factory=dict)
    functions: Dict[str, FunctionFacts] = field(default_factory=dict)
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
    # -- references to other modules, with their lines (the project model resolves them)
    #: every import at any depth: (line, module, name, bound): ``import a.b`` is
    #: (line, "a.b", "", "a"); ``from m import x as y`` is (line, "m", "x", "y");
    #: ``from m import *`` is (line, "m", "*", "")
    import_lines: List[Tuple[int, str, str, str]] = field(default_factory=list)
    #: ``name.attr...`` chains whose first name some import of the module binds
    #: (first line of each distinct chain)
    attribute_reads: List[Tuple[int, str]] = field(default_factory=list)
    #: calls with keyword arguments whose callee is an imported or module-level name
    #: (or a chain on one): (line, callee chain, keyword names)
    keyword_calls: List[Tuple[int, str, Tuple[str, ...]]] = field(default_factory=list)
    #: string constants spelled like ``pkg.mod.name`` or ``pkg.mod:name``: (first line, text)
    dotted_strings: List[Tuple[int, str]] = field(default_factory=list)
    #: codemod ids with a suppression somewhere in the file ("*": every codemod; a
    #: ``skip-file`` or ``@generated`` file)
    suppressed: Set[str] = field(default_factory=set)
    #: False when the file does not parse: then only ``words`` is known
    parsed: bool = True
    #: an unparsable file's identifiers (whatever it mentions must keep its name)
    words: Set[str] = field(default_factory=set)

    def suppresses(self, codemod_id: str) -> bool:
        """Whether a suppression in the file holds ``codemod_id`` back somewhere."""
        return "*" in self.suppressed or codemod_id in self.suppressed

    # -- a JSON form for the project model's cache ---------------------------------------
    # Two parts: the links (what the reference index and star imports need, decoded for
    # every file of a run) and the rest (naming's facts, decoded only when asked for).
    def links_data(self) -> Dict[str, Any]:
        return {
            "name": self.name, "is_init": self.is_init, "parsed": self.parsed,
            "definitions": {name: [[d.kind, d.line, list(d.decorators), d.self_named, d.alias_of] for d in found]
                            for name, found in self.definitions.items()},
            "imported": {bound: list(value) for bound, value in self.imported.items()},
            "star_from": sorted(self.star_from),
            "all_names": None if self.all_names is None else sorted(self.all_names),
            "import_lines": [list(item) for item in self.import_lines],
            "attribute_reads": [list(item) for item in self.attribute_reads],
            "keyword_calls": [[line, callee, list(names)] for line, callee, names in self.keyword_calls],
            "dotted_strings": [list(item) for item in self.dotted_strings],
            "suppressed": sorted(self.suppressed),
        }

    def rest_data(self) -> Dict[str, Any]:
        return {
            "dynamic": self.dynamic,
            "functions": {name: [[list(p) for p in f.params], list(f.decorators), f.dynamic, sorted(f.identifiers)]
                          for name, f in self.functions.items()},
            "imports": [list(item) for item in self.imports],
            "identifiers": sorted(self.identifiers), "strings": sorted(self.strings),
            "escaping_names": sorted(self.escaping_names), "escaping_attributes": sorted(self.escaping_attributes),
            "words": sorted(self.words),
        }

    @classmethod
    def from_links(cls, path: str, data: Mapping[str, Any]) -> "ModuleFacts":
        """The facts with only their links part (:meth:`add_rest` completes them)."""
        all_names = data["all_names"]
        return cls(
            name=data["name"], path=path, is_init=data["is_init"], parsed=data["parsed"],
            definitions={name: [Definition(k, line, tuple(decorators), self_named, alias_of)
                                for k, line, decorators, self_named, alias_of in found]
                         for name, found in data["definitions"].items()},
            imported={bound: (m, n, aliased) for bound, (m, n, aliased) in data["imported"].items()},
            star_from=set(data["star_from"]),
            all_names=None if all_names is None else set(all_names),
            import_lines=[(line, m, n, b) for line, m, n, b in data["import_lines"]],
            attribute_reads=[(line, chain) for line, chain in data["attribute_reads"]],
            keyword_calls=[(line, callee, tuple(names)) for line, callee, names in data["keyword_calls"]],
            dotted_strings=[(line, text) for line, text in data["dotted_strings"]],
            suppressed=set(data["suppressed"]),
        )

    def add_rest(self, data: Mapping[str, Any]) -> None:
        self.dynamic = data["dynamic"]
        self.functions = {name: FunctionFacts([(p, k) for p, k in params], tuple(decorators), dynamic, set(identifiers))
                          for name, (params, decorators, dynamic, identifiers) in data["functions"].items()}
        self.imports = [(m, n, a) for m, n, a in data["imports"]]
        self.identifiers = set(data["identifiers"])
        self.strings = set(data["strings"])
        self.escaping_names = set(data["escaping_names"])
        self.escaping_attributes = set(data["escaping_attributes"])
        self.words = set(data["words"])


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


def _identifiers_and_dynamic(tree: ast.AST) -> Tuple[Set[str], bool]:
    """Every name bound or read under ``tree``, and whether it calls locals(), vars(),
    eval or exec (one walk)."""
    found: Set[str] = set()
    dynamic = False
    for node in ast.walk(tree):
        cls = node.__class__
        if cls is ast.Name:
            found.add(node.id)
        elif cls is ast.arg:
            found.add(node.arg)
        elif cls is ast.Call:
            if not dynamic and node.func.__class__ is ast.Name and node.func.id in _DYNAMIC_LOCAL:
                dynamic = True
        elif cls is ast.FunctionDef or cls is ast.AsyncFunctionDef or cls is ast.ClassDef:
            found.add(node.name)
        elif cls is ast.alias:
            found.add(node.asname or node.name.split(".")[0])
        elif cls is ast.Global or cls is ast.Nonlocal:
            found.update(node.names)
        elif cls is ast.ExceptHandler:
            if node.name:
                found.add(node.name)
        else:
            name = getattr(node, "name", None) if cls.__name__ in _MATCH_NAMED else None
            if isinstance(name, str):
                found.add(name)
            rest = getattr(node, "rest", None) if cls.__name__ == "MatchMapping" else None
            if isinstance(rest, str):
                found.add(rest)
    return found, dynamic


def _calls_any(tree: ast.AST, names: FrozenSet[str]) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in names
               for n in ast.walk(tree))


def _function_facts(node, collected: Optional[Tuple[Set[str], List[bool]]] = None) -> FunctionFacts:
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
    if collected is not None:
        identifiers, dynamic = collected[0], collected[1][0]
    else:
        identifiers, dynamic = _identifiers_and_dynamic(node)
    return FunctionFacts(params, tuple(decorator_name(d) for d in node.decorator_list), dynamic, identifiers)


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


_DOTTED_STRING = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?::[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)?"
                            r"|[A-Za-z_]\w*:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
_SCOPE_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def dotted_string(value: str) -> Optional[str]:
    """``"pkg.mod.name"`` or ``"pkg.mod:name"`` (an entry point): the string itself when it
    has that shape, else None."""
    if len(value) > 200 or ("." not in value and ":" not in value):
        return None
    text = value.strip()
    return text if _DOTTED_STRING.fullmatch(text) else None


def attribute_chain(node: ast.expr) -> Optional[str]:
    """``a.b.c`` for nested attributes on a plain name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def scan_module(path: str, text: str, tree: ast.Module, module: str, is_init: bool) -> ModuleFacts:
    """Everything the project model keeps about one parsed module (one walk of its tree)."""
    facts = ModuleFacts(module, path, is_init)
    found = facts.identifiers
    strings = facts.strings
    callees: Set[int] = set()
    annotations: Set[int] = set()
    inner_chains: Set[int] = set()
    chains: List[Tuple[int, str]] = []
    calls: List[Tuple[int, str, Tuple[str, ...]]] = []
    dotted: Dict[str, int] = {}
    import_bound: Set[str] = set()
    top_functions = {id(s) for s in _module_level_statements(tree.body)
                     if s.__class__ is ast.FunctionDef or s.__class__ is ast.AsyncFunctionDef}
    #: id of a module-level def -> (its identifiers, [whether it calls locals(), vars(), eval or exec])
    per_function: Dict[int, Tuple[Set[str], List[bool]]] = {}
    owner: Optional[Tuple[Set[str], List[bool]]] = None

    def note(name: str) -> None:
        found.add(name)
        if owner is not None:
            owner[0].add(name)

    skipped, node_type, child_fields = _SKIPPED, ast.AST, _CHILD_FIELDS
    stack: List[Tuple[ast.AST, Optional[Tuple[Set[str], List[bool]]]]] = [(tree, None)]
    while stack:  # one preorder walk: a node is seen before its children
        node, owner = stack.pop()
        cls = node.__class__
        if (cls is ast.FunctionDef or cls is ast.AsyncFunctionDef) and id(node) in top_functions:
            owner = per_function[id(node)] = (set(), [False])
        fields = child_fields.get(cls)
        for field_name in (node._fields if fields is None else fields):
            value = getattr(node, field_name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, node_type) and item.__class__ not in skipped:
                        stack.append((item, owner))
            elif isinstance(value, node_type) and value.__class__ not in skipped:
                stack.append((value, owner))
        if cls is ast.Name:
            note(node.id)
            if node.ctx.__class__ is ast.Load and id(node) not in callees:
                facts.escaping_names.add(node.id)
        elif cls is ast.Attribute:
            if id(node) not in callees:
                facts.escaping_attributes.add(node.attr)
            if id(node) not in inner_chains:
                value = node.value
                while value.__class__ is ast.Attribute:
                    inner_chains.add(id(value))
                    value = value.value
                if value.__class__ is ast.Name:
                    chains.append((node.lineno, attribute_chain(node)))  # type: ignore[arg-type]
        elif cls is ast.Call:
            keywords = node.keywords
            if not any(k.arg is None for k in keywords):
                callees.add(id(node.func))
            named = tuple(k.arg for k in keywords if k.arg is not None)
            for keyword in keywords:
                if keyword.arg is None and isinstance(keyword.value, ast.Dict):
                    for key in keyword.value.keys:
                        if isinstance(key, ast.Constant) and isinstance(key.value, str):
                            strings.add(key.value)
            func = node.func
            if func.__class__ is ast.Name:
                if func.id in _DYNAMIC_ANYWHERE:
                    facts.dynamic = True
                if owner is not None and func.id in _DYNAMIC_LOCAL:
                    owner[1][0] = True
            if named:
                callee = attribute_chain(func)
                if callee:
                    calls.append((node.lineno, callee, named))
        elif cls is ast.Constant:
            value = node.value
            if isinstance(value, str):
                if id(node) not in annotations:
                    strings.update(string_words(value))
                spelled = dotted_string(value)
                if spelled is not None and spelled not in dotted:
                    dotted[spelled] = node.lineno
        elif cls is ast.arg:
            note(node.arg)
            if node.annotation is not None:
                _mark_constants(node.annotation, annotations)
        elif cls is ast.FunctionDef or cls is ast.AsyncFunctionDef:
            note(node.name)
            if node.returns is not None:
                _mark_constants(node.returns, annotations)
        elif cls is ast.ClassDef:
            note(node.name)
        elif cls is ast.AnnAssign:
            _mark_constants(node.annotation, annotations)
        elif cls is ast.alias:
            note(node.asname or node.name.split(".")[0])
        elif cls is ast.Import:
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                import_bound.add(bound)
                facts.import_lines.append((node.lineno, alias.name, "", bound))
        elif cls is ast.ImportFrom:
            target = resolve_relative(module, is_init, node.level, node.module)
            for alias in node.names:
                if alias.name == "*":
                    if target:
                        facts.star_from.add(target)
                        facts.import_lines.append((node.lineno, target, "*", ""))
                    continue
                bound = alias.asname or alias.name
                import_bound.add(bound)
                if target:
                    facts.imports.append((target, alias.name, alias.asname))
                    facts.import_lines.append((node.lineno, target, alias.name, bound))
        elif cls is ast.Global:
            for name in node.names:
                note(name)
                facts.definitions.setdefault(name, []).append(Definition("variable", node.lineno))
        elif cls is ast.Nonlocal:
            for name in node.names:
                note(name)
        elif cls is ast.ExceptHandler:
            if node.name:
                note(node.name)
        else:
            name = getattr(node, "name", None) if cls.__name__ in _MATCH_NAMED else None
            if isinstance(name, str):
                note(name)
            rest = getattr(node, "rest", None) if cls.__name__ == "MatchMapping" else None
            if isinstance(rest, str):
                note(rest)
    facts.dotted_strings = sorted((line, value) for value, line in dotted.items())
    for statement in tree.body if ("locals" in text or "vars" in text) else ():  # locals() at module level is globals()
        if not isinstance(statement, _SCOPE_DEFINITIONS):
            if _calls_any(statement, frozenset({"locals", "vars"})):
                facts.dynamic = True
    for statement in _module_level_statements(tree.body):
        _scan_statement(facts, statement, module, is_init, per_function)
    defined_here = {name for name, kinds in facts.definitions.items() if any(d.kind != "import" for d in kinds)}
    seen_chains: Set[str] = set()
    for line, chain in chains:
        if chain.split(".", 1)[0] in import_bound and chain not in seen_chains:
            seen_chains.add(chain)
            facts.attribute_reads.append((line, chain))
    for line, callee, named in calls:
        root = callee.split(".", 1)[0]
        if root in import_bound or (root == callee and root in facts.functions) or root in defined_here:
            facts.keyword_calls.append((line, callee, named))
    return facts


def _mark_constants(annotation: ast.AST, into: Set[int]) -> None:
    """String constants inside annotations: forward references the rewriter updates."""
    for node in ast.walk(annotation):
        if node.__class__ is ast.Constant:
            into.add(id(node))


def _scan_statement(facts: ModuleFacts, statement: ast.stmt, module: str, is_init: bool,
                    per_function: Mapping[int, Tuple[Set[str], List[bool]]]) -> None:
    define = facts.definitions.setdefault
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        decorators = tuple(decorator_name(d) for d in statement.decorator_list)
        define(statement.name, []).append(Definition("function", statement.lineno, decorators))
        facts.functions[statement.name] = _function_facts(statement, per_function.get(id(statement)))
    elif isinstance(statement, ast.ClassDef):
        decorators = tuple(decorator_name(d) for d in statement.decorator_list)
        define(statement.name, []).append(Definition("class", statement.lineno, decorators))
    elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        names = [n for t in targets for n in _target_names(t)]
        self_named = _is_self_named(names, statement.value)
        alias_of = statement.value.id if isinstance(statement.value, ast.Name) and len(names) == 1 else ""
        for name in names:
            define(name.id, []).append(Definition("variable", statement.lineno, (), self_named, alias_of))
            if name.id == "__all__" and isinstance(statement.value, (ast.List, ast.Tuple)):
                facts.all_names = {e.value for e in statement.value.elts
                                   if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    elif isinstance(statement, (ast.For, ast.AsyncFor)):
        for name in _target_names(statement.target):
            define(name.id, []).append(Definition("variable", statement.lineno))
    elif isinstance(statement, (ast.With, ast.AsyncWith)):
        for item in statement.items:
            if item.optional_vars is not None:
                for name in _target_names(item.optional_vars):
                    define(name.id, []).append(Definition("variable", statement.lineno))
    elif isinstance(statement, ast.Import):
        for alias in statement.names:
            define(alias.asname or alias.name.split(".")[0], []).append(Definition("import", statement.lineno))
    elif isinstance(statement, ast.ImportFrom):
        target = resolve_relative(module, is_init, statement.level, statement.module)
        for alias in statement.names:
            if alias.name == "*":
                continue
            bound = alias.asname or alias.name
            define(bound, []).append(Definition("import", statement.lineno))
            if target:
                facts.imported[bound] = (target, alias.name, alias.asname is not None)
    if type(statement).__name__ == "Match":  # captures: the rewriter cannot follow them
        for case in statement.cases:
            for node in ast.walk(case.pattern):
                for attribute in ("name", "rest"):
                    value = getattr(node, attribute, None)
                    if isinstance(value, str):
                        define(value, []).append(Definition("import", statement.lineno))
    if isinstance(statement, ast.Try):
        for handler in statement.handlers:
            if handler.name:
                define(handler.name, []).append(Definition("variable", handler.lineno))


