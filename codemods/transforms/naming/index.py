"""The project index behind ``naming``: one cheap ``ast`` pass over every file of
the run decides which module-level names and which parameters of module-level
functions are renamed, so that every module agrees (the definition in one file,
its imports, attribute references and keyword call sites in the others).

No libcst here: this runs over every file of the run before any file is processed.
Function-local names are decided later, per file, by the libcst rewriter.

The decisions are deliberately conservative: whatever the index cannot see (string
references, dynamic namespaces, files it cannot change) blocks a rename.
"""

from __future__ import annotations

import builtins
import os
from typing import Dict, List, Mapping, Optional, Sequence, Set, Tuple, Union

# rename's plan takes the scanner from here
from codemods.analysis.facts import Definition, ModuleFacts, resolve_relative, scan_module  # noqa: F401
from codemods.analysis.project import ProjectModel
from codemods.transforms.naming.plan import NamingPlan, read_sources  # noqa: F401 (re-exported)
from codemods.transforms.naming.case import (FRAMEWORK_NAMES, is_dunder, matches_any, proposed_name,
                                            validate_styles)

# why a candidate was not renamed (the keys of the statistics, and finding texts)
NAME_EXISTS = "name exists"
IGNORED = "matches ignore-names"
FRAMEWORK = "name a framework looks up"
AMBIGUOUS_MODULE = "module name is not unique in this run"
FROZEN = "file is suppressed or generated"
DYNAMIC_MODULE = "module uses globals(), eval or exec"
IMPORT_BOUND = "also bound by an import"
SELF_NAMED = "named by a string in its own definition (TypeVar, namedtuple, ...)"
DECORATED = "decorated: the decorator may use the name"
IN_STRING = "spelled in a string (__all__, getattr, mock.patch, **{...})"
RE_EXPORTED = "re-exported from a package __init__"
STAR_IMPORTED = "module is star-imported"
FROZEN_IMPORTER = "imported by a file that is suppressed or cannot be parsed"
HELD = "referenced by a file this run does not rewrite"
DYNAMIC_FUNCTION = "function uses locals(), vars(), eval or exec"
ESCAPES = "function is used as a value: callers may pass keywords"
PUBLIC = "public API: renamed only with --unsafe-fixes"

#: decorators that neither read a function's name nor its parameters' names
HARMLESS_DECORATORS = frozenset({
    "staticmethod", "classmethod", "wraps", "lru_cache", "cache", "contextmanager",
    "asynccontextmanager", "overload", "final", "dataclass", "total_ordering", "unique",
    "runtime_checkable", "no_type_check", "abstractmethod", "override",
})

_BUILTINS = frozenset(dir(builtins))


def harmful_decorators(decorators: Sequence[str]) -> List[str]:
    return [d for d in decorators if d.rsplit(".", 1)[-1] not in HARMLESS_DECORATORS]


def _module_name_for(path: str):
    from codemods.analysis.modules import module_name_for

    return module_name_for(path)


_Module = ModuleFacts  # the name rename's plan knows it by


class _Planner:
    def __init__(self, modules: Dict[str, _Module], protected: Set[str], ambiguous: Set[str],
                 options: Mapping[str, object], model: Optional[ProjectModel] = None,
                 frozen_files: Set[str] = frozenset(), codemod_id: str = "naming") -> None:
        self.model = model
        self.codemod_id = codemod_id
        self.frozen_files = frozen_files
        #: (module, name or "function(param)") -> the first place in a frozen file that refers to it
        self.held: Dict[Tuple[str, str], str] = {}
        self.modules = modules
        self.protected = protected
        self.ambiguous = ambiguous
        self.styles = validate_styles(options)
        self.ignore = tuple(options.get("ignore-names", ()) or ())
        self.skipped: Dict[Tuple[str, str], Tuple[str, str]] = {}
        self.re_exported: Set[Tuple[str, str]] = set()
        self.star_imported: Set[str] = set()
        self.frozen_imports: Set[Tuple[str, str]] = set()
        for facts in modules.values():
            self.star_imported.update(facts.star_from)
            for target, name, alias in facts.imports:
                if facts.frozen:
                    self.frozen_imports.add((target, name))
                if facts.is_init and not (alias or name).startswith("_"):
                    self.re_exported.add((target, name))

    # -- which binding an import resolves to ------------------------------------
    def origin(self, module: str, name: str, seen: Optional[Set[Tuple[str, str]]] = None) -> Tuple[str, str]:
        seen = seen if seen is not None else set()
        facts = self.modules.get(module)
        if facts is None or (module, name) in seen or name not in facts.imported:
            return module, name
        seen.add((module, name))
        target, original, _ = facts.imported[name]
        if target not in self.modules and f"{target}.{original}" in self.modules:
            return module, name  # a submodule, not a definition
        return self.origin(target, original, seen)

    def is_private(self, module: str, name: str, kind: str = "function") -> bool:
        """Functions and classes left out of ``__all__`` are private; a module-level
        variable is public unless it starts with an underscore (or its module
        does): other code may assign it (``logging.logThreads = False``)."""
        all_names = self.modules[module].all_names
        if all_names is not None and name in all_names:
            return False
        if name.startswith("_"):
            return True
        if any(part.startswith("_") and not is_dunder(part) for part in module.split(".")):
            return True
        if kind == "variable":
            return False
        return all_names is not None and name not in all_names

    def skip(self, module: str, name: str, new: str, reason: str) -> None:
        self.skipped.setdefault((module, name), (new, reason))

    def kind_of(self, definitions: List[Definition]) -> str:
        kinds = [d.kind for d in definitions]
        for kind in ("import", "class", "function"):
            if kind in kinds:
                return kind
        return "variable"

    # -- module-level definitions -----------------------------------------------
    def candidates(self) -> Dict[Tuple[str, str], Tuple[str, bool]]:
        chosen: Dict[Tuple[str, str], Tuple[str, bool]] = {}
        for module, facts in sorted(self.modules.items()):
            if self._left_out(facts):
                continue  # a file outside the run: nothing of it is renamed
            for name, definitions in sorted(facts.definitions.items()):
                kind = self.kind_of(definitions)
                if kind == "import":
                    continue
                new = proposed_name(name, kind, self.styles)
                if new is None:
                    continue
                if all(d.alias_of == new for d in definitions):
                    continue  # ``oldName = new_name`` left for callers outside: already done
                reason = self.blocker(module, facts, name, definitions, kind)
                if reason:
                    self.skip(module, name, new, reason)
                    continue
                chosen[(module, name)] = (new, self.is_private(module, name, kind))
        return chosen

    def frozen_reference(self, module: str, name: str, label: str, param: str = "") -> str:
        """Why a file this run does not rewrite keeps ``module.name`` (for a parameter:
        preferably a call site that passes it by keyword) from changing: HELD for a
        file the run leaves out (the place is kept in ``held`` for the finding),
        FROZEN_IMPORTER for a per-file-ignored or suppressed one (kept silently, as the
        user asked); "" when none refers to it."""
        if self.model is None or not self.frozen_files:
            return ""
        references = [r for r in self.model.references(module, name) if r.path in self.frozen_files]
        if param:
            references = [r for r in self.model.keyword_uses(module, name)
                          if r.path in self.frozen_files and param in r.keywords] + references
        if not references:
            return ""
        outside = [r for r in references if self._outside(r.path)]
        if not outside:
            return FROZEN_IMPORTER
        self.held[(module, label)] = outside[0].where()
        return HELD

    def _left_out(self, facts: _Module) -> bool:
        """A frozen module the run leaves out (not merely suppressed): the planner need
        not look at its definitions (cheaper on a project of thousands of files)."""
        return facts.frozen and self.model is not None and self.model.outside_run(facts.path)

    def _outside(self, path: str) -> bool:
        facts = self.model.facts(path)
        return (self.model.run_paths is None or self.model.outside_run(path)) and not (
            facts is not None and facts.suppresses(self.codemod_id))

    def blocker(self, module: str, facts: _Module, name: str, definitions: List[Definition], kind: str) -> str:
        if name in FRAMEWORK_NAMES:
            return FRAMEWORK
        if matches_any(name, self.ignore):
            return IGNORED
        if module in self.ambiguous:
            return AMBIGUOUS_MODULE
        if facts.frozen:
            return FROZEN
        if facts.dynamic:
            return DYNAMIC_MODULE
        if any(d.kind == "import" for d in definitions):
            return IMPORT_BOUND
        if any(d.self_named for d in definitions):
            return SELF_NAMED
        if any(harmful_decorators(d.decorators) for d in definitions):
            return DECORATED
        if name in self.protected:
            return IN_STRING
        if (module, name) in self.re_exported:
            return RE_EXPORTED
        if module in self.star_imported and not name.startswith("_"):
            return STAR_IMPORTED
        frozen_reason = self.frozen_reference(module, name, name)
        if frozen_reason:
            return frozen_reason
        if (module, name) in self.frozen_imports:
            return FROZEN_IMPORTER
        return ""

    def followers(self, chosen: Mapping[Tuple[str, str], Tuple[str, bool]]) -> Dict[Tuple[str, str], Tuple[str, str]]:
        """Import bindings ``from m import name`` (no ``as``) whose binding is renamed
        along with the origin: binding -> origin (transitively)."""
        renamed = {key: key for key in chosen}
        changed = True
        while changed:
            changed = False
            for module, facts in sorted(self.modules.items()):
                for bound, (target, original, aliased) in sorted(facts.imported.items()):
                    key = (module, bound)
                    if aliased or key in renamed or (target, original) not in renamed:
                        continue
                    renamed[key] = renamed[(target, original)]
                    changed = True
        return {k: v for k, v in renamed.items() if k not in chosen}

    def conflicts(self, chosen, followers) -> Set[Tuple[str, str]]:
        """Origins whose new name already exists where a renamed binding lives."""
        bad: Set[Tuple[str, str]] = set()
        new_names: Dict[Tuple[str, str], List[Tuple[str, str]]] = {}
        for binding, origin in list(((k, k) for k in chosen)) + sorted(followers.items()):
            module, name = binding
            new = chosen[origin][0]
            facts = self.modules[module]
            if new in facts.identifiers or new in _BUILTINS or (facts.is_init and f"{module}.{new}" in self.modules):
                bad.add(origin)
            # a local import of the same origin elsewhere in that module binds the old
            # name too: the rewriter renames it, nothing to check here
            new_names.setdefault((module, new), []).append(origin)
        for origins in new_names.values():
            if len(set(origins)) > 1:
                bad.update(origins)
        # local imports without ``as`` (inside functions) must not clash either
        for module, facts in self.modules.items():
            for target, original, alias in facts.imports:
                origin = self.origin(target, original)
                if alias is None and origin in chosen:
                    new = chosen[origin][0]
                    if new in facts.identifiers or new in _BUILTINS:
                        bad.add(origin)
        return bad

    # -- parameters of module-level functions ----------------------------------
    def parameters(self) -> List[Tuple[str, str, Tuple[Tuple[str, str], ...], bool]]:
        planned = []
        aliases_of: Dict[Tuple[str, str], Set[Tuple[str, str]]] = {}
        for module, facts in self.modules.items():
            for target, original, alias in facts.imports:
                aliases_of.setdefault(self.origin(target, original), set()).add((module, alias or original))
        for module, facts in sorted(self.modules.items()):
            if self._left_out(facts):
                continue
            for name, function in sorted(facts.functions.items()):
                renames = []
                for param, kind in function.params:
                    if kind not in ("positional", "keyword"):
                        continue  # *args, **kwargs and positional-only: the rewriter's business
                    new = proposed_name(param, "argument", self.styles)
                    if new is None:
                        continue
                    label = f"{name}({param})"
                    reason = self.parameter_blocker(module, facts, name, function, param, new, aliases_of)
                    if reason:
                        self.skip(module, label, new, reason)
                        continue
                    renames.append((param, new))
                targets = [new for _, new in renames]
                clashing = {new for new in targets if targets.count(new) > 1}
                for param, new in renames:
                    if new in clashing:
                        self.skip(module, f"{name}({param})", new, NAME_EXISTS)
                renames = [(p, n) for p, n in renames if n not in clashing]
                if renames:
                    planned.append((module, name, tuple(renames), self.is_private(module, name)))
        return planned

    def parameter_blocker(self, module, facts, name, function, param, new, aliases_of) -> str:
        if matches_any(param, self.ignore):
            return IGNORED
        if module in self.ambiguous:
            return AMBIGUOUS_MODULE
        if facts.frozen:
            return FROZEN
        if len(facts.definitions.get(name, [])) != 1:
            return IMPORT_BOUND if any(d.kind == "import" for d in facts.definitions[name]) else ESCAPES
        if function.dynamic:
            return DYNAMIC_FUNCTION
        if harmful_decorators(function.decorators):
            return DECORATED
        if param in self.protected:
            return IN_STRING
        frozen_reason = self.frozen_reference(module, name, f"{name}({param})", param)
        if frozen_reason:
            return frozen_reason
        if (module, name) in self.frozen_imports:
            return FROZEN_IMPORTER
        if name in facts.escaping_names or module in self.star_imported:
            return ESCAPES
        for importer, bound in aliases_of.get((module, name), ()):
            if bound in self.modules[importer].escaping_names or self.modules[importer].frozen:
                return ESCAPES
        if any(name in other.escaping_attributes for other in self.modules.values()):
            return ESCAPES
        if new in function.identifiers or new in _BUILTINS:
            return NAME_EXISTS
        return ""


def build_plan(sources: Union[ProjectModel, Sequence[Tuple[str, str]]], options: Mapping[str, object],
               codemod_id: str = "naming", frozen_paths: Sequence[str] = ()) -> NamingPlan:
    """Decide the cross-file renames over the project model (or ``(path, text)``
    pairs). Files in ``frozen_paths`` will not be rewritten: what they define keeps
    its name, and a definition or parameter they refer to is held (reported with
    the place that would break)."""
    model = sources if isinstance(sources, ProjectModel) else ProjectModel.from_sources(sources)
    frozen = {os.path.abspath(path) for path in frozen_paths}
    modules: Dict[str, _Module] = {}
    protected: Set[str] = set()
    seen_names: Dict[str, int] = {}
    frozen_files: Set[str] = set()
    for path in model.paths():
        facts = model.facts(path)
        assert facts is not None
        name = facts.name
        if not facts.parsed or not name or not path.endswith(".py"):
            protected.update(facts.words)  # whatever it mentions stays
            continue
        seen_names[name] = seen_names.get(name, 0) + 1
        facts.frozen = path in frozen or facts.suppresses(codemod_id)
        if facts.frozen:
            frozen_files.add(path)
        protected.update(facts.strings)
        if facts.all_names:
            protected.update(facts.all_names)
        modules.setdefault(name, facts)
    ambiguous = {name for name, count in seen_names.items() if count > 1}
    planner = _Planner(modules, protected, ambiguous, options, model, frozen_files, codemod_id)
    chosen = planner.candidates()
    while True:
        followers = planner.followers(chosen)
        bad = planner.conflicts(chosen, followers)
        if not bad:
            break
        for origin in bad:
            planner.skip(origin[0], origin[1], chosen.pop(origin)[0], NAME_EXISTS)
    params = planner.parameters()
    callables = []
    with_params = {(m, f) for m, f, _, _ in params}
    for module, facts in sorted(modules.items()):
        for target, original, alias in facts.imports:
            origin = planner.origin(target, original)
            if origin in with_params:
                callables.append((module, alias or original, origin[0], origin[1]))
    return NamingPlan(
        modules=tuple(sorted(modules)),
        renames=tuple(sorted((m, n, new, private) for (m, n), (new, private) in chosen.items())),
        bindings=tuple(sorted((m, n, chosen[o][0], chosen[o][1]) for (m, n), o in followers.items())),
        params=tuple(params),
        callables=tuple(sorted(set(callables))),
        skipped=tuple(sorted((m, n, new, reason) for (m, n), (new, reason) in planner.skipped.items())),
        held=tuple(sorted((m, n, planner.skipped[(m, n)][0], planner.is_private(m, n.split("(", 1)[0]), where)
                          for (m, n), where in planner.held.items()
                          if planner.skipped.get((m, n), ("", ""))[1] == HELD)),
    )
