"""Where each spliced value sits in the SQL: inside a quoted string, as a plain
value, as an identifier, an ORDER BY direction, an IN list or a whole fragment.

A small lexer over the query's elements (characters and fields) and a few rules
about the tokens around each field. It only needs to be right about the SQL that
people build with strings; anything it cannot place is a "fragment" and is
refused, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple, Union

from codemods.transforms.sql_params.text import Element, Field

#: keywords after which a value names a table (or another schema object).
_OBJECT_KEYWORDS = {"FROM", "JOIN", "INTO", "UPDATE", "TABLE", "INDEX", "VIEW", "SCHEMA", "DATABASE", "EXISTS",
                    "TRUNCATE", "USER", "ROLE", "SEQUENCE", "FUNCTION", "PROCEDURE", "TRIGGER", "COLUMN",
                    "CONSTRAINT", "SYNONYM", "TABLESPACE", "TYPE", "EXTENSION", "COLLATE"}
#: statements that take no bind parameters at all.
_UNBINDABLE_STATEMENTS = {"PRAGMA", "SET", "SHOW", "USE", "GRANT", "REVOKE", "ATTACH", "DETACH"}
#: keywords that start a clause (tracked per parenthesis level).
_CLAUSES = {"SELECT", "FROM", "WHERE", "SET", "VALUES", "HAVING", "LIMIT", "OFFSET", "INTO", "UPDATE", "ON",
            "RETURNING", "UNION", "JOIN", "INSERT", "DELETE"}
_COMPARISONS = {"=", "==", "<", ">", "<=", ">=", "<>", "!="}
_ARITHMETIC = {"+", "-", "*", "/", "%", "||"}
_VALUE_KEYWORDS = {"LIMIT", "OFFSET", "LIKE", "ILIKE", "GLOB", "THEN", "ELSE", "ESCAPE"}
_PREDICATE_WORDS = {"LIKE", "ILIKE", "GLOB", "IN", "IS", "BETWEEN", "NOT", "REGEXP"}
_CONDITION_STARTS = {"WHERE", "AND", "OR", "ON", "SET", "NOT", "HAVING", "WHEN", "(", ","}
_DIRECTION_FOLLOWERS = {None, ",", ")", ";", "LIMIT", "OFFSET", "NULLS"}


@dataclass
class Token:
    kind: str  # word | number | op | punct | string | ident | comment | field | param | unterminated
    value: str
    start: int  # first element index
    end: int  # last element index (inclusive)
    fields: List[int] = field(default_factory=list)
    #: for strings: the SQL-level content, text and field element indexes in order.
    content: List[Union[str, int]] = field(default_factory=list)


@dataclass
class Group:
    """A run of elements that becomes one placeholder, or a field that cannot."""

    kind: str  # quoted | value | in_list | identifier | direction | fragment | comment
    start: int
    end: int
    fields: List[int]
    content: List[Union[str, int]] = field(default_factory=list)
    #: for a quoted string alone in IN ( ... ): the elements of the parentheses.
    parens: Optional[Tuple[int, int]] = None


@dataclass
class Analysis:
    tokens: List[Token]
    groups: List[Group]
    params: List[Token]
    complete: bool  # False when a string or comment does not end inside the query


def _stream(elements: Sequence[Element]) -> List[Tuple[Optional[str], int]]:
    chars: List[Tuple[Optional[str], int]] = []
    for index, element in enumerate(elements):
        if isinstance(element.item, Field):
            chars.append((None, index))
        else:
            for char in element.item.text:
                chars.append((char, index))
    return chars


def tokenize(elements: Sequence[Element]) -> Analysis:
    chars = _stream(elements)
    tokens: List[Token] = []
    complete = True
    i, n = 0, len(chars)

    def at(k: int) -> Optional[str]:
        return chars[k][0] if 0 <= k < n else None

    def word_char(k: int, extra: str = "") -> bool:
        c = at(k)
        return c is not None and (c.isalnum() or c in "_" + extra)

    while i < n:
        char, element = chars[i]
        if char is None:
            tokens.append(Token("field", "", element, element, [element]))
            i += 1
        elif char.isspace():
            i += 1
        elif char in "'\"`" or char == "[" and not (at(i - 1) or " ").isalnum() and at(i - 1) not in (")", "]", "_", None):
            closer = "]" if char == "[" else char  # [name]: an SQLite / SQL Server identifier, not a subscript
            j = i + 1
            fields: List[int] = []
            content: List[Union[str, int]] = []
            closed = False
            while j < n:
                c, e = chars[j]
                if c is None:
                    fields.append(e)
                    content.append(e)
                    j += 1
                elif c == closer:
                    if at(j + 1) == closer:
                        content.append(closer)
                        j += 2
                    else:
                        closed = True
                        break
                else:
                    content.append(c)
                    j += 1
            if not closed:
                complete = False
                tokens.append(Token("unterminated", char, element, chars[n - 1][1], fields, content))
                break
            kind = "string" if char == "'" else "ident"
            tokens.append(Token(kind, "", element, chars[j][1], fields, content))
            i = j + 1
        elif char == "-" and at(i + 1) == "-" or char == "/" and at(i + 1) == "*":
            block = char == "/"
            j = i + 2
            fields = []
            while j < n and not (block and at(j) == "*" and at(j + 1) == "/") and not (not block and at(j) == "\n"):
                if at(j) is None:
                    fields.append(chars[j][1])
                j += 1
            if block and j >= n:
                complete = False
            end = min(j + (1 if block else 0), n - 1)
            tokens.append(Token("comment", "", element, chars[end][1], fields))
            i = j + 2 if block else j
        elif char == "?":
            tokens.append(Token("param", "?", element, element))
            i += 1
        elif char == "%" and at(i + 1) == "s":
            tokens.append(Token("param", "%s", element, chars[i + 1][1]))
            i += 2
        elif char == "%" and at(i + 1) == "(":
            j = i + 2
            while j < n and at(j) not in (")", None):
                j += 1
            name = "".join(c for c, _ in chars[i + 2:j] if c)
            if at(j) == ")" and at(j + 1) == "s":
                tokens.append(Token("param", f"%({name})s", element, chars[j + 1][1]))
                i = j + 2
            else:
                tokens.append(Token("op", "%", element, element))
                i += 1
        elif char == "%" and at(i + 1) == "%":
            tokens.append(Token("op", "%", element, chars[i + 1][1]))
            i += 2
        elif char == ":" and word_char(i + 1) and not (at(i + 1) or "0").isdigit() and at(i - 1) != ":":
            j = i + 1
            while j < n and word_char(j):
                j += 1
            tokens.append(Token("param", ":" + "".join(c for c, _ in chars[i + 1:j] if c), element, chars[j - 1][1]))
            i = j
        elif char.isalpha() or char == "_":
            j = i
            while j < n and word_char(j, "$"):
                j += 1
            tokens.append(Token("word", "".join(c for c, _ in chars[i:j] if c).upper(), element, chars[j - 1][1]))
            i = j
        elif char.isdigit():
            j = i
            while j < n and word_char(j, "."):
                j += 1
            tokens.append(Token("number", "".join(c for c, _ in chars[i:j] if c), element, chars[j - 1][1]))
            i = j
        elif char in "<>!=|" and char + (at(i + 1) or " ") in ("<=", ">=", "<>", "!=", "||", "=="):
            tokens.append(Token("op", char + (at(i + 1) or ""), element, chars[i + 1][1]))
            i += 2
        elif char in "(),;.":
            tokens.append(Token("punct", char, element, element))
            i += 1
        else:
            tokens.append(Token("op", char, element, element))
            i += 1
    groups = _classify(tokens)
    return Analysis(tokens, groups, [t for t in tokens if t.kind == "param"], complete)


def _key(token: Optional[Token]) -> Optional[str]:
    if token is None:
        return None
    if token.kind in ("word", "punct", "op"):
        return token.value
    return token.kind.upper()


def _classify(tokens: List[Token]) -> List[Group]:
    groups: List[Group] = []
    words = [t.value for t in tokens if t.kind == "word"]
    if words and words[0] in _UNBINDABLE_STATEMENTS:
        return [Group("statement", t.start, t.end, t.fields) for t in tokens if t.fields]
    clause_stack: List[Optional[str]] = [None]
    paren_stack: List[str] = []
    between_pending = [False]
    closers = _matching_parens(tokens)
    for index, token in enumerate(tokens):
        prev = tokens[index - 1] if index > 0 else None
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.kind == "punct" and token.value == "(":
            before = _key(prev)
            if before == "IN":
                context = "in"
            elif before == "VALUES" or (before == "," and clause_stack[-1] == "VALUES"):
                context = "values"
            elif prev is not None and prev.kind in ("word", "ident", "field") and clause_stack[-1] == "INTO":
                context = "columns"
            elif prev is not None and prev.kind == "word" and (
                    clause_stack[-1] in ("SELECT", "RETURNING") or _compared_call(tokens, index, closers)):
                context = "column_call"  # lower(name) = ..., count(id): its arguments are columns
            elif prev is not None and prev.kind == "word":
                context = "call"
            else:
                context = "group"
            paren_stack.append(context)
            clause_stack.append(clause_stack[-1] if context in ("call", "column_call", "group") else context)
            between_pending.append(False)
            continue
        if token.kind == "punct" and token.value == ")":
            if paren_stack:
                paren_stack.pop()
                clause_stack.pop()
                between_pending.pop()
            continue
        if token.kind == "word":
            if token.value == "BY" and _key(prev) in ("ORDER", "GROUP"):
                clause_stack[-1] = f"{_key(prev)} BY"
            elif token.value in _CLAUSES:
                clause_stack[-1] = token.value
            if token.value == "BETWEEN":
                between_pending[-1] = True
            continue
        if token.kind == "string" and token.fields:
            group = Group("quoted", token.start, token.end, token.fields, token.content)
            if paren_stack and paren_stack[-1] == "in" and _key(prev) == "(" and _key(nxt) == ")":
                assert prev is not None and nxt is not None
                group.parens = (prev.start, nxt.end)
            groups.append(group)
            continue
        if token.kind == "ident" and token.fields:
            groups.append(Group("identifier", token.start, token.end, token.fields))
            continue
        if token.kind in ("comment", "unterminated") and token.fields:
            groups.append(Group("comment", token.start, token.end, token.fields))
            continue
        if token.kind != "field":
            continue
        glued = (prev is not None and prev.kind in ("word", "number") and prev.end == token.start - 1) or \
            (nxt is not None and nxt.kind in ("word", "number") and nxt.start == token.end + 1) or _key(prev) == "@"
        kind = "identifier" if glued else \
            _field_kind(prev, nxt, clause_stack[-1], paren_stack[-1] if paren_stack else None, between_pending)
        if kind == "in_list":
            opener, closer = tokens[index - 1], tokens[index + 1]
            groups.append(Group("in_list", opener.start, closer.end, token.fields))
        else:
            groups.append(Group(kind, token.start, token.end, token.fields))
    return groups


def _matching_parens(tokens: List[Token]) -> dict:
    """Index of each "(" token -> index of its ")" (unbalanced ones are left out)."""
    closers, stack = {}, []
    for index, token in enumerate(tokens):
        if token.kind == "punct" and token.value == "(":
            stack.append(index)
        elif token.kind == "punct" and token.value == ")" and stack:
            closers[stack.pop()] = index
    return closers


def _compared_call(tokens: List[Token], opener: int, closers: dict) -> bool:
    """A call that starts a condition and is compared (``WHERE lower(x) = ...``)."""
    before = _key(tokens[opener - 2]) if opener >= 2 else None
    close = closers.get(opener)
    after = _key(tokens[close + 1]) if close is not None and close + 1 < len(tokens) else None
    return before in _CONDITION_STARTS and (after in _COMPARISONS or after in _PREDICATE_WORDS)


def _field_kind(prev: Optional[Token], nxt: Optional[Token], clause: Optional[str], paren: Optional[str],
                between_pending: List[bool]) -> str:
    before, after = _key(prev), _key(nxt)
    if before == "." or after == ".":
        return "identifier"
    if before in _OBJECT_KEYWORDS:
        return "identifier"
    if before in _COMPARISONS or before in _ARITHMETIC or before in _VALUE_KEYWORDS:
        return "value"
    if before == "BETWEEN":
        return "value"
    if before == "AND" and between_pending[-1]:
        between_pending[-1] = False
        return "value"
    if paren == "in" and before == "(" and after == ")":
        return "in_list"
    if paren in ("in", "values", "call") and before in ("(", ","):
        return "value"
    if paren in ("columns", "column_call"):
        return "identifier"
    if clause in ("ORDER BY", "GROUP BY"):
        if before in ("BY", ","):
            return "identifier"
        if clause == "ORDER BY" and after in _DIRECTION_FOLLOWERS and prev is not None \
                and prev.kind in ("word", "ident", "field", "number") or before == ")":
            return "direction"
        return "fragment"
    if clause in ("SELECT", "RETURNING") and before in ("SELECT", "DISTINCT", ",", "RETURNING"):
        return "identifier"
    if (after in _COMPARISONS or after in _PREDICATE_WORDS) and before in _CONDITION_STARTS:
        return "identifier"
    if before == "AS":
        return "identifier"
    return "fragment"
