"""unused-imports' cross-file half (no libcst): which module-level imports of the
run's modules other project modules read from them (implicit re-exports), and which
star-importing modules really re-export (somebody imports from them)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Optional, Sequence, Tuple


@dataclass(frozen=True)
class ReExports:
    """What the project model says about the run's modules (picklable; its repr is
    part of the cache key, so it holds only the run's modules)."""

    #: (absolute path, bound name, "path:line" of the first reference from another module)
    names: Tuple[Tuple[str, str, str], ...] = ()
    #: run files some other module imports from, or reads a name of (a star import
    #: there re-exports)
    imported_from: Tuple[str, ...] = ()
    #: run files the model saw as part of a project (its whole project indexed): for
    #: the others a star import still makes the module a facade
    known: Tuple[str, ...] = ()

    def reexport(self, path: str, bound: str) -> Optional[str]:
        """Where another module reads ``bound`` from the module at ``path``, or None."""
        absolute = os.path.abspath(path)
        return next((where for p, name, where in self.names if p == absolute and name == bound), None)

    def star_facade(self, path: str) -> bool:
        """A module with a star import re-exports through it: unknown modules count as
        facades, known ones only when some module imports from them."""
        absolute = os.path.abspath(path)
        return absolute not in self.known or absolute in self.imported_from


def find_reexports(paths: Sequence[str], frozen_paths: Sequence[str] = (), model: Any = None) -> ReExports:
    if model is None:
        from codemods.analysis.project import ProjectModel
        from codemods.transforms.naming.plan import read_sources

        model = ProjectModel.from_sources(read_sources(paths))
    frozen = {os.path.abspath(path) for path in frozen_paths}
    names = []
    imported_from = []
    known = []
    for path in model.paths():
        facts = model.facts(path)
        if path in frozen or facts is None or not facts.parsed or not facts.name:
            continue
        if model.root is not None:
            known.append(path)
        if any(r.target[1] and r.path != path for r in model.references(facts.name)):
            imported_from.append(path)
        for bound, definitions in sorted(facts.definitions.items()):
            if not any(d.kind == "import" for d in definitions):
                continue
            references = [r for r in model.references(facts.name, bound, transitive=False) if r.path != path]
            if references:
                names.append((path, bound, references[0].where()))
    return ReExports(tuple(names), tuple(imported_from), tuple(known))
