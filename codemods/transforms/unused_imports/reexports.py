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
    #: run files with a star import that some other module imports from (or reads a
    #: name of): facades
    star_facades: Tuple[str, ...] = ()
    #: the model covers the whole project (its root was found): a star-importing module
    #: not in ``star_facades`` is not a facade. Without it, every one is.
    whole_project: bool = False

    def reexport(self, path: str, bound: str) -> Optional[str]:
        """Where another module reads ``bound`` from the module at ``path``, or None."""
        absolute = os.path.abspath(path)
        return next((where for p, name, where in self.names if p == absolute and name == bound), None)

    def star_facade(self, path: str) -> bool:
        """Whether a module with a star import re-exports through it (the caller knows
        it has one)."""
        return not self.whole_project or os.path.abspath(path) in self.star_facades


def find_reexports(paths: Sequence[str], frozen_paths: Sequence[str] = (), model: Any = None) -> ReExports:
    if model is None:
        from codemods.analysis.project import ProjectModel
        from codemods.transforms.naming.plan import read_sources

        model = ProjectModel.from_sources(read_sources(paths))
    frozen = {os.path.abspath(path) for path in frozen_paths}
    names = []
    star_facades = []
    for path in model.paths():
        facts = model.facts(path)
        if path in frozen or facts is None or not facts.parsed or not facts.name:
            continue
        # a facade: somebody imports a name from it, or loads it by name (a string or an
        # entry point naming the module: it may read anything from it)
        if facts.star_from and any(r.path != path and (r.target[1] or r.kind in ("string", "entry-point"))
                                   for r in model.references(facts.name)):
            star_facades.append(path)
        for bound, definitions in sorted(facts.definitions.items()):
            if not any(d.kind == "import" for d in definitions):
                continue
            references = [r for r in model.references(facts.name, bound, transitive=False) if r.path != path]
            if references:
                names.append((path, bound, references[0].where()))
    return ReExports(tuple(names), tuple(star_facades), model.root is not None)
