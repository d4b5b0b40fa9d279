"""Text of the docstring skeletons: summaries from names, the three section styles,
and recognising which style an existing docstring is written in.

Pure string work (no libcst): the rewriter decides *what* a docstring documents and
hands a :class:`Skeleton` here to be written out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, List, Optional

STYLES = ("google", "numpy", "sphinx")

#: header line of a Google section ("Args:") and of a numpy section (a title whose
#: next line is dashes); a Sphinx field list starts its lines with ":param" etc.
GOOGLE_SECTION = re.compile(
    r"^[ \t]*(Args|Arguments|Parameters|Params|Keyword Args|Keyword Arguments|Other Parameters|"
    r"Returns?|Yields?|Raises|Attributes|Examples?|Notes?|Warnings?|Todo|See Also|References)[ \t]*:[ \t]*$",
    re.MULTILINE)
NUMPY_SECTION = re.compile(
    r"^[ \t]*(Parameters|Other Parameters|Returns|Yields|Receives|Raises|Warns|Attributes|Methods|"
    r"See Also|Notes|References|Examples)[ \t]*\r?\n[ \t]*-{3,}[ \t]*$",
    re.MULTILINE)
SPHINX_FIELD = re.compile(
    r"^[ \t]*:(param|parameter|arg|argument|key|keyword|type|returns?|rtype|raises?|except|exception|"
    r"yields?|ytype|var|ivar|cvar|vartype)\b[^:\n]*:",
    re.MULTILINE)


@dataclass
class Entry:
    """One documented item: an argument (``name`` set) or a return/yield value."""

    name: str = ""
    type: Optional[str] = None


@dataclass
class Skeleton:
    summary: str
    args: List[Entry] = field(default_factory=list)
    returns: Optional[Entry] = None
    yields: Optional[Entry] = None
    raises: List[str] = field(default_factory=list)


def style_of(docstring: str) -> Optional[str]:
    """The style a docstring's sections are written in, or None when it has none."""
    if NUMPY_SECTION.search(docstring):
        return "numpy"
    if SPHINX_FIELD.search(docstring):
        return "sphinx"
    if GOOGLE_SECTION.search(docstring):
        return "google"
    return None


def prevailing_style(docstrings: Iterable[str]) -> Optional[str]:
    """The style most of ``docstrings`` use (ties in the order of STYLES); None if none."""
    counts = {style: 0 for style in STYLES}
    for docstring in docstrings:
        style = style_of(docstring)
        if style is not None:
            counts[style] += 1
    best = max(STYLES, key=lambda style: counts[style])
    return best if counts[best] else None


_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+[a-z]*")

#: verbs a summary may start with as they are (the imperative mood D401 wants).
IMPERATIVE_VERBS = frozenset("""
    accept access acquire activate add adjust aggregate allocate allow append apply archive
    assert assign attach authenticate authorize await bind block build calculate call cancel
    capture cast change check clean cleanup clear clone close collect combine commit compare
    compile complete compose compress compute configure confirm connect construct consume
    contain convert copy count create decode decorate decrypt delete deliver deploy describe
    deserialize destroy detach detect determine disable discard disconnect dispatch display do
    download drop dump emit enable encode encrypt end enqueue ensure enter escape evaluate
    execute exit expand expect export extend extract fail fetch fill filter finalize find finish
    fire fix flatten flush fold format forward freeze gather generate get grant group guess
    handle hash hide highlight identify ignore import increment index infer init initialize
    insert inspect install invalidate invoke iterate join keep kill launch link list listen load
    lock log lookup make map mark match measure merge migrate mock modify monitor mount move
    normalize notify obtain open optimize order output override pack pad paginate parse
    partition patch pause perform persist pick ping place plot poll pop populate post prepare
    print process produce provide publish pull purge push put query queue raise read rebuild
    receive record reduce refresh register reject release reload remove rename render reorder
    repair replace reply report request require reset resize resolve restart restore resume
    retrieve retry return reverse revoke rollback rotate round route run sample sanitize save
    scale scan schedule score search select send serialize serve set show shuffle shutdown sign
    simulate skip sleep slice sort split start stop store strip submit subscribe substitute sum
    summarize swap switch sync tag take teardown terminate test toggle tokenize track train
    transform translate traverse trigger trim truncate try unlock unpack unregister unsubscribe
    update upgrade upload use validate verify visit wait walk warn watch wrap write yield zip
""".split())
#: phrasal verbs written as one word in names.
_PHRASAL = {"setup": ["set", "up"], "cleanup": ["clean", "up"], "teardown": ["tear", "down"],
            "shutdown": ["shut", "down"], "lookup": ["look", "up"], "rollback": ["roll", "back"]}
#: a predicate name reads as a question; the summary answers it.
_PREDICATES = ("is", "has", "can", "should", "was", "were", "does", "will", "needs")

_DUNDER_SUMMARIES = {
    "__init__": "Initialize the {what}.",
    "__new__": "Create a new {what}.",
    "__call__": "Call the {what}.",
    "__repr__": "Return the representation of the {what}.",
    "__str__": "Return the string form of the {what}.",
    "__len__": "Return the length of the {what}.",
    "__iter__": "Iterate over the {what}.",
    "__enter__": "Enter the context of the {what}.",
    "__exit__": "Exit the context of the {what}.",
    "__aenter__": "Enter the asynchronous context of the {what}.",
    "__aexit__": "Exit the asynchronous context of the {what}.",
    "__eq__": "Compare the {what} for equality.",
    "__hash__": "Return the hash of the {what}.",
}


def words_of(name: str) -> List[str]:
    """Words of a snake_case or CamelCase name; acronyms keep their capitals."""
    words: List[str] = []
    for part in re.split(r"_+", name):
        words.extend(_WORD.findall(part) or ([part] if part else []))
    return [w if len(w) > 1 and w.isupper() else w.lower() for w in words]


def _sentence(words: List[str]) -> str:
    if not words:
        return ""
    first = words[0]
    return " ".join([first[:1].upper() + first[1:]] + words[1:]) + "."


def function_summary(name: str, owner_words: Optional[List[str]] = None, produces: str = "") -> str:
    """An imperative summary from a function's name: ``get_user_by_id`` → "Get user by id.".

    A name that does not start with a verb gets one from what the function does
    (``produces`` is "yield", "return" or ""): ``square`` → "Return square.".
    """
    what = " ".join(owner_words) if owner_words else "instance"
    if name in _DUNDER_SUMMARIES:
        return _DUNDER_SUMMARIES[name].format(what=what)
    if name.startswith("__") and name.endswith("__") and len(name) > 4:
        return f"Implement ``{name}`` for the {what}."
    words = words_of(name)
    if not words:
        words = ["this", "function"]
    first = words[0]
    if first in _PHRASAL:
        return _sentence(_PHRASAL[first] + words[1:])
    if first in IMPERATIVE_VERBS:
        return _sentence(words)
    for ending in ("es", "s"):  # "returns_x" -> "Return x."
        if first.endswith(ending) and first[: -len(ending)] in IMPERATIVE_VERBS:
            return _sentence([first[: -len(ending)]] + words[1:])
    if first in _PREDICATES and len(words) > 1:
        return _sentence(["return", "whether", "it"] + words)
    verb = {"yield": "yield", "return": "return"}.get(produces, "run")
    return _sentence([verb] + words)


def noun_summary(name: str) -> str:
    """A summary naming a class or property: ``HTTPServerError`` → "HTTP server error."."""
    return _sentence(words_of(name)) or "Undocumented."


def render(skeleton: Skeleton, style: str, indent: str, unit: str, newline: str,
           placeholder: str, width: Optional[int] = None) -> str:
    """The whole string literal (quotes included) of a new docstring.

    ``indent`` is the indentation of the body the docstring opens, ``unit`` one more
    level (for Google section entries and numpy descriptions). With ``width`` (the
    project's line length), a line longer than that is wrapped at spaces: the summary
    under itself, an entry's text one ``unit`` further in (a name or type is never
    split, so such a line may stay long).
    """
    sections = _sections(skeleton, style, unit, placeholder)
    one_line = f'"""{skeleton.summary}"""'
    if not sections and (width is None or len(indent) + len(one_line) <= width):
        return one_line
    # a summary that fits without the closing quotes stays one line (as black would
    # leave it, quotes on the next line); only a longer one is cut, which pydocstyle's
    # D205 dislikes less than E501 is dreaded
    summary = _wrapped(skeleton.summary, indent, "", width, first_extra=3)
    lines = [*summary, ""] if sections else summary
    for number, section in enumerate(sections):
        if number and style != "sphinx":
            lines.append("")
        for line in section:
            lines.extend(_wrapped(line, indent, unit, width) if line.strip() else [line])
    body = "".join(((indent + line) if line else "") + newline for line in lines[1:])
    return f'"""{lines[0]}{newline}{body}{indent}"""'


def _wrapped(line: str, indent: str, unit: str, width: Optional[int], first_extra: int = 0) -> List[str]:
    """``line`` (relative to ``indent``) cut at spaces to fit ``width``; the lines after
    the first keep its own indentation plus ``unit``. ``first_extra``: columns the
    first line also holds (the opening quotes)."""
    room = None if width is None else width - len(indent)
    if room is None or len(line) + first_extra <= room:
        return [line]
    own = line[: len(line) - len(line.lstrip())]
    import textwrap

    pieces = textwrap.wrap(line.strip(), width=max(room - len(own) - first_extra, 20), break_long_words=False,
                           break_on_hyphens=False)
    if len(pieces) <= 1:
        return [line]
    first, rest = pieces[0], " ".join(pieces[1:])
    rest_lines = textwrap.wrap(rest, width=max(room - len(own + unit), 20), break_long_words=False,
                               break_on_hyphens=False)
    return [own + first, *(own + unit + piece for piece in rest_lines)]


def _sections(skeleton: Skeleton, style: str, unit: str, placeholder: str) -> List[List[str]]:
    if style == "google":
        return _google(skeleton, unit, placeholder)
    if style == "numpy":
        return _numpy(skeleton, unit, placeholder)
    if style == "sphinx":
        return [_sphinx(skeleton, placeholder)] if _has_sections(skeleton) else []
    raise ValueError(f"unknown docstring style {style!r} (expected one of {', '.join(STYLES)})")


def _has_sections(skeleton: Skeleton) -> bool:
    return bool(skeleton.args or skeleton.returns or skeleton.yields or skeleton.raises)


def google_arg(entry: Entry, placeholder: str) -> str:
    kind = f" ({entry.type})" if entry.type else ""
    return f"{entry.name}{kind}: {placeholder}"


def numpy_arg(entry: Entry, unit: str, placeholder: str) -> List[str]:
    head = f"{entry.name} : {entry.type}" if entry.type else entry.name
    return [head, unit + placeholder]


def sphinx_arg(entry: Entry, placeholder: str) -> List[str]:
    lines = [f":param {entry.name}: {placeholder}"]
    if entry.type:
        lines.append(f":type {entry.name}: {entry.type}")
    return lines


def _google(skeleton: Skeleton, unit: str, placeholder: str) -> List[List[str]]:
    sections = []
    if skeleton.args:
        sections.append(["Args:"] + [unit + google_arg(a, placeholder) for a in skeleton.args])
    for title, value in (("Returns:", skeleton.returns), ("Yields:", skeleton.yields)):
        if value is not None:
            text = f"{value.type}: {placeholder}" if value.type else placeholder
            sections.append([title, unit + text])
    if skeleton.raises:
        sections.append(["Raises:"] + [f"{unit}{name}: {placeholder}" for name in skeleton.raises])
    return sections


def _numpy(skeleton: Skeleton, unit: str, placeholder: str) -> List[List[str]]:
    sections = []
    if skeleton.args:
        lines = ["Parameters", "----------"]
        for entry in skeleton.args:
            lines.extend(numpy_arg(entry, unit, placeholder))
        sections.append(lines)
    for title, value in (("Returns", skeleton.returns), ("Yields", skeleton.yields)):
        if value is not None:
            head = [value.type, unit + placeholder] if value.type else [placeholder]
            sections.append([title, "-" * len(title)] + head)
    if skeleton.raises:
        lines = ["Raises", "------"]
        for name in skeleton.raises:
            lines.extend([name, unit + placeholder])
        sections.append(lines)
    return sections


def _sphinx(skeleton: Skeleton, placeholder: str) -> List[str]:
    lines: List[str] = []
    for entry in skeleton.args:
        lines.extend(sphinx_arg(entry, placeholder))
    if skeleton.returns is not None:
        lines.append(f":returns: {placeholder}")
        if skeleton.returns.type:
            lines.append(f":rtype: {skeleton.returns.type}")
    if skeleton.yields is not None:
        lines.append(f":yields: {placeholder}")
        if skeleton.yields.type:
            lines.append(f":ytype: {skeleton.yields.type}")
    for name in skeleton.raises:
        lines.append(f":raises {name}: {placeholder}")
    return lines
