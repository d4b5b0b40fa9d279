"""Adding the imports a fix needs where the project's import sorter would put them.

A name merges into an existing ``from m import ...`` (unless the sorter wants one
name per statement, or that statement aliases names); otherwise a new statement goes
into its section (future, stdlib, third-party, first-party, local folder) at its
sorted position, with the blank lines the sorter wants between sections and after
the import block. A new block goes after the module docstring and ``from __future__``
imports (the shebang, coding cookie and leading comments are the module header,
above every statement). The settings come from ``codemods.style.isort``. Existing
imports are never reordered: an unsorted block gets the new import next to its
sorted neighbours, as well as can be.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

import libcst as cst

from codemods.cst.base import dotted
from codemods.cst.blank_lines import blank_run
from codemods.style.isort import ImportSettings, import_settings


_BLANK = cst.EmptyLine(indent=False)


@dataclass(frozen=True)
class NeededImport:
    """``from <level dots><module> import <name> [as <local>]``, or ``import <module>
    [as <local>]`` when ``name`` is None."""

    module: str
    name: Optional[str] = None
    local: Optional[str] = None
    level: int = 0

    @property
    def bound(self) -> str:
        if self.local:
            return self.local
        return self.name if self.name is not None else self.module.split(".", 1)[0]


def settings_for(context: Any) -> ImportSettings:
    """The import settings for a rewriter's file (``--isolated`` ignores every
    configuration file)."""
    return import_settings(context.path, isolated=bool(getattr(context, "isolated", False)))


@dataclass
class _Entry:
    index: int
    section: str
    key: Tuple[Any, ...]
    is_from: bool


def is_import_line(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and bool(statement.body) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in statement.body)


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
            and isinstance(statement.body[0], cst.Expr)
            and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))


def _is_dunder_assignment(statement: cst.BaseStatement) -> bool:
    """``__all__ = ...``, ``__author__ = ...``: may stand above the imports."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    for small in statement.body:
        targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else (
            [small.target] if isinstance(small, cst.AnnAssign) else [])
        if not targets or not all(isinstance(t, cst.Name) and t.value.startswith("__") and t.value.endswith("__")
                                  for t in targets):
            return False
    return True


def _is_definition(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, (cst.FunctionDef, cst.ClassDef))


def import_block(body: Sequence[cst.BaseStatement], module_level: bool = True) -> Tuple[int, int]:
    """``(start, end)``: the first run of import lines of ``body``. At module level it
    may follow the docstring and dunder assignments only; when there is none,
    ``start == end`` is where a new block goes (after the docstring and any
    ``from __future__`` import)."""
    index = 1 if module_level and body and _is_docstring(body[0]) else 0
    first = index
    while index < len(body) and not is_import_line(body[index]) and _is_dunder_assignment(body[index]):
        index += 1
    if index < len(body) and is_import_line(body[index]):
        end = index
        while end < len(body) and is_import_line(body[end]):
            end += 1
        return index, end
    return first, first


def _describe(small: cst.BaseSmallStatement) -> Optional[Tuple[str, int, List[str], bool]]:
    if isinstance(small, cst.Import):
        return dotted(small.names[0].name), 0, [], False
    if isinstance(small, cst.ImportFrom):
        names = [] if isinstance(small.names, cst.ImportStar) else [dotted(a.name) for a in small.names]
        return dotted(small.module) if small.module is not None else "", len(small.relative), names, True
    return None


def _entries(body: Sequence[cst.BaseStatement], start: int, end: int, settings: ImportSettings,
             path: Optional[str]) -> List[_Entry]:
    entries = []
    for index in range(start, end):
        described = _describe(body[index].body[0])  # type: ignore[attr-defined]
        if described is None:
            continue
        module, level, names, is_from = described
        entries.append(_Entry(index, settings.section_of(module, level, path),
                              settings.statement_key(module, level, names, is_from), is_from))
    return entries


def add_imports(body: Sequence[cst.BaseStatement], needed: Sequence[NeededImport], settings: ImportSettings,
                path: Optional[str], *, module_level: bool = True, indent: str = "") -> List[cst.BaseStatement]:
    """``body`` with ``needed`` imported (names already imported the same way are the
    caller's business). ``indent``: the indentation of ``body`` (for the line length)."""
    body = list(body)
    from_names: Dict[Tuple[int, str], List[str]] = {}
    statements: List[Tuple[str, int, List[str], bool, cst.SimpleStatementLine]] = []
    for item in needed:
        if item.name is None:
            alias = cst.ImportAlias(name=cst.parse_expression(item.module),
                                    asname=cst.AsName(cst.Name(item.local)) if item.local else None)
            statements.append((item.module, 0, [], False, cst.SimpleStatementLine([cst.Import([alias])])))
        elif item.local and item.local != item.name:
            statements.append((item.module, item.level, [item.name], True,
                               _from_statement(item.module, item.level, [(item.name, item.local)])))
        else:
            from_names.setdefault((item.level, item.module), [])
            if item.name not in from_names[(item.level, item.module)]:
                from_names[(item.level, item.module)].append(item.name)
    for (level, module), names in from_names.items():
        names = sorted(names, key=settings.name_key)
        if settings.single_line(module):
            for name in names:
                statements.append((module, level, [name], True, _from_statement(module, level, [(name, name)])))
            continue
        start, end = import_block(body, module_level)
        target = _mergeable(body, start, end, module, level)
        if target is not None:
            body[target] = _merge(body[target], names, settings, indent)  # type: ignore[arg-type]
            continue
        statements.append((module, level, names, True,
                           _from_statement(module, level, [(n, n) for n in names])))
    for module, level, names, is_from, statement in statements:
        statement = _wrapped(statement, settings, indent)
        _insert(body, statement, settings.section_of(module, level, path),
                settings.statement_key(module, level, names, is_from), is_from, settings, path, module_level)
    return body


def _mergeable(body: Sequence[cst.BaseStatement], start: int, end: int, module: str, level: int) -> Optional[int]:
    for index in range(start, end):
        line = body[index]
        if len(line.body) != 1:  # type: ignore[attr-defined]
            continue
        small = line.body[0]  # type: ignore[attr-defined]
        if (isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar)
                and len(small.relative) == level and dotted(small.module) == module
                and all(a.asname is None for a in small.names)):
            return index
    return None


def _section_rank(settings: ImportSettings, section: str) -> int:
    return settings.sections.index(section) if section in settings.sections else len(settings.sections)


def _insert(body: List[cst.BaseStatement], statement: cst.SimpleStatementLine, section: str, key: Tuple[Any, ...],
            is_from: bool, settings: ImportSettings, path: Optional[str], module_level: bool) -> None:
    start, end = import_block(body, module_level)
    entries = _entries(body, start, end, settings, path)
    rank = _section_rank(settings, section)
    same = [e for e in entries if e.section == section]
    if same:
        after = next((e for e in same if e.key > key), None)
        position = after.index if after is not None else same[-1].index + 1
    else:
        before = [e for e in entries if _section_rank(settings, e.section) < rank]
        position = before[-1].index + 1 if before else start
    previous = next((e for e in reversed(entries) if e.index < position), None)
    following = next((e for e in entries if e.index >= position), None)
    # the new statement goes first (in the block, or as a new block): it takes over the
    # blank lines and comment blocks standing apart in front of the statement it goes before
    taken: List[cst.EmptyLine] = []
    if previous is None and position < len(body):
        lines = list(body[position].leading_lines)
        split = _standing_apart(lines)
        taken, body[position] = lines[:split], body[position].with_changes(leading_lines=lines[split:])
    if previous is not None:
        leading = [_BLANK] * _between(settings, previous.section, previous.is_from, section, is_from)
    elif following is None and module_level and position > 0 and all(line.comment is None for line in taken):
        leading = [_BLANK]  # a new block: one blank line after the module docstring (black, ruff format)
    else:
        leading = taken
    statement = statement.with_changes(leading_lines=leading)
    body.insert(position, statement)
    if following is not None:
        wanted = _between(settings, section, is_from, following.section, following.is_from)
        _set_blank_lines(body, position + 1, wanted)
    elif previous is None and module_level and position + 1 < len(body):
        # a new block: the sorter's lines after imports (after an existing block, the
        # gap the project left stays, whatever a checker of blank lines makes of it)
        follower = body[position + 1]
        _set_blank_lines(body, position + 1, settings.blank_lines_after_imports(_starts_definition(follower)))


def _standing_apart(lines: Sequence[cst.EmptyLine]) -> int:
    """How many of ``lines`` (above a statement) stand apart from it: everything up to
    the last blank line; the comment lines right above the statement belong to it."""
    blanks = [index for index, line in enumerate(lines) if line.comment is None]
    return blanks[-1] + 1 if blanks else 0


def _starts_definition(statement: cst.BaseStatement) -> bool:
    """The import block is followed by a def or class (decorators and comments right
    above it included); a comment block standing apart is what follows, not the def."""
    lines = list(statement.leading_lines)
    if any(line.comment is None for line in lines[blank_run(lines):]):
        return False
    return _is_definition(statement)


def _between(settings: ImportSettings, section: str, is_from: bool, next_section: str, next_is_from: bool) -> int:
    if section != next_section:
        return 0 if next_section in settings.no_lines_before else 1
    if is_from != next_is_from and not settings.force_sort_within_sections:
        return settings.lines_between_types
    return 0


def _set_blank_lines(body: List[cst.BaseStatement], index: int, wanted: int) -> None:
    """Exactly ``wanted`` blank lines in front of ``body[index]`` (before its comments)."""
    lines = list(body[index].leading_lines)
    blank = blank_run(lines)
    if blank != wanted:
        body[index] = body[index].with_changes(leading_lines=[_BLANK] * wanted + lines[blank:])


# --- writing import statements ---------------------------------------------------------------

def _from_statement(module: str, level: int, names: Sequence[Tuple[str, str]]) -> cst.SimpleStatementLine:
    aliases = []
    for index, (name, local) in enumerate(names):
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")) if index < len(names) - 1 else cst.MaybeSentinel.DEFAULT
        aliases.append(cst.ImportAlias(name=cst.Name(name), asname=cst.AsName(cst.Name(local)) if local != name else None,
                                       comma=comma))
    return cst.SimpleStatementLine([cst.ImportFrom(
        module=cst.parse_expression(module) if module else None, names=aliases,
        relative=[cst.Dot() for _ in range(level)])])


def _one_line(statement: cst.SimpleStatementLine) -> str:
    return cst.Module([]).code_for_node(statement.with_changes(leading_lines=[])).rstrip("\r\n")


def _merge(statement: cst.SimpleStatementLine, names: Sequence[str], settings: ImportSettings,
           indent: str) -> cst.SimpleStatementLine:
    """Add ``names`` to the statement's ``from m import ...``: at their sorted places
    when its names are sorted, else at the end; the separators copy the statement's
    own (one line, or one name per line)."""
    small = statement.body[0]
    assert isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar)
    aliases = list(small.names)
    final = aliases[-1].comma
    if len(aliases) > 1 and isinstance(aliases[-2].comma, cst.Comma):
        between = aliases[-2].comma
    elif small.lpar is not None and isinstance(final, cst.Comma):
        between = cst.Comma(whitespace_after=small.lpar.whitespace_after)
    else:
        between = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    keys = [settings.name_key(dotted(a.name)) for a in aliases]
    ordered = keys == sorted(keys)
    merged: List[Tuple[Any, cst.ImportAlias]] = list(zip(keys, aliases))
    present = {dotted(a.name) for a in aliases}
    for name in names:
        if name in present:
            continue
        item = (settings.name_key(name), cst.ImportAlias(name=cst.Name(name)))
        position = len(merged)
        if ordered:
            position = next((i for i, (key, _) in enumerate(merged) if key > item[0]), len(merged))
        merged.insert(position, item)
    rebuilt = [alias.with_changes(comma=between if position < len(merged) - 1 else final)
               for position, (_, alias) in enumerate(merged)]
    result = statement.with_changes(body=[small.with_changes(names=rebuilt)])
    parts, merged_parts = _parts(statement), _parts(result)
    if parts is not None and merged_parts is not None and ordered and "#" not in parts[2]:
        head, names, code = parts
        if _render(head, names, settings, indent) == code:  # written as the sorter writes it: so is the result
            return _restated(statement, _render(head, merged_parts[1], settings, indent))
    return result


def _render(head: str, names: Sequence[str], settings: ImportSettings, indent: str) -> str:
    """``<head><names>`` (head: ``from m import ``) as the sorter writes it: one line
    when it fits the sorter's line length, else wrapped its way (isort's
    multi_line_output; ruff: one name per line with a trailing comma)."""
    one_line = head + ", ".join(names)
    limit = settings.line_length - len(indent)
    if len(one_line) <= limit:
        return one_line
    comma = "," if settings.trailing_comma else ""
    if settings.wrap == "grid":
        lines = [head + "(" + names[0]]
        pad = " " * len(head + "(")
        for name in names[1:]:
            if len(lines[-1] + ", " + name) + 1 > limit:
                lines[-1] += ","
                lines.append(pad + name)
            else:
                lines[-1] += ", " + name
        code = "\n".join(lines) + comma + ")"
    elif settings.wrap == "vertical":
        pad = " " * (len(head) + 1)
        code = head + "(" + (",\n" + pad).join(names) + comma + ")"
    elif settings.wrap in ("vertical-grid", "vertical-grid-grouped"):
        lines = [head + "(", "    " + names[0]]
        for position, name in enumerate(names[1:], 1):
            last = position == len(names) - 1
            extra = (1 if not last or settings.trailing_comma else 0) + (1 if last and settings.wrap == "vertical-grid" else 0)
            if len(lines[-1] + ", " + name) + extra > limit:
                lines[-1] += ","
                lines.append("    " + name)
            else:
                lines[-1] += ", " + name
        lines[-1] += comma
        code = "\n".join(lines) + (")" if settings.wrap == "vertical-grid" else "\n)")
    else:  # vertical hanging indent (black, ruff)
        code = head + "(\n" + "".join(f"    {name},\n" for name in names[:-1]) + f"    {names[-1]}{comma}\n)"
    return code.replace("\n", "\n" + indent) if indent else code


def _parts(statement: cst.SimpleStatementLine) -> Optional[Tuple[str, List[str], str]]:
    """``(head, names, code)`` of a lone ``from m import ...`` statement: the text up
    to the names, each name (``a as b``), and the statement's own code (without the
    lines above it and its end of line)."""
    if len(statement.body) != 1:
        return None
    small = statement.body[0]
    if not isinstance(small, cst.ImportFrom) or isinstance(small.names, cst.ImportStar):
        return None
    empty = cst.Module([])
    module = "." * len(small.relative) + (dotted(small.module) if small.module is not None else "")
    names = [empty.code_for_node(a.with_changes(comma=cst.MaybeSentinel.DEFAULT)) for a in small.names]
    return f"from {module} import ", names, empty.code_for_node(small)


def _restated(statement: cst.SimpleStatementLine, code: str) -> cst.SimpleStatementLine:
    parsed = cst.parse_statement(code + "\n")
    assert isinstance(parsed, cst.SimpleStatementLine)
    return parsed.with_changes(leading_lines=statement.leading_lines, trailing_whitespace=statement.trailing_whitespace)


def _wrapped(statement: cst.SimpleStatementLine, settings: ImportSettings, indent: str) -> cst.SimpleStatementLine:
    """A new one-line ``from m import a, b`` longer than the sorter's line length,
    wrapped the way the sorter wraps it."""
    parts = _parts(statement)
    if parts is None or statement.body[0].lpar is not None:  # type: ignore[attr-defined]
        return statement
    head, names, code = parts
    rendered = _render(head, names, settings, indent)
    return statement if rendered == code else _restated(statement, rendered)
