"""``[tool.codemods]`` in the nearest pyproject.toml, merged under the command line.

The nearest file is found by walking up from the common folder of the paths given
(or the current folder); the first pyproject.toml with a ``[tool.codemods]`` table
wins, unless ``--config`` names one. Unknown keys are errors that name the key.
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


def load_config(paths: Sequence[str], explicit: Optional[str] = None) -> Config:
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
            config.select = _string_list(value, key, where)
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
