"""The project model: what every Python file of the project defines and what it
refers to in the others, so that no fix made in one file breaks another one.

pre-commit names only the staged files, but the unit of safety is the project:
cross-file codemods decide with this model, built over every file of the project
whatever paths the command line names. Only the files of the run are rewritten;
the others are *frozen*: nothing they refer to may change under them.

Which files
    The project root is the nearest folder at or above the named paths holding
    ``pyproject.toml``, ``setup.cfg``, ``setup.py`` or ``.git``
    (:func:`find_project_root`; ``--project-root DIR`` overrides). Its files are
    those git tracks plus the untracked ones git does not ignore; outside git, a
    walk honouring the configured excludes (:func:`project_files`). Without a root
    the model holds the files of the run only.

What it knows (per file, :class:`codemods.analysis.facts.ModuleFacts`)
    Module-level definitions, ``__all__``, imports with their lines (``from m
    import x``, ``import a.b as c``, relative and star imports), attribute chains on
    imported names (``mod.x``, ``pkg.mod.x``), calls with keyword arguments, and
    strings spelled like ``pkg.mod.x`` or ``pkg.mod:x``; plus the ``pkg.mod:x``
    strings of the root's ``pyproject.toml`` (entry points).

Speed
    The facts are cached per file in ``<cache folder>/model.json``, keyed by the
    file's stat data (size, mtime_ns, inode) and module name; the content digest is
    computed only when the stat data changed, so a warm run opens no unchanged file.

API (for codemods: ``prepare(paths, options, *, frozen_paths=(), model=None)``
receives the run's model when it accepts ``model``)::

    model = build_model(paths, root=root, cache_folder=folder)   # or ProjectModel.from_sources(...)
    model.paths()                      # every indexed file (absolute paths, sorted)
    model.facts(path)                  # its ModuleFacts (None: not a .py file of the model)
    model.modules                      # module name -> ModuleFacts (first file wins)
    model.ambiguous                    # module names more than one file claims
    model.digest(path)                 # content digest (hex) of a file
    model.run_paths                    # the files the run processes (None: all of them);
                                       # the others are frozen
    model.outside_run(path)            # a file of the project this run leaves alone
    model.references("pkg.mod", "name")
        # every place outside pkg.mod that refers to pkg.mod.name: a list of
        # Reference(path, line, kind, module, target=(module, name), keywords);
        # kind is "import", "star-import", "attribute", "keyword", "string" or
        # "entry-point"; re-exports are followed (``from pkg.mod import name`` in
        # pkg/__init__.py, then ``from pkg import name`` elsewhere, star imports
        # included) unless transitive=False
    model.references("pkg.mod")        # references to the module itself or any of its names
    model.keyword_uses("pkg.mod", "f") # the "keyword" references: call sites naming parameters
    model.star_exports("pkg.mod")      # the names ``from pkg.mod import *`` binds (None: unknown)
    model.module_key("ns.sub.mod")     # the module a dotted name stands for (namespace
                                       # packages: the file ns/sub/mod.py is named "mod")

A dead-code codemod asks ``model.references(module, name)`` for each module-level
definition and keeps whatever has a reference outside its module (and whatever a
string or entry point names).
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from codemods.analysis.facts import ModuleFacts, dotted_string, scan_module
from codemods.config import nearest_marker_folder
MODEL_FILE = "model.json"
_FORMAT = 2


@dataclass(frozen=True)
class Reference:
    """One place that refers to ``target`` (a module and a name in it, or the module
    itself when the name is "")."""

    path: str
    line: int
    kind: str
    module: str
    target: Tuple[str, str]
    keywords: Tuple[str, ...] = ()

    def where(self, start: Optional[str] = None) -> str:
        """``path:line``, the path relative to ``start`` (default: the current folder)."""
        try:
            shown = os.path.relpath(self.path, start or os.getcwd())
        except ValueError:
            shown = self.path
        if shown.startswith(".."):
            shown = self.path
        return f"{shown}:{self.line}"


# -- which files ------------------------------------------------------------------------

def find_project_root(paths: Sequence[str]) -> Optional[str]:
    """The nearest folder at or above the common folder of ``paths`` (default: the
    current folder) holding one of ``config.PROJECT_MARKERS``; None when there is none
    (the model then holds the run's files only). Unlike ``config.find_project_root``,
    the paths are taken as given, not with their symlinks resolved: the model names
    files as the run does."""
    absolute = [os.path.abspath(p) for p in paths] or [os.getcwd()]
    try:
        folder = os.path.commonpath(absolute)
    except ValueError:
        return None
    if not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    return nearest_marker_folder(folder)


def project_files(root: str, config=None) -> List[str]:
    """The project's Python files (absolute): git's tracked and untracked-not-ignored
    files when ``root`` is in a git work tree, else a walk with the configured excludes."""
    listed = git_files(root)
    if listed is not None:
        return listed
    from codemods.config import Config
    from codemods.discovery import _Excluder, _walk

    config = config if config is not None else Config(root=root)
    return sorted(os.path.abspath(path) for path in _walk(root, _Excluder(config), config.respect_gitignore))


def git_files(root: str, patterns: Sequence[str] = ("*.py",)) -> Optional[List[str]]:
    """The files under ``root`` matching ``patterns`` that git tracks, plus the
    untracked ones it does not ignore (absolute, sorted); None outside git."""
    if not _inside_git(root):
        return None
    import subprocess

    try:
        completed = subprocess.run(
            ["git", "-c", "core.quotepath=off", "ls-files", "-z", "--cached", "--others", "--exclude-standard",
             "--", *patterns], cwd=root, capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if completed.returncode != 0:
        return None
    found = set()
    for name in completed.stdout.split(b"\0"):
        if name:
            path = os.path.join(root, os.fsdecode(name))
            if os.path.isfile(path):  # a tracked file deleted in the work tree is gone
                found.add(path)
    return sorted(found)


def _inside_git(folder: str) -> bool:
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return True
        parent = os.path.dirname(folder)
        if parent == folder:
            return False
        folder = parent


# -- the model ---------------------------------------------------------------------------

class ProjectModel:
    """Every indexed file's facts, and the references between them (see the module
    documentation for the API)."""

    def __init__(self, root: Optional[str], files: Mapping[str, ModuleFacts], digests: Mapping[str, str],
                 entry_points: Sequence[Tuple[str, int, str]] = (),
                 pending: Optional[Mapping[str, str]] = None) -> None:
        self.root = root
        self._files = dict(files)
        #: path -> the JSON of the facts' rest part, decoded when ``facts(path)`` is asked
        self._pending = dict(pending or {})
        self._digests = dict(digests)
        #: (path, line, text) of ``pkg.mod:x`` strings in the root's pyproject.toml
        self.entry_points = tuple(entry_points)
        #: the files the run processes (absolute paths; set by the command line), None
        #: when every file is taken to be part of the run
        self.run_paths: Optional[Set[str]] = None
        self._modules: Optional[Dict[str, ModuleFacts]] = None
        self._ambiguous: Set[str] = set()
        self._index: Optional[Dict[Tuple[str, str], List[Reference]]] = None
        self._aliases: Optional[Dict[Tuple[str, str], List[Tuple[str, str]]]] = None
        self._by_module: Dict[str, List[Reference]] = {}
        self._star_exports: Dict[str, Optional[Set[str]]] = {}
        self._by_path: Optional[Dict[str, str]] = None
        #: where the model's cache lives (None: no cache); a codemod may keep its own
        #: per-file data there, keyed by :meth:`digest`
        self.cache_folder: Optional[str] = None

    @classmethod
    def from_sources(cls, sources: Iterable[Tuple[str, str]], root: Optional[str] = None) -> "ProjectModel":
        """A model of ``(path, text)`` pairs, without cache (tests, one file on stdin)."""
        files, digests = {}, {}
        for path, text in sources:
            absolute = os.path.abspath(path)
            files[absolute] = scan_text(absolute, text)
            digests[absolute] = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        return cls(root, files, digests)

    # -- files and modules ------------------------------------------------------------
    def paths(self) -> List[str]:
        return sorted(self._files)

    def facts(self, path: str) -> Optional[ModuleFacts]:
        absolute = os.path.abspath(path)
        found = self._files.get(absolute)
        rest = self._pending.pop(absolute, None)
        if found is not None and rest is not None:
            import json

            found.add_rest(json.loads(rest))
        return found

    def outside_run(self, path: str) -> bool:
        return self.run_paths is not None and os.path.abspath(path) not in self.run_paths

    def digest(self, path: str) -> Optional[str]:
        return self._digests.get(os.path.abspath(path))

    @property
    def modules(self) -> Dict[str, ModuleFacts]:
        if self._modules is None:
            modules: Dict[str, ModuleFacts] = {}
            for path in sorted(self._files):
                facts = self._files[path]
                if not facts.parsed or not facts.name:
                    continue
                if facts.name in modules:
                    self._ambiguous.add(facts.name)
                    continue
                modules[facts.name] = facts
            self._modules = modules
        return self._modules

    @property
    def ambiguous(self) -> Set[str]:
        self.modules  # noqa: B018 (fills it)
        return self._ambiguous

    def module_key(self, dotted: str) -> Optional[str]:
        """The module of the project ``dotted`` names: itself, or the module whose file
        path ends with it (a namespace package without ``__init__.py``: the file
        ``ns/sub/mod.py`` is named ``mod`` but imported as ``ns.sub.mod``)."""
        if dotted in self.modules:
            return dotted
        return self._path_aliases().get(dotted)

    def _path_aliases(self) -> Dict[str, str]:
        if self._by_path is None:
            aliases: Dict[str, Optional[str]] = {}
            for name, facts in self.modules.items():
                relative = os.path.relpath(facts.path, self.root) if self.root else facts.path.lstrip(os.sep)
                parts = relative[:-3].split(os.sep) if relative.endswith(".py") else []
                if parts and parts[-1] == "__init__":
                    parts.pop()
                depth = name.count(".") + 1
                if not all(p.isidentifier() for p in parts) or parts[-depth:] != name.split("."):
                    continue
                for cut in range(len(parts) - depth):
                    alias = ".".join(parts[cut:])
                    if alias not in self.modules:
                        aliases[alias] = name if aliases.get(alias, name) == name else None  # two: neither
            self._by_path = {alias: name for alias, name in aliases.items() if name is not None}
        return self._by_path

    def split(self, dotted: str) -> Optional[Tuple[str, str]]:
        """``pkg.mod.name.attr`` -> ("pkg.mod", "name"): the longest prefix that is a
        module of the project and the part after it ("" for the module itself)."""
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):
            module = self.module_key(".".join(parts[:cut]))
            if module is not None:
                return module, (parts[cut] if cut < len(parts) else "")
        return None

    def star_exports(self, module: str) -> Optional[Set[str]]:
        """The names ``from module import *`` binds: ``__all__``, else every module-level
        name without a leading underscore (None: not a module of the project)."""
        if module not in self._star_exports:
            self._star_exports[module] = self._compute_star_exports(module, set())
        return self._star_exports[module]

    def _compute_star_exports(self, module: str, _seen: Set[str]) -> Optional[Set[str]]:
        facts = self.modules.get(module)
        if facts is None:
            return None
        if facts.all_names is not None:
            return set(facts.all_names)
        names = {name for name in facts.definitions if not name.startswith("_")}
        seen = _seen | {module}
        for source in facts.star_from:  # what it star-imports, it passes on
            source = self.module_key(source) or source
            if source not in seen:
                names.update(self._compute_star_exports(source, seen) or ())
        return names

    # -- references ---------------------------------------------------------------------
    def references(self, module: str, name: Optional[str] = None, *, transitive: bool = True) -> List[Reference]:
        """Every place outside ``module`` that refers to ``module.name`` (or, with no
        name, to the module or anything in it). ``transitive``: also the references to
        the names that re-export it (``from module import name`` at module level of
        another module, star imports included)."""
        index = self._reference_index()
        if name is None:
            return sorted(self._by_module.get(module, ()), key=_order)
        found: List[Reference] = []
        pending = [(module, name)]
        seen = {(module, name)}
        aliases = self._alias_index() if transitive else {}
        while pending:
            key = pending.pop()
            found.extend(r for r in index.get(key, ()) if r.module != module)
            stars = index.get((key[0], "*"), ())
            exported = self.star_exports(key[0]) if stars else None
            if exported is not None and key[1] in exported:
                for star in stars:
                    if star.module != module:
                        found.append(star)
                    if transitive and (star.module, key[1]) not in seen:
                        seen.add((star.module, key[1]))
                        pending.append((star.module, key[1]))
            for alias in aliases.get(key, ()):
                if alias not in seen:
                    seen.add(alias)
                    pending.append(alias)
        unique = {(r.path, r.line, r.kind, r.target): r for r in found}
        return sorted(unique.values(), key=_order)

    def keyword_uses(self, module: str, function: str) -> List[Reference]:
        """Call sites (in any module, ``module`` included) that pass keyword arguments
        to ``module.function``, through any import or re-export of it."""
        index = self._reference_index()
        keys = {(module, function)}
        pending = [(module, function)]
        while pending:
            for alias in self._alias_index().get(pending.pop(), ()):
                if alias not in keys:
                    keys.add(alias)
                    pending.append(alias)
        found = [r for key in keys for r in index.get(key, ()) if r.kind == "keyword"]
        return sorted(found, key=_order)

    def _alias_index(self) -> Dict[Tuple[str, str], List[Tuple[str, str]]]:
        """(module, name) -> the module-level bindings ``from module import name [as b]``
        of other modules: (importer, b)."""
        if self._aliases is None:
            aliases: Dict[Tuple[str, str], List[Tuple[str, str]]] = {}
            for importer, facts in self.modules.items():
                for bound, (target, original, _) in facts.imported.items():
                    target = self.module_key(target) or target
                    aliases.setdefault((target, original), []).append((importer, bound))
            self._aliases = aliases
        return self._aliases

    def _reference_index(self) -> Dict[Tuple[str, str], List[Reference]]:
        if self._index is not None:
            return self._index
        index: Dict[Tuple[str, str], List[Reference]] = {}

        by_module = self._by_module

        def add(reference: Reference) -> None:
            index.setdefault(reference.target, []).append(reference)
            by_module.setdefault(reference.target[0], []).append(reference)

        key = self.module_key
        for path in sorted(self._files):
            facts = self._files[path]
            if not facts.parsed:
                continue
            own = facts.name or ""
            bindings: Dict[str, List[str]] = {}
            for line, target, name, bound in facts.import_lines:
                module = key(target)
                if name == "*":
                    if module is not None:
                        add(Reference(path, line, "star-import", own, (module, "*")))
                    continue
                if name:
                    full = f"{target}.{name}"
                    if module is not None:
                        add(Reference(path, line, "import", own, (module, name)))
                    submodule = key(full)
                    if submodule is not None:
                        add(Reference(path, line, "import", own, (submodule, "")))
                    bindings.setdefault(bound, []).append(full)
                else:
                    for cut in range(1, target.count(".") + 2):
                        prefix = ".".join(target.split(".")[:cut])
                        module = key(prefix)
                        if module is not None:
                            parent, _, last = prefix.rpartition(".")
                            add(Reference(path, line, "import", own, (module, "")))
                            parent_module = key(parent) if parent else None
                            if parent_module is not None:
                                add(Reference(path, line, "import", own, (parent_module, last)))
                    # ``import a.b`` binds a; ``import a.b as c`` binds c to a.b
                    bindings.setdefault(bound, []).append(bound if bound == target.split(".")[0] else target)
            for line, chain in facts.attribute_reads:
                for full in _expand(chain, bindings):
                    split = self.split(full)
                    if split is not None and split[1] and split[0] != own:
                        add(Reference(path, line, "attribute", own, split))
            for line, callee, keywords in facts.keyword_calls:
                root = callee.split(".", 1)[0]
                candidates = list(_expand(callee, bindings)) if root in bindings else []
                if not candidates and callee == root and own:
                    candidates = [f"{own}.{callee}"]
                for full in candidates:
                    split = self.split(full)
                    if split is not None and split[1] and f"{split[0]}.{split[1]}" == full:
                        add(Reference(path, line, "keyword", own, split, keywords))
            for line, text in facts.dotted_strings:
                self._add_string(add, path, line, own, text, "string")
        for path, line, text in self.entry_points:
            self._add_string(add, path, line, "", text, "entry-point")
        self._index = index
        return index

    def _add_string(self, add, path: str, line: int, own: str, text: str, kind: str) -> None:
        module_part, colon, attribute = text.partition(":")
        if colon:
            module = self.module_key(module_part)
            if module is not None and attribute:
                add(Reference(path, line, kind, own, (module, attribute.split(".", 1)[0])))
            return
        split = self.split(text)
        if split is not None and split[0] != own:
            add(Reference(path, line, kind, own, split))


def _order(reference: Reference) -> Tuple[str, int, str]:
    return reference.path, reference.line, reference.kind


def _expand(chain: str, bindings: Mapping[str, List[str]]) -> Iterable[str]:
    """``root.rest`` with ``root`` replaced by what each import binding it stands for."""
    root, dot, rest = chain.partition(".")
    for base in bindings.get(root, ()):
        yield f"{base}{dot}{rest}" if rest else base


# -- building it, with the per-file cache ------------------------------------------------

def scan_text(path: str, text: str) -> ModuleFacts:
    """One file's facts from its decoded text (an unparsable file keeps its words)."""
    import ast
    import re

    from codemods.analysis.modules import module_name_for

    name, is_init = module_name_for(path)
    try:
        tree = ast.parse(text, filename=path)
    except (SyntaxError, ValueError):
        tree = None
    if tree is None or not path.endswith(".py"):
        facts = ModuleFacts(name or "", path, is_init, parsed=False)
        facts.words = set(re.findall(r"[A-Za-z_]\w*", text))
        return facts
    facts = scan_module(path, text, tree, name or "", is_init)
    if "codemod:" in text or "@generated" in text:
        from codemods.engine.suppression import ALL, find_suppressions

        found = find_suppressions(text, tree)
        if found.skip_file or found.generated:
            facts.suppressed.add(ALL)
        for ids in found.lines.values():
            facts.suppressed.update(ids)
    return facts


def _cache_tag() -> str:
    from codemods import __version__

    return f"{_FORMAT}:{__version__}:{sys.version_info[0]}.{sys.version_info[1]}"


def build_model(paths: Iterable[str], *, root: Optional[str] = None, cache_folder: Optional[str] = None,
                overrides: Optional[Mapping[str, str]] = None) -> ProjectModel:
    """The model of ``paths`` (every file of the project, see :func:`project_files`).

    With ``cache_folder``, facts are reused for files whose stat data (or, when that
    changed, content digest) and module name are as recorded. ``overrides`` maps a
    path to the text to index instead of the file's (source given on stdin)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()  # syntax trees are many small objects and no cycles: collecting costs ~10%
    try:
        return _build_model(paths, root, cache_folder, overrides)
    finally:
        if enabled:
            gc.enable()


def _build_model(paths: Iterable[str], root: Optional[str], cache_folder: Optional[str],
                 overrides: Optional[Mapping[str, str]]) -> ProjectModel:
    from codemods.engine.source import SourceError, decode_source

    if cache_folder:
        import json  # only a cached model reads or writes its facts as JSON
    overridden = {os.path.abspath(p): text for p, text in (overrides or {}).items()}
    cached = _load_cache(cache_folder) if cache_folder else {}
    entries: Dict[str, list] = {}
    files: Dict[str, ModuleFacts] = {}
    pending: Dict[str, str] = {}
    digests: Dict[str, str] = {}
    packages: Dict[str, Tuple[Optional[str], bool]] = {}
    dirty = False
    for path in sorted({os.path.abspath(p) for p in paths} | set(overridden)):
        if path in overridden:
            text = overridden[path]
            files[path] = scan_text(path, text)
            digests[path] = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
            continue
        try:
            status = os.stat(path)
        except OSError:
            continue
        stat = [status.st_size, status.st_mtime_ns, status.st_ino]
        module = list(_module_name(path, packages))
        entry = cached.get(path)
        reusable = entry is not None and len(entry) == 5 and entry[2] == module
        if reusable and entry[0] == stat:
            try:
                files[path] = ModuleFacts.from_links(path, json.loads(entry[3]))
                pending[path] = entry[4]
                digests[path] = entry[1]
                entries[path] = entry
                continue
            except (KeyError, TypeError, ValueError):
                pass
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError:
            continue
        digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
        dirty = True
        if reusable and entry[1] == digest:  # touched, not changed: only the stat data is new
            try:
                files[path] = ModuleFacts.from_links(path, json.loads(entry[3]))
                pending[path] = entry[4]
                digests[path] = digest
                entries[path] = [stat, digest, module, entry[3], entry[4]]
                continue
            except (KeyError, TypeError, ValueError):
                pass
        try:
            text = decode_source(raw).text
        except SourceError:
            text = raw.decode("utf-8", "replace")
        facts = scan_text(path, text)
        files[path] = facts
        digests[path] = digest
        if cache_folder:
            entries[path] = [stat, digest, module, json.dumps(facts.links_data(), separators=(",", ":")),
                             json.dumps(facts.rest_data(), separators=(",", ":"))]
    if cache_folder and (dirty or set(entries) != set(cached)):
        _save_cache(cache_folder, entries)
    model = ProjectModel(root, files, digests, _entry_points(root) if root else (), pending)
    model.cache_folder = cache_folder
    return model


def _module_name(path: str, packages: Dict[str, Tuple[Optional[str], bool]]) -> Tuple[str, bool]:
    """``module_name_for`` with the package of each folder looked up once per build."""
    folder, filename = os.path.split(path)
    stem = filename[:-3] if filename.endswith(".py") else filename
    is_init = stem == "__init__"
    package = packages.get(folder)
    if package is None:
        from codemods.analysis.modules import module_name_for

        name, _ = module_name_for(os.path.join(folder, "__init__.py"))
        package = packages[folder] = (name if os.path.isfile(os.path.join(folder, "__init__.py")) else None, True)
    prefix = package[0]
    if is_init:
        return prefix or "", True
    return (f"{prefix}.{stem}" if prefix else stem), False


def _load_cache(folder: str) -> Dict[str, list]:
    from codemods.cache import read_json

    data = read_json(folder, MODEL_FILE)
    if not isinstance(data, dict) or data.get("tag") != _cache_tag() or not isinstance(data.get("files"), dict):
        return {}
    return data["files"]


def _save_cache(folder: str, entries: Mapping[str, list]) -> None:
    from codemods.cache import write_json

    write_json(folder, MODEL_FILE, {"tag": _cache_tag(), "files": entries})


def _entry_points(root: str) -> List[Tuple[str, int, str]]:
    """``pkg.mod:name`` (and ``pkg.mod.name``) strings of the root's pyproject.toml."""
    path = os.path.join(root, "pyproject.toml")
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return []
    if b":" not in raw:
        return []
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return []
    found: List[Tuple[str, int, str]] = []
    lines = raw.decode("utf-8").splitlines()

    def visit(value) -> None:
        if isinstance(value, dict):
            for item in value.values():
                visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)
        elif isinstance(value, str) and ":" in value:
            spelled = dotted_string(value)
            if spelled is not None:
                line = next((number for number, text in enumerate(lines, 1) if spelled in text), 1)
                found.append((path, line, spelled))

    visit(data)
    return found
