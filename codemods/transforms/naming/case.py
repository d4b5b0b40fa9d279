"""Naming conventions: which names break them, and what the fixed name is.

No libcst here: the project index (``index``) uses these while it scans every
file of a run with ``ast``.

Acronyms are words: ``parseURL`` becomes ``parse_url`` (not ``parse_u_r_l``) and a
class named ``HTTPServer`` is already CapWords.
"""

from __future__ import annotations

import fnmatch
import keyword
import re
from typing import Iterable, List, Optional

SNAKE = "snake_case"
CAMEL = "camelCase"
CAPWORDS = "CapWords"
OFF = "off"
STYLES = (SNAKE, CAMEL, CAPWORDS, OFF)

#: the pep8 convention per kind of binding (the options override these)
PEP8 = {"function": SNAKE, "class": CAPWORDS, "variable": SNAKE, "argument": SNAKE}

#: names a framework looks up by spelling; never renamed whatever the options say
FRAMEWORK_NAMES = (
    "setUpModule", "tearDownModule", "setUpClass", "tearDownClass", "setUp", "tearDown",
    "asyncSetUp", "asyncTearDown", "setUpTestData", "load_tests", "maxDiff", "longMessage",
)

# a word boundary inside a run of letters and digits: "aB", "2B", and "AB" before "Bc"
_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def split_affixes(name: str):
    """``__fooBar_`` -> ("__", "fooBar", "_")."""
    core = name.strip("_")
    if not core:
        return name, "", ""
    start = name.index(core)
    return name[:start], core, name[start + len(core):]


def is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def is_constant_style(name: str) -> bool:
    """UPPER_CASE (and single capitals such as ``N``): constants, never renamed."""
    core = split_affixes(name)[1]
    return bool(core) and core.upper() == core and any(c.isalpha() for c in core)


def words(core: str) -> List[str]:
    parts: List[str] = []
    for chunk in core.split("_"):
        if chunk:
            parts.extend(p for p in _BOUNDARY.split(chunk) if p)
    return parts


def to_snake(name: str) -> str:
    prefix, core, suffix = split_affixes(name)
    if not core:
        return name
    return prefix + "_".join(w.lower() for w in words(core)) + suffix


def to_camel(name: str) -> str:
    prefix, core, suffix = split_affixes(name)
    parts = words(core)
    if not parts:
        return name
    first = parts[0] if parts[0].isupper() and len(parts) == 1 else parts[0][0].lower() + parts[0][1:]
    if first.isupper() and len(first) > 1:  # "URLParser" -> "urlParser"
        first = first.lower()
    return prefix + first + "".join(p[0].upper() + p[1:] for p in parts[1:]) + suffix


def to_capwords(name: str) -> str:
    prefix, core, suffix = split_affixes(name)
    parts = words(core)
    if not parts:
        return name
    return prefix + "".join(p[0].upper() + p[1:] for p in parts) + suffix


def _is_mixed_case(core: str) -> bool:
    """Starts lower case and has a capital: ``fooBar``, ``parseURL``, ``xMin``."""
    return core[:1].islower() and any(c.isupper() for c in core)


def conforms(name: str, style: str) -> bool:
    prefix, core, suffix = split_affixes(name)
    if not core or style == OFF:
        return True
    if style == SNAKE:
        return not any(c.isupper() for c in core)
    if style == CAMEL:
        return "_" not in core and core[:1].islower()
    if style == CAPWORDS:
        return "_" not in core and core[:1].isupper()
    raise ValueError(f"unknown naming style {style!r} (use one of {', '.join(STYLES)})")


def convert(name: str, style: str) -> str:
    if style == SNAKE:
        return to_snake(name)
    if style == CAMEL:
        return to_camel(name)
    if style == CAPWORDS:
        return to_capwords(name)
    return name


def proposed_name(name: str, kind: str, styles) -> Optional[str]:
    """The conforming spelling of ``name`` for ``kind`` ("function", "class",
    "variable", "argument"), or None when it is fine or out of scope.

    Out of scope: dunders, UPPER_CASE constants, and (for variables and arguments)
    CapWords spellings, which usually hold classes.
    """
    style = styles.get(kind, OFF)
    if style == OFF or is_dunder(name) or is_constant_style(name):
        return None
    if conforms(name, style):
        return None
    core = split_affixes(name)[1]
    if kind in ("variable", "argument") and style == SNAKE and not _is_mixed_case(core):
        return None
    if kind == "function" and style == SNAKE and core[:1].isupper():
        return None  # CapWords functions are usually class stand-ins (factories)
    new = convert(name, style)
    if new == name or not new.isidentifier() or keyword.iskeyword(new):
        return None
    return new


def matches_any(name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def validate_styles(options) -> dict:
    styles = dict(PEP8)
    for kind in PEP8:
        value = options.get(f"{kind}-names", PEP8[kind]) if hasattr(options, "get") else PEP8[kind]
        if value not in STYLES:
            raise ValueError(f"naming: option {kind}-names must be one of {', '.join(STYLES)}, not {value!r}")
        styles[kind] = value
    return styles
