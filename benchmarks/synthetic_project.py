"""A synthetic project of N modules for the project-model timings (issue 13): a
package whose modules import from and call into each other, as a real code base
does, with nothing for the default codemods to fix.

    python benchmarks/synthetic_project.py DIR [N]    # writes DIR/pyproject.toml, DIR/app/*.py
"""

from __future__ import annotations

import os
import sys

MODULE = '''\
"""Module {index} of the synthetic project."""

from app.m{first:04d} import compute_{first}
from app.m{second:04d} import Record{second}
import app.m{third:04d} as neighbour


class Record{index}:
    """A record."""

    def __init__(self, key: str, value: int) -> None:
        self.key = key
        self.value = value

    def total(self) -> int:
        """The value and the neighbours'."""
        return self.value + compute_{first}(self.value, scale=2)


def compute_{index}(value: int, scale: int = 1) -> int:
    """Scale a value."""
    return value * scale


def describe_{index}(records: list) -> str:
    """Describe records."""
    parts = [f"{{r.key}}={{r.value}}" for r in records]
    return ", ".join(parts) + str(neighbour.compute_{third}(len(parts)))


def build_{index}() -> "Record{second}":
    """Build a neighbour's record."""
    return Record{second}("k", compute_{index}(3, scale=4))
'''


def write_project(folder: str, modules: int = 1000) -> None:
    package = os.path.join(folder, "app")
    os.makedirs(package, exist_ok=True)
    with open(os.path.join(folder, "pyproject.toml"), "w", encoding="utf-8") as handle:
        handle.write('[project]\nname = "app"\nversion = "0"\n')
    with open(os.path.join(package, "__init__.py"), "w", encoding="utf-8") as handle:
        handle.write('"""The synthetic project."""\n')
    for index in range(modules):
        text = MODULE.format(index=index, first=(index + 1) % modules, second=(index + 7) % modules,
                             third=(index + 31) % modules)
        with open(os.path.join(package, f"m{index:04d}.py"), "w", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    write_project(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
