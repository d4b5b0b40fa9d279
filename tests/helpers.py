"""Shared test helpers: run one codemod over a string, run the console script."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from typing import Any, List, Mapping, Optional, Sequence

from codemods.engine.pipeline import FileResult, process_source
from codemods.engine.settings import RunSettings, SelectedCodemod
from codemods.registry import find_codemod

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def settings_for(codemod_ids: Sequence[str], options: Optional[Mapping[str, Mapping[str, Any]]] = None,
                 unsafe_fixes: bool = False, target_version: Optional[str] = None,
                 user_transformers: Sequence[str] = ()) -> RunSettings:
    selected = []
    for codemod_id in codemod_ids:
        codemod = find_codemod(codemod_id)
        selected.append(SelectedCodemod(codemod, codemod.resolve_options((options or {}).get(codemod_id, {}))))
    return RunSettings(codemods=tuple(selected), user_transformers=tuple(user_transformers),
                       unsafe_fixes=unsafe_fixes, target_version=target_version)


def stdlib_sample(step: int, max_bytes: int, limit: Optional[int] = None) -> List[str]:
    """Every ``step``-th ``.py`` file smaller than ``max_bytes`` of a sorted walk of the
    running Python's standard library (its tests included, site-packages not), or of
    ``CODEMODS_STDLIB``: real code for the tests that hold two paths or two analyses
    together, chosen the same way on every run."""
    root = os.environ.get("CODEMODS_STDLIB") or sysconfig.get_paths()["stdlib"]
    found: List[str] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(s for s in subfolders if s not in ("site-packages", "__pycache__"))
        found.extend(os.path.join(folder, n) for n in sorted(names) if n.endswith(".py"))
    small = [path for path in found if os.path.getsize(path) < max_bytes]
    return small[::step][:limit]


def run_codemod(codemod_id: str, source: str, options: Optional[Mapping[str, Any]] = None,
                unsafe_fixes: bool = False, path: str = "example.py") -> FileResult:
    """Run one codemod over ``source``; the result's new_text is None when unchanged."""
    settings = settings_for([codemod_id], {codemod_id: dict(options or {})}, unsafe_fixes)
    return process_source(source.encode("utf-8"), path, settings)


def rewrite(codemod_id: str, source: str, **kwargs: Any) -> str:
    """The rewritten source (the input itself when nothing changes); fails on errors."""
    result = run_codemod(codemod_id, source, **kwargs)
    assert not result.errors, [e.message for e in result.errors]
    return result.new_text if result.new_text is not None else source


def run_cli(*args: str, cwd: Optional[str] = None, input: Optional[bytes] = None,
            env: Optional[Mapping[str, str]] = None) -> subprocess.CompletedProcess:
    """Run the real console script (as a user would), capturing bytes."""
    executable = os.path.join(os.path.dirname(sys.executable), "codemod")
    command = [executable] if os.path.exists(executable) else [sys.executable, "-m", "codemods"]
    full_env = dict(os.environ)
    full_env.pop("FORCE_COLOR", None)
    full_env.update(env or {})
    return subprocess.run(command + list(args), cwd=cwd, input=input, capture_output=True, env=full_env, timeout=300)
