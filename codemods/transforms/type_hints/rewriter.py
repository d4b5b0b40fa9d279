"""Annotate every def: certain types where the code says so, placeholders elsewhere.

Decisions are scope-aware: a type is only written when every name it uses means
what it should where the annotation is evaluated (the scope enclosing the def),
and typing names are spelled the way the module already imports ``typing``.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

import libcst as cst
from libcst.metadata import (
    BuiltinAssignment,
    PositionProvider,
    ScopeProvider,
)

from codemods.cst.base import Rewriter, dotted
from codemods.cst.blank_lines import at_least_blank_lines
from codemods.cst.imports import NeededImport, add_imports, import_block, settings_for
from codemods.cst.metadata import ParentNodeProvider, QualifiedNameProvider  # libcst's, cheaper
from codemods.cst.wrapping import LineFitter
from codemods.transforms.type_hints.docstrings import docstring_types, split_doc_type
from codemods.transforms.type_hints.infer import (
    NONE,
    PLACEHOLDER,
    Builtin,
    Generic,
    Placeholder,
    Source,
    Type,
    always_raises,
    body_facts,
    can_fall_off_end,
    docstring_node,
    has_placeholder,
    is_pass_body,
    is_stub_body,
    join,
    literal_type,
    optional,
    statements,
)
from codemods.transforms.type_hints.stubs import (
    Stub,
    StubImport,
    annotation_names,
    find_stub,
    read_stub,
    runtime_version,
)
from codemods.transforms.type_hints import DEFAULT_ANNOTATION_READERS

#: dunders whose return type is fixed by the language.
FIXED_RETURNS = {
    "__str__": "str", "__repr__": "str", "__format__": "str", "__len__": "int", "__hash__": "int",
    "__index__": "int", "__bool__": "bool", "__contains__": "bool", "__eq__": "bool", "__ne__": "bool",
    "__bytes__": "bytes", "__int__": "int", "__float__": "float", "__complex__": "complex",
    "__length_hint__": "int", "__sizeof__": "int", "__instancecheck__": "bool", "__subclasscheck__": "bool",
}
#: dunders whose return value Python ignores or requires to be None.
NONE_RETURNS = {
    "__init__", "__init_subclass__", "__setattr__", "__delattr__", "__setitem__", "__delitem__",
    "__set__", "__delete__", "__set_name__", "__del__", "__post_init__", "__setstate__",
}
#: methods whose first parameter is the class, without a decorator saying so.
IMPLICIT_CLASS_METHODS = {"__new__", "__init_subclass__", "__class_getitem__"}

TYPING_MODULES = ("typing", "typing_extensions")
ABSTRACT = {"abc.abstractmethod", "abc.abstractproperty", "abc.abstractclassmethod", "abc.abstractstaticmethod"}
OVERLOAD = {"typing.overload", "typing_extensions.overload"}
PROTOCOL = {"typing.Protocol", "typing_extensions.Protocol"}
#: the typing names this codemod may need to spell.
TYPING_NAMES = ("Any", "Optional", "Union", "Iterator", "Generator", "AsyncIterator", "AsyncGenerator",
                "Literal", "TYPE_CHECKING")
#: names a docstring type may be built from (no literals, calls or operators but ``|``).
_DOC_TYPE_NODES = (cst.Name, cst.Attribute, cst.Subscript, cst.SubscriptElement, cst.Index, cst.Tuple,
                   cst.List, cst.Element, cst.Ellipsis, cst.BinaryOperation, cst.BitOr,
                   cst.LeftSquareBracket, cst.RightSquareBracket, cst.LeftParen, cst.RightParen,
                   cst.Comma, cst.Dot, cst.SimpleWhitespace, cst.ParenthesizedWhitespace)
_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | {
    "typing", "collections", "types", "os", "pathlib", "datetime", "re", "io", "enum", "abc", "decimal",
    "fractions", "numbers", "uuid", "logging", "subprocess", "socket", "argparse", "contextlib", "functools",
    "itertools", "asyncio", "concurrent", "json", "email", "http", "urllib", "sqlite3", "threading", "ipaddress",
}
_COMPATIBLE_DEFAULTS = {
    ("int", "float"), ("int", "complex"), ("float", "complex"), ("bool", "int"), ("bool", "float"),
    ("bool", "complex"),
}


@dataclass
class _Scope:
    """One enclosing class or function, innermost last."""

    kind: str  # "class" | "function"
    name: str
    protocol: bool = False
    reads_annotations: bool = False
    has_bases: bool = False


@dataclass
class _Rendered:
    code: str
    quoted: bool
    typing_names: FrozenSet[str] = frozenset()
    stub_imports: FrozenSet[Tuple[str, Optional[str], str, bool]] = frozenset()
    incomplete: bool = False
    typevars: FrozenSet[str] = frozenset()

    def annotation(self) -> cst.BaseExpression:
        if not self.quoted:
            return _parse_annotation(self.code)
        quote = "'" if '"' in self.code else '"'
        return cst.SimpleString(f"{quote}{self.code}{quote}")


@dataclass
class _Plan:
    """Imports the annotations written so far need (added once, in leave_Module)."""

    typing_bare: Set[str] = field(default_factory=set)
    typing_module: bool = False
    incomplete: bool = False
    #: (module, name or None, local, runtime)
    stub_imports: Set[Tuple[str, Optional[str], str, bool]] = field(default_factory=set)
    #: stub TypeVars to define under ``if TYPE_CHECKING:``.
    typevars: Set[str] = field(default_factory=set)


class TypeHintsRewriter(Rewriter):
    METADATA_DEPENDENCIES = (PositionProvider, ScopeProvider, QualifiedNameProvider, ParentNodeProvider)

    def __init__(self, context) -> None:
        super().__init__(context)
        options = context.options
        placeholder = str(options.get("placeholder", "Any")).strip()
        self.incomplete = placeholder.split(".")[-1] == "Incomplete"
        self.placeholders = bool(options.get("placeholders", True))
        readers = options.get("annotation-readers", DEFAULT_ANNOTATION_READERS)
        self.readers = tuple(readers) + tuple(options.get("extend-annotation-readers", ()))
        self.stub: Optional[Stub] = None
        stubs = options.get("stubs")
        if stubs:
            found = find_stub(str(stubs), context.path, context.module_name, context.is_package_init)
            self.stub = read_stub(found) if found else None
        version = context.target_version or "3.9"
        self.target = tuple(int(part) for part in version.split(".")[:2])
        self.scopes: List[_Scope] = []
        self.plan = _Plan()
        self.type_comment_lines: Set[int] = set()
        self.type_comments_unreadable = False
        self.future_annotations = False
        self.module_node: Optional[cst.Module] = None
        self.resolver = None  # overrides.Resolver, built for the first method of a subclass
        self.base_stubs: Dict[str, Stub] = {}

    # --- the module: how typing is spelled, what is already imported ----------------------

    def visit_Module(self, node: cst.Module) -> None:
        self.module_node = node
        self.fitter = LineFitter(node, self.context.style)
        body = node.body
        self.typing_from_index: Optional[int] = None
        self.typing_alias: Optional[str] = None
        self.typing_available: Set[str] = set()
        self.typing_aliased: Dict[str, str] = {}
        self.type_checking_index: Optional[int] = None
        first_def = next((index for index, statement in enumerate(body) if _has_def(statement)), len(body))
        for index, statement in enumerate(body):
            if isinstance(statement, cst.If) and self._is_type_checking(statement.test):
                if self.type_checking_index is None:
                    self.type_checking_index = index
                for inner in statements(statement.body):
                    for small in inner.body if isinstance(inner, cst.SimpleStatementLine) else ():
                        if isinstance(small, cst.ImportFrom) and dotted(small.module) == "_typeshed":
                            if not isinstance(small.names, cst.ImportStar) and any(
                                    a.evaluated_alias is None and a.evaluated_name == "Incomplete" for a in small.names):
                                self.typing_available.add("Incomplete")
            if index >= first_def:
                break  # an import after a def is not bound yet when that def's annotations are evaluated
            for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
                if isinstance(small, cst.ImportFrom) and not small.relative:
                    module = dotted(small.module)
                    if module == "__future__" and not isinstance(small.names, cst.ImportStar):
                        if any(alias.evaluated_name == "annotations" for alias in small.names):
                            self.future_annotations = True
                    if module in TYPING_MODULES and not isinstance(small.names, cst.ImportStar):
                        if self.typing_from_index is None and module == "typing":
                            self.typing_from_index = index
                        for alias in small.names:
                            if alias.evaluated_alias in (None, alias.evaluated_name):
                                self.typing_available.add(alias.evaluated_name)
                            else:  # ``from typing import Any as A``: A is how this module spells Any
                                self.typing_aliased.setdefault(alias.evaluated_name, alias.evaluated_alias)
                elif isinstance(small, cst.Import):
                    for alias in small.names:
                        if alias.evaluated_name == "typing" and self.typing_alias is None:
                            self.typing_alias = alias.evaluated_alias or "typing"
        self._find_type_comments(node)
        self._check_bare_names()
        self._find_passed_to_readers(node)

    def _find_passed_to_readers(self, module: cst.Module) -> None:
        """``typer.run(main)``, ``Depends(get_db)``, ``f.register(g)``: functions (and
        classes, for their ``__init__``) handed to an annotation reader."""
        self.read_by_calls: Set[int] = set()
        collector = _Calls()
        module.visit(collector)
        for call in collector.calls:
            if not any(_matches(name, self.readers) for name in self.decorator_names(call.func, 0)):
                continue
            for argument in call.args:
                if not isinstance(argument.value, cst.Name):
                    continue
                scope = self.get_metadata(ScopeProvider, argument.value, None)
                for assignment in scope[argument.value.value] if scope is not None else ():
                    node = getattr(assignment, "node", None)
                    if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
                        self.read_by_calls.add(id(node))

    def _find_type_comments(self, module: cst.Module) -> None:
        code = module.code
        if "# type:" not in code and "#type:" not in code:
            return
        try:
            tree = ast.parse(code, type_comments=True)
        except SyntaxError:  # a misplaced type comment: keep away from every def
            self.type_comments_unreadable = True
            return
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs,
                             node.args.vararg, node.args.kwarg]
                if node.type_comment or any(a is not None and a.type_comment for a in arguments):
                    self.type_comment_lines.add(node.lineno)

    def _check_bare_names(self) -> None:
        """A typing name can be written bare only if nothing in the module binds it to
        something else (a class attribute, a local, another import)."""
        scopes = {scope for scope in self.metadata.get(ScopeProvider, {}).values() if scope is not None}
        self.bare_ok: Dict[str, bool] = {}
        for name in (*TYPING_NAMES, "Incomplete", "typing"):
            ok = True
            for scope in scopes:
                for assignment in scope.assignments[name] if name in scope.assignments else ():
                    if not self._is_import_of(assignment, name):
                        ok = False
            self.bare_ok[name] = ok
        # an alias is usable when nothing else in the module binds its local name
        self.alias_ok: Dict[str, bool] = {}
        for name, local in self.typing_aliased.items():
            self.alias_ok[name] = all(
                self._is_import_of(assignment, name, local)
                for scope in scopes
                for assignment in (scope.assignments[local] if local in scope.assignments else ()))

    def _is_import_of(self, assignment, name: str, local: Optional[str] = None) -> bool:
        """``assignment`` imports ``name`` from where this codemod takes it, as ``local``
        (default: under its own name)."""
        local = local or name
        node = getattr(assignment, "node", None)
        if name == "typing":
            return isinstance(node, cst.Import) and any(
                a.evaluated_name == "typing" and a.evaluated_alias in (None, "typing") for a in node.names)
        wanted = ("_typeshed",) if name == "Incomplete" else TYPING_MODULES
        if not isinstance(node, cst.ImportFrom) or node.relative or isinstance(node.names, cst.ImportStar):
            return False
        if dotted(node.module) not in wanted:
            return False
        return any(a.evaluated_name == name and (a.evaluated_alias or name) == local for a in node.names)

    def _is_type_checking(self, test: cst.BaseExpression) -> bool:
        names = {q.name for q in self.get_metadata(QualifiedNameProvider, test, set())}
        return bool(names & {"typing.TYPE_CHECKING", "typing_extensions.TYPE_CHECKING"})

    # --- spelling ------------------------------------------------------------------------------

    def _typing_ref(self, name: str) -> Optional[Tuple[str, FrozenSet[str]]]:
        """How to write ``typing.<name>`` here, and the bare names that need importing."""
        if name in self.typing_available and self.bare_ok.get(name):
            return name, frozenset()
        if self.alias_ok.get(name):
            return self.typing_aliased[name], frozenset()
        if self.typing_from_index is not None or self.typing_alias is None:
            if self.bare_ok.get(name):
                return name, frozenset({name})
        if self.typing_alias is not None:
            return f"{self.typing_alias}.{name}", frozenset()
        if self.bare_ok.get("typing"):
            return f"typing.{name}", frozenset({"typing."})
        return None

    def _render(self, value: Type) -> Optional[_Rendered]:
        typing_names: Set[str] = set()
        stub_imports: Set = set()
        typevars: Set[str] = set()
        flags = {"forward": False, "incomplete": False}

        def walk(item: Type) -> Optional[str]:
            if isinstance(item, Placeholder):
                if self.incomplete:
                    if not self.bare_ok.get("Incomplete"):
                        return None
                    flags["incomplete"] = True
                    flags["forward"] = True
                    return "Incomplete"
                ref = self._typing_ref("Any")
                if ref is None:
                    return None
                typing_names.update(ref[1])
                return ref[0]
            if isinstance(item, Builtin):
                return item.name
            if isinstance(item, Source):
                flags["forward"] = flags["forward"] or item.forward
                stub_imports.update(item.imports)
                typevars.update(item.definitions)
                return item.code
            inner = [walk(arg) for arg in item.args]
            if any(part is None for part in inner):
                return None
            if item.name == "Optional" and self.target >= (3, 10) and not inner[0].startswith(("'", '"')):
                return f"{inner[0]} | None"
            if item.name == "Union" and self.target >= (3, 10) and not any(p.startswith(("'", '"')) for p in inner):
                return " | ".join(inner)
            if item.name == "Literal[False]":
                ref = self._typing_ref("Literal")
                if ref is None:
                    return None
                typing_names.update(ref[1])
                return f"{ref[0]}[False]"
            ref = self._typing_ref(item.name)
            if ref is None:
                return None
            typing_names.update(ref[1])
            return f"{ref[0]}[{', '.join(inner)}]"

        code = walk(value)
        if code is None:
            return None
        quoted = flags["forward"] and not self.future_annotations
        return _Rendered(code, quoted, frozenset(typing_names), frozenset(stub_imports), flags["incomplete"],
                         frozenset(typevars))

    # --- classes and defs ----------------------------------------------------------------------

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        protocol = False
        for base in node.bases:
            value = base.value.value if isinstance(base.value, cst.Subscript) else base.value
            if {q.name for q in self.get_metadata(QualifiedNameProvider, value, set())} & PROTOCOL:
                protocol = True
        reads = id(node) in self.read_by_calls or any(self._reads_annotations(d) for d in node.decorators)
        self.scopes.append(_Scope("class", node.name.value, protocol, reads, bool(node.bases)))

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        self.scopes.pop()
        return updated_node

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scopes.append(_Scope("function", node.name.value))

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        self.scopes.pop()
        try:
            return self._annotate(original_node, updated_node)
        except _Skip:
            return updated_node

    def _annotate(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        function = _Function(self, original)
        if function.untouchable():
            raise _Skip
        params = updated.params
        changes: List[str] = []
        new_params: Dict[str, cst.Param] = {}
        for param in function.all_params(original.params):
            if param.annotation is not None or param.name.value in function.bare:
                continue
            rendered = self._rendered_or_none(function.param_type(param))
            if rendered is None:
                continue
            new_params[param.name.value] = _with_annotation(param, rendered.annotation())
            self._commit(rendered)
            changes.append(param.name.value)
        returns = updated.returns
        if original.returns is None:
            rendered = self._rendered_or_none(function.return_type())
            if rendered is not None:
                returns = cst.Annotation(rendered.annotation(), whitespace_before_indicator=cst.SimpleWhitespace(" "),
                                         whitespace_after_indicator=cst.SimpleWhitespace(" "))
                self._commit(rendered)
                changes.append("return")
        if not changes:
            return updated
        params = _replace_params(params, new_params)
        self.record_fix(original.name, f"annotated {original.name.value}(): {', '.join(changes)}")
        start = self.get_metadata(PositionProvider, original).start
        return self.fitter.fit_def(original, updated.with_changes(params=params, returns=returns),
                                   start.line, start.column)

    def _rendered_or_none(self, value: Optional[Type]) -> Optional[_Rendered]:
        if value is None:
            value = PLACEHOLDER
        if has_placeholder(value) and not self.placeholders:
            return None
        return self._render(value)

    def _commit(self, rendered: _Rendered) -> None:
        for name in rendered.typing_names:
            if name == "typing.":
                self.plan.typing_module = True
            else:
                self.plan.typing_bare.add(name)
        if rendered.incomplete:
            self.plan.incomplete = True
        self.plan.stub_imports.update(rendered.stub_imports)
        self.plan.typevars.update(rendered.typevars)

    # --- helpers the per-function logic uses ----------------------------------------------------

    def qualified(self, node: cst.CSTNode) -> Set[str]:
        return {q.name for q in self.get_metadata(QualifiedNameProvider, node, set())}

    def _reads_annotations(self, decorator: cst.Decorator) -> bool:
        return any(_matches(name, self.readers) for name in self.decorator_names(decorator.decorator, 0))

    def decorator_names(self, expression: cst.BaseExpression, depth: int) -> Set[str]:
        """Qualified names of a decorator; ``app.get`` with ``app = FastAPI()`` also
        gives ``fastapi.FastAPI.get``, ``f.register`` with a singledispatch ``f``
        gives ``functools.singledispatch.register``."""
        if isinstance(expression, cst.Call):
            expression = expression.func
        names = self.qualified(expression)
        attributes: List[str] = []
        root = expression
        while isinstance(root, cst.Attribute):
            attributes.insert(0, root.attr.value)
            root = root.value
        if depth > 3 or not attributes or not isinstance(root, cst.Name):
            return names
        scope = self.get_metadata(ScopeProvider, root, None)
        if scope is None:
            return names
        for assignment in scope[root.value]:
            for origin in self._origins(assignment, depth + 1):
                names.add(".".join([origin, *attributes]))
        return names

    def _origins(self, assignment, depth: int) -> Set[str]:
        node = getattr(assignment, "node", None)
        origins: Set[str] = set()
        if isinstance(node, cst.FunctionDef):
            for decorator in node.decorators:
                origins |= self.decorator_names(decorator.decorator, depth)
        elif isinstance(node, cst.Name):
            parent = self.get_metadata(ParentNodeProvider, node, None)
            if isinstance(parent, cst.AssignTarget):
                parent = self.get_metadata(ParentNodeProvider, parent, None)
            value = getattr(parent, "value", None) if isinstance(parent, (cst.Assign, cst.AnnAssign)) else None
            if isinstance(value, cst.Call):
                origins |= self.decorator_names(value.func, depth)
        return origins

    def is_builtin(self, scope, name: str) -> bool:
        assignments = scope[name] if scope is not None else set()
        return bool(assignments) and all(isinstance(a, BuiltinAssignment) for a in assignments)

    def bound_before(self, scope, name: str, anchor: cst.CSTNode) -> Optional[bool]:
        """None: not bound at all; True: bound by a statement that ends before
        ``anchor`` starts (or a builtin); False: bound only later."""
        if scope is None:
            return None
        assignments = scope[name]
        if not assignments:
            return None
        start = self.get_metadata(PositionProvider, anchor).start
        for assignment in assignments:
            if isinstance(assignment, BuiltinAssignment):
                return True
            node = getattr(assignment, "node", None)
            try:
                end = self.get_metadata(PositionProvider, node).end
            except KeyError:
                continue
            if (end.line, end.column) <= (start.line, start.column) and self._unconditional(node):
                return True
        return False

    def _unconditional(self, node: cst.CSTNode) -> bool:
        """Bound on every path through its scope: not inside if/try/loop/with/match."""
        current = self.get_metadata(ParentNodeProvider, node, None)
        while current is not None and not isinstance(current, (cst.Module, cst.ClassDef, cst.FunctionDef)):
            if isinstance(current, (cst.If, cst.Try, cst.TryStar, cst.For, cst.While, cst.With, cst.Match)):
                return False
            current = self.get_metadata(ParentNodeProvider, current, None)
        return True

    def stub_for(self) -> Optional[Stub]:
        return self.stub

    def overridden(self, class_path: Tuple[str, ...], name: str):
        """What method ``name`` of the module-level class ``class_path`` overrides
        (``overrides.Override``), or None."""
        from codemods.transforms.type_hints import overrides

        if name in overrides.NOT_CHECKED or len(class_path) != 1:
            return None
        if self.resolver is None:
            own_module = self.context.module_name or "__main__"
            project = self.context.project if isinstance(self.context.project, overrides.ProjectClasses) else None
            # the run's index of this file (made before any codemod ran: a name an earlier
            # codemod changed finds nothing, or a name no longer bound: a placeholder);
            # without one (a single file, stdin), this text
            own = next((m for m in project.modules if m.module == own_module), None) if project else None
            if own is None:
                try:
                    own = overrides.read_module(self.module_node.code, own_module, self.context.is_package_init)
                except (SyntaxError, ValueError, RecursionError):
                    own = overrides.ModuleFacts(own_module)
            self.resolver = overrides.Resolver(own, project)
        return self.resolver.override(class_path, name)

    def base_stub(self, module) -> Stub:
        """The names of another module ``module`` (``overrides.ModuleFacts``) as a
        stub: its imports, and what it defines itself as imports from it for type
        checkers only."""
        cached = self.base_stubs.get(module.module)
        if cached is not None:
            return cached
        stub = self.base_stubs[module.module] = Stub(module.module)
        for local, source, name in module.imports:
            if module.imported(local) is not None:
                stub.imports[local] = StubImport(source, name or None, local)
        for name in module.defined if module.module != "builtins" else ():  # builtins need no import
            if name not in stub.imports and name not in module.typevars:
                stub.imports[name] = StubImport(module.module, name, name)
                stub.type_only.add(name)
        return stub

    # --- imports, once, at the end ---------------------------------------------------------------

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        plan = self.plan
        body = list(updated_node.body)
        typing_bare = sorted(plan.typing_bare)
        runtime: Dict[Tuple[str, str], List[Tuple[Optional[str], str]]] = {}
        checking: Dict[Tuple[str, str], List[Tuple[Optional[str], str]]] = {}
        for module, name, local, is_runtime in sorted(plan.stub_imports, key=lambda i: (i[0], i[1] or "", i[2])):
            if module == "typing" and name == local and is_runtime:
                typing_bare.append(name)
                continue
            # one `from m import ...` per module, one `import m [as x]` per binding
            key = (module, "" if name is not None else local)
            (runtime if is_runtime else checking).setdefault(key, []).append((name, local))
        type_checking = "TYPE_CHECKING"
        if plan.incomplete and "Incomplete" not in self.typing_available:
            checking.setdefault(("_typeshed", ""), []).append(("Incomplete", "Incomplete"))
        definitions = self._typevar_definitions()
        if (checking or definitions) and self.type_checking_index is None:
            ref = self._typing_ref("TYPE_CHECKING")
            if ref is None:
                checking, definitions = {}, []  # cannot spell it: the quoted annotations still evaluate
            else:
                type_checking = ref[0]
                for extra in ref[1]:
                    if extra == "typing.":
                        plan.typing_module = True
                    else:
                        typing_bare.append(extra)
        typing_bare = sorted(set(typing_bare) - self.typing_available)
        if not typing_bare and not plan.typing_module and not runtime and not checking and not definitions:
            return updated_node
        settings = settings_for(self.context)
        path = self.context.path
        needed = [NeededImport("typing", name) for name in typing_bare]
        if plan.typing_module and self.typing_alias is None:
            needed.append(NeededImport("typing"))
        for (module, _), names in runtime.items():
            needed.extend(_needed(module, name, local) for name, local in names)
        body = add_imports(body, needed, settings, path)
        if checking or definitions:
            imports = [_needed(module, name, local) for (module, _), names in sorted(checking.items())
                       for name, local in names]
            index = None
            if self.type_checking_index is not None:  # the block, found again after the imports went in
                test = getattr(updated_node.body[self.type_checking_index], "test", None)
                index = next((i for i, statement in enumerate(body)
                              if isinstance(statement, cst.If) and statement.test is test), None)
            if index is not None:
                block = body[index]
                assert isinstance(block, cst.If)
                if isinstance(block.body, cst.IndentedBlock):
                    inner = add_imports(block.body.body, imports, settings, path, module_level=False,
                                        indent=block.body.indent or "    ")
                    body[index] = block.with_changes(body=block.body.with_changes(body=[*inner, *definitions]))
                else:
                    inner = add_imports([], imports, settings, path, module_level=False, indent="    ")
                    body[index] = block.with_changes(body=cst.IndentedBlock(body=[*inner, *definitions]))
            else:
                test = cst.parse_expression(type_checking)
                _, at = import_block(body)
                inner = add_imports([], imports, settings, path, module_level=False, indent="    ")
                blank = [cst.EmptyLine()] * settings.blank_lines_after_imports(False) if at > 0 else []
                block = cst.If(test=test, body=cst.IndentedBlock(body=[*inner, *definitions]), leading_lines=blank)
                body.insert(at, block)
                if at + 1 < len(body):
                    body[at + 1] = at_least_blank_lines(body[at + 1], 2 if _has_def(body[at + 1]) else 1)
        return updated_node.with_changes(body=body)


    def _typevar_definitions(self) -> List[cst.BaseStatement]:
        """``_T = TypeVar("_T")`` for each stub TypeVar the annotations use, in stub order."""
        if not self.plan.typevars or self.stub is None:
            return []
        typevars = sorted((self.stub.typevars[name] for name in self.plan.typevars), key=lambda t: t.order)
        return [cst.parse_statement(typevar.code + "\n") for typevar in typevars]


def _parse_annotation(code: str) -> cst.BaseExpression:
    """A new tree for each use: metadata is keyed by node identity, so one node object
    must not stand in two places (the engine keeps this tree for the next codemod)."""
    if code.isidentifier():
        return cst.Name(code)
    return _parsed_expression(code).deep_clone()


@lru_cache(maxsize=512)
def _parsed_expression(code: str) -> cst.BaseExpression:
    return cst.parse_expression(code)


class _Skip(Exception):
    pass


class _DefFinder(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.found = True
        return False

    def on_visit(self, node: cst.CSTNode) -> bool:
        return not self.found and super().on_visit(node)


def _has_def(statement: cst.BaseStatement) -> bool:
    if isinstance(statement, cst.SimpleStatementLine):
        return False
    finder = _DefFinder()
    statement.visit(finder)
    return finder.found


class _Calls(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.calls: List[cst.Call] = []

    def visit_Call(self, node: cst.Call) -> None:
        if node.args:
            self.calls.append(node)


def _matches(name: str, prefixes: Sequence[str]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


# --- one function -------------------------------------------------------------------------------


class _Function:
    """Everything the rewriter decides about one def (from the original node)."""

    def __init__(self, rewriter: TypeHintsRewriter, node: cst.FunctionDef) -> None:
        self.rewriter = rewriter
        self.node = node
        self.name = node.name.value
        scopes = rewriter.scopes
        self.enclosing = scopes[-1] if scopes else None
        self.is_method = self.enclosing is not None and self.enclosing.kind == "class"
        self.scope = rewriter.get_metadata(ScopeProvider, node, None)
        self.decorators = [rewriter.decorator_names(d.decorator, 0) for d in node.decorators]
        flat = set().union(*self.decorators) if self.decorators else set()
        self.flat_decorators = flat
        self.is_static = self.is_method and "builtins.staticmethod" in flat
        self.bare: Set[str] = set()
        positional = [*node.params.posonly_params, *node.params.params]
        if self.is_method and not self.is_static and positional:
            self.bare.add(positional[0].name.value)
        self.is_async = node.asynchronous is not None
        self.facts = body_facts(node)
        doc = docstring_node(node)
        self.doc = docstring_types(doc)
        self.stub_signature = None
        self.stub_path = tuple(s.name for s in scopes) + (self.name,)
        self._typevars_ok: Optional[bool] = None
        stub = rewriter.stub_for()
        if stub is not None and all(s.kind == "class" for s in scopes):
            self.stub_signature = stub.signature(self.stub_path)
        self.type_params = {p.param.name.value for p in node.type_parameters.params} if node.type_parameters else set()
        self._find_override(scopes)

    def _find_override(self, scopes) -> None:
        """A method that overrides an annotated base method takes the base's types
        (a placeholder where they cannot be written here): mypy checks overrides."""
        #: the base parameter each parameter stands for; None: not an override
        self.base_params = None
        self.base_returns = None
        self.override = None
        if not self.is_method or len(scopes) != 1 or not scopes[0].has_bases:
            return  # a method of a module-level class with bases
        override = self.rewriter.overridden(tuple(s.name for s in scopes), self.name)
        if override is None or not override.method.annotated:
            return
        from codemods.transforms.type_hints.overrides import matching_params

        own_kind = "static" if self.is_static else "class" if "builtins.classmethod" in self.flat_decorators else (
            "property" if "builtins.property" in self.flat_decorators else "method")
        uncertain = override.uncertain or own_kind != override.method.kind
        params = self.node.params
        kinds = [(p.name.value, "positional-only") for p in params.posonly_params]
        kinds += [(p.name.value, "positional") for p in params.params]
        if isinstance(params.star_arg, cst.Param):
            kinds.append((params.star_arg.name.value, "star"))
        kinds += [(p.name.value, "keyword") for p in params.kwonly_params]
        if isinstance(params.star_kwarg, cst.Param):
            kinds.append((params.star_kwarg.name.value, "star-star"))
        self.override = override
        self.override_uncertain = uncertain
        self.base_params = matching_params(override.method, kinds, first_is_bare=not self.is_static)
        self.base_returns = override.method.returns

    # -- never --

    def untouchable(self) -> bool:
        rewriter = self.rewriter
        line = rewriter.get_metadata(PositionProvider, self.node.name).start.line
        if line in rewriter.type_comment_lines or rewriter.type_comments_unreadable:
            return True
        if id(self.node) in rewriter.read_by_calls:
            return True
        if any(_matches(name, rewriter.readers) for name in self.flat_decorators):
            return True
        return any(s.reads_annotations for s in rewriter.scopes)

    def all_params(self, params: cst.Parameters) -> List[cst.Param]:
        found = [*params.posonly_params, *params.params, *params.kwonly_params]
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                found.append(star)
        return found

    @property
    def stub_like(self) -> bool:
        if self.flat_decorators & (ABSTRACT | OVERLOAD):
            return True
        if self.is_method and self.enclosing is not None and self.enclosing.protocol:
            return True
        return is_stub_body(self.node)

    # -- parameters --

    def param_type(self, param: cst.Param) -> Optional[Type]:
        name = param.name.value
        from_stub = self._stub_param(name)
        if from_stub is not None:
            return from_stub
        default = literal_type(param.default, self._is_builtin) if param.default is not None else None
        base = self.base_params.get(name) if self.base_params is not None else None
        if base is not None and base.annotation is not None:
            copied = self._from_base(base.annotation)
            if copied is None or not _fits_default(default, param.default, copied.code):
                return PLACEHOLDER
            if copied.code == "object" and not self._object_is_safe(param):
                return PLACEHOLDER  # ``Any`` passes the override check too, without errors in the body
            return copied
        from_doc = self._doc_type(self.doc.params.get(name), default)
        if from_doc is not None:
            return from_doc
        if self.is_method and self.name in ("__eq__", "__ne__") and param is self._positional(1):
            return Builtin("object") if self._object_is_safe(param) and self._is_builtin("object") else PLACEHOLDER
        if default is None or default == NONE or param.star:
            return None
        if self._rebound(name):
            return None
        return default if self._is_builtin(default.name) else None

    def _positional(self, index: int) -> Optional[cst.Param]:
        positional = [*self.node.params.posonly_params, *self.node.params.params]
        return positional[index] if len(positional) > index else None

    def _rebound(self, name: str) -> bool:
        """A parameter assigned in the body may hold values of other types."""
        inner = self._inner_scope()
        if inner is None:
            return True
        return len(inner.assignments[name]) > 1 if name in inner.assignments else False

    def _inner_scope(self):
        """The function's own scope (where its parameters are bound)."""
        return self.rewriter.get_metadata(ScopeProvider, self.node.body, None)

    def _is_builtin(self, name: str) -> bool:
        """``name`` means the builtin where the annotation is evaluated (around the def)."""
        return name == "None" or self.rewriter.is_builtin(self.scope, name)

    def _is_builtin_inside(self, name: str) -> bool:
        """``name`` means the builtin in the body (a parameter or local may shadow it)."""
        return name == "None" or self.rewriter.is_builtin(self._inner_scope(), name)

    def _object_is_safe(self, param: cst.Param) -> bool:
        """``other: object`` makes mypy check every use of ``other``: only when each
        use is an identity/equality operand, an isinstance argument, or narrowed by
        an isinstance test."""
        inner = self._inner_scope()
        if inner is None or param.name.value not in inner.assignments:
            return False
        assignments = list(inner.assignments[param.name.value])
        if len(assignments) != 1:
            return False
        guarded_from = self._guard_index(param.name.value)
        top = statements(self.node.body)
        for access in assignments[0].references:
            if not self._safe_use(access.node, param.name.value, top, guarded_from):
                return False
        return True

    def _guard_index(self, name: str) -> Optional[int]:
        for index, statement in enumerate(statements(self.node.body)):
            if isinstance(statement, cst.If) and statement.orelse is None:
                test = statement.test
                if (isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not)
                        and _isinstance_of(test.expression, name)):
                    body = statements(statement.body)
                    last = body[-1] if body else None
                    if isinstance(last, cst.SimpleStatementLine) and any(
                            isinstance(s, (cst.Return, cst.Raise)) for s in last.body):
                        return index
        return None

    def _safe_use(self, node: cst.CSTNode, name: str, top: List[cst.BaseStatement], guarded_from: Optional[int]) -> bool:
        get_parent = self.rewriter.get_metadata
        parent = get_parent(ParentNodeProvider, node, None)
        if isinstance(parent, cst.Comparison) and parent.left is node:
            return all(isinstance(c.operator, (cst.Is, cst.IsNot, cst.Equal, cst.NotEqual)) for c in parent.comparisons)
        if isinstance(parent, cst.ComparisonTarget) and isinstance(parent.operator, (cst.Is, cst.IsNot, cst.Equal, cst.NotEqual)):
            return True
        if isinstance(parent, cst.Arg):
            call = get_parent(ParentNodeProvider, parent, None)
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value in (
                    "isinstance", "type", "id", "hash", "repr", "str") and self._is_builtin_inside(call.func.value):
                return True
        current, child = parent, node
        while current is not None and current is not self.node:
            if isinstance(current, cst.If) and child is current.body and _positive_isinstance(current.test, name):
                return True
            if guarded_from is not None and current in top and top.index(current) > guarded_from:
                return True
            child, current = current, get_parent(ParentNodeProvider, current, None)
        return False

    def _from_base(self, annotation) -> Optional[Source]:
        """The base method's annotation, written here: only for a certain override,
        never with the base's type variables, and only when every name it reads
        means the same here (imported for type checkers when it is not bound)."""
        override = self.override
        if self.override_uncertain or set(annotation.names) & (
                set(override.module.typevars) | set(override.cls.type_params)):
            return None
        if override.module.module == (self.rewriter.context.module_name or "__main__"):
            forward = self.rewriter.target < annotation.version
            for name in annotation.names:
                if name in self.type_params:
                    return None
                where = self.rewriter.bound_before(self.scope, name, self.node)
                if where is None:
                    return None
                forward = forward or not where
            return Source(annotation.code, forward)
        return self._stub_source(annotation, stub=self.rewriter.base_stub(override.module))

    def _stub_param(self, name: str) -> Optional[Type]:
        if self.stub_signature is None or name not in self.stub_signature.params:
            return None
        return self._stub_source(self.stub_signature.params[name])

    def _stub_source(self, annotation, typevars_checked: bool = False, stub: Optional[Stub] = None) -> Optional[Type]:
        stub = stub if stub is not None else self.rewriter.stub
        imports: Set[Tuple[str, Optional[str], str, bool]] = set()
        definitions: Set[str] = set()
        forward = False
        for name in annotation.names:
            if name in self.type_params:
                continue
            where = self.rewriter.bound_before(self.scope, name, self.node)
            imported = stub.imports.get(name)
            if where is None:
                if imported is None:
                    typevar = stub.typevars.get(name)
                    if typevar is None or not (typevars_checked or self._typevars_mergeable()):
                        return None  # defined by the stub only, or unknown here
                    if not self._typevar_imports(typevar, imports):
                        return None
                    definitions.add(name)
                    forward = True
                    continue
                runtime = imported.module.split(".")[0] in _STDLIB and name not in stub.type_only
                imports.add((imported.module, imported.name, name, runtime))
                forward = forward or not runtime
                continue
            if not self._binding_agrees(name, imported, name in stub.defined):
                return None
            forward = forward or not where
        forward = forward or self.rewriter.target < annotation.version
        return Source(annotation.code, forward, frozenset(imports), frozenset(definitions))

    def _typevar_imports(self, typevar, imports: Set[Tuple[str, Optional[str], str, bool]]) -> bool:
        """Adds what the definition of a stub TypeVar reads (``TypeVar``, its bound) to
        ``imports``, for type checkers only; False when a name cannot be brought in."""
        stub = self.rewriter.stub
        for name in typevar.names:
            imported = stub.imports.get(name)
            if self.rewriter.bound_before(self.scope, name, self.node) is None:
                if imported is None:
                    return False
                imports.add((imported.module, imported.name, name, False))
            elif not self._binding_agrees(name, imported, name in stub.defined):
                return False
        return True

    def _typevars_mergeable(self) -> bool:
        """A stub's TypeVars come in only when every slot of the signature that uses
        one takes the stub's annotation: ``-> _T`` beside a parameter that is not
        ``_T`` is an error for mypy. Never for methods of a class generic over them."""
        if self._typevars_ok is not None:
            return self._typevars_ok
        self._typevars_ok = False
        stub, signature = self.rewriter.stub, self.stub_signature
        if signature is None or stub.generic_over(self.stub_path):
            return False
        params = {p.name.value: p for p in self.all_params(self.node.params)}
        slots = [(name, annotation) for name, annotation in signature.params.items()]
        slots.append(("", signature.returns))
        for name, annotation in slots:
            if annotation is None or not annotation.names & set(stub.typevars):
                continue
            if name:
                param = params.get(name)
                if param is None or param.annotation is not None or name in self.bare:
                    return False
            elif self.node.returns is not None:
                return False
            if self._stub_source(annotation, typevars_checked=True) is None:
                return False
        self._typevars_ok = True
        return True

    def _binding_agrees(self, name: str, imported, defined_by_stub: bool) -> bool:
        """The source binds ``name`` to what the stub means by it."""
        assignments = self.scope[name]
        for assignment in assignments:
            if isinstance(assignment, BuiltinAssignment):
                if imported is not None or defined_by_stub:
                    return False
                continue
            node = getattr(assignment, "node", None)
            if imported is None:
                if not defined_by_stub or isinstance(node, (cst.Import, cst.ImportFrom)):
                    return False
                continue
            if imported.name is None:
                if not (isinstance(node, cst.Import) and any(
                        a.evaluated_name.split(".")[0] == imported.module.split(".")[0] for a in node.names)):
                    return False
            elif not (isinstance(node, cst.ImportFrom) and self._absolute_module(node) == imported.module
                      and not isinstance(node.names, cst.ImportStar)
                      and any(a.evaluated_name == imported.name and (a.evaluated_alias or a.evaluated_name) == name
                              for a in node.names)):
                return False
        return True

    def _absolute_module(self, node: cst.ImportFrom) -> Optional[str]:
        """The module ``from <dots><module> import ...`` imports from (relative imports
        resolved against this module's name; None when it cannot be)."""
        module = dotted(node.module)
        if not node.relative:
            return module
        context = self.rewriter.context
        if not context.module_name:
            return None
        parts = context.module_name.split(".")
        if not context.is_package_init:
            parts = parts[:-1]
        level = len(node.relative)
        if level - 1 > len(parts):
            return None
        parts = parts[: len(parts) - (level - 1)]
        return ".".join(parts + ([module] if module else [])) or None

    def _doc_type(self, text: Optional[str], default: Optional[Type]) -> Optional[Type]:
        if not text:
            return None
        split = split_doc_type(text)
        if split is None:
            return None
        parts: List[Type] = []
        for alternative in split.alternatives:
            source = self._doc_expression(alternative)
            if source is None:
                return None
            parts.append(source)
        value: Type = parts[0] if len(parts) == 1 else Generic("Union", tuple(parts))
        if default is not None and default != NONE:
            if len(parts) != 1 or not isinstance(parts[0], Source) or not _default_fits(default, parts[0].code):
                return None
        if default == NONE or (split.optional and text.strip().lower().endswith("none")):
            value = optional(value)
        return value

    def _doc_expression(self, text: str) -> Optional[Source]:
        try:
            expression = cst.parse_expression(text)
        except Exception:
            return None
        checker = _NodeKinds()
        expression.visit(checker)
        if not checker.ok:
            return None
        names = annotation_names(expression)
        if names is None:
            return None
        forward = self.rewriter.target < runtime_version(expression)
        for name in names:
            if name in self.type_params or name == "None":
                continue
            where = self.rewriter.bound_before(self.scope, name, self.node)
            if where is None:
                return None
            forward = forward or not where
        return Source(cst.Module([]).code_for_node(expression), forward)

    # -- the return --

    def return_type(self) -> Optional[Type]:
        if self.stub_signature is not None and self.stub_signature.returns is not None:
            from_stub = self._stub_source(self.stub_signature.returns)
            if from_stub is not None:
                return from_stub
        if self.base_returns is not None:
            return self._from_base(self.base_returns) or PLACEHOLDER
        facts = self.facts
        values = [r.value for r in facts.returns if r.value is not None and not _is_none(r.value)]
        if self.is_method and self.name in FIXED_RETURNS and not facts.yields:
            fixed = FIXED_RETURNS[self.name]
            return Builtin(fixed) if self._is_builtin(fixed) else None
        if self.is_method and self.name in NONE_RETURNS and not values and not facts.yields:
            return NONE
        if self.is_method and self.name in ("__exit__", "__aexit__") and not facts.yields:
            return self._spelled_here(self._exit_type(values))
        if facts.yields:
            return self._spelled_here(self._generator_type(values))
        if not self.is_method and not self.flat_decorators & (ABSTRACT | OVERLOAD) and is_pass_body(self.node):
            return NONE  # a function (no subclass can override it) that does nothing returns None
        inferred = None if self.stub_like else self._returned_type(values)
        if inferred is not None:
            return inferred
        return self._doc_return()

    def _spelled_here(self, value: Optional[Type]) -> Optional[Type]:
        """``value`` when its builtin names mean the builtins where the annotation is
        evaluated (a class attribute ``int = ...`` would capture ``Iterator[int]``)."""
        return value if value is not None and _builtins_ok(value, self._is_builtin) else None

    def _doc_return(self) -> Optional[Type]:
        if self.doc.returns and not self.facts.yields:
            return self._doc_type(self.doc.returns, None)
        return None

    def _implicit_none(self) -> bool:
        """A bare ``return`` or the end of the body reached: fine for ``-> None``,
        an error for mypy under any other declared type (but Any)."""
        return any(r.value is None for r in self.facts.returns) or can_fall_off_end(self.node)

    def _returned_type(self, values: List[cst.BaseExpression]) -> Optional[Type]:
        if not values:
            if self.facts.returns or not always_raises(self.node):
                return NONE
            return None
        if self._implicit_none():
            return None
        types = [literal_type(value, self._is_builtin_inside) for value in values]
        if any(t is None for t in types):
            return None
        if len(values) != len(self.facts.returns):
            types.append(NONE)  # an explicit `return None`
        joined = join(types)
        if joined is None:
            return None
        return joined if _builtins_ok(joined, self._is_builtin) else None

    def _exit_type(self, values: List[cst.BaseExpression]) -> Optional[Type]:
        if not values:
            return NONE
        types = [literal_type(value, self._is_builtin_inside) for value in values]
        if any(t != Builtin("bool") for t in types) or self._implicit_none():
            return None
        none_paths = len(values) != len(self.facts.returns)
        always_false = all(isinstance(v, cst.Name) and v.value == "False" for v in values)
        if always_false:
            # mypy rejects bool (and Optional[bool]) for an __exit__ that never returns True
            return None if none_paths else Generic("Literal[False]")
        return optional(Builtin("bool")) if none_paths else Builtin("bool")

    def _generator_type(self, values: List[cst.BaseExpression]) -> Optional[Type]:
        facts = self.facts
        yielded: List[Optional[Type]] = []
        for item in facts.yields:
            if item.value is None:
                yielded.append(NONE)
            elif isinstance(item.value, cst.From):
                yielded.append(None)
            else:
                yielded.append(literal_type(item.value, self._is_builtin_inside))
        yield_type = join(yielded) if all(t is not None for t in yielded) else None
        if yield_type is None and self.doc.yields:
            yield_type = self._doc_type(self.doc.yields, None)
        if yield_type is None:
            yield_type = PLACEHOLDER
        send = PLACEHOLDER if facts.sent_to else NONE
        if self.is_async:
            return Generic("AsyncGenerator", (yield_type, send)) if facts.sent_to else Generic("AsyncIterator", (yield_type,))
        if values:
            types = [literal_type(value, self._is_builtin_inside) for value in values]
            if len(values) != len(facts.returns):
                types.append(NONE)
            result = None if self._implicit_none() else (join(types) if all(t is not None for t in types) else None)
            return Generic("Generator", (yield_type, send, result or PLACEHOLDER))
        if facts.sent_to:
            return Generic("Generator", (yield_type, send, NONE))
        return Generic("Iterator", (yield_type,))


class _NodeKinds(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.ok = True

    def on_visit(self, node: cst.CSTNode) -> bool:
        if not isinstance(node, _DOC_TYPE_NODES):
            self.ok = False
            return False
        if isinstance(node, cst.BinaryOperation):
            if not isinstance(node.operator, cst.BitOr):
                self.ok = False
                return False
        return True


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def _isinstance_of(node: cst.BaseExpression, name: str) -> bool:
    return (isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "isinstance"
            and len(node.args) == 2 and isinstance(node.args[0].value, cst.Name) and node.args[0].value.value == name)


def _positive_isinstance(test: cst.BaseExpression, name: str) -> bool:
    if _isinstance_of(test, name):
        return True
    return isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And) and _positive_isinstance(test.left, name)


def _fits_default(default: Optional[Type], node: Optional[cst.BaseExpression], annotation_code: str) -> bool:
    """A parameter's default is fine for an annotation copied from a base method:
    ``None`` only for an optional type, a literal when ``_default_fits``, anything
    else (a name, a call) is the author's word."""
    if node is None:
        return True
    if default == NONE:
        return any(word in annotation_code for word in ("None", "Optional", "Any", "object"))
    if default is None:
        return True
    return _default_fits(default, annotation_code)


def _default_fits(default: Type, annotation_code: str) -> bool:
    if not isinstance(default, Builtin):
        return False
    if annotation_code in ("int", "float", "complex", "bool", "str", "bytes"):
        return annotation_code == default.name or (default.name, annotation_code) in _COMPATIBLE_DEFAULTS
    return True  # a richer type: the author's word


def _builtins_ok(value: Type, is_builtin) -> bool:
    if isinstance(value, Builtin):
        return is_builtin(value.name)
    if isinstance(value, Generic):
        return all(_builtins_ok(arg, is_builtin) for arg in value.args)
    return True


# --- tree edits -----------------------------------------------------------------------------------


def _with_annotation(param: cst.Param, annotation: cst.BaseExpression) -> cst.Param:
    changes = {"annotation": cst.Annotation(annotation, whitespace_before_indicator=cst.SimpleWhitespace(""),
                                            whitespace_after_indicator=cst.SimpleWhitespace(" "))}
    equal = param.equal
    if param.default is not None and isinstance(equal, cst.AssignEqual) and _tight(equal):
        changes["equal"] = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(" "),
                                     whitespace_after=cst.SimpleWhitespace(" "))
    return param.with_changes(**changes)


def _tight(equal: cst.AssignEqual) -> bool:
    """``x=1``: PEP 8 wants ``x: int = 1`` once annotated; other spacing is kept."""
    before, after = equal.whitespace_before, equal.whitespace_after
    return (isinstance(before, cst.SimpleWhitespace) and isinstance(after, cst.SimpleWhitespace)
            and not before.value and not after.value)


def _replace_params(params: cst.Parameters, new: Dict[str, cst.Param]) -> cst.Parameters:
    if not new:
        return params

    def swap(items: Sequence[cst.Param]) -> List[cst.Param]:
        return [new.get(p.name.value, p) for p in items]

    changes = {"params": swap(params.params), "posonly_params": swap(params.posonly_params),
               "kwonly_params": swap(params.kwonly_params)}
    if isinstance(params.star_arg, cst.Param):
        changes["star_arg"] = new.get(params.star_arg.name.value, params.star_arg)
    if isinstance(params.star_kwarg, cst.Param):
        changes["star_kwarg"] = new.get(params.star_kwarg.name.value, params.star_kwarg)
    return params.with_changes(**changes)


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
            and isinstance(statement.body[0], cst.Expr)
            and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))


def _is_future(statement: cst.BaseStatement) -> bool:
    return (isinstance(statement, cst.SimpleStatementLine)
            and all(isinstance(s, cst.ImportFrom) and dotted(s.module) == "__future__" for s in statement.body))


def _needed(module: str, name: Optional[str], local: str) -> NeededImport:
    """``from module import name [as local]``, or ``import module [as local]``."""
    if name is None:
        return NeededImport(module, None, local if local != module.split(".")[0] else None)
    return NeededImport(module, name, local if local != name else None)
