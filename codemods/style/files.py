"""Reading other tools' configuration files (pyproject.toml, ruff.toml, setup.cfg,
tox.ini, .flake8, ...). A file that is absent, unreadable or broken reads as None:
another tool's broken file is that tool's error to report, not ours."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Mapping, Optional

if TYPE_CHECKING:
    import configparser


def read_toml(path: str) -> Optional[Mapping[str, Any]]:
    if not os.path.isfile(path):
        return None
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, ValueError):
        return None


def read_ini(path: str) -> Optional[configparser.RawConfigParser]:
    if not os.path.isfile(path):
        return None
    import configparser  # only when the file exists: most projects have no setup.cfg or tox.ini

    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError, OSError):
        return None
    return parser
