"""Which modules are the project's own (first-party): a module is first-party when
it is found, as a package folder or a ``.py`` file, in the importing file's folder,
a folder above it up to the project root (the first folder holding pyproject.toml,
setup.py, setup.cfg or .git), or the root's ``src/``. Shared by ``unused-imports``
(side-effect imports, import cycles) and the import placement of new imports."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import List, Optional, Tuple

from codemods.config import PROJECT_MARKERS


@lru_cache(maxsize=1024)
def project_folders(folder: str) -> Tuple[str, ...]:
    """``folder`` and every folder above it up to the project root (the filesystem
    root when there is none), plus ``src/`` of that root."""
    folders: List[str] = []
    current = folder
    while True:
        folders.append(current)
        if any(os.path.exists(os.path.join(current, marker)) for marker in PROJECT_MARKERS):
            if os.path.isdir(os.path.join(current, "src")):
                folders.append(os.path.join(current, "src"))
            break
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    return tuple(folders)


@lru_cache(maxsize=4096)
def module_exists(folder: str, dotted: str) -> bool:
    base = os.path.join(folder, *dotted.split("."))
    return os.path.isdir(base) or os.path.isfile(base + ".py")


def first_party_folder(path: str, dotted: str) -> Optional[str]:
    """The project folder from which module ``dotted`` imports, if it is first-party
    (its top-level package found, and the module itself in it)."""
    for folder in project_folders(os.path.dirname(os.path.abspath(path))):
        if module_exists(folder, dotted.split(".", 1)[0]):
            return folder if module_exists(folder, dotted) else None
    return None


def project_roots(path: str) -> Tuple[str, ...]:
    """The project root above the file ``path`` (see :func:`project_folders`) and its
    ``src/`` when there is one: where a sorter with default settings looks for the
    project's own packages."""
    folders = project_folders(os.path.dirname(os.path.abspath(path)))
    if len(folders) > 1 and folders[-1] == os.path.join(folders[-2], "src"):
        return folders[-2:]
    return folders[-1:]
