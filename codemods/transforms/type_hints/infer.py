"""What a function body says for certain about its types: literal values, returns,
yields, and whether the end of the body can be reached.

Everything here errs on the side of "unknown": a wrong certain type is worse than
a placeholder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, FrozenSet, List, Optional, Sequence, Tuple, Union

import libcst as cst

#: answers "does this name mean the builtin here?" for the function being typed.
IsBuiltin = Callable[[str], bool]

#: builtins whose call always returns an instance of one fixed type.
_BUILTIN_RESULTS = {
    "len": "int", "str": "str", "repr": "str", "ascii": "str", "format": "str", "chr": "str",
    "int": "int", "ord": "int", "hash": "int", "id": "int", "float": "float", "bool": "bool",
    "bytes": "bytes", "isinstance": "bool", "issubclass": "bool", "callable": "bool", "hasattr": "bool",
}
#: methods of a str literal that return str.
_STR_METHODS = {"join", "format", "format_map", "upper", "lower", "strip", "replace"}


# --- the small type language the rewriter renders ------------------------------------

@dataclass(frozen=True)
class Placeholder:
    """An honest "not known": rendered as ``Any`` or ``Incomplete``."""


@dataclass(frozen=True)
class Builtin:
    name: str  # int, str, float, bool, bytes, complex, object, None


@dataclass(frozen=True)
class Generic:
    """A ``typing`` construct: Optional, Union, Iterator, Generator, Literal ..."""

    name: str
    args: Tuple[Type, ...] = ()


@dataclass(frozen=True)
class Source:
    """An expression taken from a docstring or a stub, as code text."""

    code: str
    #: refers to a name bound only after the def runs (or only for type checkers).
    forward: bool = False
    #: imports it needs: (module, name or None, local name, needed at runtime).
    imports: FrozenSet[Tuple[str, Optional[str], str, bool]] = frozenset()
    #: stub TypeVars it needs defined for type checkers (under ``if TYPE_CHECKING:``).
    definitions: FrozenSet[str] = frozenset()


Type = Union[Placeholder, Builtin, Generic, Source]
PLACEHOLDER = Placeholder()
NONE = Builtin("None")


def has_placeholder(value: Type) -> bool:
    if isinstance(value, Placeholder):
        return True
    if isinstance(value, Generic):
        return any(has_placeholder(arg) for arg in value.args)
    return False


def optional(value: Type) -> Type:
    if value == NONE or isinstance(value, Placeholder):
        return value
    return Generic("Optional", (value,))


def join(types: Sequence[Type]) -> Optional[Type]:
    """The one certain type of several values: same type, int+float -> float,
    bool+int -> int, X+None -> Optional[X]; None when there is no such type."""
    distinct = []
    for value in types:
        if value not in distinct:
            distinct.append(value)
    with_none = NONE in distinct
    rest = [value for value in distinct if value != NONE]
    if not rest:
        return NONE if with_none else None
    names = {value.name for value in rest if isinstance(value, Builtin)}
    if len(names) == len(rest):
        if names == {"int", "float"} or names == {"int", "float", "bool"} or names == {"bool", "float"}:
            rest = [Builtin("float")]
        elif names == {"int", "bool"}:
            rest = [Builtin("int")]
    if len(rest) != 1:
        return None
    return optional(rest[0]) if with_none else rest[0]


# --- literal values -------------------------------------------------------------------

def literal_type(node: cst.BaseExpression, is_builtin: IsBuiltin) -> Optional[Type]:
    """The type of an expression whose type is certain without inference, or None."""
    if isinstance(node, cst.Integer):
        return Builtin("int")
    if isinstance(node, cst.Float):
        return Builtin("float")
    if isinstance(node, cst.Imaginary):
        return Builtin("complex")
    if isinstance(node, cst.Name):
        if node.value in ("True", "False"):
            return Builtin("bool")
        if node.value == "None":
            return NONE
        return None
    if isinstance(node, cst.UnaryOperation):
        if isinstance(node.operator, cst.Not):
            return Builtin("bool")
        if isinstance(node.operator, (cst.Minus, cst.Plus)) and isinstance(node.expression, (cst.Integer, cst.Float, cst.Imaginary)):
            return literal_type(node.expression, is_builtin)
        return None
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return _string_type(node)
    if isinstance(node, cst.Comparison):
        # `is`, `is not`, `in`, `not in` always give a bool; `==` and `<` need not.
        if all(isinstance(c.operator, (cst.Is, cst.IsNot, cst.In, cst.NotIn)) for c in node.comparisons):
            return Builtin("bool")
        return None
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        left = _string_type(node.left) if isinstance(node.left, (cst.SimpleString, cst.ConcatenatedString)) else None
        return left if left == Builtin("str") else None
    if isinstance(node, cst.Call):
        func = node.func
        if isinstance(func, cst.Name) and func.value in _BUILTIN_RESULTS and is_builtin(func.value):
            if func.value in ("int", "float", "str", "bytes") and any(arg.star for arg in node.args):
                return None
            return Builtin(_BUILTIN_RESULTS[func.value])
        if (isinstance(func, cst.Attribute) and func.attr.value in _STR_METHODS
                and isinstance(func.value, (cst.SimpleString, cst.ConcatenatedString))
                and _string_type(func.value) == Builtin("str")):
            return Builtin("str")
    return None


def _string_type(node: cst.BaseExpression) -> Optional[Type]:
    if isinstance(node, cst.FormattedString):
        return Builtin("bytes") if "b" in node.prefix.lower() else Builtin("str")
    if isinstance(node, cst.SimpleString):
        return Builtin("bytes") if "b" in node.prefix.lower() else Builtin("str")
    if isinstance(node, cst.ConcatenatedString):
        left, right = _string_type(node.left), _string_type(node.right)
        return left if left == right else None
    return None


# --- what a body does -----------------------------------------------------------------

@dataclass
class BodyFacts:
    returns: List[cst.Return] = field(default_factory=list)
    yields: List[cst.Yield] = field(default_factory=list)
    #: yields whose value is used (``x = yield``): the generator receives values.
    sent_to: bool = False


class _BodyCollector(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.facts = BodyFacts()
        self._statement_yields: set = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Return(self, node: cst.Return) -> None:
        self.facts.returns.append(node)

    def visit_Expr(self, node: cst.Expr) -> None:
        if isinstance(node.value, cst.Yield):
            self._statement_yields.add(id(node.value))

    def visit_Yield(self, node: cst.Yield) -> None:
        self.facts.yields.append(node)
        if id(node) not in self._statement_yields:
            self.facts.sent_to = True


def body_facts(function: cst.FunctionDef) -> BodyFacts:
    collector = _BodyCollector()
    function.body.visit(collector)
    return collector.facts


def statements(body: cst.BaseSuite) -> List[cst.BaseStatement]:
    if isinstance(body, cst.IndentedBlock):
        return list(body.body)
    return [cst.SimpleStatementLine(body=list(body.body))]


def _small(statement: cst.BaseStatement) -> List[cst.BaseSmallStatement]:
    return list(statement.body) if isinstance(statement, cst.SimpleStatementLine) else []


def docstring_node(function: cst.FunctionDef) -> Optional[str]:
    body = statements(function.body)
    if not body:
        return None
    small = _small(body[0])
    if small and isinstance(small[0], cst.Expr) and isinstance(small[0].value, (cst.SimpleString, cst.ConcatenatedString)):
        value = small[0].value.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _without_docstring(function: cst.FunctionDef) -> List[cst.BaseSmallStatement | cst.BaseStatement]:
    flat: List = []
    for statement in statements(function.body):
        small = _small(statement)
        flat.extend(small if small else [statement])
    if flat and isinstance(flat[0], cst.Expr) and isinstance(flat[0].value, (cst.SimpleString, cst.ConcatenatedString)):
        flat = flat[1:]
    return flat


def is_pass_body(function: cst.FunctionDef) -> bool:
    """Only ``pass`` statements and/or a docstring: the function returns None (``...``
    and ``raise NotImplementedError`` say "to be written" instead)."""
    return all(isinstance(s, cst.Pass) for s in _without_docstring(function))


def is_stub_body(function: cst.FunctionDef) -> bool:
    """``...``, ``pass``, a docstring only, or ``raise NotImplementedError``."""
    rest = _without_docstring(function)
    if all(isinstance(s, cst.Pass) or (isinstance(s, cst.Expr) and isinstance(s.value, cst.Ellipsis)) for s in rest):
        return True
    if len(rest) == 1 and isinstance(rest[0], cst.Raise) and rest[0].exc is not None:
        exc = rest[0].exc
        exc = exc.func if isinstance(exc, cst.Call) else exc
        return isinstance(exc, cst.Name) and exc.value == "NotImplementedError"
    return False


def _ends(body: Sequence[cst.BaseStatement], raise_only: bool) -> bool:
    """True when control never runs off the end of ``body`` (``raise_only``: and only
    by raising). Unsure means False."""
    for statement in body:
        if _statement_ends(statement, raise_only):
            return True
    return False


def _block(suite: cst.BaseSuite) -> List[cst.BaseStatement]:
    return statements(suite)


def _statement_ends(statement: cst.BaseStatement, raise_only: bool) -> bool:
    small = _small(statement)
    if small:
        for item in small:
            if isinstance(item, cst.Raise):
                return True
            if isinstance(item, cst.Return) and not raise_only:
                return True
        return False
    if isinstance(statement, cst.If):
        if statement.orelse is None:
            return False
        orelse = statement.orelse
        other = [orelse] if isinstance(orelse, cst.If) else _block(orelse.body)
        return _ends(_block(statement.body), raise_only) and _ends(other, raise_only)
    if isinstance(statement, cst.Try):
        if statement.finalbody is not None and _ends(_block(statement.finalbody.body), raise_only):
            return True
        normal = _ends(_block(statement.body), raise_only) or (
            statement.orelse is not None and _ends(_block(statement.orelse.body), raise_only))
        return normal and all(_ends(_block(h.body), raise_only) for h in statement.handlers)
    if isinstance(statement, cst.Match):
        if not statement.cases:
            return False
        last = statement.cases[-1]
        irrefutable = isinstance(last.pattern, cst.MatchAs) and last.pattern.pattern is None and last.guard is None
        return irrefutable and all(_ends(_block(case.body), raise_only) for case in statement.cases)
    if isinstance(statement, cst.While) and not raise_only:
        test = statement.test
        forever = isinstance(test, cst.Name) and test.value == "True"
        return forever and statement.orelse is None and not _breaks(statement.body)
    return False


class _BreakFinder(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def visit_Break(self, node: cst.Break) -> None:
        self.found = True

    def visit_For(self, node: cst.For) -> bool:
        return False  # a break in there leaves the inner loop only

    def visit_While(self, node: cst.While) -> bool:
        return False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False


def _breaks(suite: cst.BaseSuite) -> bool:
    finder = _BreakFinder()
    suite.visit(finder)
    return finder.found


def can_fall_off_end(function: cst.FunctionDef) -> bool:
    return not _ends(statements(function.body), raise_only=False)


def always_raises(function: cst.FunctionDef) -> bool:
    return _ends(statements(function.body), raise_only=True)
