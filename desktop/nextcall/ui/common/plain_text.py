"""Reading a text document's text exactly, and reading a very large one in slices without
stalling the GUI thread (what autosave hands to its background save)."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument

PARAGRAPH = "\u2029"  # how QTextDocument separates blocks
SLICE = 500_000  # UTF-16 units read per event-loop turn: about 1-2 ms
BIG = 2 * SLICE  # documents above this are read in slices


def raw_text(document: QTextDocument) -> str:
    """The document's text exactly as typed.

    ``toPlainText()`` would turn no-break spaces into plain spaces; the raw text keeps them and
    only the block separators become newlines.
    """
    return document.toRawText().replace(PARAGRAPH, "\n")


def _slice_end(document: QTextDocument, start: int, end: int, last: int) -> int:
    """Move ``end`` past a high surrogate so an emoji is never cut in two."""
    if end < last and 0xD800 <= ord(document.characterAt(end - 1) or "\0") <= 0xDBFF:
        end += 1
    return min(end, last)


class TextCollector(QObject):
    """Reads a large document's text a slice per event-loop turn.

    ``done(parts)`` is emitted with the text in pieces (newlines already in place); any edit
    while reading emits ``aborted`` instead (the caller tries again later, so the latest text
    always wins). The pieces travel as one Python object: a Qt ``str`` signal would convert
    megabytes to UTF-16 and back on the GUI thread.
    """

    done = Signal(object)  # a list of str: joined by the saver, off the GUI thread
    aborted = Signal()

    def __init__(self, document: QTextDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._parts: list[str] = []
        self._position = 0
        self._last = max(document.characterCount() - 1, 0)  # the final separator is not text
        self._cursor = QTextCursor(document)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._step)
        document.contentsChange.connect(self._changed)
        self.running = False

    def start(self) -> None:
        self.running = True
        self._timer.start()

    def cancel(self) -> None:
        if self.running:
            self.running = False
            self._timer.stop()
            self._disconnect()

    def _disconnect(self) -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            self._document.contentsChange.disconnect(self._changed)

    def _changed(self, *_args: object) -> None:
        if self.running:
            self.cancel()
            self.aborted.emit()

    def _step(self) -> None:
        if not self.running:
            return
        end = _slice_end(self._document, self._position, self._position + SLICE, self._last)
        self._cursor.setPosition(self._position)
        self._cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._parts.append(self._cursor.selectedText().replace(PARAGRAPH, "\n"))
        self._position = end
        if end < self._last:
            self._timer.start()
            return
        self.running = False
        self._disconnect()
        self.done.emit(self._parts)
