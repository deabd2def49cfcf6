"""A progress bar on stderr, shown only to a person watching a terminal."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """Redraws one line; silent when the stream is not a terminal or the batch is small."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None, minimum: int = 8):
        self.total = total
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = total >= minimum and self.stream.isatty()
        self.done = 0

    def advance(self, count: int) -> None:
        self.done = min(self.total, self.done + count)
        if self.enabled:
            width = 30
            filled = width * self.done // max(self.total, 1)
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
