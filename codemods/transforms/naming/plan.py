"""What naming's cross-file pass hands to each file: the plan, and how the files of a
run are read for it. Kept apart from the index so that a run with nothing to rename
does not import the index."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Sequence, Tuple


@dataclass(frozen=True)
class NamingPlan:
    """What the whole run agreed on (picklable; its repr is part of the cache key)."""

    modules: Tuple[str, ...] = ()
    #: definitions renamed: (module, name, new name, safe)
    renames: Tuple[Tuple[str, str, str, bool], ...] = ()
    #: import bindings (``from m import name`` without ``as``) that follow a rename
    bindings: Tuple[Tuple[str, str, str, bool], ...] = ()
    #: parameters of module-level functions: (module, function, ((old, new), ...), safe)
    params: Tuple[Tuple[str, str, Tuple[Tuple[str, str], ...], bool], ...] = ()
    #: (module, bound name, origin module, origin name) for imports of those functions
    callables: Tuple[Tuple[str, str, str, str], ...] = ()
    #: (module, name, proposed name, reason) of candidates left alone
    skipped: Tuple[Tuple[str, str, str, str], ...] = ()
    #: candidates a file outside the run refers to: (module, name or "function(param)",
    #: proposed name, safe, "path:line" of the first such reference); reported
    held: Tuple[Tuple[str, str, str, bool, str], ...] = ()


def read_sources(paths: Sequence[str]) -> List[Tuple[str, str]]:
    """Decode each file as the runner does; unreadable files are left out."""
    from codemods.engine.source import SourceError, decode_source

    sources = []
    for path in sorted(set(paths)):
        try:
            with open(path, "rb") as handle:
                sources.append((path, decode_source(handle.read()).text))
        except (OSError, SourceError):
            continue
    return sources
