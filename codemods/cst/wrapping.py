"""Fit what a fix lengthened into the project's line length.

A rewriter that makes a ``def`` header or a call longer hands the original node (its
position in the current text) and the new one to a :class:`LineFitter`, which
returns the new node unchanged when every line it spans fits, and otherwise laid
out again:

* when black or ruff format lays the project out (``StyleSettings.formatted``), the
  way they would: everything on one indented line between the brackets when that
  fits (black's right-hand split), else one element per line with a trailing comma
  (the "magic trailing comma" layout, also taken whenever the original already had
  a trailing comma);
* otherwise in the file's own continuation style (pycodestyle E12x clean): aligned
  with the opening bracket, packing as many elements per line as fit, when the
  file's continuation lines are mostly aligned; else a hanging indent laid out as
  above.

Lines that were already too long before the fix are left alone (not the fix's
business), as is anything with a comment between the brackets or an element
spanning lines (re-laying it out could move a comment or change a string). String
literals are never split: an element that cannot fit stays whole on its own line.
"""

from __future__ import annotations

import io
import tokenize
from typing import List, Optional, Sequence, Tuple

import libcst as cst

from codemods.style.settings import StyleSettings

INDENT = "    "  # one continuation level (black's, ruff's, PEP 8's)
_OPENING, _CLOSING = "([{", ")]}"


class LineFitter:
    """One module's line length, formatter and continuation style, and the
    original lines fixes are measured against (read lazily: most files never
    need them)."""

    def __init__(self, module: cst.Module, style: Optional[StyleSettings]) -> None:
        self.module = module
        self.style = style if style is not None else StyleSettings()
        self.width = self.style.line_length
        self._lines: Optional[List[str]] = None
        self._continuation: Optional[str] = None
        self._vararg_comma: Optional[bool] = None

    # --- facts about the original text ------------------------------------------------------

    @property
    def lines(self) -> List[str]:
        if self._lines is None:
            self._lines = self.module.code.splitlines()
        return self._lines

    def too_long(self, line: str) -> bool:
        return len(line) > self.width

    def any_too_long(self, first: int, last: int) -> bool:
        """Whether a line of the original text from ``first`` to ``last`` (1-based) is over the limit."""
        return any(self.too_long(line) for line in self.lines[first - 1:last])

    @property
    def continuation(self) -> str:
        """``aligned`` or ``hanging``: how the file's own bracketed continuation lines are indented."""
        if self._continuation is None:
            self._continuation = continuation_style(self.module.code)
        return self._continuation

    def vararg_comma(self) -> bool:
        """Whether an exploded ``def`` gets a trailing comma after ``*args``/``**kwargs``:
        ruff format and black (26: measured, whatever syntax the file uses) add it; in
        the file's own style it is left out (a syntax error before Python 3.6)."""
        return self.style.formatted

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    # --- def headers ---------------------------------------------------------------------------

    def fit_def(self, original: cst.FunctionDef, updated: cst.FunctionDef, line: int, column: int) -> cst.FunctionDef:
        """``updated`` with its header laid out to fit, when the fix made it too long.
        ``line``/``column``: where ``original``'s ``def`` (or ``async``) starts."""
        if updated.type_parameters is not None if hasattr(updated, "type_parameters") else False:
            return updated
        old_header = self._header(original)
        old_lines = old_header.split("\n")
        first = line
        last = line + len(old_lines) - 1
        if last > len(self.lines):
            return updated
        already_long = self.any_too_long(first, last)  # then only a layout that fits is worth it
        indent = self.lines[first - 1][:column]
        if indent.strip():
            return updated  # not at the start of its line (``if x: def``... cannot happen; be safe)
        source_last = self.lines[last - 1]
        rendered_last = indent + old_lines[-1]  # continuation lines are relative to the def's indentation
        if not source_last.startswith(rendered_last):
            return updated  # the text is not what we think it is: leave it
        suffix = source_last[len(rendered_last):]  # a comment, or the body of ``def f(): pass``
        new_header = self._header(updated)
        new_lines = [indent + text for text in new_header.split("\n")]
        new_lines[-1] += suffix
        if not any(self.too_long(text) for text in new_lines):
            return updated
        params = updated.params
        if _has_comment(params) or (updated.returns is not None and _has_comment(updated.returns)):
            return updated
        atoms = self._param_atoms(params)
        if not atoms or any("\n" in text for text, _ in atoms):
            return updated
        head = ("async " if updated.asynchronous is not None else "") + "def " + updated.name.value + "("
        tail = ")"
        if updated.returns is not None:
            returns = self.code(updated.returns.annotation).strip()
            if "\n" in returns:
                return updated
            tail += " -> " + returns
        tail += ":" + suffix
        magic = _last_has_comma(params)
        vararg_last = atoms[-1][1]
        comma_last = not vararg_last or self.vararg_comma()
        layout = self._layout(indent, head, [text for text, _ in atoms], tail, magic=magic,
                              comma_last=comma_last, single_hugs=False)
        if layout is None or (already_long and any(self.too_long(text) for text in layout)):
            return updated
        relative = [text[len(indent):] for text in layout]
        if suffix:
            relative[-1] = relative[-1][: -len(suffix)]
        try:
            parsed = cst.parse_statement("\n".join(relative) + "\n" + INDENT + "pass\n", self.module.config_for_parsing)
        except cst.ParserSyntaxError:
            return updated
        if not isinstance(parsed, cst.FunctionDef):
            return updated
        return updated.with_changes(
            params=parsed.params, whitespace_before_params=parsed.whitespace_before_params,
            whitespace_after_def=parsed.whitespace_after_def, whitespace_after_name=parsed.whitespace_after_name,
            returns=parsed.returns, whitespace_before_colon=parsed.whitespace_before_colon)

    def _header(self, node: cst.FunctionDef) -> str:
        """The header's code from ``def`` (or ``async``) through the colon (continuation
        lines relative to the def's own indentation)."""
        bare = node.with_changes(
            decorators=(), leading_lines=(), lines_after_decorators=(),
            body=cst.SimpleStatementSuite(body=[cst.Pass()], leading_whitespace=cst.SimpleWhitespace("")))
        code = self.code(bare).rstrip("\r\n")
        assert code.endswith("pass")
        return code[: -len("pass")].replace("\r\n", "\n")

    def _param_atoms(self, params: cst.Parameters) -> List[Tuple[str, bool]]:
        """(code, is *args/**kwargs) of every parameter, in order, with ``/`` and ``*`` markers."""
        atoms: List[Tuple[str, bool]] = []

        def add(param: cst.CSTNode, vararg: bool = False) -> None:
            if isinstance(param, cst.Param):
                param = param.with_changes(comma=cst.MaybeSentinel.DEFAULT,
                                           whitespace_after_param=cst.SimpleWhitespace(""))
                atoms.append((self.code(param).strip(), vararg))
            elif isinstance(param, cst.ParamStar):
                atoms.append(("*", False))
            elif isinstance(param, cst.ParamSlash):
                atoms.append(("/", False))

        for param in params.posonly_params:
            add(param)
        if isinstance(params.posonly_ind, cst.ParamSlash):
            add(params.posonly_ind)
        elif params.posonly_params:
            atoms.append(("/", False))
        for param in params.params:
            add(param)
        if isinstance(params.star_arg, cst.Param):
            add(params.star_arg, vararg=True)
        elif isinstance(params.star_arg, cst.ParamStar):
            add(params.star_arg)
        for param in params.kwonly_params:
            add(param)
        if params.star_kwarg is not None:
            add(params.star_kwarg, vararg=True)
        return atoms

    # --- calls -----------------------------------------------------------------------------

    def fit_statement_calls(self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine,
                            line: int, column: int, changed: Sequence[cst.CSTNode]) -> cst.SimpleStatementLine:
        """``updated`` (a statement a fix changed; ``original`` starts at ``line``/``column``)
        with a call around the fix's ``changed`` nodes (nodes of ``updated``) laid out to
        fit, when a line became too long: the outermost such call whose layout fits (the
        one black splits first), else the outermost one (its arguments on the next lines:
        a string longer than the line stays whole)."""
        old_code = self.code(original.with_changes(leading_lines=()))
        old_count = old_code.rstrip("\r\n").count("\n") + 1
        if line + old_count - 1 > len(self.lines):
            return updated
        already_long = self.any_too_long(line, line + old_count - 1)
        indent = self.lines[line - 1][:column]
        if indent.strip():
            return updated
        statement = updated.with_changes(leading_lines=())
        targets = {id(node) for node in changed}
        candidates = [call for call in _outermost_first(statement) if isinstance(call, cst.Call)
                      and _contains_any(call, targets)]
        if self.style.formatted:
            # The formatter lays out the whole statement again: its layout of the changed
            # call is the only one its check accepts, too long before or not.
            for call in candidates:
                if not call.args:
                    continue  # ``.fetchall()``: the formatter splits the call before it
                replacement = self._fit_call(statement, call, indent)
                if replacement is not None:
                    fitted = statement.deep_replace(call, replacement)
                    if isinstance(fitted, cst.SimpleStatementLine) and self.code(fitted) != self.code(statement):
                        return fitted.with_changes(leading_lines=updated.leading_lines)
                break
            else:
                return self._fit_value(statement, indent, targets, updated)
            return updated
        if not any(self.too_long(text) for text in self.statement_lines(statement, indent)):
            return updated
        fallback = None
        for call in candidates:
            replacement = self._fit_call(statement, call, indent)
            if replacement is None:
                continue
            fitted = statement.deep_replace(call, replacement)
            if not isinstance(fitted, cst.SimpleStatementLine):
                continue
            if not any(self.too_long(text) for text in self.statement_lines(fitted, indent)):
                return fitted.with_changes(leading_lines=updated.leading_lines)
            if fallback is None:
                fallback = fitted
        if fallback is None or already_long:
            return updated
        return fallback.with_changes(leading_lines=updated.leading_lines)

    def _fit_value(self, statement: cst.SimpleStatementLine, indent: str, targets: set,
                   updated: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
        """The formatter's layout of a changed string or ``+`` chain assigned or returned
        (``sql = (...)``, ``return (...)``): on the line when it fits there (its redundant
        parentheses go), else alone inside parentheses, else one operand per line."""
        if len(statement.body) != 1:
            return updated
        small = statement.body[0]
        if isinstance(small, (cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Return)) and small.value is not None:
            value = small.value
        else:
            return updated
        if isinstance(small, cst.Assign) and len(small.targets) != 1:
            return updated
        if not _contains_any(value, targets) or not isinstance(
                value, (cst.SimpleString, cst.BinaryOperation, cst.BooleanOperation)) or _has_comment(value):
            return updated
        flat = _flat(value.with_changes(lpar=[], rpar=[]))
        if flat is None:
            return updated
        marked = statement.deep_replace(value, cst.Name("__codemods_value_here__"))
        if not isinstance(marked, cst.SimpleStatementLine):
            return updated
        text = self.code(marked).rstrip("\r\n").replace("\r\n", "\n")
        if text.count("__codemods_value_here__") != 1 or "\n" in text:
            return updated
        before, _, after = text.partition("__codemods_value_here__")
        code = self.code(flat)
        inner = indent + INDENT
        if not self.too_long(indent + before + code + after):
            lines = [code]
        elif not self.too_long(inner + code):
            lines = ["(", INDENT + code, ")"]
        elif isinstance(flat, (cst.BinaryOperation, cst.BooleanOperation)) and _chain(flat) is not None:
            operands = _chain(flat)
            lines = ["(", INDENT + self.code(operands[0][1])]
            lines.extend(INDENT + operator + " " + self.code(operand) for operator, operand in operands[1:])
            lines.append(")")
        else:
            lines = [code]
        try:
            parsed = cst.parse_expression("\n".join(lines), self.module.config_for_parsing)
        except cst.ParserSyntaxError:
            return updated
        fitted = statement.deep_replace(value, parsed)
        if not isinstance(fitted, cst.SimpleStatementLine) or self.code(fitted) == self.code(statement):
            return updated
        return fitted.with_changes(leading_lines=updated.leading_lines)

    def statement_lines(self, statement: cst.SimpleStatementLine, indent: str) -> List[str]:
        """The statement's lines as the file will hold them (a node's code is relative
        to its indent; leading blank and comment lines are not its own)."""
        code = self.code(statement.with_changes(leading_lines=())).rstrip("\r\n").replace("\r\n", "\n")
        return [indent + text for text in code.split("\n")]

    def _fit_call(self, statement: cst.SimpleStatementLine, call: cst.Call, indent: str) -> Optional[cst.Call]:
        if not call.args or _has_comment(call):
            return None
        # Where the call sits: render the statement with the call's parentheses marked.
        marked = statement.deep_replace(call, cst.Name("__codemods_call_here__"))
        if not isinstance(marked, cst.SimpleStatementLine):
            return None
        text = self.code(marked).rstrip("\r\n").replace("\r\n", "\n")
        if text.count("__codemods_call_here__") != 1 or "\n" in text:
            return None  # only a call on a one-line statement is laid out again
        before, _, after = text.partition("__codemods_call_here__")
        if self.style.formatted and _open_brackets(before):
            return None  # inside another bracket: the formatter splits that one first
        if call.lpar or call.rpar:
            return None
        if self.style.formatted:
            flat = _flat(call)
            if not isinstance(flat, cst.Call):
                return None
            layout = self._formatter_expression(indent + before, flat, indent, after)
            relative = [text[len(indent):] for text in layout]
            relative[0] = relative[0][len(before):]
            if after:
                relative[-1] = relative[-1][: -len(after)]
            try:
                parsed = cst.parse_expression("\n".join(relative), self.module.config_for_parsing)
            except cst.ParserSyntaxError:
                return None
            return parsed if isinstance(parsed, cst.Call) else None
        func = self.code(call.func).strip()
        if "\n" in func:
            return None
        head = indent + before + func + "("
        tail = ")" + after
        atoms = []
        for arg in call.args:
            code = self.code(arg.with_changes(comma=cst.MaybeSentinel.DEFAULT,
                                              whitespace_after_arg=cst.SimpleWhitespace(""))).strip()
            if "\n" in code:
                return None
            atoms.append(code)
        layout = self._layout(indent, head, atoms, tail, magic=_last_arg_has_comma(call), comma_last=True,
                              single_hugs=True)
        if layout is None:
            return None
        # the call's own text, continuation lines relative to the statement's indentation
        relative = [text[len(indent):] for text in layout]
        relative[0] = relative[0][len(before):]
        if after:
            relative[-1] = relative[-1][: -len(after)]
        try:
            parsed = cst.parse_expression("\n".join(relative), self.module.config_for_parsing)
        except cst.ParserSyntaxError:
            return None
        if not isinstance(parsed, cst.Call):
            return None
        return call.with_changes(args=parsed.args, whitespace_before_args=parsed.whitespace_before_args)

    # --- layouts ---------------------------------------------------------------------------

    def _formatter_bracket(self, head: str, elements: List[Tuple[str, cst.BaseExpression]], indent: str,
                           tail: str, *, magic: bool, comma_last: bool, single_hugs: bool) -> List[str]:
        """black's (and ruff format's) lines for ``head`` + elements + ``tail`` (``head``
        ends with the opening bracket): all on the head line, else the elements on one
        indented line, else one per line (a trailing comma after the last), an element
        that still does not fit split again the same way (calls at their last bracket,
        ``+``/``and`` chains before each operator)."""
        inner = indent + INDENT
        texts = [prefix + self.code(value) for prefix, value in elements]
        one_line = head + ", ".join(texts) + tail
        magic = magic or any(_has_magic_comma(value) for _, value in elements)
        if not magic and not self.too_long(one_line):
            return [one_line]
        hug = inner + ", ".join(texts)
        if not magic and (len(texts) > 1 or single_hugs) and not self.too_long(hug):
            return [head, hug, indent + tail]
        lines = [head]
        if len(elements) == 1 and single_hugs and not magic:
            lines.extend(self._formatter_expression(inner + elements[0][0], elements[0][1], inner, ""))
        else:
            for index, (prefix, value) in enumerate(elements):
                last = index == len(elements) - 1
                lines.extend(self._formatter_expression(inner + prefix, value, inner,
                                                        "," if not last or comma_last else ""))
        lines.append(indent + tail)
        return lines

    def _formatter_expression(self, prefix: str, value: cst.BaseExpression, indent: str,
                              trailing: str) -> List[str]:
        """black's lines for ``prefix`` + ``value`` + ``trailing`` (``value`` already on one
        line; ``indent`` is the line's own): unchanged when it fits; else split at the last
        call of a trailer chain whose line up to its opening bracket fits (``a(x).b(y)``:
        at ``b(`` first, then at ``a(``); inside brackets, a ``+``/``and`` chain goes one
        operand per line, the operator first."""
        code = self.code(value)
        line = prefix + code + trailing
        if not self.too_long(line) and not _has_magic_comma(value):
            return [line]
        chain: List[cst.Call] = []
        node: cst.CSTNode = value
        while not getattr(node, "lpar", ()):
            if isinstance(node, cst.Call):
                chain.append(node)
                node = node.func
            elif isinstance(node, (cst.Attribute, cst.Subscript)):
                node = node.value
            else:
                break
        for call in chain:
            call_code = self.code(call)
            if not call.args or not code.startswith(call_code):
                continue
            head = prefix + self.code(call.func) + "("
            if self.too_long(head):
                continue
            elements = [(_star(arg), arg.value) for arg in call.args]
            tail = ")" + code[len(call_code):] + trailing
            lines = self._formatter_bracket(head, elements, indent, tail, magic=_last_arg_has_comma(call),
                                            comma_last=True, single_hugs=True)
            if call is not value and len(lines) > 1 and lines[-1] == indent + tail and self.too_long(lines[-1]):
                # the rest of the chain (``).b(y)``) is split again the same way; ``_`` holds the
                # place of the closing bracket (same width)
                rest = value.deep_replace(call, cst.Name("_"))
                if isinstance(rest, cst.BaseExpression):
                    again = self._formatter_expression(indent, rest, indent, trailing)
                    if again[0].startswith(indent + "_"):
                        again[0] = indent + ")" + again[0][len(indent) + 1:]
                        lines[-1:] = again
            return lines
        if not prefix.strip() and isinstance(value, (cst.BinaryOperation, cst.BooleanOperation)) and not value.lpar:
            operands = _chain(value)
            if operands is not None:
                lines = [indent + self.code(operands[0][1])]
                lines.extend(indent + operator + " " + self.code(operand) for operator, operand in operands[1:])
                lines[-1] += trailing
                return lines
        return [line]

    def _layout(self, indent: str, head: str, atoms: List[str], tail: str, *, magic: bool, comma_last: bool,
                single_hugs: bool) -> Optional[List[str]]:
        """Lines (absolute) for ``head`` + the elements + ``tail``: black's layout of a def
        header (split at its first bracket), or the file's own continuation style.
        ``single_hugs``: one element may sit alone on the indented line without a
        trailing comma (calls; black adds one to a lone def parameter)."""
        if not head.startswith(indent):
            head = indent + head
        inner = indent + INDENT
        if not self.style.formatted and self.continuation == "aligned" and not magic:
            aligned = self._aligned(head, atoms, tail)
            if aligned is not None:
                return aligned
        hug = inner + ", ".join(atoms)
        if not magic and (len(atoms) > 1 or single_hugs) and not self.too_long(hug) \
                and not self.too_long(indent + tail):
            return [head, hug, indent + tail]
        exploded = [head]
        for index, atom in enumerate(atoms):
            last = index == len(atoms) - 1
            exploded.append(inner + atom + ("," if not last or comma_last else ""))
        exploded.append(indent + tail)
        return exploded

    def _aligned(self, head: str, atoms: List[str], tail: str) -> Optional[List[str]]:
        """Elements packed after the opening bracket, continuation lines aligned with it
        (None when even that leaves a line too long)."""
        column = len(head)
        lines: List[str] = []
        current = head
        for index, atom in enumerate(atoms):
            piece = atom + (tail if index == len(atoms) - 1 else ",")
            if current == head:
                current = head + piece
                continue
            candidate = current + " " + piece
            if self.too_long(candidate):
                lines.append(current)
                current = " " * column + piece
            else:
                current = candidate
        lines.append(current)
        if any(self.too_long(text) for text in lines):
            return None
        return lines


# --- helpers -------------------------------------------------------------------------------


def _open_brackets(code: str) -> int:
    """How many brackets ``code`` (the start of a line of Python) leaves open."""
    depth = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.OP and token.string in _OPENING:
                depth += 1
            elif token.type == tokenize.OP and token.string in _CLOSING:
                depth -= 1
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return depth


def _star(arg: cst.Arg) -> str:
    return arg.star + (arg.keyword.value + "=" if arg.keyword is not None else "")


class _Flatten(cst.CSTTransformer):
    """Every line break between brackets becomes the space (or nothing) a one-line
    layout has there: what the formatter sees before it splits a line again."""

    _NO_SPACE = {(cst.Call, "whitespace_before_args"), (cst.Arg, "whitespace_after_arg"),
                 (cst.Comma, "whitespace_before"), (cst.LeftParen, "whitespace_after"),
                 (cst.RightParen, "whitespace_before"), (cst.LeftSquareBracket, "whitespace_after"),
                 (cst.RightSquareBracket, "whitespace_before"), (cst.LeftCurlyBrace, "whitespace_after"),
                 (cst.RightCurlyBrace, "whitespace_before"), (cst.Dot, "whitespace_before"),
                 (cst.Dot, "whitespace_after"), (cst.DictElement, "whitespace_before_colon"),
                 (cst.Attribute, "whitespace_after_dot")}

    def on_leave(self, original_node, updated_node):
        changes = {}
        for name in getattr(updated_node, "__dataclass_fields__", {}):
            value = getattr(updated_node, name, None)
            if isinstance(value, cst.ParenthesizedWhitespace):
                no_space = (type(updated_node), name) in self._NO_SPACE
                changes[name] = cst.SimpleWhitespace("" if no_space else " ")
        return updated_node.with_changes(**changes) if changes else updated_node


def _flat(node: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """``node`` on one line, or None when that would lose a comment or meet a
    collection with a trailing comma (the formatter keeps those exploded), a
    multi-line string, or a backslash continuation."""
    for inner in _outermost_first(node):
        if isinstance(inner, cst.Comment):
            return None
        if isinstance(inner, cst.Comma) and _last_comma(node, inner) is inner:
            return None  # a collection's magic trailing comma (a call's is honoured by the layout)
        if isinstance(inner, (cst.SimpleString, cst.FormattedString)) and "\n" in cst.Module([]).code_for_node(inner):
            return None
    flat = node.visit(_Flatten())
    return flat if "\n" not in cst.Module([]).code_for_node(flat) and "\\\n" not in "" else None


def _has_magic_comma(node: cst.CSTNode) -> bool:
    """Whether a call in ``node`` ends its arguments with a comma (the formatter keeps it exploded)."""
    return any(isinstance(inner, cst.Call) and _last_arg_has_comma(inner) for inner in _outermost_first(node))


def _last_comma(root: cst.CSTNode, comma: cst.Comma) -> Optional[cst.Comma]:
    """``comma`` when it is a trailing comma (the last element's, before a closing bracket)."""
    for node in _outermost_first(root):
        elements = None
        if isinstance(node, (cst.Tuple, cst.List, cst.Set, cst.Dict)):
            elements = node.elements
        elif isinstance(node, cst.Subscript):
            elements = node.slice
        if elements and getattr(elements[-1], "comma", None) is comma:
            if isinstance(node, cst.Tuple) and len(elements) == 1:
                return None  # ``(x,)``: the comma makes the tuple
            return comma
    return None


def _chain(node: cst.BaseExpression) -> Optional[List[Tuple[str, cst.BaseExpression]]]:
    """``a + b - c`` as [("", a), ("+", b), ("-", c)]: the operands of one priority."""
    if isinstance(node, cst.BinaryOperation):
        kind = _PRIORITY.get(type(node.operator))
        if kind is None:
            return None
        left = node.left
        operands = _chain(left) if isinstance(left, cst.BinaryOperation) and not left.lpar \
            and _PRIORITY.get(type(left.operator)) == kind else [("", left)]
        if operands is None:
            return None
        return [*operands, (cst.Module([]).code_for_node(node.operator).strip(), node.right)]
    if isinstance(node, cst.BooleanOperation):
        left = node.left
        operands = _chain(left) if isinstance(left, cst.BooleanOperation) and not left.lpar \
            and type(left.operator) is type(node.operator) else [("", left)]
        if operands is None:
            return None
        return [*operands, (cst.Module([]).code_for_node(node.operator).strip(), node.right)]
    return None


_PRIORITY = {cst.Add: "arith", cst.Subtract: "arith", cst.Multiply: "term", cst.Divide: "term",
             cst.FloorDivide: "term", cst.Modulo: "term", cst.MatrixMultiply: "term"}


def _outermost_first(node: cst.CSTNode) -> List[cst.CSTNode]:
    found: List[cst.CSTNode] = []
    stack = [node]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(reversed(current.children))
    return found


def _contains_any(node: cst.CSTNode, targets: set) -> bool:
    return any(id(inner) in targets for inner in _outermost_first(node))


def _has_comment(node: cst.CSTNode) -> bool:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Comment):
            return True
        stack.extend(current.children)
    return False


def _last_has_comma(params: cst.Parameters) -> bool:
    ordered: List[cst.CSTNode] = [*params.posonly_params]
    if isinstance(params.posonly_ind, cst.ParamSlash):
        ordered.append(params.posonly_ind)
    ordered.extend(params.params)
    if isinstance(params.star_arg, (cst.Param, cst.ParamStar)):
        ordered.append(params.star_arg)
    ordered.extend(params.kwonly_params)
    if params.star_kwarg is not None:
        ordered.append(params.star_kwarg)
    return bool(ordered) and isinstance(getattr(ordered[-1], "comma", None), cst.Comma)


def _last_arg_has_comma(call: cst.Call) -> bool:
    return bool(call.args) and isinstance(call.args[-1].comma, cst.Comma)


def continuation_style(source: str) -> str:
    """``aligned`` when more bracketed continuation lines of ``source`` line up with the
    character after their opening bracket (PEP 8's first style) than follow a bracket
    ending its line (a hanging indent), else ``hanging``."""
    aligned = hanging = 0
    open_at: List[List] = []  # [row, column, something follows it on its row, counted]
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return "hanging"
    previous_row = 0
    for token in tokens:
        kind, text, (row, column) = token.type, token.string, token.start
        if kind in (tokenize.NL, tokenize.COMMENT, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            continue
        if row != previous_row and open_at and open_at[-1][0] < row and not open_at[-1][3]:
            bracket = open_at[-1]
            bracket[3] = True
            if not bracket[2]:
                hanging += 1
            elif column == bracket[1] + 1:
                aligned += 1
        elif open_at and open_at[-1][0] == row:
            open_at[-1][2] = True
        if kind == tokenize.OP and text in _OPENING:
            open_at.append([row, column, False, False])
        elif kind == tokenize.OP and text in _CLOSING and open_at:
            open_at.pop()
        previous_row = row
    return "aligned" if aligned > hanging else "hanging"
