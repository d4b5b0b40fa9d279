"""How a query string is built, as data: the literal text (unit by unit, each unit
knowing its source spelling) and the values spliced into it.

``flatten_query`` reads ``+`` chains, implicit concatenation, f-strings,
``"...".format(...)`` and ``"..." % values``; ``render_piece`` writes one literal
back after the SQL layer decided which units to drop and where placeholders go.
Nothing here knows SQL; ``sql`` does.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple, Union

import libcst as cst


@dataclass
class Unit:
    """One character of the text the driver sees (or none, for a line continuation),
    with the source spelling that produced it."""

    raw: str
    text: str
    #: "%" or "{" / "}" when the unit is a template escape (``%%``, ``{{``).
    escape: str = ""


@dataclass
class Field:
    """A value spliced into the query text."""

    expr: cst.BaseExpression
    #: what text the original produced from it: "operand" (a ``+`` operand, already a
    #: str), "str" (``str()``-style formatting), "int" (``%d``, ``{:d}``: the decimal
    #: text of an integer), "formatted" (a conversion or format spec that Python can
    #: reproduce, see ``text_code``), or "unsupported".
    how: str
    #: the node the field lives in: the operand itself, the FormattedStringExpression,
    #: or the template string for ``%`` / ``.format``.
    node: cst.CSTNode
    #: a ``+`` operand (removed from the chain when bound) rather than a template field.
    operand: bool = False
    #: for formatted and unsupported fields: how they are formatted (e.g. "!r", ":>5").
    detail: str = ""
    #: f-string / ``.format`` conversion ("r", "a", "s") and format spec.
    conversion: str = ""
    spec: str = ""
    #: ``%`` template field without its mapping key (``%05d``), for formatted fields.
    percent: str = ""
    #: a formatted field whose text is the decimal integer ``int(value)`` only padded
    #: or signed (``%05d``, ``%+d``, ``{:>4d}``): the same number once read as SQL.
    integer: bool = False


Slot = Union[Unit, Field]


@dataclass
class Piece:
    """One string literal of the query, as slots (units and template fields)."""

    node: cst.CSTNode
    kind: str  # "plain" | "fstring" | "format" | "percent"
    prefix: str
    quote: str
    slots: List[Slot]


@dataclass
class Element:
    """One step of the query in reading order: a unit or a field, and its piece
    (None for a ``+`` operand, which lives outside every literal)."""

    piece: Optional[int]
    slot: int
    item: Slot


@dataclass
class Query:
    expr: cst.BaseExpression
    pieces: List[Piece]
    elements: List[Element]
    #: the ``.format`` calls and ``%`` operations to fold away when rebuilding.
    templates: Dict[int, cst.CSTNode] = field(default_factory=dict)

    @property
    def fields(self) -> List[Field]:
        return [e.item for e in self.elements if isinstance(e.item, Field)]

    def sql_text(self) -> str:
        return "".join(e.item.text for e in self.elements if isinstance(e.item, Unit))


class NotAQuery(Exception):
    """The expression is not a string built from literals and values."""


_SIMPLE_ESCAPES = set("\n\\'\"abfnrtv")
_PERCENT_FIELD = re.compile(r"%(?:\((?P<key>[^)]*)\))?(?P<flags>[-#0 +]*)(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d+))?(?P<conv>[diouxXeEfFgGcrsa%])")


def split_body(body: str, is_raw: bool) -> List[Unit]:
    """Split a literal's body into units of evaluated text."""
    units: List[Unit] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char != "\\" or i + 1 >= len(body):
            units.append(Unit(char, char))
            i += 1
            continue
        if is_raw:  # a backslash pair cannot be split in a raw string
            units.append(Unit(body[i:i + 2], body[i:i + 2]))
            i += 2
            continue
        nxt = body[i + 1]
        if nxt in "01234567":
            end = i + 2
            while end < min(len(body), i + 4) and body[end] in "01234567":
                end += 1
        elif nxt == "x":
            end = i + 4
        elif nxt == "u":
            end = i + 6
        elif nxt == "U":
            end = i + 10
        elif nxt == "N":
            end = body.index("}", i) + 1
        elif nxt == "\r" and body[i + 2:i + 3] == "\n":
            end = i + 3
        else:
            end = i + 2
        raw = body[i:end]
        if nxt in _SIMPLE_ESCAPES or nxt in "01234567xuUN":
            text = ast.literal_eval('"' + raw + '"') if nxt != '"' else '"'
        elif nxt in "\r\n":
            text = ""
        else:  # an unknown escape keeps its backslash
            text = raw
        units.append(Unit(raw, text))
        i = end
    return units


def _string_parts(node: cst.SimpleString) -> Tuple[str, str, str]:
    prefix = node.prefix
    quote = node.quote
    body = node.value[len(prefix) + len(quote):len(node.value) - len(quote)]
    return prefix, quote, body


def _is_text_literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.SimpleString):
        return "b" not in node.prefix.lower()
    if isinstance(node, cst.FormattedString):
        return "b" not in node.prefix.lower()
    if isinstance(node, cst.ConcatenatedString):
        return _is_text_literal(node.left) and _is_text_literal(node.right)
    return False


class _Builder:
    def __init__(self, skip: Optional[cst.BaseExpression] = None) -> None:
        #: the leading query variable of ``query + " ORDER BY id"``: left in place,
        #: not part of this fragment's text.
        self.skip = skip
        self.pieces: List[Piece] = []
        self.elements: List[Element] = []
        self.templates: Dict[int, cst.CSTNode] = {}

    def add_piece(self, piece: Piece) -> None:
        index = len(self.pieces)
        self.pieces.append(piece)
        for slot_index, slot in enumerate(piece.slots):
            self.elements.append(Element(index, slot_index, slot))

    def add_operand(self, expr: cst.BaseExpression) -> None:
        self.elements.append(Element(None, 0, Field(expr, "operand", expr, operand=True)))

    # -- literals ---------------------------------------------------------------
    def literal(self, node: cst.BaseExpression, kind: str = "plain",
                values: Optional["_TemplateValues"] = None) -> None:
        if isinstance(node, cst.ConcatenatedString):
            self.literal(node.left, kind, values)
            self.literal(node.right, kind, values)
        elif isinstance(node, cst.SimpleString):
            prefix, quote, body = _string_parts(node)
            units = split_body(body, "r" in prefix.lower())
            if kind == "format":
                slots = _format_slots(units, node, values)
            elif kind == "percent":
                slots = _percent_slots(units, node, values)
            else:
                slots = list(units)
            self.add_piece(Piece(node, kind, prefix, quote, slots))
        elif isinstance(node, cst.FormattedString):
            if kind != "plain":
                raise NotAQuery("an f-string used as a template")
            self.add_piece(Piece(node, "fstring", node.prefix, node.end, _fstring_slots(node)))
        else:
            raise NotAQuery(type(node).__name__)

    # -- expressions ------------------------------------------------------------
    def expression(self, node: cst.BaseExpression) -> None:
        if _is_text_literal(node):
            self.literal(node)
        elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            self.operand(node.left)
            self.operand(node.right)
        elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo) \
                and isinstance(node.left, (cst.SimpleString, cst.ConcatenatedString)) and _is_text_literal(node.left):
            self.templates[id(node)] = node
            self.literal(node.left, "percent", _TemplateValues.for_percent(node.right))
        elif _is_format_call(node):
            assert isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
            self.templates[id(node)] = node
            self.literal(node.func.value, "format", _TemplateValues.for_format(node))
        else:
            raise NotAQuery(type(node).__name__)

    def operand(self, node: cst.BaseExpression) -> None:
        if node is self.skip:
            return
        if _is_string_building(node):
            self.expression(node)
        else:
            self.add_operand(node)


def _is_format_call(node: cst.BaseExpression) -> bool:
    return (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
            and node.func.attr.value == "format"
            and isinstance(node.func.value, (cst.SimpleString, cst.ConcatenatedString))
            and _is_text_literal(node.func.value))


def _is_string_building(node: cst.BaseExpression) -> bool:
    if _is_text_literal(node) or _is_format_call(node):
        return True
    if isinstance(node, cst.BinaryOperation):
        if isinstance(node.operator, cst.Add):
            return _is_string_building(node.left) or _is_string_building(node.right)
        if isinstance(node.operator, cst.Modulo):
            return isinstance(node.left, (cst.SimpleString, cst.ConcatenatedString)) and _is_text_literal(node.left)
    return False


class _TemplateValues:
    """The values a ``%`` or ``.format`` template draws from."""

    def __init__(self) -> None:
        self.positional: List[cst.BaseExpression] = []
        self.keywords: Dict[str, cst.BaseExpression] = {}
        self.single: Optional[cst.BaseExpression] = None
        self.next_auto = 0
        self.used: set = set()

    @classmethod
    def for_percent(cls, right: cst.BaseExpression) -> "_TemplateValues":
        values = cls()
        if isinstance(right, cst.Tuple):
            for element in right.elements:
                if not isinstance(element, cst.Element):
                    raise NotAQuery("starred % value")
                values.positional.append(element.value)
        elif isinstance(right, cst.Dict):
            for entry in right.elements:
                key = entry.key if isinstance(entry, cst.DictElement) else None
                if not isinstance(key, cst.SimpleString):
                    raise NotAQuery("computed % key")
                values.keywords[ast.literal_eval(key.value)] = entry.value
        else:
            values.single = right
        return values

    @classmethod
    def for_format(cls, call: cst.Call) -> "_TemplateValues":
        values = cls()
        for arg in call.args:
            if arg.star:
                raise NotAQuery("starred format argument")
            if arg.keyword is not None:
                values.keywords[arg.keyword.value] = arg.value
            else:
                values.positional.append(arg.value)
        return values

    def percent_value(self, key: Optional[str]) -> cst.BaseExpression:
        if key is not None:
            if key not in self.keywords:
                raise NotAQuery("missing % key")
            return self.keywords[key]
        if self.single is not None:
            if self.next_auto:
                raise NotAQuery("% with one value and several fields")
            self.next_auto = 1
            return self.single
        if self.next_auto >= len(self.positional):
            raise NotAQuery("too few % values")
        value = self.positional[self.next_auto]
        self.next_auto += 1
        return value

    def format_value(self, name: str) -> cst.BaseExpression:
        if name == "":
            index = self.next_auto
            self.next_auto += 1
            name = str(index)
        if name.isdigit():
            if int(name) >= len(self.positional):
                raise NotAQuery("missing format argument")
            return self.positional[int(name)]
        if not name.isidentifier() or name not in self.keywords:
            raise NotAQuery("format field with attribute or index")
        return self.keywords[name]


def _format_slots(units: List[Unit], node: cst.CSTNode, values: Optional[_TemplateValues]) -> List[Slot]:
    assert values is not None
    slots: List[Slot] = []
    i = 0
    while i < len(units):
        text = units[i].text
        if text in "{}" and text and i + 1 < len(units) and units[i + 1].text == text:
            slots.append(Unit(units[i].raw + units[i + 1].raw, text, escape=text))
            i += 2
            continue
        if text == "}":
            raise NotAQuery("single } in a format template")
        if text != "{":
            slots.append(units[i])
            i += 1
            continue
        end = i + 1
        while end < len(units) and units[end].text != "}":
            if units[end].text == "{":
                raise NotAQuery("nested format field")
            end += 1
        if end >= len(units):
            raise NotAQuery("unterminated format field")
        spec_text = "".join(u.text for u in units[i + 1:end])
        name, _, spec = spec_text.partition(":")
        name, _, conversion = name.partition("!")
        value = values.format_value(name)
        slots.append(_formatted_field(value, node, conversion, spec))
        i = end + 1
    return slots


def _percent_slots(units: List[Unit], node: cst.CSTNode, values: Optional[_TemplateValues]) -> List[Slot]:
    assert values is not None
    slots: List[Slot] = []
    i = 0
    while i < len(units):
        if units[i].text != "%":
            slots.append(units[i])
            i += 1
            continue
        # match the conversion on the evaluated text that follows
        rest = "".join(u.text for u in units[i:i + 40])
        match = _PERCENT_FIELD.match(rest)
        if match is None:
            raise NotAQuery("bad % field")
        length = len(match.group(0))
        consumed, taken = 0, i
        while consumed < length:
            consumed += len(units[taken].text)
            taken += 1
        if match.group("conv") == "%":
            slots.append(Unit("".join(u.raw for u in units[i:taken]), "%", escape="%"))
            i = taken
            continue
        value = values.percent_value(match.group("key"))
        conv = match.group("conv")
        plain = not (match.group("flags") or match.group("width") or match.group("precision"))
        if plain and conv == "s":
            how = "str"
        elif plain and conv in "diu":
            how = "int"
        elif "*" in (match.group("width") or "") + (match.group("precision") or ""):
            raise NotAQuery("% field with a * width")
        else:
            how = "formatted"
        spelled = "%" + (match.group("flags") or "") + (match.group("width") or "") + \
            ("." + match.group("precision") if match.group("precision") is not None else "") + conv
        slots.append(Field(value, how, node, detail=match.group(0), percent=spelled,
                           integer=how == "formatted" and conv in "diu"))
        i = taken
    if values.single is None and values.next_auto != len(values.positional):
        raise NotAQuery("unused % values")
    return slots


def _fstring_slots(node: cst.FormattedString) -> List[Slot]:
    slots: List[Slot] = []
    is_raw = "r" in node.prefix.lower()
    for part in node.parts:
        if isinstance(part, cst.FormattedStringText):
            units = split_body(part.value, is_raw)
            i = 0
            while i < len(units):
                text = units[i].text
                if text in ("{", "}") and i + 1 < len(units) and units[i + 1].text == text:
                    slots.append(Unit(units[i].raw + units[i + 1].raw, text, escape=text))
                    i += 2
                else:
                    slots.append(units[i])
                    i += 1
        else:
            assert isinstance(part, cst.FormattedStringExpression)
            if part.equal is not None:
                slots.append(Field(part.expression, "unsupported", part, detail="="))
                continue
            spec_parts = part.format_spec or ()
            if not all(isinstance(p, cst.FormattedStringText) and "\\" not in p.value for p in spec_parts):
                slots.append(Field(part.expression, "unsupported", part, detail=":{...}"))
                continue
            spec = "".join(p.value for p in spec_parts)  # type: ignore[union-attr]
            slots.append(_formatted_field(part.expression, part, part.conversion or "", spec))
    return slots


def _formatted_field(value: cst.BaseExpression, node: cst.CSTNode, conversion: str, spec: str) -> Field:
    """A ``{value!conversion:spec}`` field of an f-string or ``.format`` template."""
    if not spec and conversion in ("", "s"):
        return Field(value, "str", node)
    detail = ("!" + conversion if conversion else "") + (":" + spec if spec else "")
    if conversion not in ("", "s", "r", "a"):
        return Field(value, "unsupported", node, detail=detail)
    how = "int" if spec == "d" and not conversion else "formatted"
    integer = how == "formatted" and not conversion and _INTEGER_SPEC.match(spec) is not None
    return Field(value, how, node, detail=detail, conversion=conversion, spec=spec, integer=integer)


#: format specs that write int(value) in decimal, only padded with spaces (any
#: alignment) or zeros after the sign, or signed: ``5d``, ``05d``, ``+d``, ``>4d``.
#: Not a fill character (``x<5d``), nor ``0`` with an alignment (``<05d`` pads on the
#: right: 42000), nor grouping (``,d``).
_INTEGER_SPEC = re.compile(r"^(?:[+\- ]?0?\d*| ?[<>^=][+\- ]?(?:[1-9]\d*)?|=[+\- ]?0?\d*)d$")


def text_code(item: Field, code: str, certainly_str: bool) -> str:
    """Python code for exactly the text the original query inserted for ``item``,
    given the code of its value."""
    if item.how == "operand" or (item.how == "str" and certainly_str):
        return code
    if item.how == "str":
        return f"str({code})"
    if item.percent or (item.how == "int" and not item.spec):
        return f"{python_literal(item.percent or '%d')} % ({code},)"
    inner = {"r": f"repr({code})", "a": f"ascii({code})", "s": f"str({code})"}.get(item.conversion, code)
    return f"format({inner}, {python_literal(item.spec)})" if item.spec else inner


def python_literal(text: str) -> str:
    """``text`` as a Python string literal, double-quoted when it can be."""
    spelled = repr(text)
    if spelled[0] == "'" and '"' not in text:
        spelled = '"' + spelled[1:-1].replace("\\'", "'") + '"'
    return spelled


def flatten_query(expr: cst.BaseExpression, skip: Optional[cst.BaseExpression] = None) -> Query:
    """The query ``expr`` builds; raises NotAQuery for anything else."""
    if not _is_string_building(expr):
        raise NotAQuery(type(expr).__name__)
    builder = _Builder(skip)
    builder.expression(expr)
    return Query(expr, builder.pieces, builder.elements, builder.templates)


# -- writing back ---------------------------------------------------------------

@dataclass
class PieceEdit:
    """What happens to one piece: units dropped, text inserted before a slot (or at
    the end, key len(slots)), fields kept (as template fields)."""

    dropped: set = field(default_factory=set)
    inserted: Dict[int, str] = field(default_factory=dict)
    #: for a ``.format`` template whose kept fields share a value: id(value) -> the
    #: index of its argument (``{0}``), so that the value is still evaluated once.
    numbers: Dict[int, int] = field(default_factory=dict)
    #: id(value) of a kept field -> the expression that takes its place
    replaced: Dict[int, cst.BaseExpression] = field(default_factory=dict)


def render_piece(piece: Piece, edit: PieceEdit, double_percent: bool) -> cst.BaseExpression:
    """The literal for ``piece`` after ``edit``: a plain string when no template field
    remains, else a template of the same kind with its remaining fields."""
    kept_fields = [i for i, s in enumerate(piece.slots) if isinstance(s, Field) and i not in edit.dropped]
    stays_template = bool(kept_fields) and piece.kind in ("fstring", "format", "percent")
    #: a literal "%" of a ``%`` template that stays one is spelled "%%"
    template_percent = stays_template and piece.kind == "percent"
    out: List[Union[str, Field]] = []
    for index in range(len(piece.slots) + 1):
        if index in edit.inserted:
            out.append(edit.inserted[index].replace("%", "%%") if template_percent else edit.inserted[index])
        if index == len(piece.slots) or index in edit.dropped:
            continue
        slot = piece.slots[index]
        if isinstance(slot, Field):
            out.append(slot)
            continue
        if slot.escape == "%":
            out.append(("%%" if double_percent else "%") * (2 if template_percent else 1))
        elif slot.escape:
            out.append(slot.raw if stays_template else slot.text)
        elif slot.text == "%" and double_percent:
            out.append("%%")
        else:
            out.append(slot.raw)
    prefix = piece.prefix
    if piece.kind == "fstring":
        if not stays_template:
            plain_prefix = prefix.replace("f", "").replace("F", "")
            return cst.SimpleString(plain_prefix + piece.quote + "".join(_as_str(o) for o in out) + piece.quote)
        parts: List[cst.BaseFormattedStringContent] = []
        buffer = ""
        for item in out:
            if isinstance(item, Field):
                if buffer:
                    parts.append(cst.FormattedStringText(buffer))
                    buffer = ""
                assert isinstance(item.node, cst.FormattedStringExpression)
                replacement = edit.replaced.get(id(item.expr))
                parts.append(item.node if replacement is None else item.node.with_changes(expression=replacement))
            else:
                buffer += item
        if buffer:
            parts.append(cst.FormattedStringText(buffer))
        assert isinstance(piece.node, cst.FormattedString)
        return piece.node.with_changes(parts=parts)
    if stays_template:  # a template keeps its remaining fields ("{}" in order for .format)
        return cst.SimpleString(prefix + piece.quote + "".join(_kept_spelling(o, piece.kind, edit.numbers)
                                                               if isinstance(o, Field) else o for o in out) + piece.quote)
    return cst.SimpleString(prefix + piece.quote + "".join(_as_str(o) for o in out) + piece.quote)


def _kept_spelling(item: Field, kind: str, numbers: Dict[int, int]) -> str:
    """How a field that stays in a ``%`` or ``.format`` template is written."""
    if kind == "percent":
        return item.detail
    return "{" + str(numbers.get(id(item.expr), "")) + ("!" + item.conversion if item.conversion else "") + (":" + item.spec if item.spec else "") + "}"


def _as_str(item: Union[str, Field]) -> str:
    assert isinstance(item, str)
    return item


def python_string(text: str) -> Optional[Tuple[str, str]]:
    """(quote, body) spelling ``text`` as a plain Python string."""
    spelled = repr(text)
    return spelled[0], spelled[1:-1]


def literal_values(pieces: Sequence[Piece]) -> List[str]:
    return ["".join(s.text for s in p.slots if isinstance(s, Unit)) for p in pieces]
