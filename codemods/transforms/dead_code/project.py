"""Index the project for ``dead-code`` and decide (kept apart from the declaration so
that a run without the codemod never imports the index).

Every file of the project model is scanned (``index.scan_file``); the facts are
cached per file in ``<cache folder>/dead-code.json`` under the model's content
digest, so a warm run opens no unchanged file. The words of the project's
configuration files and of its C and Cython sources count as reads too: a C
extension that looks up ``module._helper`` by name keeps it."""

from __future__ import annotations

import dataclasses
import os
from typing import Dict, Iterable, List, Optional, Sequence

from codemods.cache import read_json, write_json
from codemods.transforms.dead_code.index import (DeadCodePlan, Entry, FileFacts, build_plan, config_files,
                                                  file_stamp, read_words, scan_file, words)

CACHE_FILE = "dead-code.json"
_FORMAT = 1
#: non-Python sources whose identifiers count as reads (extensions, stubs)
FOREIGN_SOURCES = ("*.c", "*.h", "*.cc", "*.cpp", "*.pyx", "*.pxd", "*.pxi", "*.pyi")


def plan_project(paths: Sequence[str], frozen_paths: Sequence[str] = (), model=None) -> DeadCodePlan:
    if model is not None:
        files: List[str] = model.paths()
        root = model.root
        folder = getattr(model, "cache_folder", None)
        digest = model.digest
    else:
        files = sorted({os.path.abspath(path) for path in paths})
        root, folder = _common_root(files), None
        digest = _no_digest
    cached = _load(folder) if folder else {}
    fresh: Dict[str, list] = {}
    facts: List[FileFacts] = []
    for path in files:
        known = digest(path)
        entry = cached.get(path)
        if known is not None and entry is not None and entry[0] == known:
            try:
                facts.append(_decode(path, entry[1]))
                fresh[path] = entry
                continue
            except (KeyError, TypeError, ValueError, IndexError):
                pass
        scanned = _scan(path)
        if scanned is None:
            continue
        facts.append(scanned)
        if known is not None:
            fresh[path] = [known, _encode(scanned)]
    if folder and fresh != cached:
        _save(folder, fresh)
    frozen = {os.path.abspath(path) for path in frozen_paths}
    rewritten = [path for path in paths if os.path.abspath(path) not in frozen]
    # the configuration and the C, C++ and Cython sources and stubs: their words count
    # as reads, and their stamps tell a cached plan whether it still holds
    others = config_files(root) + (list(_foreign_files(root)) if root else [])
    plan = build_plan(facts, rewritten, frozenset(read_words(others)))
    return dataclasses.replace(plan, outside=tuple((path, *file_stamp(path)) for path in others))


def _no_digest(path: str) -> Optional[str]:
    return None


def _scan(path: str) -> Optional[FileFacts]:
    from codemods.engine.source import SourceError, decode_source

    try:
        with open(path, "rb") as handle:
            text = decode_source(handle.read()).text
    except OSError:
        return None
    except SourceError:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", "replace")
    scanned = scan_file(path, text)
    if scanned is None:  # unparsable: whatever it names stays
        scanned = FileFacts(path, (), frozenset(words(text)))
    return scanned


def _foreign_files(root: str) -> Iterable[str]:
    from codemods.analysis.project import git_files

    listed = git_files(root, FOREIGN_SOURCES)
    if listed is not None:
        return listed
    import fnmatch

    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".") and name not in (
            "build", "dist", "node_modules", "venv", "__pycache__")]
        found.extend(os.path.join(folder, name) for name in names
                     if any(fnmatch.fnmatch(name, pattern) for pattern in FOREIGN_SOURCES))
    return found


def _encode(facts: FileFacts) -> list:
    return [[[e.qualname, e.kind, e.line, e.parent, e.private, e.kept_because, sorted(e.reads)] for e in facts.entries],
            sorted(facts.roots), sorted(facts.prefixes)]


def _decode(path: str, data: list) -> FileFacts:
    entries = tuple(Entry(str(q), str(k), int(line), int(parent), bool(private), kept, frozenset(reads))
                    for q, k, line, parent, private, kept, reads in data[0])
    return FileFacts(path, entries, frozenset(data[1]), frozenset(data[2]))


def _tag() -> str:
    from codemods import __version__

    return f"{_FORMAT}:{__version__}"


def _load(folder: str) -> Dict[str, list]:
    data = read_json(folder, CACHE_FILE)
    if not isinstance(data, dict) or data.get("tag") != _tag():
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def _save(folder: str, files: Dict[str, list]) -> None:
    write_json(folder, CACHE_FILE, {"tag": _tag(), "files": files})


def _common_root(paths: Sequence[str]) -> Optional[str]:
    from codemods.analysis.project import find_project_root

    return find_project_root(list(paths)) if paths else None
