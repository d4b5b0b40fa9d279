"""A one-line progress bar on stderr, for long runs on a terminal only."""

from __future__ import annotations

import sys
import time
from typing import Optional, TextIO

#: runs with fewer files finish before a bar would help.
PROGRESS_MIN_FILES = 50


class ProgressBar:
    # The stream defaults to sys.stderr as it is when called, not at import time.
    def __init__(self, total: int, stream: Optional[TextIO] = None, width: int = 30) -> None:
        self.total, self.stream, self.width = total, stream or sys.stderr, width
        self.done = 0
        self.last_draw = 0.0

    @staticmethod
    def wanted(total: int, stream: Optional[TextIO] = None) -> bool:
        stream = stream or sys.stderr
        return total >= PROGRESS_MIN_FILES and hasattr(stream, "isatty") and stream.isatty()

    def advance(self, _result: object = None) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.last_draw >= 0.1 or self.done == self.total:
            self.last_draw = now
            filled = int(self.width * self.done / max(self.total, 1))
            self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} files")
            self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r" + " " * (self.width + 30) + "\r")
        self.stream.flush()
