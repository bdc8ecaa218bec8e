"""Cards on the Tracker's board: the list model behind each column and the delegate that
paints a card (company, position, account, and a state line coloured by what is waiting)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from nextcall.services.board import BoardCard
from nextcall.services.stages import StageInfo
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.theme import status_color
from nextcall.ui.common.theme.tokens import BOARD_COLORS as COLORS

Index = QModelIndex | QPersistentModelIndex

MIME_TYPE = "application/x-nextcall-application-id"
CARD_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMN_WIDTH = 204
MARGIN_X, MARGIN_Y, PAD, LINE_GAP = 6, 4, 8, 2
EMPTY = QT_TRANSLATE_NOOP("BoardView", "No open applications yet: add one in the Applications tab.")
HINT = QT_TRANSLATE_NOOP(
    "BoardView",
    "Drag a card to a later milestone, or select it and press Ctrl+Right. Enter opens it.",
)


def color(name: str) -> QColor:
    """A board colour for the palette in use (read from the palette itself, so it is right
    while apply_theme is still switching)."""
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    return QColor(COLORS["dark" if window.lightness() < 128 else "light"][name])


def day_text(day: date, today: date) -> str:
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    text = f"{day:%a} {day.day}"
    return text if day.month == today.month and abs(days) < 28 else f"{text} {day:%b}"


def state_text(card: BoardCard, today: date) -> str:
    """The card's third line: "Scheduled Tue 24", "Waiting 5 days", "Next"."""
    if card.state == "scheduled":
        when = card.scheduled_at
        if when is None:
            return "Scheduled, no date yet"
        time = f" {when:%H:%M}" if (when.hour, when.minute) != (0, 0) else ""
        if when.date() < today:
            return f"Was {day_text(when.date(), today)}: record it"
        return f"Scheduled {day_text(when.date(), today)}{time}"
    if card.state == "pending":
        days = card.days_since_contact
        if days is None:
            return "Waiting for an answer"
        if days == 0:
            return "Waiting since today"
        return "Waiting 1 day" if days == 1 else f"Waiting {days} days"
    return "Next"


def state_color(card: BoardCard, today: date) -> QColor:
    if card.state == "scheduled":
        past = card.scheduled_at is not None and card.scheduled_at.date() < today
        return color("warning") if past else status_color("active")
    return color("waiting") if card.state == "pending" else color("muted")


def subtitle(card: BoardCard) -> str:
    parts = [part for part in (card.position, card.account_type) if part]
    return " · ".join(parts) if parts else "No position recorded"


class CardModel(QAbstractListModel):
    """The cards of one column; a drop asks ``on_drop(application_id, stage_key)``."""

    def __init__(
        self,
        stage: StageInfo,
        today: Callable[[], date],
        on_drop: Callable[[int, str], bool],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.stage = stage
        self._today = today
        self._on_drop = on_drop
        self._cards: tuple[BoardCard, ...] = ()

    @property
    def cards(self) -> tuple[BoardCard, ...]:
        return self._cards

    def set_cards(self, cards: tuple[BoardCard, ...]) -> None:
        self.beginResetModel()
        self._cards = cards
        self.endResetModel()

    def row_of(self, application_id: int) -> int:
        ids = [card.application_id for card in self._cards]
        return ids.index(application_id) if application_id in ids else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        if role == CARD_ROLE:
            return card
        if role == Qt.ItemDataRole.DisplayRole:
            return card.company
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{card.company}, {subtitle(card)}, {state_text(card, self._today())}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [card.company, subtitle(card), state_text(card, self._today())]
            days = card.days_since_contact
            if days is not None:
                lines.append("Last contact today" if days == 0 else f"Last contact {days}d ago")
            return "\n".join(lines)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        enabled = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | enabled | Qt.ItemFlag.ItemIsDragEnabled

    # -- drag and drop -------------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        valid = [i for i in indexes if i.isValid()]
        if valid:
            card = self._cards[valid[0].row()]
            data.setData(MIME_TYPE, str(card.application_id).encode())
            data.setText(f"{card.company}: {subtitle(card)}")
        return data

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(MIME_TYPE)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        application_id = application_id_from(data)
        if application_id is None or action == Qt.DropAction.IgnoreAction:
            return False
        return self._on_drop(application_id, self.stage.key)


def application_id_from(data: QMimeData) -> int | None:
    if not data.hasFormat(MIME_TYPE):
        return None
    try:
        return int(bytes(data.data(MIME_TYPE).data()).decode())
    except ValueError:
        return None


class CardDelegate(QStyledItemDelegate):
    """A rounded card: a state stripe, the company in bold, the position, the state line."""

    def __init__(self, today: Callable[[], date], parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today

    @staticmethod
    def _fonts(option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        return bold, QFont(option.font), small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        bold, normal, small = self._fonts(option)
        fonts = [bold, normal, small]
        card = index.data(CARD_ROLE)
        if isinstance(card, BoardCard) and card.account_type:
            fonts.append(small)
        height = sum(QFontMetrics(f).height() + LINE_GAP for f in fonts) - LINE_GAP
        return QSize(COLUMN_WIDTH - 24, height + 2 * PAD + 2 * MARGIN_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        card = index.data(CARD_ROLE)
        if not isinstance(card, BoardCard):
            return
        today = self._today()
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        rect = QRectF(option.rect).adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shape = QPainterPath()
        shape.addRoundedRect(rect, 6, 6)
        painter.fillPath(shape, color("card"))
        painter.save()
        painter.setClipPath(shape)
        painter.fillRect(QRectF(rect.x(), rect.y(), 4, rect.height()), state_color(card, today))
        painter.restore()
        highlight = palette.color(palette.ColorRole.Highlight)
        if selected and not state & QStyle.StateFlag.State_HasFocus:
            highlight.setAlpha(150)  # selected in a column that does not have the focus
        painter.setPen(QPen(highlight, 2) if selected else QPen(color("border"), 1))
        painter.drawPath(shape)
        bold, normal, small = self._fonts(option)
        text = rect.adjusted(PAD + 4, PAD, -PAD, -PAD)
        y = text.y()
        lines = [
            (bold, card.company, palette.color(palette.ColorRole.Text)),
            (normal, card.position or "No position recorded", color("muted")),
        ]
        if card.account_type:
            lines.append((small, card.account_type, color("muted")))
        lines.append((small, state_text(card, today), state_color(card, today)))
        for font, line, pen in lines:
            y = _draw_line(painter, font, line, pen, QRectF(text.x(), y, text.width(), 0))
        painter.restore()


def _draw_line(
    painter: QPainter, font: QFont, text: str, pen: QColor, area: QRectF, right: bool = False
) -> float:
    """Draw one elided line at the top of ``area``; returns where the next line starts."""
    metrics = QFontMetrics(font)
    painter.setFont(font)
    painter.setPen(pen)
    elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(area.width()))
    align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
    box = QRectF(area.x(), area.y(), area.width(), metrics.height())
    painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, elided)
    return area.y() + metrics.height() + LINE_GAP
