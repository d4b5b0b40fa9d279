"""Bring the argument list of an existing docstring in line with the signature
(option ``update``): add an entry for each undocumented parameter and drop the
entries of parameters that no longer exist. Every other line stays byte for byte.

Pure string work on the docstring's source text; the rewriter decides which
parameters a docstring should list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from codemods.transforms.docstrings.render import (
    GOOGLE_SECTION,
    NUMPY_SECTION,
    SPHINX_FIELD,
    Entry,
    google_arg,
    numpy_arg,
    sphinx_arg,
    style_of,
)

_LITERAL = re.compile(r'^([rRuU]?)("""|\'\'\')(.*)\2$', re.DOTALL)
_GOOGLE_ARGS = re.compile(r"^([ \t]*)(Args|Arguments|Parameters|Params)[ \t]*:[ \t]*$")
_GOOGLE_NAME = re.compile(r"^[ \t]*(\**\w+)[ \t]*(\([^)]*\))?[ \t]*:")
_NUMPY_NAMES = re.compile(r"^[ \t]*(\**\w+(?:[ \t]*,[ \t]*\**\w+)*)[ \t]*(?::.*)?$")
_SPHINX_PARAM = re.compile(r"^([ \t]*):(?:param|parameter|arg|argument|key|keyword)\b[^:\n]*?(\**\w+)[ \t]*:")
_SPHINX_TYPE = re.compile(r"^[ \t]*:type[ \t]+(\**\w+)[ \t]*:")


@dataclass
class _Documented:
    names: List[str]
    start: int  # first line index of the entry
    end: int  # one past its last line


@dataclass
class _Section:
    entries: List[_Documented]
    entry_indent: str
    #: where a first entry goes when the section has none yet
    start: int
    #: the heading's first line (None: Sphinx fields have no heading) and the body's end
    header: Optional[int] = None
    end: int = 0


def update_args(literal: str, expected: List[Entry], default_style: str, indent: str, unit: str,
                newline: str, placeholder: str) -> Optional[Tuple[str, List[str], List[str]]]:
    """The updated literal, the names added and the removed entries' text (for the
    report, so no written word is lost silently); None: no change."""
    match = _LITERAL.match(literal)
    if match is None:
        return None
    prefix, quote, content = match.groups()
    style = style_of(content)
    if style is None:  # a summary or free text: nothing structured to amend
        return None
    lines = content.splitlines(keepends=True)
    section = _find_section(lines, style, unit)
    if section is None:
        if not expected:
            return None
        lines = _insert_section(lines, style, newline)
        section = _find_section(lines, style, unit)
        if section is None:
            return None
    wanted = [e.name for e in expected]
    plain_wanted = {_plain(n) for n in wanted}
    removed: List[str] = []
    drop: List[Tuple[int, int]] = []
    for documented in section.entries:
        stale = [n for n in documented.names if _plain(n) not in plain_wanted]
        if stale and len(stale) == len(documented.names):
            removed.append(" ".join(line.strip() for line in lines[documented.start:documented.end]))
            drop.append((documented.start, documented.end))
    kept = [d for d in section.entries if (d.start, d.end) not in drop]
    documented_plain = {_plain(n) for d in section.entries for n in d.names}
    inserts: List[Tuple[int, List[str]]] = []
    for position, entry in enumerate(expected):
        if _plain(entry.name) in documented_plain:
            continue
        anchor = _anchor(section, kept, expected[:position])
        inserts.append((anchor, _entry_lines(entry, style, section.entry_indent, unit, placeholder)))
    added = [e.name for e in expected if _plain(e.name) not in documented_plain]
    if not added and not removed:
        return None
    if not kept and not inserts:
        drop.extend(_emptied_section(lines, section, drop))
    line_end = newline
    result: List[str] = []
    for index in range(len(lines) + 1):
        for anchor, new in inserts:
            if anchor == index:
                result.extend(text + line_end for text in new)
        if index < len(lines) and not any(start <= index < end for start, end in drop):
            result.append(lines[index])
    if len(result) > 1 and not _blank(result[0]) and all(_blank(line) for line in result[1:]):
        result = [result[0].rstrip("\r\n")]  # only the summary is left: one line (D200)
    return prefix + quote + "".join(result) + quote, added, removed


def _emptied_section(lines: List[str], section: _Section, drop: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """The heading of a section whose every entry goes, with one side of its blank
    lines (an empty ``Args:`` is a finding for ruff, D414)."""
    if section.header is None:
        return []
    dropped = lambda index: any(start <= index < end for start, end in drop)  # noqa: E731
    if any(not _blank(lines[i]) and not dropped(i) for i in range(section.start, section.end)):
        return []  # prose in the section: keep it
    end = section.end
    while end < len(lines) and _blank(lines[end]) and end + 1 < len(lines):
        end += 1
    start = section.header
    if end >= len(lines) - 1:  # nothing follows: take the blank lines before it instead
        end = section.end
        while start > 0 and _blank(lines[start - 1]):
            start -= 1
    return [(start, end)]


def _plain(name: str) -> str:
    return name.lstrip("*")


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _blank(line: str) -> bool:
    return not line.strip()


def _anchor(section: _Section, kept: List[_Documented], before: List[Entry]) -> int:
    """Insert after the entry of the nearest earlier parameter still documented."""
    for entry in reversed(before):
        for documented in kept:
            if _plain(entry.name) in [_plain(n) for n in documented.names]:
                return documented.end
    return kept[0].start if kept else section.start


def _entry_lines(entry: Entry, style: str, entry_indent: str, unit: str, placeholder: str) -> List[str]:
    if style == "google":
        return [entry_indent + google_arg(entry, placeholder)]
    if style == "numpy":
        return [entry_indent + line for line in numpy_arg(entry, unit, placeholder)]
    return [entry_indent + line for line in sphinx_arg(entry, placeholder)]


def _find_section(lines: List[str], style: str, unit: str) -> Optional[_Section]:
    if style == "google":
        return _google_section(lines, unit)
    if style == "numpy":
        return _numpy_section(lines)
    return _sphinx_section(lines)


def _google_section(lines: List[str], unit: str) -> Optional[_Section]:
    for index, line in enumerate(lines):
        header = _GOOGLE_ARGS.match(line.rstrip("\r\n"))
        if header is None:
            continue
        header_width = len(header.group(1).expandtabs())
        end = index + 1
        while end < len(lines) and (_blank(lines[end]) or len(_indent_of(lines[end]).expandtabs()) > header_width):
            end += 1
        while end > index + 1 and _blank(lines[end - 1]):
            end -= 1
        body = range(index + 1, end)
        first = next((i for i in body if not _blank(lines[i])), None)
        entry_indent = _indent_of(lines[first]) if first is not None else header.group(1) + unit
        starts = [i for i in body if _indent_of(lines[i]) == entry_indent and _GOOGLE_NAME.match(lines[i])]
        entries = [_Documented([_GOOGLE_NAME.match(lines[s]).group(1)], s, _entry_end(lines, s, starts, end))  # type: ignore[union-attr]
                   for s in starts]
        return _Section(entries, entry_indent, index + 1, index, end)
    return None


def _numpy_section(lines: List[str]) -> Optional[_Section]:
    for index in range(len(lines) - 1):
        if lines[index].strip() not in ("Parameters", "Other Parameters") or not re.match(r"^[ \t]*-{3,}[ \t]*$", lines[index + 1].rstrip("\r\n")):
            continue
        if lines[index].strip() != "Parameters":
            continue
        entry_indent = _indent_of(lines[index])
        end = index + 2
        while end < len(lines):
            if end + 1 < len(lines) and _indent_of(lines[end]) == entry_indent and re.match(r"^[ \t]*-{3,}[ \t]*$", lines[end + 1].rstrip("\r\n")):
                break  # the next section's title
            end += 1
        while end > index + 2 and _blank(lines[end - 1]):
            end -= 1
        body = range(index + 2, end)
        starts = [i for i in body if not _blank(lines[i]) and _indent_of(lines[i]) == entry_indent and _NUMPY_NAMES.match(lines[i].rstrip("\r\n"))]
        entries = []
        for start in starts:
            names_text = _NUMPY_NAMES.match(lines[start].rstrip("\r\n")).group(1)  # type: ignore[union-attr]
            names = [n.strip() for n in names_text.split(",")]
            entries.append(_Documented(names, start, _entry_end(lines, start, starts, end)))
        return _Section(entries, entry_indent, index + 2, index, end)
    return None


def _sphinx_section(lines: List[str]) -> Optional[_Section]:
    fields = [i for i, line in enumerate(lines) if SPHINX_FIELD.match(line)]
    if not fields:
        return None
    params = [i for i in fields if _SPHINX_PARAM.match(lines[i])]
    entry_indent = _indent_of(lines[params[0] if params else fields[0]])
    entries = []
    for start in params:
        name = _SPHINX_PARAM.match(lines[start]).group(2)  # type: ignore[union-attr]
        end = _field_end(lines, start)
        if end < len(lines):
            typed = _SPHINX_TYPE.match(lines[end])
            if typed and _plain(typed.group(1)) == _plain(name):
                end = _field_end(lines, end)
        entries.append(_Documented([name], start, end))
    return _Section(entries, entry_indent, fields[0])


def _field_end(lines: List[str], start: int) -> int:
    width = len(_indent_of(lines[start]).expandtabs())
    end = start + 1
    while end < len(lines) and not _blank(lines[end]) and len(_indent_of(lines[end]).expandtabs()) > width:
        end += 1
    return end


def _entry_end(lines: List[str], start: int, starts: List[int], section_end: int) -> int:
    later = [s for s in starts if s > start]
    end = later[0] if later else section_end
    while end > start + 1 and _blank(lines[end - 1]):
        end -= 1
    return end


def _insert_section(lines: List[str], style: str, newline: str) -> List[str]:
    """An empty argument section before the first other section of the docstring."""
    pattern = {"google": GOOGLE_SECTION, "numpy": NUMPY_SECTION, "sphinx": SPHINX_FIELD}[style]
    for index, line in enumerate(lines):
        if pattern.match(line if style != "numpy" else "".join(lines[index:index + 2])):
            indent = _indent_of(line)
            if style == "google":
                new = [indent + "Args:" + newline, newline]
            elif style == "numpy":
                new = [indent + "Parameters" + newline, indent + "----------" + newline, newline]
            else:
                return lines  # Sphinx fields need no header: entries go before the first field
            return lines[:index] + new + lines[index:]
    return lines


def documented_names(docstring: str) -> Optional[List[str]]:
    """Names an existing docstring's argument list documents (None: it has no
    structured sections to compare)."""
    style = style_of(docstring)
    if style is None:
        return None
    section = _find_section(docstring.splitlines(keepends=True), style, "    ")
    if section is None:
        return []
    return [name for entry in section.entries for name in entry.names]
