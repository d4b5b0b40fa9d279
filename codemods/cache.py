"""Content-hash cache: a file whose bytes, tool version and effective settings were
seen before is not processed again. A clean file's entry holds its findings; a
changed file's entry holds its fixes, findings and new bytes (compressed), so a
repeated ``check`` on an unchanged tree costs one read and one hash per file. One
JSON file per project, read once and written once per run; the folder ignores
itself in git. A cache that may not be the user's own is not used at all
(``untrusted_reason``)."""

from __future__ import annotations

import os
from typing import Any, Dict, Optional

CACHE_FOLDER = ".codemods_cache"
RESULTS_FILE = "results.json"
_FORMAT = 5  # 4: module paths of the one-folder-per-codemod layout; 5: diff hunks split at "\n" only
#: the oldest entries go first beyond this many (a few MB of JSON)
MAX_ENTRIES = 200_000
#: entries holding a cross-file codemod's index (see cli._prepare_cross_file)
PREPARE_PREFIX = "prepare:"
MAX_INDEXES = 8


class ContentCache:
    def __init__(self, folder: Optional[str]) -> None:
        self.folder = folder
        self.entries: Dict[str, Any] = {}
        self.dirty = False
        if folder:
            self._load()

    @property
    def path(self) -> Optional[str]:
        return os.path.join(self.folder, RESULTS_FILE) if self.folder else None

    def _load(self) -> None:
        data = read_json(self.folder, RESULTS_FILE)  # type: ignore[arg-type]
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
            if key.startswith(PREPARE_PREFIX):  # keep only the newest few cross-file indexes
                indexes = [k for k in self.entries if k.startswith(PREPARE_PREFIX)]
                for old in indexes[:-MAX_INDEXES]:
                    del self.entries[old]

    def save(self) -> None:
        if self.folder and self.dirty:
            write_json(self.folder, RESULTS_FILE, {"format": _FORMAT, "entries": self.entries})


def untrusted_reason(folder: str) -> Optional[str]:
    """Why the cache in ``folder`` must not be read, or None when it may be.

    The cache answers "nothing to change" without looking at a file, so a cache that
    came with a checkout could pass a dirty file in CI: it is refused when any file
    under the folder is tracked by git (committed with ``git add -f``), or when the
    folder or its results belong to another user or are writable by every user. A
    folder that does not exist yet, or that actions/cache restored (untracked, owned
    by the runner's user), is fine. A checkout without git metadata (an unpacked
    archive) cannot be told from your own cache: use ``--no-cache`` there."""
    import stat

    try:
        info = os.lstat(folder)
    except OSError:
        return None  # nothing to read; a new cache is made there
    owners = [("the folder", info)]
    try:
        owners.append((RESULTS_FILE, os.lstat(os.path.join(folder, RESULTS_FILE))))
    except OSError:
        pass
    if hasattr(os, "geteuid"):
        for what, entry in owners:
            if entry.st_uid != os.geteuid():
                return f"{what} belongs to another user (uid {entry.st_uid})"
            if entry.st_mode & stat.S_IWOTH and not entry.st_mode & stat.S_ISVTX:
                return f"{what} is writable by every user"
    return _tracked_reason(folder)


def _tracked_reason(folder: str) -> Optional[str]:
    absolute = os.path.abspath(folder)
    parent, name = os.path.split(absolute.rstrip(os.sep))
    current = parent
    while not os.path.exists(os.path.join(current, ".git")):
        up = os.path.dirname(current)
        if up == current:
            return None  # not in a git repository: nothing is tracked
        current = up
    import subprocess

    try:  # in the parent folder: a tracked symlink is listed itself, not followed
        completed = subprocess.run(["git", "--literal-pathspecs", "ls-files", "-z", "--", name], cwd=parent,
                                   capture_output=True, check=False)
    except OSError as error:
        return f"git cannot tell whether it is tracked ({error})"
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"]
        return f"git cannot tell whether it is tracked ({message[0]})"
    if completed.stdout.strip(b"\0"):
        return "it is tracked by git (a cache from the checkout could pass a dirty file)"
    return None


class NotCacheable(Exception):
    """A value the JSON codec below does not carry (the caller then skips the cache)."""


def encode_value(value: Any) -> Any:
    """A JSON form of what a cross-file codemod's ``prepare`` returned: primitives,
    tuples, lists, string-keyed dicts, and dataclasses defined in ``codemods``.
    (No pickle: a cache folder inside a checkout must never run code.)"""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, tuple):
        return {"t": [encode_value(item) for item in value]}
    if isinstance(value, list):
        return [encode_value(item) for item in value]
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {"d": {key: encode_value(item) for key, item in value.items()}}
    import dataclasses

    cls = type(value)
    if dataclasses.is_dataclass(value) and cls.__module__.startswith("codemods."):
        fields = {f.name: encode_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"c": f"{cls.__module__}:{cls.__qualname__}", "f": fields}
    raise NotCacheable(type(value).__name__)


def decode_value(data: Any) -> Any:
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode_value(item) for item in data]
    if isinstance(data, dict):
        if "t" in data:
            return tuple(decode_value(item) for item in data["t"])
        if "d" in data:
            return {key: decode_value(item) for key, item in data["d"].items()}
        if "c" in data:
            import dataclasses
            import importlib

            module_name, _, qualname = str(data["c"]).partition(":")
            if not module_name.startswith("codemods."):
                raise NotCacheable(module_name)
            cls = importlib.import_module(module_name)
            for part in qualname.split("."):
                cls = getattr(cls, part)
            if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
                raise NotCacheable(qualname)
            return cls(**{key: decode_value(item) for key, item in data["f"].items()})
    raise NotCacheable(type(data).__name__)


def read_json(folder: str, name: str) -> Any:
    """The JSON document ``name`` of the cache folder, or None (absent, unreadable,
    not JSON)."""
    try:
        with open(os.path.join(folder, name), "r", encoding="utf-8") as handle:
            import json  # not on the --no-cache path

            return json.load(handle)
    except (OSError, ValueError):
        return None


def write_json(folder: str, name: str, document: Any) -> None:
    """Write ``document`` as ``name`` in the cache folder, atomically (a temporary file,
    then a rename); the folder is created, and ignores itself in git."""
    try:
        os.makedirs(folder, exist_ok=True)
        ignore = os.path.join(folder, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w", encoding="utf-8") as handle:
                handle.write("# created by codemod\n*\n")
        import json
        import tempfile  # only here: keeps start-up small

        descriptor, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(document, handle, separators=(",", ":"))
        os.replace(temporary, os.path.join(folder, name))
    except OSError:
        pass  # a cache that cannot be written only costs time
