"""What a run decided once for every file: the selected codemods with their
options, the user's transformers, the flags, and the cross-file codemods' project
data. Picklable, so that workers get it whole."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, Mapping, Optional, Tuple, Type

from codemods import __version__
from codemods.contract import Codemod
from codemods.style.settings import StyleSettings


@dataclass(frozen=True)
class SelectedCodemod:
    codemod: Type[Codemod]
    options: Mapping[str, Any]


@dataclass(frozen=True)
class RunSettings:
    """Everything a worker needs to process any file of the run (picklable)."""

    codemods: Tuple[SelectedCodemod, ...] = ()
    user_transformers: Tuple[str, ...] = ()
    unsafe_fixes: bool = False
    target_version: Optional[str] = None
    write: bool = False
    #: (codemod id, what its ``prepare`` returned) for cross-file codemods
    project_data: Tuple[Tuple[str, Any], ...] = ()
    #: the project's line length and formatter (what a fix's new lines must fit)
    style: StyleSettings = StyleSettings()

    def project_for(self, codemod_id: str) -> Any:
        for key, value in self.project_data:
            if key == codemod_id:
                return value
        return None

    def fingerprint(self) -> str:
        known = self.__dict__.get("_fingerprint")
        if known is None:  # computed once per run: the project index can be large
            known = self._compute_fingerprint()
            object.__setattr__(self, "_fingerprint", known)
        return known

    def _compute_fingerprint(self) -> str:
        import hashlib  # only with a cache

        # the Python version too: what parses (and so what is cached) depends on it
        parts = [__version__, "%d.%d" % sys.version_info[:2], repr(self.unsafe_fixes), repr(self.target_version)]
        for selected in self.codemods:
            parts.append(f"{selected.codemod.id}={sorted(selected.options.items())!r}")
        parts.extend(self.user_transformers)
        parts.append(repr(self.project_data))
        parts.append(f"{self.style.line_length}/{self.style.formatter}")
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def detector_for(selected: SelectedCodemod, settings: RunSettings, path: Optional[str] = None) -> Codemod:
    """The codemod's declaration, holding this run's options and project index."""
    return selected.codemod(selected.options, settings.project_for(selected.codemod.id), settings.unsafe_fixes, path)
