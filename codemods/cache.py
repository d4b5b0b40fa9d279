"""Content-hash cache: a file whose bytes, tool version and effective settings were
seen before is not processed again. A clean file's entry holds its findings; a
changed file's entry holds its fixes, findings and new bytes (compressed), so a
repeated ``check`` on an unchanged tree costs one read and one hash per file. One
JSON file per project, read once and written once per run; the folder ignores
itself in git."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Optional

CACHE_FOLDER = ".codemods_cache"
_FORMAT = 2
#: the oldest entries go first beyond this many (a few MB of JSON)
MAX_ENTRIES = 200_000


class ContentCache:
    def __init__(self, folder: Optional[str]) -> None:
        self.folder = folder
        self.entries: Dict[str, Any] = {}
        self.dirty = False
        if folder:
            self._load()

    @property
    def path(self) -> Optional[str]:
        return os.path.join(self.folder, "results.json") if self.folder else None

    def _load(self) -> None:
        try:
            with open(self.path, "r", encoding="utf-8") as handle:  # type: ignore[arg-type]
                data = json.load(handle)
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("format") == _FORMAT and isinstance(data.get("entries"), dict):
            self.entries = data["entries"]

    def get(self, key: str) -> Any:
        """The entry recorded for this key (see ``runner.cache_entry``), or None."""
        return self.entries.get(key)

    def put(self, key: str, entry: Any) -> None:
        if self.entries.get(key) != entry:
            self.entries.pop(key, None)
            self.entries[key] = entry
            self.dirty = True
            while len(self.entries) > MAX_ENTRIES:
                del self.entries[next(iter(self.entries))]

    def save(self) -> None:
        if not (self.folder and self.dirty):
            return
        try:
            os.makedirs(self.folder, exist_ok=True)
            ignore = os.path.join(self.folder, ".gitignore")
            if not os.path.exists(ignore):
                with open(ignore, "w", encoding="utf-8") as handle:
                    handle.write("# created by codemod\n*\n")
            import tempfile  # only here: keeps start-up small

            descriptor, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump({"format": _FORMAT, "entries": self.entries}, handle, separators=(",", ":"))
            os.replace(temporary, self.path)  # type: ignore[arg-type]
        except OSError:
            pass  # a cache that cannot be written only costs time
