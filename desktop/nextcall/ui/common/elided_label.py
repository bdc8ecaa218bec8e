"""A one-line label that gives way when space is short: it ends in "…" instead of being cut
off (long company names, translations, large text scaling), with the full text as tooltip."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QWidget

MIN_CHARS = 8


def two_lines(metrics: QFontMetrics, text: str, width: int) -> list[str]:
    """``text`` wrapped at spaces onto at most two lines of ``width`` pixels, the second
    elided when the text goes on."""
    if metrics.horizontalAdvance(text) <= width:
        return [text]
    words = text.split(" ")
    first = ""
    for count in range(1, len(words) + 1):
        candidate = " ".join(words[:count])
        if metrics.horizontalAdvance(candidate) > width:
            break
        first = candidate
    if not first:  # one long word: cut it where it reaches the edge
        return [metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)]
    rest = text[len(first) :].lstrip()
    return [first, metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setToolTip(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)
        self.setAccessibleName(text)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(
            min(hint.width(), self.fontMetrics().averageCharWidth() * MIN_CHARS), hint.height()
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown
        )
