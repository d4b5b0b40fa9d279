"""``[tool.codemods]`` in the nearest pyproject.toml, merged under the command line.

The nearest file is found by walking up from the common folder of the paths given
(or the current folder); the first pyproject.toml with a ``[tool.codemods]`` table
wins, unless ``--config`` names one. Unknown keys are errors that name the key.

``--isolated`` reads no configuration file at all: ``load_config(..., isolated=True)``
returns the defaults with ``Config.isolated`` set, and every other reader of
configuration (the linters' line length, for one) must read nothing when it is set.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence

KNOWN_KEYS = {
    "select", "ignore", "exclude", "extend-exclude", "per-file-ignores",
    "unsafe-fixes", "target-version", "cache-dir", "respect-gitignore",
    "line-length", "formatter",
}
TARGET_VERSIONS = {f"py3{minor}": f"3.{minor}" for minor in range(7, 15)}

DEFAULT_EXCLUDES = (
    ".bzr", ".direnv", ".eggs", ".git", ".hg", ".mypy_cache", ".nox", ".pants.d", ".pytype",
    ".ruff_cache", ".svn", ".tox", ".venv", "__pypackages__", "_build", "buck-out", "build",
    "dist", "node_modules", "site-packages", "venv", ".codemods_cache",
)


class ConfigError(Exception):
    pass


@dataclass
class Config:
    path: Optional[str] = None  # the pyproject.toml it came from
    root: str = field(default_factory=os.getcwd)  # folder patterns are relative to
    select: Optional[List[str]] = None
    ignore: List[str] = field(default_factory=list)
    exclude: List[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDES))
    extend_exclude: List[str] = field(default_factory=list)
    per_file_ignores: Dict[str, List[str]] = field(default_factory=dict)
    unsafe_fixes: bool = False
    target_version: Optional[str] = None
    cache_dir: Optional[str] = None
    respect_gitignore: bool = True
    codemod_options: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    #: ``--isolated``: no configuration file was read, and none may be (pyproject.toml,
    #: the linters' configs): a reader of any config file tests this first.
    isolated: bool = False
    #: the project's style settings set here (else read from ruff/black/flake8: codemods.style)
    line_length: Optional[int] = None
    formatter: Optional[str] = None

    def style_table(self) -> Dict[str, Any]:
        """``line-length``/``formatter`` as set in ``[tool.codemods]``, for codemods.style."""
        table: Dict[str, Any] = {}
        if self.line_length is not None:
            table["line-length"] = self.line_length
        if self.formatter is not None:
            table["formatter"] = self.formatter
        return table


def _load_toml(path: str) -> Mapping[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, ValueError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None


#: what marks a project's top folder (as for first-party modules in unused-imports)
PROJECT_MARKERS = ("pyproject.toml", "setup.cfg", "setup.py", ".git")


def nearest_marker_folder(start: str) -> Optional[str]:
    """The nearest folder at or above ``start`` that holds one of
    :data:`PROJECT_MARKERS`, or None."""
    folder = start
    while True:
        if any(os.path.exists(os.path.join(folder, marker)) for marker in PROJECT_MARKERS):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def find_project_root(paths: Sequence[str]) -> str:
    """The project root of ``paths`` (default: the current folder), with symlinks
    resolved: the nearest folder at or above their common folder that holds
    pyproject.toml, setup.cfg, setup.py or .git; without one, the common folder
    itself (never the filesystem root, which would contain everything)."""
    real = [os.path.realpath(p) for p in paths] or [os.path.realpath(os.getcwd())]
    try:
        start = os.path.commonpath(real)
    except ValueError:  # different drives
        start = os.path.realpath(os.getcwd())
    if not os.path.isdir(start):
        start = os.path.dirname(start)
    return nearest_marker_folder(start) or start


def find_config_file(paths: Sequence[str]) -> Optional[str]:
    start = os.getcwd()
    if paths:
        absolute = [os.path.abspath(p) for p in paths]
        try:
            start = os.path.commonpath(absolute)
        except ValueError:
            start = os.getcwd()
        if not os.path.isdir(start):
            start = os.path.dirname(start)
    folder = start
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate):
            with open(candidate, "rb") as handle:
                if b"tool.codemods" in handle.read():
                    return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _string_list(value: Any, key: str, where: str) -> List[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise ConfigError(f"{where}: `{key}` must be a list of strings")


def _relative_to(root: str, selector: str) -> str:
    """A ``path/to/file.py:Name`` transformer in ``select`` is relative to the
    configuration file's folder, not the current one."""
    target, colon, name = selector.rpartition(":")
    if colon and name and (target.endswith(".py") or "/" in target or os.sep in target):
        if not os.path.isabs(target):
            return f"{os.path.join(root, target)}:{name}"
    return selector


def load_config(paths: Sequence[str], explicit: Optional[str] = None, isolated: bool = False) -> Config:
    """The configuration for a run over ``paths``: ``explicit`` (``--config``) or the
    nearest pyproject.toml with ``[tool.codemods]``. ``isolated`` (``--isolated``)
    reads no file: the defaults, with ``Config.isolated`` set."""
    if isolated:
        if explicit:
            raise ConfigError("--isolated reads no configuration file: it cannot be combined with --config")
        return Config(isolated=True)
    path = explicit or find_config_file(paths)
    if path is None:
        return Config()
    data = _load_toml(path)
    table = data.get("tool", {}).get("codemods", {}) if explicit is None or "tool" in data else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.codemods] must be a table")
    config = Config(path=path, root=os.path.dirname(os.path.abspath(path)))
    where = f"{path}: [tool.codemods]"
    for key, value in table.items():
        if isinstance(value, dict) and key not in ("per-file-ignores",):
            config.codemod_options[key] = dict(value)
            continue
        if key not in KNOWN_KEYS:
            import difflib

            close = difflib.get_close_matches(key, sorted(KNOWN_KEYS), n=2, cutoff=0.6)
            hint = f"; did you mean {' or '.join(close)}?" if close else f" (known: {', '.join(sorted(KNOWN_KEYS))})"
            raise ConfigError(f"{where}: unknown key `{key}`{hint}")
        if key == "select":
            config.select = [_relative_to(config.root, item) for item in _string_list(value, key, where)]
        elif key == "ignore":
            config.ignore = _string_list(value, key, where)
        elif key == "exclude":
            config.exclude = _string_list(value, key, where)
        elif key == "extend-exclude":
            config.extend_exclude = _string_list(value, key, where)
        elif key == "unsafe-fixes":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: `unsafe-fixes` must be true or false")
            config.unsafe_fixes = value
        elif key == "respect-gitignore":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: `respect-gitignore` must be true or false")
            config.respect_gitignore = value
        elif key == "target-version":
            if value not in TARGET_VERSIONS:
                raise ConfigError(f"{where}: `target-version` must be one of {', '.join(TARGET_VERSIONS)}")
            config.target_version = TARGET_VERSIONS[value]
        elif key == "cache-dir":
            if not isinstance(value, str):
                raise ConfigError(f"{where}: `cache-dir` must be a string")
            config.cache_dir = os.path.join(config.root, value)
        elif key in ("line-length", "formatter"):
            from codemods.style.settings import StyleError, check_formatter, check_line_length

            try:
                if key == "line-length":
                    config.line_length = check_line_length(value, where)
                else:
                    config.formatter = check_formatter(value, where)
            except StyleError as error:
                raise ConfigError(str(error)) from None
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{where}: `per-file-ignores` must be a table of glob = [ids]")
    for pattern, ids in per_file.items():
        config.per_file_ignores[pattern] = _string_list(ids, f"per-file-ignores.{pattern}", where)
    return config
