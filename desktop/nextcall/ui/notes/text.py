"""Text helpers for notes: the plain-text editor and safe highlighting. Reading a document's
text (in slices when it is very large) is in ui/common/plain_text.py."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class NoteTextEdit(QPlainTextEdit):
    """A plain-text editor: whatever is pasted (a web page, a Word document) arrives as its
    plain text; the formatting is dropped."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(False)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText() or source.hasHtml()

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.insertPlainText(source.text())
        elif source.hasHtml():
            self.insertPlainText(QTextDocumentFragment.fromHtml(source.html()).toPlainText())


def highlighted_html(text: str, marks: Sequence[tuple[int, int]]) -> str:
    """``text`` escaped for Qt rich text, with the ``marks`` ranges in bold."""
    out: list[str] = []
    at = 0
    for start, end in sorted(marks):
        if start < at:
            continue
        out.append(html.escape(text[at:start]))
        out.append("<b>" + html.escape(text[start:end]) + "</b>")
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)
