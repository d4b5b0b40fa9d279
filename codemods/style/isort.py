"""The project's import-sorting settings, read the way its sorter reads them, and the
order they define: which section a module belongs to and how imports sort in it.

Read from the nearest folder (walking up from the file, stopping after the folder
that holds ``.git`` or ``.hg``) with one of: ``.isort.cfg``, ``pyproject.toml``
(``[tool.isort]``, ``[tool.ruff.lint.isort]``, ``[tool.ruff.isort]``, or a
``[tool.ruff]`` table alone: ruff's defaults), ``ruff.toml``/``.ruff.toml``,
``setup.cfg`` (``[isort]``, ``[tool:isort]``), ``tox.ini`` (``[isort]``,
``[tool:isort]``), or OpenStack's hacking in ``[flake8]``. In one folder, ruff's
isort table wins, then isort's own configuration, then hacking, then a bare ruff
configuration, then ``[tool.black]`` (isort's order, black's way of wrapping a long
import). With no such file (or ``isolated``), isort's defaults. No libcst
here: ``codemods.cst.imports`` applies it.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

from codemods.analysis.first_party import module_exists, project_roots
from codemods.style.files import read_ini, read_toml

FUTURE, STDLIB, THIRDPARTY, FIRSTPARTY, LOCALFOLDER = "FUTURE", "STDLIB", "THIRDPARTY", "FIRSTPARTY", "LOCALFOLDER"
DEFAULT_SECTIONS = (FUTURE, STDLIB, THIRDPARTY, FIRSTPARTY, LOCALFOLDER)
_RUFF_SECTION_NAMES = {"future": FUTURE, "standard-library": STDLIB, "third-party": THIRDPARTY,
                       "first-party": FIRSTPARTY, "local-folder": LOCALFOLDER}

#: isort's profiles, as far as they decide where a new import goes and how it is written
_PROFILES: Mapping[str, Mapping[str, Any]] = {
    "black": {"line_length": 88, "wrap": "vertical-hanging", "trailing_comma": True},
    "django": {"line_length": 79, "trailing_comma": True, "wrap": "hanging-grid"},
    "pycharm": {"wrap": "vertical-hanging", "lines_after_imports": 2},
    "google": {"force_single_line": True, "force_sort_within_sections": True, "lexicographical": True,
               "line_length": 1000, "order_by_type": False, "group_by_package": True,
               "single_line_exclusions": ("collections.abc", "six.moves", "typing", "typing_extensions")},
    "open_stack": {"force_single_line": True, "force_sort_within_sections": True, "lexicographical": True},
    "plone": {"line_length": 88, "wrap": "vertical-hanging", "trailing_comma": True,
              "force_alphabetical_sort": True, "force_single_line": True},
    "attrs": {"trailing_comma": True, "lines_after_imports": 2, "lines_between_types": 1, "wrap": "vertical-hanging"},
    "hug": {"wrap": "vertical-hanging", "trailing_comma": True, "line_length": 100},
    "wemake": {"wrap": "vertical-hanging", "trailing_comma": True, "line_length": 80},
    "appnexus": {"line_length": 88, "wrap": "vertical-hanging", "trailing_comma": True,
                 "force_sort_within_sections": True, "order_by_type": False},
}
#: isort's multi_line_output numbers, by how this package names them
_WRAP_MODES = {0: "grid", 1: "vertical", 2: "hanging", 3: "vertical-hanging", 4: "vertical-grid",
               5: "vertical-grid-grouped", 6: "vertical-grid-grouped", 7: "noqa", 8: "vertical-hanging",
               9: "vertical-prefix", 10: "hanging", 11: "backslash"}


@dataclass(frozen=True)
class ImportSettings:
    """How the project sorts imports (isort's names; ruff's equivalents map onto them)."""

    #: "isort", "ruff", or "default" (isort's defaults: no configuration found)
    tool: str = "default"
    #: where the settings came from ("path [table]"), or "isort's defaults"
    source: str = "isort's defaults"
    #: the folder relative paths (src) are read from; the project root
    root: Optional[str] = None
    sections: Tuple[str, ...] = DEFAULT_SECTIONS
    force_single_line: bool = False
    single_line_exclusions: Tuple[str, ...] = ()
    force_sort_within_sections: bool = False
    lexicographical: bool = False
    group_by_package: bool = False
    order_by_type: bool = True
    case_sensitive: bool = False
    force_alphabetical_sort: bool = False
    from_first: bool = False
    force_to_top: Tuple[str, ...] = ()
    known: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)
    src_paths: Tuple[str, ...] = ()
    #: -1: two blank lines before a def or class, one otherwise
    lines_after_imports: int = -1
    lines_between_types: int = 0
    no_lines_before: FrozenSet[str] = frozenset()
    line_length: int = 79
    #: how a from-import too long for one line wraps (isort's multi_line_output)
    wrap: str = "grid"
    trailing_comma: bool = False
    #: ruff: first-party when the importing file is in the same package
    detect_same_package: bool = False

    def fingerprint(self) -> str:
        """The settings as a stable string (part of the cache key: a changed sorter
        configuration means a new result)."""
        parts = []
        for name, value in sorted(vars(self).items()):
            if isinstance(value, (set, frozenset)):
                value = sorted(value)
            elif isinstance(value, Mapping):
                value = sorted((key, tuple(item)) for key, item in value.items())
            parts.append(f"{name}={value!r}")
        return ";".join(parts)

    # --- sections ---------------------------------------------------------------------

    def section_of(self, module: str, level: int, path: Optional[str]) -> str:
        """FUTURE, STDLIB, THIRDPARTY, FIRSTPARTY or LOCALFOLDER for ``from
        <level dots><module> import ...`` / ``import <module>`` in the file ``path``."""
        if level:
            return LOCALFOLDER
        if module == "__future__":
            return FUTURE
        for section in (FUTURE, LOCALFOLDER, FIRSTPARTY, THIRDPARTY, STDLIB):
            if any(_matches(module, pattern) for pattern in self.known.get(section, ())):
                return section
        top = module.split(".", 1)[0]
        if top in stdlib_modules():
            return STDLIB
        if self._is_first_party(module, path):
            return FIRSTPARTY
        return THIRDPARTY

    def _is_first_party(self, module: str, path: Optional[str]) -> bool:
        top = module.split(".", 1)[0]
        roots = self.src_paths
        if not roots and path is not None:  # no sorter configured: the project root and its src/
            roots = project_roots(path)
        for folder in roots:
            if module_exists(folder, top) or (os.path.basename(folder) == top and os.path.isfile(os.path.join(folder, "__init__.py"))):
                return True
        if path is not None and self.detect_same_package:
            package_root = _package_root(os.path.abspath(path))
            if package_root is not None and os.path.basename(package_root) == top:
                return True
        return False

    # --- order ------------------------------------------------------------------------

    def _text_key(self, text: str, by_type: bool) -> Tuple[Any, ...]:
        prefix = ""
        if by_type and self.order_by_type:
            prefix = "A" if text.isupper() and len(text) > 1 else ("B" if text[:1].isupper() else "C")
        folded = text if self.case_sensitive else text.lower()
        if self.force_alphabetical_sort:
            folded = text.lower()
        top = "A" if text in self.force_to_top else "B"
        return (top, prefix, _natural(folded), _natural(text))

    def module_key(self, module: str, level: int = 0) -> Tuple[Any, ...]:
        """How ``module`` sorts among the modules of one section."""
        if level:  # furthest first: "..a" before ".a" (isort and ruff alike)
            return (0, -level, self._text_key(module, False))
        return (1, 0, self._text_key(module, False))

    def name_key(self, name: str) -> Tuple[Any, ...]:
        """How an imported name sorts inside ``from m import ...`` (CONSTANTS, Classes,
        functions when ordered by type)."""
        return self._text_key(name, True)

    def statement_key(self, module: str, level: int, names: Sequence[str], is_from: bool) -> Tuple[Any, ...]:
        """How one import statement sorts among the statements of its section."""
        first = self.name_key(names[0]) if names else ()
        if self.force_sort_within_sections:
            if self.tool == "ruff":
                return (self.module_key(module, level), 1 if is_from else 0, first)
            return self._isort_line_key(module, level, names, is_from)
        kind = (0 if is_from else 1) if self.from_first else (1 if is_from else 0)
        return (kind, self.module_key(module, level), first)

    def _isort_line_key(self, module: str, level: int, names: Sequence[str], is_from: bool) -> Tuple[Any, ...]:
        """isort's ``section_key``: the statement's text without ``from``/``import``."""
        dotted = "." * level + module
        if is_from:
            line = f"from {dotted} import {', '.join(names)}"
        else:
            line = f"import {dotted}"
        if self.group_by_package and is_from:
            line = line.split(" import ", 1)[0]
        if self.lexicographical:
            line = re.sub(r"^(from|import) ", "", line.replace(" import ", "."))
        else:
            line = re.sub(r"^(from|import) ", "", line)
        top = "A" if line.split(" ")[0] in self.force_to_top else "B"
        if not self.order_by_type or not self.case_sensitive:
            line = line.lower()
        return (top, _natural(line))

    def single_line(self, module: str) -> bool:
        """Each name of a ``from`` import of ``module`` on its own statement."""
        return (self.force_single_line or self.force_alphabetical_sort) and module not in self.single_line_exclusions

    def blank_lines_after_imports(self, before_definition: bool) -> int:
        if self.lines_after_imports >= 0:
            return self.lines_after_imports
        return 2 if before_definition else 1


def _natural(text: str) -> Tuple[Any, ...]:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def _matches(module: str, pattern: str) -> bool:
    if any(char in pattern for char in "*?["):
        import fnmatch

        return fnmatch.fnmatchcase(module, pattern)
    return module == pattern or module.startswith(pattern + ".")


def _package_root(path: str) -> Optional[str]:
    folder = os.path.dirname(path)
    root = None
    while os.path.isfile(os.path.join(folder, "__init__.py")):
        root = folder
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return root


#: standard-library modules of other platforms (the 3.9 fallback lists what this one has)
_OTHER_PLATFORMS = ("msvcrt", "winreg", "winsound", "nt", "msilib", "_winapi", "_overlapped", "_msi", "_scproxy",
                    "_dbm", "_gdbm")


@lru_cache(maxsize=1)
def stdlib_modules() -> FrozenSet[str]:
    """Top-level names of the standard library of the running Python."""
    names = set(getattr(sys, "stdlib_module_names", ()))
    if not names:  # Python 3.9: the built-in modules and what the stdlib folder holds
        names.update(sys.builtin_module_names)
        import sysconfig

        folder = sysconfig.get_paths()["stdlib"]
        for entry in os.listdir(folder):
            stem, extension = os.path.splitext(entry)
            if entry == "site-packages" or not stem.isidentifier():
                continue
            if extension == ".py" or (not extension and os.path.isfile(os.path.join(folder, entry, "__init__.py"))):
                names.add(stem)
        dynload = os.path.join(folder, "lib-dynload")
        if os.path.isdir(dynload):
            names.update(entry.split(".", 1)[0] for entry in os.listdir(dynload))
        names.update(_OTHER_PLATFORMS)
        names.discard("test")  # CPython's own tests: not what ``import test`` means in a project
    names.discard("__future__")
    return frozenset(names)


# --- reading the configuration --------------------------------------------------------------

_STOP_MARKERS = (".git", ".hg")


def import_settings(path: str, isolated: bool = False) -> ImportSettings:
    """The import settings that apply to the file (or folder) ``path``; isort's
    defaults when ``isolated`` (every configuration file ignored) or none is found."""
    folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
    return ImportSettings() if isolated else _settings_for_folder(os.path.abspath(folder))


@lru_cache(maxsize=256)
def _settings_for_folder(folder: str) -> ImportSettings:
    current = folder
    while True:
        found = _settings_in(current)
        if found is not None:
            return found
        parent = os.path.dirname(current)
        if parent == current or any(os.path.exists(os.path.join(current, m)) for m in _STOP_MARKERS):
            return ImportSettings(root=current)
        current = parent


def _settings_in(folder: str) -> Optional[ImportSettings]:
    pyproject = _read_toml(os.path.join(folder, "pyproject.toml"))
    tool = pyproject.get("tool", {}) if isinstance(pyproject.get("tool"), dict) else {}
    ruff_file, ruff = None, None
    for name in (".ruff.toml", "ruff.toml"):
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            ruff_file, ruff = candidate, _read_toml(candidate)
            break
    if ruff is None and isinstance(tool.get("ruff"), dict):
        ruff_file, ruff = os.path.join(folder, "pyproject.toml"), tool["ruff"]
    ruff_isort = None
    if ruff is not None:
        lint = ruff.get("lint") if isinstance(ruff.get("lint"), dict) else {}
        ruff_isort = lint.get("isort") if isinstance(lint.get("isort"), dict) else ruff.get("isort")
        if ruff_isort is not None and not isinstance(ruff_isort, dict):
            ruff_isort = None
    if ruff_isort is not None:
        table = "[tool.ruff.lint.isort]" if ruff_file.endswith("pyproject.toml") else "[lint.isort]"
        return _from_ruff(ruff, ruff_isort, folder, f"{ruff_file} {table}")
    isort = _isort_config(folder, tool)
    if isort is not None:
        options, source = isort
        return _from_isort(options, folder, source)
    hacking = _hacking(folder)
    if hacking is not None:
        single_line, source = hacking
        length = ruff.get("line-length", 79) if ruff is not None else 79
        return ImportSettings(tool="hacking", source=source, root=folder, force_single_line=single_line,
                              force_sort_within_sections=True, lexicographical=True, order_by_type=False,
                              line_length=_as_int(length, 79), src_paths=_folders(folder, (".", "src")))
    if ruff is not None:
        return _from_ruff(ruff, {}, folder, f"{ruff_file} (ruff's isort defaults)")
    black = tool.get("black")
    if isinstance(black, dict):  # isort's order, wrapped the way black would leave it
        return ImportSettings(source=os.path.join(folder, "pyproject.toml") + " [tool.black] (isort's defaults, "
                              "black's wrapping)", root=folder, wrap="vertical-hanging", trailing_comma=True,
                              line_length=_as_int(black.get("line-length", 88), 88))
    return None


def _isort_config(folder: str, tool: Mapping[str, Any]) -> Optional[Tuple[Dict[str, Any], str]]:
    candidates = [(".isort.cfg", ("settings", "isort", "tool:isort"))]
    for name, sections in candidates:
        found = _read_ini(os.path.join(folder, name), sections)
        if found is not None:
            return found
    if isinstance(tool.get("isort"), dict):
        return {_key(k): v for k, v in tool["isort"].items()}, os.path.join(folder, "pyproject.toml") + " [tool.isort]"
    for name in ("setup.cfg", "tox.ini"):
        found = _read_ini(os.path.join(folder, name), ("isort", "tool:isort"))
        if found is not None:
            return found
    return None


def _hacking(folder: str) -> Optional[Tuple[bool, str]]:
    """OpenStack's hacking (flake8 plugin): H306 wants each import line in alphabetical
    order of ``import a.b`` (``from a import b`` read that way, lower case), H301 one
    import per line (unless ignored). Found by a ``[hacking]`` section or the H codes
    in ``[flake8]`` (tox.ini, setup.cfg, .flake8), or hacking named in
    test-requirements.txt or .pre-commit-config.yaml. Returns (one name per
    statement?, source)."""
    for name in ("tox.ini", "setup.cfg", ".flake8"):
        path = os.path.join(folder, name)
        parser = read_ini(path)
        if parser is None or not parser.has_section("flake8"):
            continue
        options = {_key(k): v for k, v in parser.items("flake8")}
        codes = " ".join(options.get(k, "") for k in ("select", "extend_select", "enable_extensions"))
        named = parser.has_section("hacking") or re.search(r"\bH\d*\b", codes) is not None or any(
            "hacking" in _read_text(os.path.join(folder, other))
            for other in ("test-requirements.txt", ".pre-commit-config.yaml"))
        if named:
            ignored = re.split(r"[\s,]+", " ".join(options.get(k, "") for k in ("ignore", "extend_ignore")))
            return "H301" not in ignored and "H3" not in ignored and "H" not in ignored, f"{path} [flake8] (hacking)"
    return None


def _read_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return ""


def _key(name: str) -> str:
    return name.strip().lower().replace("-", "_")


def _read_toml(path: str) -> Mapping[str, Any]:
    return read_toml(path) or {}


def _read_ini(path: str, sections: Sequence[str]) -> Optional[Tuple[Dict[str, Any], str]]:
    parser = read_ini(path)
    if parser is None:
        return None
    for section in sections:
        if parser.has_section(section):
            return {_key(k): v for k, v in parser.items(section)}, f"{path} [{section}]"
    return None


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _as_list(value: Any) -> Tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in re.split(r"[,\n]", value) if part.strip())
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(str(part).strip() for part in value)
    return ()


def _as_int(value: Any, default: int) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return default


def _from_isort(options: Mapping[str, Any], root: str, source: str) -> ImportSettings:
    merged: Dict[str, Any] = {}
    profile = str(options.get("profile", "")).strip()
    merged.update(_PROFILES.get(profile, {}))
    for name in ("force_single_line", "force_sort_within_sections", "lexicographical", "group_by_package",
                 "order_by_type", "case_sensitive", "force_alphabetical_sort", "from_first",
                 "include_trailing_comma"):
        if name in options:
            merged["trailing_comma" if name == "include_trailing_comma" else name] = _as_bool(options[name])
    if merged.get("force_alphabetical_sort"):
        merged.update(force_single_line=True, force_sort_within_sections=True, order_by_type=False)
    for name in ("lines_after_imports", "lines_between_types", "line_length"):
        if name in options:
            merged[name] = _as_int(options[name], -1 if name == "lines_after_imports" else 0)
    if "multi_line_output" in options:
        value = str(options["multi_line_output"]).strip()
        number = _as_int(value, -1)
        merged["wrap"] = _WRAP_MODES.get(number, "grid") if number >= 0 else _wrap_by_name(value)
    known: Dict[str, Tuple[str, ...]] = {}
    for section, names in ((FIRSTPARTY, ("known_first_party",)), (THIRDPARTY, ("known_third_party",)),
                           (LOCALFOLDER, ("known_local_folder",)),
                           (STDLIB, ("known_standard_library", "extra_standard_library"))):
        values = tuple(v for name in names for v in _as_list(options.get(name, ())))
        if values:
            known[section] = values
    if "single_line_exclusions" in options:
        merged["single_line_exclusions"] = _as_list(options["single_line_exclusions"])
    if "force_to_top" in options:
        merged["force_to_top"] = _as_list(options["force_to_top"])
    src = _as_list(options.get("src_paths", ())) or (".", "src")
    sections = tuple(s.upper() for s in _as_list(options.get("sections", ()))) or DEFAULT_SECTIONS
    no_lines_before = frozenset(s.upper() for s in _as_list(options.get("no_lines_before", ())))
    if "single_line_exclusions" in merged:
        merged["single_line_exclusions"] = tuple(merged["single_line_exclusions"])
    return ImportSettings(tool="isort", source=source, root=root, sections=sections, known=known,
                          src_paths=_folders(root, src), no_lines_before=no_lines_before, **merged)


def _wrap_by_name(value: str) -> str:
    name = value.strip().upper()
    if name.startswith("VERTICAL_HANGING"):
        return "vertical-hanging"
    return {"GRID": "grid", "VERTICAL": "vertical", "HANGING_INDENT": "hanging"}.get(name, "grid")


def _from_ruff(ruff: Mapping[str, Any], options: Mapping[str, Any], root: str, source: str) -> ImportSettings:
    get = {_key(k): v for k, v in options.items()}.get
    known: Dict[str, Tuple[str, ...]] = {}
    for section, name in ((FIRSTPARTY, "known_first_party"), (THIRDPARTY, "known_third_party"),
                          (LOCALFOLDER, "known_local_folder"), (STDLIB, "extra_standard_library")):
        values = _as_list(get(name, ()))
        if values:
            known[section] = values
    order = tuple(_RUFF_SECTION_NAMES.get(str(s), str(s).upper()) for s in _as_list(get("section_order", ())))
    src = _as_list(ruff.get("src", ())) or (".", "src")
    return ImportSettings(
        tool="ruff", source=source, root=root, sections=order or DEFAULT_SECTIONS, known=known,
        force_single_line=_as_bool(get("force_single_line", False)),
        single_line_exclusions=_as_list(get("single_line_exclusions", ())),
        force_sort_within_sections=_as_bool(get("force_sort_within_sections", False)),
        order_by_type=_as_bool(get("order_by_type", True)),
        case_sensitive=_as_bool(get("case_sensitive", False)),
        from_first=_as_bool(get("from_first", False)),
        force_to_top=_as_list(get("force_to_top", ())),
        lines_after_imports=_as_int(get("lines_after_imports", -1), -1),
        lines_between_types=_as_int(get("lines_between_types", 0), 0),
        no_lines_before=frozenset(_RUFF_SECTION_NAMES.get(s, s.upper()) for s in _as_list(get("no_lines_before", ()))),
        line_length=_as_int(ruff.get("line-length", 88), 88),
        wrap="vertical-hanging", trailing_comma=True,
        src_paths=_folders(root, src),
        detect_same_package=_as_bool(get("detect_same_package", True)),
    )


def _folders(root: str, entries: Sequence[str]) -> Tuple[str, ...]:
    found: List[str] = []
    for entry in entries:
        folder = os.path.normpath(os.path.join(root, entry))
        if os.path.isdir(folder) and folder not in found:
            found.append(folder)
    return tuple(found)
