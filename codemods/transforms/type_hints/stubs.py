"""Reading ``.pyi`` stubs (stubgen, MonkeyType, pyright) for ``--stubs DIR``: where a
module's stub is, and what it says about each function's signature."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

import libcst as cst


@dataclass(frozen=True)
class StubImport:
    """How the stub binds a name: ``from module import name as local`` or
    ``import module as local`` (name is None)."""

    module: str
    name: Optional[str]
    local: str


@dataclass
class StubAnnotation:
    code: str
    #: root names the expression reads (``typing.Any`` -> ``typing``).
    names: FrozenSet[str]
    #: the oldest Python that evaluates it (``X | Y``: 3.10, ``list[int]``: 3.9).
    version: Tuple[int, int] = (3, 0)


@dataclass(frozen=True)
class StubTypeVar:
    """``_T = TypeVar("_T", bound=X)`` in a stub: the statement, and the names its
    value reads (``TypeVar``, ``X``; not the quoted name)."""

    code: str
    names: FrozenSet[str]
    order: int


@dataclass
class StubSignature:
    params: Dict[str, StubAnnotation] = field(default_factory=dict)
    returns: Optional[StubAnnotation] = None


@dataclass
class Stub:
    path: str
    imports: Dict[str, StubImport] = field(default_factory=dict)
    #: names the stub itself defines at module level (classes, aliases, TypeVars).
    defined: Set[str] = field(default_factory=set)
    functions: Dict[Tuple[str, ...], StubSignature] = field(default_factory=dict)
    #: paths defined more than once (overloads, version branches): never merged.
    ambiguous: Set[Tuple[str, ...]] = field(default_factory=set)
    #: module-level TypeVar, ParamSpec and TypeVarTuple definitions, by name.
    typevars: Dict[str, StubTypeVar] = field(default_factory=dict)
    #: names read by the bases of each class (``Generic[_T]`` -> ``Generic``, ``_T``).
    class_bases: Dict[Tuple[str, ...], FrozenSet[str]] = field(default_factory=dict)
    #: imported names that exist for type checkers only (imported under ``if TYPE_CHECKING:``)
    type_only: Set[str] = field(default_factory=set)

    def generic_over(self, path: Tuple[str, ...]) -> FrozenSet[str]:
        """The stub TypeVars that the classes enclosing ``path`` are generic over."""
        found: Set[str] = set()
        for end in range(1, len(path)):
            found |= self.class_bases.get(path[:end], frozenset()) & set(self.typevars)
        return frozenset(found)

    def signature(self, path: Tuple[str, ...]) -> Optional[StubSignature]:
        return None if path in self.ambiguous else self.functions.get(path)


def find_stub(folder: str, path: str, module_name: Optional[str], is_package_init: bool) -> Optional[str]:
    """The stub of the module at ``path`` under ``folder``: by dotted module name
    first (``pkg/mod.pyi``, ``pkg/__init__.pyi``), then by file name."""
    candidates: List[str] = []
    if module_name:
        parts = module_name.split(".")
        if is_package_init:
            candidates.append(os.path.join(folder, *parts, "__init__.pyi"))
        else:
            candidates.append(os.path.join(folder, *parts) + ".pyi")
            candidates.append(os.path.join(folder, *parts, "__init__.pyi"))
    stem = os.path.splitext(os.path.basename(path))[0]
    candidates.append(os.path.join(folder, stem + ".pyi"))
    for candidate in candidates:
        if os.path.isfile(candidate):
            return candidate
    return None


class _Names(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: Set[str] = set()
        self.unreadable = False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)

    def visit_Subscript(self, node: cst.Subscript) -> Optional[bool]:
        value = node.value
        literal = (isinstance(value, cst.Name) and value.value == "Literal") or (
            isinstance(value, cst.Attribute) and value.attr.value == "Literal")
        if literal:
            value.visit(self)
            return False
        return None

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        try:
            inner = cst.parse_expression(str(node.evaluated_value))
        except Exception:
            self.unreadable = True
            return
        inner.visit(self)


def annotation_names(expression: cst.BaseExpression) -> Optional[FrozenSet[str]]:
    finder = _Names()
    expression.visit(finder)
    return None if finder.unreadable else frozenset(finder.names)


#: builtins that became subscriptable at run time in Python 3.9 (PEP 585).
_PEP585_BUILTINS = {"list", "dict", "set", "frozenset", "tuple", "type"}


class _NewSyntax(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.version = (3, 0)

    def visit_BitOr(self, node: cst.BitOr) -> None:
        self.version = max(self.version, (3, 10))

    def visit_SimpleString(self, node: cst.SimpleString) -> bool:
        return False  # a quoted part is never evaluated

    def visit_Subscript(self, node: cst.Subscript) -> None:
        value, root = node.value, node.value
        while isinstance(root, cst.Attribute):
            root = root.value
        if (isinstance(value, cst.Name) and value.value in _PEP585_BUILTINS) or (
                isinstance(value, cst.Attribute) and isinstance(root, cst.Name) and root.value == "collections"):
            self.version = max(self.version, (3, 9))


def runtime_version(expression: cst.BaseExpression) -> Tuple[int, int]:
    """The oldest Python that evaluates ``expression`` as an annotation at run time:
    3.10 for ``X | Y``, 3.9 for ``list[int]`` and ``collections.abc.Mapping[...]``."""
    finder = _NewSyntax()
    expression.visit(finder)
    return finder.version


_TYPING_MODULES = ("typing", "typing_extensions")
_TYPEVAR_KINDS = ("TypeVar", "ParamSpec", "TypeVarTuple")


class _PlainNames(cst.CSTVisitor):
    """Root names an expression reads, leaving string literals (a TypeVar's own
    name, a forward reference) alone."""

    def __init__(self) -> None:
        super().__init__()
        self.names: Set[str] = set()
        self.strings = False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # not the keyword (``bound=``)
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)

    def visit_SimpleString(self, node: cst.SimpleString) -> bool:
        self.strings = True
        return False


def _has_string(expression: cst.BaseExpression) -> bool:
    finder = _PlainNames()
    expression.visit(finder)
    return finder.strings


def _plain_names(expression: cst.BaseExpression) -> Set[str]:
    finder = _PlainNames()
    expression.visit(finder)
    return finder.names


class _StubReader(cst.CSTVisitor):
    def __init__(self, module: cst.Module, stub: Stub) -> None:
        super().__init__()
        self.module = module
        self.stub = stub
        self.classes: List[str] = []
        self.depth = 0  # inside if/try/def: not a plain module- or class-level name

    def _annotation(self, annotation: Optional[cst.Annotation]) -> Optional[StubAnnotation]:
        if annotation is None:
            return None
        names = annotation_names(annotation.annotation)
        if names is None:
            return None
        return StubAnnotation(self.module.code_for_node(annotation.annotation), names,
                              runtime_version(annotation.annotation))

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            dotted = self.module.code_for_node(alias.name)
            if alias.asname is not None:
                local = self.module.code_for_node(alias.asname.name)
                self.stub.imports[local] = StubImport(dotted, None, local)
            else:
                root = dotted.split(".")[0]  # `import a.b` binds `a`, and needs `a.b` imported
                self.stub.imports[root] = StubImport(dotted, None, root)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.relative or node.module is None or isinstance(node.names, cst.ImportStar):
            return
        module = self.module.code_for_node(node.module)
        for alias in node.names:
            name = self.module.code_for_node(alias.name)
            local = self.module.code_for_node(alias.asname.name) if alias.asname is not None else name
            self.stub.imports[local] = StubImport(module, name, local)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if not self.classes and not self.depth:
            self.stub.defined.add(node.name.value)
        self.classes.append(node.name.value)
        names: Set[str] = set()
        for base in node.bases:
            names |= _plain_names(base.value)
        self.stub.class_bases[tuple(self.classes)] = frozenset(names)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.classes.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        if not self.classes and not self.depth:
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    self.stub.defined.add(target.target.value)
            if (len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) and self._is_typevar(node.value)
                    and not any(_has_string(a.value) for a in node.value.args[1:])):
                # a quoted bound would name something of the stub's module, not the source's
                name = node.targets[0].target.value
                code = f"{name} = {self.module.code_for_node(node.value)}"
                self.stub.typevars[name] = StubTypeVar(code, frozenset(_plain_names(node.value)), len(self.stub.typevars))

    def _is_typevar(self, value: cst.BaseExpression) -> bool:
        """``TypeVar(...)``, ``typing.TypeVar(...)``, ``ParamSpec(...)``... as the stub imports them."""
        if not isinstance(value, cst.Call):
            return False
        func = value.func
        if isinstance(func, cst.Name):
            imported = self.stub.imports.get(func.value)
            return (imported is not None and imported.module in _TYPING_MODULES
                    and imported.name in _TYPEVAR_KINDS)
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
            imported = self.stub.imports.get(func.value.value)
            return (imported is not None and imported.name is None and imported.module in _TYPING_MODULES
                    and func.attr.value in _TYPEVAR_KINDS)
        return False

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if not self.classes and not self.depth and isinstance(node.target, cst.Name):
            self.stub.defined.add(node.target.value)

    def visit_TypeAlias(self, node) -> None:
        if not self.classes and not self.depth:
            self.stub.defined.add(node.name.value)

    def visit_If(self, node: cst.If) -> None:
        self.depth += 1

    def leave_If(self, original_node: cst.If) -> None:
        self.depth -= 1

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        path = tuple(self.classes) + (node.name.value,)
        if path in self.stub.functions or self.depth:
            self.stub.ambiguous.add(path)
        signature = StubSignature()
        params = node.params
        for param in [*params.posonly_params, *params.params, *params.kwonly_params]:
            annotation = self._annotation(param.annotation)
            if annotation is not None:
                signature.params[param.name.value] = annotation
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                annotation = self._annotation(star.annotation)
                if annotation is not None:
                    signature.params[star.name.value] = annotation
        signature.returns = self._annotation(node.returns)
        for decorator in node.decorators:
            target = decorator.decorator
            name = target.attr.value if isinstance(target, cst.Attribute) else getattr(target, "value", None)
            if name == "overload":
                self.stub.ambiguous.add(path)
        self.stub.functions[path] = signature
        return False


def read_stub(path: str) -> Optional[Stub]:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        module = cst.parse_module(text)
    except (OSError, UnicodeDecodeError, cst.ParserSyntaxError):
        return None
    stub = Stub(path)
    module.visit(_StubReader(module, stub))
    return stub
