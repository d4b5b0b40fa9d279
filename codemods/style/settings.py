"""The project's line length and formatter, each with where it came from.

Read once per run (libcst-free), from the run's ``[tool.codemods]`` table first and
then from the other tools' configuration in the project folder: the nearest folder,
walking up from the common folder of the paths, that holds any of them (the walk
stops at a folder with ``.git`` or ``.hg``, the project's root).

Line length, first found:

1. ``[tool.codemods] line-length``;
2. ruff: ``line-length`` of ``.ruff.toml``, ``ruff.toml`` or ``[tool.ruff]`` in
   pyproject.toml, in ruff's own order of precedence (``extend = "..."`` is not
   followed: a value only in the extended file is not seen);
3. ``[tool.black] line-length``;
4. ``max-line-length`` of ``[flake8]``, ``[pycodestyle]`` or ``[pep8]`` in setup.cfg,
   tox.ini or .flake8; 79 (pycodestyle's default) when such a section exists
   without it;
5. 88 (black's and ruff's default).

Formatter (``black``, ``ruff`` or ``none``), first found:

1. ``[tool.codemods] formatter``;
2. ``ruff``: a ``[tool.ruff.format]`` table, or ``[format]`` in (.)ruff.toml;
3. ``black``: a ``[tool.black]`` table;
4. a ``.pre-commit-config.yaml`` hook with id ``ruff-format`` (ruff) or ``black``;
5. ``none``: fixes follow the file's own continuation style.

``isolated=True`` reads no file at all: the defaults (88, none).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, List, Mapping, Optional, Sequence, Tuple

from codemods.style.files import read_ini, read_toml

DEFAULT_LINE_LENGTH = 88
PYCODESTYLE_LINE_LENGTH = 79
FORMATTERS = ("black", "ruff", "none")
#: the sections of pycodestyle's and flake8's options, in the order they win
LINT_SECTIONS = ("flake8", "pycodestyle", "pep8")
LINT_FILES = ("setup.cfg", "tox.ini", ".flake8")
RUFF_FILES = (".ruff.toml", "ruff.toml")
_PRE_COMMIT_HOOK = re.compile(r"^\s*-?\s*id\s*:\s*['\"]?(ruff-format|black)['\"]?\s*(?:#.*)?$", re.MULTILINE)


class StyleError(ValueError):
    """A configuration value that cannot be a line length or a formatter."""


@dataclass(frozen=True)
class StyleSettings:
    """The effective line length and formatter of a run, and where each came from."""

    line_length: int = DEFAULT_LINE_LENGTH
    line_length_source: str = "default (black's and ruff's)"
    formatter: str = "none"
    formatter_source: str = "default (no formatter configuration found)"

    @property
    def formatted(self) -> bool:
        """True when black or ruff format lays the code out (their layout is followed)."""
        return self.formatter in ("black", "ruff")

    def describe(self) -> List[Tuple[str, str, str]]:
        """(name, value, source) of every setting, for ``--show-settings``."""
        return [("line-length", str(self.line_length), self.line_length_source),
                ("formatter", self.formatter, self.formatter_source)]


def read_style(start: str, codemods_table: Optional[Mapping[str, Any]] = None,
               codemods_path: Optional[str] = None, *, isolated: bool = False) -> StyleSettings:
    """The run's style: ``codemods_table`` is the run's ``[tool.codemods]`` (from
    ``codemods_path``); ``start`` the folder the search for other tools begins in."""
    if isolated:
        return StyleSettings(line_length_source="default (--isolated: no configuration file read)",
                             formatter_source="default (--isolated: no configuration file read)")
    table = codemods_table or {}
    where = f"{codemods_path or 'pyproject.toml'} [tool.codemods]"
    line_length: Optional[Tuple[int, str]] = None
    formatter: Optional[Tuple[str, str]] = None
    if "line-length" in table:
        line_length = (check_line_length(table["line-length"], where), f"{where} line-length")
    if "formatter" in table:
        formatter = (check_formatter(table["formatter"], where), f"{where} formatter")
    if line_length is None or formatter is None:
        found = _ProjectFolder.find(start)
        if found is not None:
            if line_length is None:
                line_length = found.line_length()
            if formatter is None:
                formatter = found.formatter()
    settings = StyleSettings()
    if line_length is not None:
        settings = StyleSettings(line_length[0], line_length[1], settings.formatter, settings.formatter_source)
    if formatter is not None:
        settings = StyleSettings(settings.line_length, settings.line_length_source, formatter[0], formatter[1])
    return settings


def check_line_length(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 320:
        raise StyleError(f"{where}: `line-length` must be a whole number from 1 to 320, not {value!r}")
    return value


def check_formatter(value: Any, where: str) -> str:
    if value not in FORMATTERS:
        raise StyleError(f"{where}: `formatter` must be one of {', '.join(repr(f) for f in FORMATTERS)}, not {value!r}")
    return value


def start_folder(paths: Sequence[str]) -> str:
    """The common folder of the paths (the current folder when none)."""
    if not paths:
        return os.getcwd()
    try:
        start = os.path.commonpath([os.path.abspath(p) for p in paths])
    except ValueError:
        return os.getcwd()
    return start if os.path.isdir(start) else os.path.dirname(start)


class _ProjectFolder:
    """The configuration files of one folder that say something about style."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.ruff: List[Tuple[str, Mapping[str, Any], str]] = []  # (file, table, how to name it)
        self.black: Optional[Tuple[str, Mapping[str, Any]]] = None
        self.lint: List[Tuple[str, str, Optional[str]]] = []  # (file, section, max-line-length)
        for name in RUFF_FILES:
            data = self._toml(name)
            if data is not None:
                self.ruff.append((name, data, ""))
        pyproject = self._toml("pyproject.toml")
        if pyproject is not None:
            tool = pyproject.get("tool", {})
            if isinstance(tool, dict):
                if isinstance(tool.get("ruff"), dict):
                    self.ruff.append(("pyproject.toml", tool["ruff"], "[tool.ruff] "))
                if isinstance(tool.get("black"), dict):
                    self.black = ("pyproject.toml", tool["black"])
        for name in LINT_FILES:
            parser = read_ini(os.path.join(folder, name))
            if parser is None:
                continue
            for section in LINT_SECTIONS:
                if parser.has_section(section):
                    value = None
                    for key in ("max-line-length", "max_line_length"):
                        if parser.has_option(section, key):
                            value = parser.get(section, key)
                    self.lint.append((name, section, value))
        self.hooks: List[str] = []
        pre_commit = os.path.join(folder, ".pre-commit-config.yaml")
        if os.path.isfile(pre_commit):
            try:
                with open(pre_commit, encoding="utf-8") as handle:
                    self.hooks = _PRE_COMMIT_HOOK.findall(handle.read())
            except (OSError, UnicodeDecodeError):
                pass

    def _toml(self, name: str) -> Optional[Mapping[str, Any]]:
        return read_toml(os.path.join(self.folder, name))

    @property
    def relevant(self) -> bool:
        return bool(self.ruff or self.black or self.lint or self.hooks)

    @classmethod
    def find(cls, start: str) -> Optional["_ProjectFolder"]:
        folder = os.path.abspath(start)
        while True:
            found = cls(folder)
            if found.relevant:
                return found
            parent = os.path.dirname(folder)
            if parent == folder or any(os.path.exists(os.path.join(folder, vcs)) for vcs in (".git", ".hg")):
                return None
            folder = parent

    def _path(self, name: str) -> str:
        return os.path.join(self.folder, name)

    def line_length(self) -> Optional[Tuple[int, str]]:
        for name, table, prefix in self.ruff:
            if "line-length" in table:
                where = f"{self._path(name)} {prefix}line-length"
                return check_line_length(table["line-length"], where), where
        if self.black is not None and "line-length" in self.black[1]:
            where = f"{self._path(self.black[0])} [tool.black] line-length"
            return check_line_length(self.black[1]["line-length"], where), where
        for name, section, value in self.lint:
            if value is not None:
                where = f"{self._path(name)} [{section}] max-line-length"
                try:
                    return check_line_length(int(value.strip()), where), where
                except ValueError:
                    raise StyleError(f"{where}: not a whole number: {value!r}") from None
        if self.lint:
            name, section, _ = self.lint[0]
            return PYCODESTYLE_LINE_LENGTH, f"{self._path(name)} [{section}] without max-line-length (pycodestyle's default)"
        return None

    def formatter(self) -> Optional[Tuple[str, str]]:
        for name, table, prefix in self.ruff:
            if isinstance(table.get("format"), dict):
                return "ruff", f"{self._path(name)} {'[tool.ruff.format]' if prefix else '[format]'}"
        if self.black is not None:
            return "black", f"{self._path(self.black[0])} [tool.black]"
        if self.hooks:
            hook = "ruff-format" if "ruff-format" in self.hooks else "black"
            return ("ruff" if hook == "ruff-format" else "black"), f"{self._path('.pre-commit-config.yaml')} hook `{hook}`"
        return None
