"""Index the run's files for ``dead-code`` and decide (kept apart from the
declaration so that a run without the codemod never imports the index)."""

from __future__ import annotations

import os
from typing import List, Optional, Sequence

from codemods.transforms.dead_code.index import DeadCodePlan, FileFacts, build_plan, read_config_words, scan_file


def plan_project(paths: Sequence[str], frozen_paths: Sequence[str] = (), root: Optional[str] = None) -> DeadCodePlan:
    from codemods.engine.source import SourceError, decode_source

    facts: List[FileFacts] = []
    for path in sorted(set(paths)):
        try:
            with open(path, "rb") as handle:
                text = decode_source(handle.read()).text
        except (OSError, SourceError):
            continue
        scanned = scan_file(path, text)
        if scanned is None:  # unparsable: whatever it names stays
            from codemods.transforms.dead_code.index import words

            scanned = FileFacts(path, (), frozenset(words(text)))
        facts.append(scanned)
    frozen = set(frozen_paths)
    rewritten = [path for path in paths if path not in frozen]
    return build_plan(facts, rewritten, read_config_words(root or _common_root(paths)))


def _common_root(paths: Sequence[str]) -> Optional[str]:
    """The nearest folder above the files with a project marker."""
    if not paths:
        return None
    folder = os.path.commonpath([os.path.dirname(os.path.abspath(path)) for path in paths])
    while True:
        if any(os.path.exists(os.path.join(folder, marker)) for marker in ("pyproject.toml", "setup.cfg", "setup.py",
                                                                           ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
