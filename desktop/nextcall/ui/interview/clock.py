"""The interview clock and the note field that stamps each new line with the elapsed time."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class ElapsedClock:
    """Start, pause, resume, reset. ``now`` is injectable so tests need no waiting."""

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._banked = 0.0
        self._since: float | None = None

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def started(self) -> bool:
        return self.running or self._banked > 0

    def start(self) -> None:
        if self._since is None:
            self._since = self._now()

    def pause(self) -> None:
        if self._since is not None:
            self._banked += self._now() - self._since
            self._since = None

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        self._banked = 0.0
        self._since = self._now() if self.running else None

    def seconds(self) -> int:
        extra = self._now() - self._since if self._since is not None else 0.0
        return int(self._banked + extra)

    def text(self) -> str:
        """'12:04' (minutes:seconds; minutes keep counting past an hour, e.g. '75:10')."""
        total = self.seconds()
        return f"{total // 60:02d}:{total % 60:02d}"

    def stamp(self) -> str:
        """'[12:04] ' once the clock has been started, else ''."""
        return f"[{self.text()}] " if self.started else ""


class StampedEdit(QPlainTextEdit):
    """Enter starts a new line with the time stamp; Shift+Enter starts a plain new line. The
    first line gets the stamp too when typing starts in an empty field."""

    def __init__(self, stamp: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stamp = stamp
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            cursor = self.textCursor()
            if mods & Qt.KeyboardModifier.ShiftModifier:
                cursor.insertText("\n")
            else:
                cursor.insertText("\n" + self._stamp())
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
            return
        text = event.text()
        plain = not (mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        if plain and text and text.isprintable() and self.document().isEmpty():
            stamp = self._stamp()
            if stamp:
                self.textCursor().insertText(stamp)
        super().keyPressEvent(event)
