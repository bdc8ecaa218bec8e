"""Pieces of the bulk-add dialog: how each previewed line is described and coloured, and the
paste box with line numbers."""

from __future__ import annotations

import logging
import weakref
from datetime import date

import shiboken6
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QIcon,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QPlainTextEdit,
    QWidget,
)

from nextcall.core.bulk import DEFAULT_COOLDOWN_DAYS
from nextcall.core.stages import Status
from nextcall.services.bulk import BulkItem, BulkPreview, Kind
from nextcall.ui.common import theme
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.theme import current_scheme
from nextcall.ui.common.theme.tokens import ROW_KIND_COLORS as KIND_COLORS

log = logging.getLogger(__name__)

DEBOUNCE_MS = 200
KIND_LABELS = {
    Kind.NEW: QT_TRANSLATE_NOOP("BulkAddDialog", "New"),
    Kind.DUPLICATE: QT_TRANSLATE_NOOP("BulkAddDialog", "Duplicate"),
    Kind.COOLDOWN: QT_TRANSLATE_NOOP("BulkAddDialog", "Cooldown"),
    Kind.INVALID: QT_TRANSLATE_NOOP("BulkAddDialog", "Invalid"),
}
PLACEHOLDER = QT_TRANSLATE_NOOP(
    "BulkAddDialog",
    "One company per line, for example:\n\n"
    "Bluewave Contact Center\n"
    "Harborline BPO\n"
    "Northstar Customer Care\n\n"
    "Bullets and numbers (- • 1.) are removed; lines starting with # are ignored.",
)
COLUMNS = (
    QT_TRANSLATE_NOOP("BulkAddDialog", "Line"),
    QT_TRANSLATE_NOOP("BulkAddDialog", "Company"),
    QT_TRANSLATE_NOOP("BulkAddDialog", "Result"),
    QT_TRANSLATE_NOOP("BulkAddDialog", "Details"),
)


def kind_color(kind: Kind) -> QColor:
    return QColor(KIND_COLORS[current_scheme()][kind])


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def describe(item: BulkItem) -> str:
    """The Details column: what this line will do, in a few words (the tooltip says more)."""
    if item.kind is Kind.NEW:
        return "New company" if item.company_id is None else "Known company, nothing open"
    if item.kind is Kind.DUPLICATE and item.existing is not None:
        e = item.existing
        text = f"Applied {_day(e.applied_on)}" if e.applied_on else "Already applied"
        if e.position:
            text += f" as {e.position}"
        if e.status == Status.OFFER.value:
            text += ", offer received"
        return f"{text} (#{e.id})"
    if item.kind is Kind.COOLDOWN and item.until is not None:
        status = Status(item.closed_status).label if item.closed_status else "Closed"
        when = f" {_day(item.closed_on)}" if item.closed_on else ""
        return f"{status}{when}; re-apply after {_day(item.until)}"
    return item.reason[:1].upper() + item.reason[1:]


def explain(item: BulkItem) -> str:
    """The tooltip: the details in full."""
    if item.kind is Kind.COOLDOWN and item.until is not None:
        if "waiting period)" in item.reason:
            why = "the company's own waiting period"
        else:
            why = f"no waiting period recorded, so {DEFAULT_COOLDOWN_DAYS} days after it closed"
        return f"{describe(item)} ({why}). Skipped unless you tick “add anyway”."
    if item.kind is Kind.DUPLICATE:
        return f"{describe(item)}. Skipped unless you tick “add anyway”."
    if item.kind is Kind.INVALID:
        return f"{describe(item)}. This line is never added."
    return describe(item)


def dot(color: QColor, size: int = 10) -> QIcon:
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(theme.transparent())
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def counts_text(p: BulkPreview | None) -> str:
    if p is None or not p.items:
        return "Paste or type company names to see what will be added."
    counts = p.counts
    parts = [f"{counts[Kind.NEW]} new"]
    if counts[Kind.DUPLICATE]:
        n = counts[Kind.DUPLICATE]
        parts.append(f"{n} duplicate" + ("" if n == 1 else "s"))
    if counts[Kind.COOLDOWN]:
        parts.append(f"{counts[Kind.COOLDOWN]} in cooldown")
    if counts[Kind.INVALID]:
        parts.append(f"{counts[Kind.INVALID]} invalid")
    return " · ".join(parts)


class _Gutter(QWidget):
    def __init__(self, editor: NumberedTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.editor.paint_gutter(event)


class NumberedTextEdit(QPlainTextEdit):
    """A plain-text box with line numbers, so "line 31" in the preview is easy to find."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gutter = _Gutter(self)
        # The editor's own signals reach it through plain functions holding it weakly, not
        # through its methods: a Qt text edit emits updateRequest and blockCountChanged while
        # it is being torn down, and once its Python side is gone a bound-method slot can no
        # longer be found (PySide 6.12 raises "Slot 'NumberedTextEdit::' not found." in the
        # event loop). A dead or half-destroyed editor is simply skipped.
        me = weakref.ref(self)

        def block_count_changed(_count: int) -> None:
            editor = me()
            if editor is not None and shiboken6.isValid(editor):
                editor._update_margin()

        def update_requested(rect: QRect, dy: int) -> None:
            editor = me()
            if editor is not None and shiboken6.isValid(editor):
                editor._scroll_gutter(rect, dy)

        self.blockCountChanged.connect(block_count_changed)
        self.updateRequest.connect(update_requested)
        self._update_margin()

    def gutter_width(self) -> int:
        digits = max(2, len(str(self.blockCount())))
        return 12 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margin(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        cr = self.contentsRect()
        self.gutter.setGeometry(QRect(cr.left(), cr.top(), self.gutter_width(), cr.height()))

    def paint_gutter(self, event: QPaintEvent) -> None:
        painter = QPainter(self.gutter)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.alternateBase())
        painter.setPen(palette.placeholderText().color())
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        width = self.gutter.width() - 6
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                painter.drawText(
                    0, top, width, height, Qt.AlignmentFlag.AlignRight, str(block.blockNumber() + 1)
                )
            block = block.next()
            top = bottom
        painter.end()
