"""Writing a rewritten file without ever leaving a half-written or retyped file."""

from __future__ import annotations

import os
import stat
import tempfile


class WriteRefused(Exception):
    pass


def write_atomically(path: str, data: bytes) -> None:
    """Replace the file's bytes, keeping its permission bits.

    A symlink is followed and its target rewritten (the link stays a link). A file
    without any write bit is refused: as root the OS would let us write it, but the
    user marked it read-only.
    """
    target = os.path.realpath(path)
    info = os.stat(target)
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteRefused("file is read-only; not rewritten")
    folder = os.path.dirname(target) or "."
    descriptor, temporary = tempfile.mkstemp(prefix=".codemod-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        try:
            os.chown(temporary, info.st_uid, info.st_gid)
        except (PermissionError, AttributeError):
            pass
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
