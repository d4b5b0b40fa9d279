"""Who reads which name, on ``ast``: the exact counterpart of
``codemods.cst.scope_usage`` (libcst's ScopeProvider plus that module's corrections),
for the unused pair's decisions without libcst.

API (the same as ``codemods.cst.scope_usage.ModuleUsage``, with ``Scope`` below in
place of libcst's scopes). Tests run both analyses and require identical answers.

"Exact" means libcst's answers, habits included, not Python's:

* scopes are made where libcst makes them, and parts of a ``def``/``class``/
  comprehension are evaluated where libcst evaluates them (decorators, defaults,
  annotations, bases, a comprehension's first iterable outside; with PEP 695 type
  parameters, decorators and return annotations inside the annotation scope);
* a ``:=`` target binds in the comprehension it is written in (libcst knows no PEP 572);
* match captures (``case x``, ``*rest``, ``**rest``, ``Point(x=...)``'s ``x``) are
  reads, not bindings;
* ``nonlocal x`` sends later bindings of ``x`` to the nearest enclosing non-class
  scope, whether or not it binds ``x``; ``global x`` to the module; a binding made
  before the declaration stays local;
* ``import a.b.c`` binds ``a`` (libcst also records ``a.b`` and ``a.b.c``: lookups
  by the bound name see one assignment per alias, as here).

Where libcst's answer depends on things this module does not model (identifiers
not in NFKC form, a string annotation that defines things, a ``NewType``/``TypeVar``
call whose first argument is computed, ``nonlocal`` at module level), ``unsure``
says why, and the caller takes the libcst path.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from typing import Dict, List, Optional, Set, Tuple

from codemods.analysis.read_names import (CALLER_FRAME_NAMES, FRAME_ACCESS_NAMES, INSPECT_FRAME_LISTS, TYPE_CALLS,
                                          Suppression, names_in_code, names_in_type_string, normalized,
                                          note_comment, note_string)
from codemods.analysis.walk import children
from codemods.splice.positions import LineIndex


class Binding:
    """One assignment of a name in a scope, as libcst's ``scope.assignments`` lists it."""

    __slots__ = ("name", "kind", "node", "statement")

    def __init__(self, name: str, kind: str, node: ast.AST, statement: Optional[ast.AST] = None) -> None:
        self.name = name
        #: "import" | "param" | "name" | "def" | "class" | "except" | "typealias" | "typeparam"
        #: ("name": an ``ast.Name`` stored by an assignment, ``for``, ``with``, ``:=``,
        #: augmented or annotated assignment, comprehension target)
        self.kind = kind
        #: for an import: the ``ast.alias``; for a parameter: the ``ast.arg``; for
        #: "except": the ``ast.ExceptHandler``; "def"/"class": the definition; else the
        #: binding node (``ast.Name``, the ``TypeAlias``, the type parameter)
        self.node = node
        #: for an import: the ``ast.Import``/``ast.ImportFrom`` statement
        self.statement = statement

    def __repr__(self) -> str:
        return f"Binding({self.name!r}, {self.kind!r}, line {getattr(self.node, 'lineno', '?')})"


class Scope:
    __slots__ = ("node", "parent", "kind", "assignments")

    def __init__(self, node: ast.AST, parent: Optional["Scope"], kind: str) -> None:
        #: ast.Module, FunctionDef, AsyncFunctionDef, Lambda, ClassDef, a comprehension,
        #: or (kind "annotation", PEP 695) the def, class or ``type`` statement
        self.node = node
        self.parent = parent  # None for the module
        #: module | function | lambda | class | comprehension | annotation
        self.kind = kind
        #: name -> its bindings here, in source order (libcst's ``scope.assignments``)
        self.assignments: Dict[str, List[Binding]] = {}

    def __repr__(self) -> str:
        return f"Scope({self.kind}, line {getattr(self.node, 'lineno', 0)})"


#: scope kinds libcst makes a ``FunctionScope`` of
_FUNCTION_KINDS = ("function", "lambda")


class ModuleUsage:
    """See ``codemods.cst.scope_usage.ModuleUsage``: same fields, same methods."""

    def __init__(self, module_scope: Scope, scopes: List[Scope]) -> None:
        self.module_scope = module_scope
        self.scopes: List[Scope] = scopes
        #: scope -> names bound in it (libcst's assignments, first dotted part)
        self.bound: Dict[Scope, Set[str]] = {scope: set(scope.assignments) for scope in scopes}
        #: scope -> name -> "global" | "nonlocal"
        self.declared: Dict[Scope, Dict[str, str]] = defaultdict(dict)
        #: scope -> names whose reads resolve to it
        self.reads: Dict[Scope, Set[str]] = defaultdict(set)
        #: scope -> names read in it or in any scope nested in it
        self.reads_within: Dict[Scope, Set[str]] = defaultdict(set)
        #: names from strings, type comments and doctests: read in every scope
        self.everywhere: Set[str] = set()
        #: scope -> names deleted with ``del`` there (or unbound at a handler's end)
        self.deleted: Dict[Scope, Set[str]] = defaultdict(set)
        #: function scope -> names bound by ``:=`` in it or its comprehensions
        self.walrus: Dict[Scope, Set[str]] = defaultdict(set)
        #: names read that no scope of the module binds (builtins, or undefined)
        self.builtin_reads: Set[str] = set()
        #: scopes (and all scopes around them) that reach their locals by name
        self.frame_access: Set[Scope] = set()
        #: the module inspects stack frames: any function's locals may be read
        self.caller_frames = False
        #: NFKC forms of names the module also spells another way (``𝔘𝔫𝔦𝔠𝔬𝔡𝔢``/``Unicode``)
        self.respelled: Set[str] = set()
        #: NFKC forms of every name read anywhere (filled only when ``respelled`` is not empty)
        self.normalized_reads: Set[str] = set()
        self.suppression = Suppression()
        #: why these answers may differ from libcst's (None: they do not); callers
        #: take the libcst path when it is set
        self.unsure: Optional[str] = None
        #: the only doubt is a string left unread (``LONG_CONCATENATION``): the reads
        #: are then a subset of libcst's, so a detector may still trust an "unread"
        self.only_strings_skipped = False
        self._scope_of: Dict[ast.AST, Scope] = {}

    def scope_of(self, node: ast.AST) -> Optional[Scope]:
        """The scope ``node`` (a statement, an expression, an alias, a handler, a
        ``withitem``, an ``arg``, a keyword, a comprehension) is in, as libcst's
        ScopeProvider gives it for the matching node (None where libcst gives none:
        the first argument of ``NewType``/``TypeVar``)."""
        return self._scope_of.get(node)

    # -- resolution (as scope_usage.ModuleUsage) ------------------------------------

    def binding_scope(self, scope: Scope, name: str) -> Scope:
        """The scope a read of ``name`` in ``scope`` resolves to, in Python's rules:
        ``global``/``nonlocal`` first, class bodies invisible to nested scopes, the
        module (or builtins) last."""
        current, first = scope, True
        while current.parent is not None:
            declared = self.declared.get(current, {}).get(name)
            if declared == "global":
                return self.module_scope
            if declared != "nonlocal" and (first or current.kind != "class"):
                if name in self.bound.get(current, ()):
                    return current
            current, first = current.parent, False
        return self.module_scope

    def add_read(self, scope: Scope, name: str) -> None:
        target = self.binding_scope(scope, name)
        self.reads[target].add(name)
        if target.parent is None and name not in self.bound.get(target, ()):
            self.builtin_reads.add(name)
        if scope.kind == "class":
            # a class body falls back to the enclosing namespaces while its own
            # name is not yet bound (``os = os``): count the outer binding as read
            self.reads[self.binding_scope(scope.parent, name)].add(name)  # type: ignore[arg-type]
        current: Optional[Scope] = scope
        while current is not None:
            self.reads_within[current].add(name)
            current = current.parent

    def assignment_scope(self, scope: Scope, name: str) -> Scope:
        """Where a binding of ``name`` made in ``scope`` lands (``global``/``nonlocal``)."""
        if name in self.declared.get(scope, {}):
            return self.binding_scope(scope, name)
        return scope

    def is_read(self, scope: Scope, name: str) -> bool:
        return name in self.everywhere or name in self.reads.get(scope, ()) or self._read_respelled(name)

    def _read_respelled(self, name: str) -> bool:
        if not self.respelled:
            return False
        key = normalized(name)
        return key in self.respelled and key in self.normalized_reads

    def reads_locals_dynamically(self, scope: Scope) -> bool:
        return self.caller_frames or scope in self.frame_access

    def read_within(self, scope: Scope, name: str) -> bool:
        return name in self.everywhere or name in self.reads_within.get(scope, ()) or self._read_respelled(name)

    def enclosing_function(self, scope: Scope) -> Optional[Scope]:
        current: Optional[Scope] = scope
        while current is not None and current.kind == "comprehension":
            current = current.parent
        return current if current is not None and current.kind in _FUNCTION_KINDS else None


def analyse_usage(tree: ast.Module, text: str) -> ModuleUsage:
    """The read index of ``tree`` (the ``ast`` of ``text``). The last one is kept: the
    two detectors and the two planners of a file's pass ask about the same tree."""
    if _last and _last[0][0] is tree and _last[0][1] == text:
        return _last[0][2]
    usage = _Walk(tree, text).run()
    _last[:] = [(tree, text, usage)]
    return usage


_last: List[Tuple[ast.Module, str, ModuleUsage]] = []


_AST = ast.AST
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
#: node classes without anything to visit (contexts, operators)
_LEAVES = frozenset(c for c in vars(ast).values() if isinstance(c, type) and issubclass(c, ast.AST) and (
    issubclass(c, (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop))))
#: ``None``, ``True``, ``False``: constants in ``ast``, names libcst reads
_KEYWORD_NAMES = {None: "None", True: "True", False: "False"}
_TYPE_PARAMS = tuple(getattr(ast, n) for n in ("TypeVar", "ParamSpec", "TypeVarTuple") if hasattr(ast, n))
#: a comment that may say something to the collector (checked on the raw text first)
_COMMENT_CANDIDATE = re.compile(r"#[^\r\n]*(?:type:|(?i:noqa|codemod))")
_LINE_END = re.compile(r"[\r\n]")
#: one string literal at the start of a piece of source (a fast path: when it does
#: not reach the piece's end, the piece is tokenized)
_ONE_LITERAL = re.compile(
    r"[A-Za-z]{0,3}(?:'''(?:[^\\]|\\.)*?'''|\"\"\"(?:[^\\]|\\.)*?\"\"\"|'(?:[^\\'\r\n]|\\.)*'|\"(?:[^\\\"\r\n]|\\.)*\")",
    re.DOTALL)
LONG_CONCATENATION = "a very long implicit string concatenation"
#: parts x characters of an implicit concatenation above which it is left to libcst
#: (pydoc_data/topics.py: thousands of parts, 700 kB)
_CONCATENATION_WORK = 20_000_000
#: what a string annotation would have to hold for libcst's parse of it to bind names
_DEFINING_WORDS = re.compile(r"\b(?:lambda|def|class|import|for)\b")



#: node class -> its fields that may hold nodes, last first (the walk pushes them)
_CHILD_FIELDS: Dict[type, Tuple[str, ...]] = {}
_NOT_CHILDREN = frozenset({"ctx", "op", "ops", "type_comment", "kind", "is_async", "level", "conversion", "simple",
                           "id", "attr", "arg", "name", "names", "module", "asname", "rest", "kwd_attrs"})


def _child_fields(cls: type) -> Tuple[str, ...]:
    return tuple(reversed([f for f in cls._fields if f not in _NOT_CHILDREN]))  # type: ignore[attr-defined]


def _leftmost_name(node: ast.AST) -> Optional[str]:
    while True:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        else:
            return None


def _target_names(target: ast.AST, found: List[str]) -> None:
    if isinstance(target, ast.Name):
        found.append(target.id)
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            _target_names(element, found)
    elif isinstance(target, ast.Starred):
        _target_names(target.value, found)


def _first_argument(call: ast.Call) -> Optional[ast.AST]:
    """libcst's ``call.args[0].value``: the first argument in source order."""
    first: Optional[ast.AST] = call.args[0] if call.args else None
    if call.keywords:
        keyword = call.keywords[0]
        if first is None or (keyword.lineno, keyword.col_offset) < (first.lineno, first.col_offset):
            return keyword.value
    if isinstance(first, ast.Starred):
        return first.value
    return first


def _constant_string(node: Optional[ast.AST]) -> Optional[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _may_respell(text: str) -> bool:
    """Some character of ``text`` changes under NFKC, or combines with another: an
    identifier may then be written other than as Python sees it."""
    for char in set(_NON_ASCII.findall(text)):
        if unicodedata.normalize("NFKC", char) != char or unicodedata.combining(char):
            return True
    return False


class _Walk:
    """One iterative walk over the tree, in source order, for libcst's scopes and
    everything ``scope_usage``'s collector reads."""

    def __init__(self, tree: ast.Module, text: str) -> None:
        self.tree = tree
        self.text = text
        self.lines: Optional[LineIndex] = None
        self.module = Scope(tree, None, "module")
        self.scopes: List[Scope] = [self.module]
        self.scope_of: Dict[ast.AST, Scope] = {tree: self.module}
        #: (scope, name, binding, order) for every binding, placed once the
        #: ``global``/``nonlocal`` declarations are all known
        self.bindings: List[Tuple[Scope, str, Binding, int]] = []
        #: scope -> name -> (kind, order) of its ``global``/``nonlocal`` declarations
        self.overwrites: Dict[Scope, Dict[str, Tuple[str, int]]] = {}
        self.order = 0
        self.reads: List[Tuple[Scope, str]] = []
        self.frame_scopes: List[Scope] = []
        self.strings: List[ast.AST] = []
        self.everywhere: Set[str] = set()
        self.declared: Dict[Scope, Dict[str, str]] = defaultdict(dict)
        self.deleted: Dict[Scope, Set[str]] = defaultdict(set)
        self.walrus: List[Tuple[Scope, str]] = []
        self.caller_frames = False
        self.unsure: Optional[str] = None
        self.strings_skipped = False
        #: string node -> offsets of the comments between its parts
        self.comment_offsets: Dict[ast.AST, Set[int]] = {}

    # -- the walk ---------------------------------------------------------------------

    def run(self) -> ModuleUsage:
        self._walk()
        module = self.module
        for scope, name, binding, order in self.bindings:
            target = self._assignment_target(scope, name, order)
            target.assignments.setdefault(name, []).append(binding)
        usage = ModuleUsage(module, self.scopes)
        usage._scope_of = self.scope_of
        usage.declared = self.declared
        usage.deleted = self.deleted
        usage.everywhere = self.everywhere
        usage.caller_frames = self.caller_frames
        for scope, name in self.walrus:
            function = usage.enclosing_function(scope)
            usage.walrus[function if function is not None else scope].add(name)
        for scope in self.frame_scopes:
            current: Optional[Scope] = scope
            while current is not None:
                usage.frame_access.add(current)
                current = current.parent
        self._comments(usage)
        if not self.text.isascii() and _may_respell(self.text):
            self._respellings(usage)
        add_read = usage.add_read
        for scope, name in set(self.reads):
            add_read(scope, name)
        if usage.respelled:
            usage.normalized_reads = {normalized(n) for names in usage.reads.values() for n in names}
            usage.normalized_reads |= {normalized(n) for n in usage.everywhere}
        usage.unsure = usage.unsure or self.unsure
        if self.strings_skipped:
            usage.only_strings_skipped = usage.unsure is None
            usage.unsure = usage.unsure or LONG_CONCATENATION
        return usage

    def _bind(self, scope: Scope, name: str, binding: Binding) -> None:
        self.order += 1
        self.bindings.append((scope, name, binding, self.order))

    def _assignment_target(self, scope: Scope, name: str, order: int) -> Scope:
        """libcst's ``_find_assignment_target``: a declaration made before the binding
        sends it to the module (``global``) or the nearest enclosing scope that is not
        a class (``nonlocal``), and on through that scope's own declarations."""
        while True:
            entry = self.overwrites.get(scope, {}).get(name)
            if entry is None or entry[1] > order:
                return scope
            following = self.module if entry[0] == "global" else scope.parent
            assert following is not None
            while following.kind == "class" and not (scope.kind == "annotation" and scope.parent is following):
                following = following.parent  # type: ignore[assignment]
            scope = following

    def _new_scope(self, node: ast.AST, parent: Scope, kind: str) -> Scope:
        scope = Scope(node, parent, kind)
        self.scopes.append(scope)
        return scope

    def _identifier(self, name: str, scope: Optional[Scope]) -> None:
        """What the collector's ``visit_Name`` notes for every name in the source
        (libcst has a scope for it only where its scope visitor goes)."""
        if name in FRAME_ACCESS_NAMES:
            if scope is not None:
                self.frame_scopes.append(scope)
        elif name in CALLER_FRAME_NAMES:
            self.caller_frames = True

    def _walk(self) -> None:
        stack: List[Tuple[ast.AST, Scope, bool]] = [(child, self.module, False) for child in reversed(self.tree.body)]
        push = stack.append
        pop = stack.pop
        scope_of = self.scope_of
        reads = self.reads
        leaves = _LEAVES
        Name, Attribute, Constant, Call, Subscript = ast.Name, ast.Attribute, ast.Constant, ast.Call, ast.Subscript
        Store = ast.Store
        special = self._SPECIAL
        frame_names, caller_names = FRAME_ACCESS_NAMES, CALLER_FRAME_NAMES
        fields_of = _CHILD_FIELDS
        while stack:
            node, scope, typed = pop()
            cls = node.__class__
            scope_of[node] = scope
            if cls is Name:
                name = node.id  # type: ignore[attr-defined]
                if node.ctx.__class__ is Store:  # type: ignore[attr-defined]
                    self._bind(scope, name, Binding(name, "name", node))
                else:
                    reads.append((scope, name))
                if name in frame_names:
                    self.frame_scopes.append(scope)
                elif name in caller_names:
                    self.caller_frames = True
                continue
            if cls is Attribute:
                attr = node.attr  # type: ignore[attr-defined]
                if attr in caller_names:
                    self.caller_frames = True
                elif attr in INSPECT_FRAME_LISTS:
                    value = node.value  # type: ignore[attr-defined]
                    if value.__class__ is Name and value.id == "inspect":
                        self.caller_frames = True
                push((node.value, scope, typed))  # type: ignore[attr-defined]
                continue
            if cls is Constant:
                value = node.value  # type: ignore[attr-defined]
                if value.__class__ is str:
                    self.strings.append(node)
                    if typed or ">>>" in value or "{" in value or "%(" in value:
                        self._string(node, typed)
                elif value.__class__ is bytes:
                    self.strings.append(node)
                elif value is None or value is True or value is False:
                    reads.append((scope, _KEYWORD_NAMES[value]))  # libcst: a Name like any other
                continue
            if cls is Subscript:
                push((node.slice, scope, True))  # type: ignore[attr-defined]
                push((node.value, scope, typed))  # type: ignore[attr-defined]
                continue
            if cls is Call:
                self._call(node, scope)  # type: ignore[arg-type]
                for child in reversed(node.keywords):  # type: ignore[attr-defined]
                    push((child, scope, typed))
                for child in reversed(node.args):  # type: ignore[attr-defined]
                    push((child, scope, typed))
                push((node.func, scope, typed))  # type: ignore[attr-defined]
                continue
            handler = special.get(cls)
            if handler is not None:
                handler(self, node, scope, typed, push)
                continue
            if cls in leaves:
                continue
            fields = fields_of.get(cls)
            if fields is None:
                fields = fields_of[cls] = _child_fields(cls)
            for field in fields:
                value = getattr(node, field, None)
                if value is None:
                    continue
                if value.__class__ is list:
                    for item in reversed(value):
                        if item is not None and item.__class__ not in leaves and isinstance(item, _AST):
                            push((item, scope, typed))
                elif isinstance(value, _AST) and value.__class__ not in leaves:
                    push((value, scope, typed))

    # -- nodes with scopes ---------------------------------------------------------

    def _arguments(self, args: ast.arguments, inner: Scope, outer: Scope, typed: bool, push) -> None:
        """Parameters bind in ``inner``; defaults and annotations are evaluated in
        ``outer`` (libcst: the function scope's parent)."""
        self.scope_of[args] = inner
        every = args.posonlyargs + args.args
        if args.vararg is not None:
            every.append(args.vararg)
        every.extend(args.kwonlyargs)
        if args.kwarg is not None:
            every.append(args.kwarg)
        later = []
        for arg in every:
            self.scope_of[arg] = inner
            self._bind(inner, arg.arg, Binding(arg.arg, "param", arg))
            self._identifier(arg.arg, inner)
            if arg.annotation is not None:
                later.append((arg.annotation, outer, True))
        later.extend((default, outer, typed) for default in args.defaults)
        later.extend((default, outer, typed) for default in args.kw_defaults if default is not None)
        for item in reversed(later):
            push(item)

    def _function(self, node, scope: Scope, typed: bool, push) -> None:
        self._bind(scope, node.name, Binding(node.name, "def", node))
        self._identifier(node.name, scope)
        outer = scope
        type_params = getattr(node, "type_params", None)
        if type_params:
            outer = self._new_scope(node, scope, "annotation")
        inner = self._new_scope(node, outer, "function")
        # visited last first: type parameters, parameters, body, decorators, returns
        if node.returns is not None:
            push((node.returns, outer, True))
        for decorator in reversed(node.decorator_list):
            push((decorator, outer, False))
        for statement in reversed(node.body):
            push((statement, inner, False))
        self._arguments(node.args, inner, outer, False, push)
        if type_params:
            self._type_params(type_params, outer, push)

    def _lambda(self, node: ast.Lambda, scope: Scope, typed: bool, push) -> None:
        inner = self._new_scope(node, scope, "lambda")
        push((node.body, inner, typed))
        self._arguments(node.args, inner, scope, typed, push)

    def _class(self, node: ast.ClassDef, scope: Scope, typed: bool, push) -> None:
        self._bind(scope, node.name, Binding(node.name, "class", node))
        self._identifier(node.name, scope)
        outer = scope
        type_params = getattr(node, "type_params", None)
        if type_params:
            outer = self._new_scope(node, scope, "annotation")
        inner = self._new_scope(node, outer, "class")
        for statement in reversed(node.body):
            push((statement, inner, False))
        for keyword in reversed(node.keywords):
            push((keyword, outer, False))
        for base in reversed(node.bases):
            push((base, outer, False))
        if type_params:
            self._type_params(type_params, outer, push)
        for decorator in reversed(node.decorator_list):
            push((decorator, scope, False))

    def _type_params(self, params, scope: Scope, push) -> None:
        for param in reversed(params):
            self.scope_of[param] = scope
            self._bind(scope, param.name, Binding(param.name, "typeparam", param))
            self._identifier(param.name, None)
            bound = getattr(param, "bound", None)
            if bound is not None:
                push((bound, scope, False))
            default = getattr(param, "default_value", None)
            if default is not None:
                self.unsure = self.unsure or "a type parameter default (libcst does not visit it)"

    def _type_alias(self, node, scope: Scope, typed: bool, push) -> None:
        self._bind(scope, node.name.id, Binding(node.name.id, "typealias", node))
        self._identifier(node.name.id, None)
        inner = self._new_scope(node, scope, "annotation")
        push((node.value, inner, False))
        if node.type_params:
            self._type_params(node.type_params, inner, push)

    def _comprehension(self, node, scope: Scope, typed: bool, push) -> None:
        generators = node.generators
        first = generators[0]
        self.scope_of[first] = scope
        inner = self._new_scope(node, scope, "comprehension")
        if isinstance(node, ast.DictComp):
            push((node.value, inner, typed))
            push((node.key, inner, typed))
        else:
            push((node.elt, inner, typed))
        for generator in reversed(generators[1:]):
            push((generator, inner, typed))
        for condition in reversed(first.ifs):
            push((condition, inner, typed))
        push((first.target, inner, typed))
        push((first.iter, scope, typed))

    # -- statements -----------------------------------------------------------------

    def _declaration(self, node, scope: Scope, typed: bool, push) -> None:
        kind = "global" if isinstance(node, ast.Global) else "nonlocal"
        if scope.parent is None and kind == "nonlocal":
            self.unsure = self.unsure or "nonlocal at module level (libcst raises)"
        for name in node.names:
            self.declared[scope][name] = kind
            self.reads.append((scope, name))
            self._identifier(name, None)
            if scope.parent is not None:
                self.order += 1
                self.overwrites.setdefault(scope, {})[name] = (kind, self.order)

    def _import(self, node: ast.Import, scope: Scope, typed: bool, push) -> None:
        for alias in node.names:
            self.scope_of[alias] = scope
            bound = alias.asname or alias.name.split(".", 1)[0]
            self._bind(scope, bound, Binding(bound, "import", alias, node))
            for part in alias.name.split("."):
                self._identifier(part, None)
            if alias.asname:
                self._identifier(alias.asname, None)

    def _import_from(self, node: ast.ImportFrom, scope: Scope, typed: bool, push) -> None:
        if node.module:
            for part in node.module.split("."):
                self._identifier(part, None)
        if node.names[0].name == "*":
            self.scope_of[node.names[0]] = scope
            return
        if node.module == "inspect" and not node.level and any(a.name in INSPECT_FRAME_LISTS for a in node.names):
            self.caller_frames = True
        for alias in node.names:
            self.scope_of[alias] = scope
            bound = alias.asname or alias.name
            self._bind(scope, bound, Binding(bound, "import", alias, node))
            self._identifier(alias.name, None)
            if alias.asname:
                self._identifier(alias.asname, None)

    def _handler(self, node: ast.ExceptHandler, scope: Scope, typed: bool, push) -> None:
        for statement in reversed(node.body):
            push((statement, scope, False))
        if node.name:
            self._bind(scope, node.name, Binding(node.name, "except", node))
            self._identifier(node.name, scope)
            self.deleted[scope].add(node.name)
        if node.type is not None:
            push((node.type, scope, False))

    def _delete(self, node: ast.Delete, scope: Scope, typed: bool, push) -> None:
        names: List[str] = []
        for target in node.targets:
            _target_names(target, names)
        self.deleted[scope].update(names)
        for target in reversed(node.targets):
            push((target, scope, False))

    def _aug_assign(self, node: ast.AugAssign, scope: Scope, typed: bool, push) -> None:
        if isinstance(node.target, ast.Name):
            self.reads.append((scope, node.target.id))
        push((node.value, scope, False))
        push((node.target, scope, False))

    def _ann_assign(self, node: ast.AnnAssign, scope: Scope, typed: bool, push) -> None:
        if node.value is not None:
            if _leftmost_name(node.annotation) in ("TypeAlias", "typing", "typing_extensions"):
                value = _constant_string(node.value)
                if value is not None:
                    self.everywhere |= names_in_type_string(value)
            push((node.value, scope, False))
        push((node.annotation, scope, True))
        push((node.target, scope, False))

    def _named_expr(self, node: ast.NamedExpr, scope: Scope, typed: bool, push) -> None:
        if isinstance(node.target, ast.Name):
            self.walrus.append((scope, node.target.id))
        push((node.value, scope, typed))
        push((node.target, scope, typed))

    def _keyword(self, node: ast.keyword, scope: Scope, typed: bool, push) -> None:
        if node.arg is not None:
            self._identifier(node.arg, None)
        push((node.value, scope, typed))

    # -- patterns: libcst reads the names a pattern captures --------------------------

    def _capture(self, node, scope: Scope, typed: bool, push) -> None:
        name = node.rest if isinstance(node, ast.MatchMapping) else node.name
        for child in reversed(children(node)):
            push((child, scope, typed))
        if name:
            self.reads.append((scope, name))
            self._identifier(name, scope)

    def _match_singleton(self, node, scope: Scope, typed: bool, push) -> None:
        self.reads.append((scope, _KEYWORD_NAMES[node.value]))

    def _match_class(self, node, scope: Scope, typed: bool, push) -> None:
        for child in reversed(node.kwd_patterns):
            push((child, scope, typed))
        for attr in node.kwd_attrs:
            self.reads.append((scope, attr))
            self._identifier(attr, scope)
        for child in reversed(node.patterns):
            push((child, scope, typed))
        push((node.cls, scope, typed))

    # -- strings --------------------------------------------------------------------

    def _joined_str(self, node: ast.JoinedStr, scope: Scope, typed: bool, push) -> None:
        self.strings.append(node)
        self._string(node, typed)
        for value in reversed(node.values):
            if isinstance(value, ast.FormattedValue):
                push((value, scope, typed))

    def _formatted_value(self, node: ast.FormattedValue, scope: Scope, typed: bool, push) -> None:
        if node.format_spec is not None:
            spec = node.format_spec
            self.scope_of[spec] = scope
            for value in reversed(spec.values):  # type: ignore[attr-defined]
                if isinstance(value, ast.FormattedValue):
                    push((value, scope, typed))
        push((node.value, scope, typed))

    def _string(self, node: ast.AST, typed: bool) -> None:
        """libcst visits a ``SimpleString`` per literal and a ``ConcatenatedString``
        per implicit concatenation (``"a" "b" "c"``: ``"abc"``, ``"bc"`` and each part,
        none with an f-string in it); ``ast`` merges them, so the parts come from the text."""
        parts = self._literal_parts(node)
        if parts is None:
            return
        if len(parts) > 1 and len(parts) * sum(len(v) for f, v in parts if not f) > _CONCATENATION_WORK:
            # libcst's nested concatenations make this quadratic (and libcst itself
            # overflows the recursion limit on such a string): leave it to libcst
            self.strings_skipped = True
            return
        everywhere = self.everywhere
        for formatted, value in parts:
            if not formatted and value.__class__ is str:
                note_string(everywhere, value, typed)
                if typed and _DEFINING_WORDS.search(value):
                    self._check_annotation_string(value)
        count = len(parts)
        if count < 2:
            return
        # the concatenations libcst visits: every run of parts to the end, of two parts
        # or more, when none of them is an f-string or bytes; built from the end
        plain = count
        while plain > 0 and not parts[plain - 1][0] and parts[plain - 1][1].__class__ is str:
            plain -= 1
        if plain > count - 2:
            return
        if not typed and not any("{" in v or "%" in v or ">" in v for _, v in parts[plain:]):  # type: ignore[operator]
            return  # no run can hold a template field or a doctest line its parts do not
        tail = parts[count - 1][1]
        for index in range(count - 2, plain - 1, -1):
            tail = parts[index][1] + tail  # type: ignore[operator]
            note_string(everywhere, tail, typed)  # type: ignore[arg-type]

    def _check_annotation_string(self, value: str) -> None:
        try:
            tree = ast.parse(value.strip())
        except (SyntaxError, ValueError):
            return
        for inner in ast.walk(tree):
            if isinstance(inner, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import,
                                  ast.ImportFrom, *_COMPREHENSIONS)):
                self.unsure = self.unsure or "a string annotation that defines names (libcst parses it)"
                return

    def _literal_parts(self, node: ast.AST) -> Optional[List[Tuple[bool, object]]]:
        """(is an f-string, value) of each literal making up ``node``."""
        if isinstance(node, ast.Constant):
            single = [(False, node.value)]
        else:
            single = [(True, None)]
        if self.lines is None:
            self.lines = LineIndex(self.text)
        lines = self.lines
        try:
            start, end = lines.start_of(node), lines.end_of(node)
        except (AttributeError, TypeError):
            return single
        piece = self.text[start:end]
        match = _ONE_LITERAL.match(piece)
        if match is not None and match.end() == len(piece):
            return single
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO("(" + piece + ")").readline))
        except (tokenize.TokenError, SyntaxError):
            self.unsure = self.unsure or "a string literal whose parts could not be read"
            return single
        parts: List[Tuple[bool, object]] = []
        depth = 0
        string_types = (tokenize.STRING,)
        fstring_start = getattr(tokenize, "FSTRING_START", None)
        fstring_end = getattr(tokenize, "FSTRING_END", None)
        for token in tokens:
            if fstring_start is not None and token.type == fstring_start:
                if depth == 0:
                    parts.append((True, None))
                depth += 1
            elif fstring_end is not None and token.type == fstring_end:
                depth -= 1
            elif depth == 0 and token.type in string_types:
                prefix = token.string[:len(token.string) - len(token.string.lstrip("rRbBuUfF"))]
                if "f" in prefix.lower():
                    parts.append((True, None))
                else:
                    try:
                        parts.append((False, ast.literal_eval(token.string)))
                    except (SyntaxError, ValueError):
                        self.unsure = self.unsure or "a string literal whose parts could not be read"
                        return single
        if not parts:
            self.unsure = self.unsure or "a string literal whose parts could not be read"
            return single
        return parts

    def _call(self, node: ast.Call, scope: Scope) -> None:
        func = node.func
        callee = func.attr if isinstance(func, ast.Attribute) else (func.id if isinstance(func, ast.Name) else None)
        if callee in TYPE_CALLS:
            for arg in node.args:
                value = _constant_string(arg.value if isinstance(arg, ast.Starred) else arg)
                if value is not None:
                    self.everywhere |= names_in_type_string(value)
            for keyword in node.keywords:
                value = _constant_string(keyword.value)
                if value is not None:
                    self.everywhere |= names_in_type_string(value)
            if callee in ("NewType", "TypeVar") and (node.args or node.keywords):
                first = _first_argument(node)
                if first is not None and not isinstance(first, ast.Constant):
                    # libcst does not visit the first argument of typing.NewType/TypeVar
                    self.unsure = self.unsure or f"{callee}() with a computed name"
        elif callee in ("eval", "exec") and (node.args or node.keywords):
            code = _constant_string(_first_argument(node))
            if code is not None:
                self.everywhere |= names_in_code(code)
        elif callee == "dir" and isinstance(func, ast.Name) and not node.args and not node.keywords:
            self.frame_scopes.append(scope)

    # -- comments and spellings ---------------------------------------------------------

    def _comments(self, usage: ModuleUsage) -> None:
        """``# type:``, ``noqa`` and ``codemod: ignore`` comments: a regex finds the
        lines that may hold one; a ``#`` inside a string literal is no comment."""
        text = self.text
        candidates = list(_COMMENT_CANDIDATE.finditer(text))
        if not candidates:
            return
        if self.lines is None:
            self.lines = LineIndex(text)
        lines = self.lines
        starts = lines.starts
        candidate_lines = sorted({bisect_left(starts, m.start() + 1) for m in candidates})
        spans: Dict[int, List[Tuple[int, int, ast.AST]]] = defaultdict(list)
        for node in self.strings:
            first, last = node.lineno, node.end_lineno  # type: ignore[attr-defined]
            index = bisect_left(candidate_lines, first)
            if index < len(candidate_lines) and candidate_lines[index] <= last:
                span = (lines.start_of(node), lines.end_of(node), node)
                while index < len(candidate_lines) and candidate_lines[index] <= last:
                    spans[candidate_lines[index]].append(span)
                    index += 1
        for line in candidate_lines:
            start, end = lines.line_start(line), lines.line_end(line)
            inside = spans.get(line, ())
            position = text.find("#", start, end)
            while position != -1:
                holder = next((span for span in inside if span[0] <= position < span[1]), None)
                if holder is None or self._comment_inside(holder, position):
                    break
                position = text.find("#", position + 1, end)
            if position == -1:
                continue
            stop = _LINE_END.search(text, position, end)
            comment = text[position:stop.start() if stop else end]
            note_comment(usage.everywhere, usage.suppression, comment, line)

    def _comment_inside(self, span: Tuple[int, int, ast.AST], position: int) -> bool:
        """A ``#`` within the extent of a string node is a comment only between the
        parts of an implicit concatenation (``("a"  # noqa`` / ``"b")``)."""
        start, end, node = span
        piece = self.text[start:end]
        if "\n" not in piece and "\r" not in piece:
            return False
        comments = self.comment_offsets.get(node)
        if comments is None:
            comments = self.comment_offsets[node] = set()
            try:
                tokens = list(tokenize.generate_tokens(io.StringIO("(" + piece + ")", newline=None).readline))
            except (tokenize.TokenError, SyntaxError):
                return False
            piece_lines = LineIndex(piece)
            for token in tokens:
                if token.type == tokenize.COMMENT:
                    line, column = token.start
                    column -= 1 if line == 1 else 0  # the added parenthesis
                    comments.add(start + piece_lines.line_start(line) + column)
        return position in comments

    def _respellings(self, usage: ModuleUsage) -> None:
        """Identifiers written in a form other than their NFKC one: ``ast`` shows only
        the normalized names, libcst the written ones."""
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO(self.text, newline=None).readline))
        except (tokenize.TokenError, SyntaxError):
            usage.unsure = usage.unsure or "the text could not be tokenized"
            return
        for token in tokens:
            if token.type == tokenize.NAME and not token.string.isascii():
                key = normalized(token.string)
                if key != token.string:
                    usage.respelled.add(key)
        if usage.respelled:
            usage.unsure = usage.unsure or "identifiers not written in their NFKC form"

    _SPECIAL = {
        ast.FunctionDef: _function,
        ast.AsyncFunctionDef: _function,
        ast.Lambda: _lambda,
        ast.ClassDef: _class,
        ast.ListComp: _comprehension,
        ast.SetComp: _comprehension,
        ast.DictComp: _comprehension,
        ast.GeneratorExp: _comprehension,
        ast.Global: _declaration,
        ast.Nonlocal: _declaration,
        ast.Import: _import,
        ast.ImportFrom: _import_from,
        ast.ExceptHandler: _handler,
        ast.Delete: _delete,
        ast.AugAssign: _aug_assign,
        ast.AnnAssign: _ann_assign,
        ast.NamedExpr: _named_expr,
        ast.keyword: _keyword,
        ast.JoinedStr: _joined_str,
        ast.FormattedValue: _formatted_value,
    }
    if hasattr(ast, "MatchAs"):
        _SPECIAL.update({ast.MatchAs: _capture, ast.MatchStar: _capture, ast.MatchMapping: _capture,
                         ast.MatchClass: _match_class, ast.MatchSingleton: _match_singleton})
    if hasattr(ast, "TypeAlias"):
        _SPECIAL[ast.TypeAlias] = _type_alias
