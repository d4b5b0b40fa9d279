"""Module names from file paths, as Python's import system would name them."""

from __future__ import annotations

import os
from typing import Optional, Tuple


def module_name_for(path: str) -> Tuple[Optional[str], bool]:
    """Dotted module name from the package folders around ``path``, and whether it
    is a package ``__init__``."""
    absolute = os.path.abspath(path)
    folder, filename = os.path.split(absolute)
    stem = filename[:-3] if filename.endswith(".py") else filename
    is_init = stem == "__init__"
    parts = [] if is_init else [stem]
    while os.path.isfile(os.path.join(folder, "__init__.py")):
        folder, package = os.path.split(folder)
        parts.insert(0, package)
        if not package:
            break
    return (".".join(parts) or None), is_init
