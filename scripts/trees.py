"""The Python files under some paths, for the equivalence scripts: named files as
they are, folders walked in sorted order, site-packages and __pycache__ left out."""

from __future__ import annotations

import os
from typing import Iterable, List


def python_files(paths: Iterable[str]) -> List[str]:
    found: List[str] = []
    for path in paths:
        if os.path.isfile(path):
            found.append(path)
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = sorted(s for s in subfolders if s not in ("site-packages", "__pycache__"))
            found.extend(os.path.join(folder, name) for name in sorted(files) if name.endswith(".py"))
    return found
