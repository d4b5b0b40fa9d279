"""The sql-params plan (sinks, query fragments, binds) and how a planned fragment is
written back: placeholders in the literals, values removed from ``+`` chains and
templates, neighbouring literals merged, and the Python spelling of bound values
and parameter statements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst

from codemods.transforms.sql_params.sql import Analysis, Group
from codemods.transforms.sql_params.style import is_named
from codemods.transforms.sql_params.text import Field, PieceEdit, Query, python_literal, render_piece, text_code

_EMPTY = cst.Module([])


def _code(node: cst.CSTNode) -> str:
    return _EMPTY.code_for_node(node)


def _short(node: cst.CSTNode) -> str:
    text = " ".join(_code(node).split())
    return text if len(text) <= 40 else text[:37] + "..."


#: the nodes of the last whole module walked (the rewriter walks its module several
#: times; ``children`` is computed anew on every access, so one list is kept)
_MODULE_NODES: List[Tuple[cst.Module, List[cst.CSTNode]]] = []


def _walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Every node under ``node`` (itself first), in source order."""
    if isinstance(node, cst.Module):
        if not (_MODULE_NODES and _MODULE_NODES[0][0] is node):
            _MODULE_NODES[:] = [(node, list(_walk_nodes(node)))]
        return iter(_MODULE_NODES[0][1])
    return _walk_nodes(node)


def _walk_nodes(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


@dataclass
class Sink:
    call: cst.Call  # the call whose argument is the query
    kind: str  # dbapi | many | script | driver | raw | text | rawsql
    query: cst.BaseExpression
    params: Optional[cst.Arg]
    #: for text(): the execute() call that runs it directly, if any.
    runner: Optional[cst.Call] = None


@dataclass
class Fragment:
    query: Query
    kind: str  # inline | assign | augassign | return
    statement: Optional[cst.SimpleStatementLine] = None
    analysis: Optional[Analysis] = None
    binds: List["Bind"] = field(default_factory=list)


@dataclass
class Bind:
    group: Group
    value: str  # Python code of the bound value
    safe: bool
    hint_name: str
    node: cst.CSTNode
    expanding: bool = False
    #: an IN list on a DB-API driver: the code of the sequence whose items get one
    #: placeholder each (the value is ``*items``); the list's field stays, joining
    #: the placeholders.
    per_item: str = ""
    name: str = ""
    mark: str = ""
    fragment: Optional[Fragment] = None


@dataclass
class Problem:
    node: cst.CSTNode
    message: str
    hint: str
    #: False for a value that stays in place (an identifier, an ORDER BY direction)
    #: while the other values of the statement are bound.
    blocking: bool = True


_REMOVED = object()


def _mixed_value(content: Sequence[Union[str, int]], elements, provably_str) -> str:
    """A Python expression for the text of a quoted SQL string that mixes literal text
    and values: an f-string when it can spell it, else a concatenation."""
    parts: List[Union[str, Field]] = []
    for item in content:
        if isinstance(item, int):
            parts.append(elements[item].item)
        elif parts and isinstance(parts[-1], str):
            parts[-1] += item
        else:
            parts.append(item)
    texts = "".join(p for p in parts if isinstance(p, str))
    quote = "'" if '"' in texts and "'" not in texts else '"'
    fields = [p for p in parts if isinstance(p, Field)]
    codes = [_code(p.expr) for p in fields] + [p.spec for p in fields]
    if all(quote not in c and "\\" not in c and "\n" not in c and "#" not in c and not c.startswith("{") and "!" not in c
           and "{" not in c and "}" not in c for c in codes) and not any(p.percent for p in fields) \
            and not any(p.how == "int" and not p.spec for p in fields):
        body = ""
        for part in parts:
            if isinstance(part, Field):
                body += "{" + _code(part.expr) + ("!" + part.conversion if part.conversion else "") \
                    + (":" + part.spec if part.spec else "") + "}"
            else:
                spelled = repr(part)
                inner = spelled[1:-1]
                if spelled[0] != quote:
                    inner = inner.replace("\\" + spelled[0], spelled[0]).replace(quote, "\\" + quote)
                body += inner.replace("{", "{{").replace("}", "}}")
        return "f" + quote + body + quote
    pieces = []
    for part in parts:
        if isinstance(part, Field):
            pieces.append(text_code(part, _code(part.expr), provably_str(part.expr)))
        else:
            pieces.append(python_literal(part))
    return " + ".join(pieces)


def _placeholder_join(expr: cst.BaseExpression) -> bool:
    """``", ".join(["?"] * len(ids))``: one placeholder per item, as this codemod writes."""
    if not (isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "join"
            and len(expr.args) == 1 and isinstance(expr.func.value, cst.SimpleString)):
        return False
    product = expr.args[0].value
    return isinstance(product, cst.BinaryOperation) and isinstance(product.operator, cst.Multiply) \
        and isinstance(product.left, cst.List) and len(product.left.elements) == 1 \
        and isinstance(product.left.elements[0].value, cst.SimpleString) \
        and product.left.elements[0].value.evaluated_value in ("?", "%s") \
        and isinstance(product.right, cst.Call) and _code(product.right.func) == "len"


def _with_bindparams(text_call: cst.Call, arguments: Sequence[str]) -> cst.Call:
    code = _code(text_call) + ".bindparams(" + ", ".join(arguments) + ")"
    parsed = cst.parse_expression(code)
    assert isinstance(parsed, cst.Call)
    return parsed.with_changes(func=parsed.func.with_changes(value=text_call))  # type: ignore[union-attr]


def _param_statements(fragment: Fragment, params_name: str, style: str) -> List[str]:
    binds = fragment.binds
    if fragment.kind == "assign":
        if is_named(style):
            return [f"{params_name} = {{" + ", ".join(f'"{b.name}": {b.value}' for b in _distinct(binds)) + "}"]
        return [f"{params_name} = [" + ", ".join(b.value for b in binds) + "]"]
    if not binds:
        return []
    if is_named(style):
        return [f'{params_name}["{b.name}"] = {b.value}' for b in _distinct(binds)]
    if len(binds) == 1 and binds[0].value.startswith("*"):
        return [f"{params_name}.extend({binds[0].value[1:]})"]
    if len(binds) == 1:
        return [f"{params_name}.append({binds[0].value})"]
    return [f"{params_name}.extend([" + ", ".join(b.value for b in binds) + "])"]


def _distinct(binds: Sequence[Bind]) -> List[Bind]:
    seen, out = set(), []
    for b in binds:
        if b.name not in seen:
            seen.add(b.name)
            out.append(b)
    return out


def _rebuild(fragment: Fragment, percent: bool) -> cst.BaseExpression:
    """The fragment's expression with every bound group replaced by its placeholder."""
    query = fragment.query
    edits: Dict[int, PieceEdit] = {i: PieceEdit() for i in range(len(query.pieces))}
    removed_operands: Set[int] = set()
    elements = query.elements
    replaced: Dict[int, cst.BaseExpression] = {}
    for bind in fragment.binds:
        group = bind.group
        if bind.per_item:  # the list's field stays: it joins one placeholder per item
            element = elements[group.fields[0]]
            field_ = element.item
            assert isinstance(field_, Field)
            inside = query.pieces[element.piece] if element.piece is not None else None
            quote = "'" if inside is not None and inside.kind == "fstring" and '"' in inside.quote else '"'
            replaced[id(field_.expr)] = cst.parse_expression(
                f"{quote}, {quote}.join([{quote}{bind.mark}{quote}] * len({bind.per_item}))")
            if element.piece is not None:
                edits[element.piece].replaced[id(field_.expr)] = replaced[id(field_.expr)]
            continue
        for index in range(group.start, group.end + 1):
            element = elements[index]
            if element.piece is None:
                removed_operands.add(id(element.item.expr))  # type: ignore[union-attr]
            else:
                edits[element.piece].dropped.add(element.slot)
        anchor = elements[group.start]
        if anchor.piece is not None:
            _insert(edits[anchor.piece], anchor.slot, bind.mark)
            continue
        before = [e for e in elements[:group.start] if e.piece is not None]
        after = [e for e in elements[group.end + 1:] if e.piece is not None]
        if before:
            _insert(edits[before[-1].piece], before[-1].slot + 1, bind.mark)  # type: ignore[index]
        else:
            _insert(edits[after[0].piece], after[0].slot, bind.mark, front=True)  # type: ignore[index]
    for template in query.templates.values():
        if isinstance(template, cst.Call):  # "...".format(...): kept fields sharing a value keep sharing it
            values = _kept_values(_kept_fields(query, edits, template.func))
            if len(values) < len(_kept_fields(query, edits, template.func)):
                numbers = {id(v): n for n, v in enumerate(values)}
                for index, piece in enumerate(query.pieces):
                    if _inside(piece.node, template.func):
                        edits[index].numbers = numbers
    rendered = {id(p.node): render_piece(p, edits[i], percent) for i, p in enumerate(query.pieces)}
    return _rebuild_node(query.expr, query, rendered, removed_operands, edits, replaced)  # type: ignore[return-value]


def _insert(edit: PieceEdit, slot: int, text: str, front: bool = False) -> None:
    current = edit.inserted.get(slot, "")
    edit.inserted[slot] = text + current if front else current + text


def _rebuild_node(node, query: Query, rendered, removed: Set[int], edits, replaced=None):
    replaced = replaced if replaced is not None else {}
    if id(node) in replaced:
        return replaced[id(node)].with_changes(lpar=node.lpar, rpar=node.rpar)
    if id(node) in removed:
        return _REMOVED
    if id(node) in rendered:
        return rendered[id(node)]
    if isinstance(node, cst.ConcatenatedString):
        left = _rebuild_node(node.left, query, rendered, removed, edits, replaced)
        right = _rebuild_node(node.right, query, rendered, removed, edits, replaced)
        if _is_empty(right):
            return _with_parens(left, node)
        if _is_empty(left):
            return _with_parens(right, node)
        return node.with_changes(left=left, right=right)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        left = _rebuild_node(node.left, query, rendered, removed, edits, replaced)
        right = _rebuild_node(node.right, query, rendered, removed, edits, replaced)
        if left is _REMOVED or _is_empty(left) and right is not _REMOVED:
            return _REMOVED if right is _REMOVED else _with_parens(right, node)
        if right is _REMOVED or _is_empty(right):
            return _with_parens(left, node)
        separator = _code(node.operator)
        if "\n" not in separator and "#" not in separator:
            merged = _join(left, right)
            if merged is not None:
                return _with_parens(merged, node)
            if isinstance(left, cst.BinaryOperation) and isinstance(left.operator, cst.Add) and not left.lpar:
                merged = _join(left.right, right)
                if merged is not None:
                    return _with_parens(left.with_changes(right=merged), node)
        return node.with_changes(left=left, right=right)
    if id(node) not in query.templates:
        return node  # a value left in place
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        template = _rebuild_node(node.left, query, rendered, removed, edits, replaced)
        kept = _kept_fields(query, edits, node.left)
        if not kept:
            return _with_parens(template, node)
        return node.with_changes(left=template, right=_kept_percent_values(node.right, kept, replaced))
    if isinstance(node, cst.Call):  # "...".format(...)
        assert isinstance(node.func, cst.Attribute)
        template = _rebuild_node(node.func.value, query, rendered, removed, edits, replaced)
        kept = _kept_fields(query, edits, node.func.value)
        if not kept:
            return _with_parens(template, node)
        return node.with_changes(func=node.func.with_changes(value=template),
                                 args=_kept_format_args(node, _kept_values(kept), replaced))
    return node


def _kept_fields(query: Query, edits, template: cst.CSTNode) -> List[Field]:
    """The fields of a ``%`` or ``.format`` template that stay in it (not bound)."""
    kept: List[Field] = []
    for index, piece in enumerate(query.pieces):
        if _inside(piece.node, template):
            kept.extend(s for i, s in enumerate(piece.slots) if isinstance(s, Field) and i not in edits[index].dropped)
    return kept


def _kept_format_args(call: cst.Call, values: Sequence[cst.BaseExpression], replaced) -> List[cst.Arg]:
    """The arguments of a ``.format`` call that keeps ``values`` (positional now: the
    template spells them ``{}``), keeping the original arguments' layout and the
    layout before the closing parenthesis."""
    originals = {id(a.value): a for a in call.args}
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    args: List[cst.Arg] = []
    for value in values:
        new_value = replaced.get(id(value), value)
        original = originals.get(id(value))
        arg = cst.Arg(new_value) if original is None else original.with_changes(
            value=new_value, keyword=None, equal=cst.MaybeSentinel.DEFAULT)
        args.append(arg if isinstance(arg.comma, cst.Comma) else arg.with_changes(comma=comma))
    last = call.args[-1]
    args[-1] = args[-1].with_changes(comma=last.comma, whitespace_after_arg=last.whitespace_after_arg)
    return args


def _kept_values(kept: Sequence[Field]) -> List[cst.BaseExpression]:
    """The distinct values of kept template fields, in order."""
    values: List[cst.BaseExpression] = []
    for f in kept:
        if not any(v is f.expr for v in values):
            values.append(f.expr)
    return values


def _kept_percent_values(right: cst.BaseExpression, kept: Sequence[Field], replaced) -> cst.BaseExpression:
    """The right operand of a ``%`` template that keeps only the ``kept`` fields."""
    used = {id(f.expr) for f in kept}

    def code(node):
        return _code(replaced.get(id(node), node))

    if isinstance(right, cst.Tuple):
        codes = [code(e.value) for e in right.elements if isinstance(e, cst.Element) and id(e.value) in used]
        return cst.parse_expression("(" + ", ".join(codes) + ("," if len(codes) == 1 else "") + ")")
    if isinstance(right, cst.Dict):
        entries = [_code(e.key) + ": " + code(e.value) for e in right.elements
                   if isinstance(e, cst.DictElement) and id(e.value) in used]
        return cst.parse_expression("{" + ", ".join(entries) + "}")
    if id(right) in replaced:
        return cst.parse_expression("(" + code(right) + ")") if not isinstance(replaced[id(right)], cst.Call) \
            else replaced[id(right)]
    return right  # one value, kept


def _inside(piece_node: cst.CSTNode, container: cst.CSTNode) -> bool:
    return any(n is piece_node for n in _walk(container))


def _is_empty(node) -> bool:
    return isinstance(node, cst.SimpleString) and not node.lpar and node.value[len(node.prefix):] in ('""', "''", '""""""', "''''''")


def _join(left, right) -> Optional[cst.BaseExpression]:
    """``left`` and ``right`` as one literal expression, merging the two strings that
    meet (the last of ``left`` and the first of ``right``), or None."""
    left_strings, left_spaces = _concat_parts(left)
    right_strings, right_spaces = _concat_parts(right)
    merged = _merge(left_strings[-1], right_strings[0])
    if merged is None:
        return None
    strings = left_strings[:-1] + [merged] + right_strings[1:]
    spaces = left_spaces + right_spaces
    node = strings[-1]
    for string, space in zip(reversed(strings[:-1]), reversed(spaces)):
        node = cst.ConcatenatedString(left=string, right=node, whitespace_between=space)
    return node


def _concat_parts(node):
    if isinstance(node, cst.ConcatenatedString) and not node.lpar:
        left_strings, left_spaces = _concat_parts(node.left)
        right_strings, right_spaces = _concat_parts(node.right)
        return left_strings + right_strings, left_spaces + [node.whitespace_between] + right_spaces
    return [node], []


def _merge(left, right) -> Optional[cst.SimpleString]:
    if not (isinstance(left, cst.SimpleString) and isinstance(right, cst.SimpleString)):
        return None
    if left.lpar or right.lpar or left.prefix.lower() != right.prefix.lower() or left.quote != right.quote:
        return None
    body_left = left.value[len(left.prefix) + len(left.quote):-len(left.quote)]
    body_right = right.value[len(right.prefix) + len(right.quote):-len(right.quote)]
    return cst.SimpleString(left.prefix + left.quote + body_left + body_right + left.quote)


def _with_parens(result, original):
    if result is _REMOVED or not original.lpar:
        return result
    return result.with_changes(lpar=list(original.lpar) + list(result.lpar), rpar=list(result.rpar) + list(original.rpar))
