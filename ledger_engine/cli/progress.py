"""A progress bar on stderr for long imports: silent for short ones and in pipes."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from ledger_engine.i18n import _

#: A bar appears only once the work has taken this long.
SHOW_AFTER_SECONDS = 3.0
_EVERY_SECONDS = 0.25
_WIDTH = 30


class ProgressBar:
    """Called with (rows done, rows in all) as rows are built; draws on ``stream``.

    Without ``force`` it draws only on a terminal; either way only after
    ``SHOW_AFTER_SECONDS``, so a quick import prints nothing extra.
    """

    def __init__(self, *, force: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = force or self.stream.isatty()
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or not total:
            return
        now = time.monotonic()
        if now - self.started < SHOW_AFTER_SECONDS or now - self.drawn_at < _EVERY_SECONDS:
            return
        self.drawn_at = now
        self.shown = True
        filled = _WIDTH * done // total
        bar = "#" * filled + "-" * (_WIDTH - filled)
        label = _("rows")
        self.stream.write(f"\r[{bar}] {done:,}/{total:,} {label} ({100 * done // total}%)")
        self.stream.flush()

    def checking(self) -> None:
        """Say that the rows are built and the book is being checked, on a long import."""
        if not self.enabled:
            return
        if self.shown or time.monotonic() - self.started >= SHOW_AFTER_SECONDS:
            self.close()
            self.stream.write(
                _("checking the book with the new entries through every rule…") + "\n"
            )
            self.stream.flush()

    def close(self) -> None:
        """End the bar's line, if one was drawn."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False
