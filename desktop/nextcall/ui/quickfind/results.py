"""The quick find's result list: two lines a result (who or what, then where and why it
matched), painted with the theme's colours."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from nextcall.core.stages import Status
from nextcall.services.quick_find import FindResult
from nextcall.ui.common import theme

RESULT_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
PAD = 8


def status_label(status: str) -> str:
    try:
        return Status(status).label
    except ValueError:
        return status


def detail_line(result: FindResult) -> str:
    """The second line: where the person works or what the application is, and why it was
    found when the first line does not show it."""
    parts: list[str] = []
    if result.contact:
        parts.append(result.company)
        if result.phone:
            parts.append(result.phone)
        if result.position:
            parts.append(f"{result.position} ({status_label(result.status).lower()})")
        else:
            parts.append("no application yet")
    elif result.application_id is None:
        parts.append("No application yet; a contact is saved")
    else:
        parts.append(status_label(result.status))
    if result.matched == "memory hook":
        parts.append(f"you talked about: {result.snippet}")
    elif result.matched == "account":
        parts.append(f"account: {result.snippet}")
    return " · ".join(parts)


class ResultDelegate(QStyledItemDelegate):
    """The title in bold on the first line; the details, muted, on the second."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()
        return QSize(240, line * 2 + PAD + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        line = opt.fontMetrics.height()
        area = opt.rect.adjusted(PAD + 2, PAD // 2 + 2, -PAD, -PAD // 2)
        painter.save()
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(opt.palette.color(group, text_role))
        first = QRect(area.left(), area.top(), area.width(), line)
        painter.drawText(
            first,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, area.width()),
        )
        painter.setFont(opt.font)
        muted = opt.palette.color(group, text_role) if selected else theme.color("muted")
        painter.setPen(muted)
        detail = str(index.data(DETAIL_ROLE) or "")
        second = QRect(area.left(), area.top() + line + 2, area.width(), line)
        painter.drawText(
            second,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            opt.fontMetrics.elidedText(detail, Qt.TextElideMode.ElideRight, area.width()),
        )
        painter.restore()


class ResultList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(ResultDelegate(self))
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the search box keeps the keyboard
        self.setAccessibleName(self.tr("Results"))
        theme.surface(self, "content")

    def show_results(self, results: list[FindResult]) -> None:
        self.clear()
        for result in results:
            item = QListWidgetItem(result.title)
            detail = detail_line(result)
            item.setData(RESULT_ROLE, result)
            item.setData(DETAIL_ROLE, detail)
            item.setToolTip(f"{result.title}\n{detail}")
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, detail)
            self.addItem(item)
        if results:
            self.setCurrentRow(0)

    def current_result(self) -> FindResult | None:
        item = self.currentItem()
        value = item.data(RESULT_ROLE) if item is not None else None
        return value if isinstance(value, FindResult) else None

    def step(self, rows: int) -> None:
        """Move the selection (the search box's arrow keys), staying inside the list."""
        if self.count():
            self.setCurrentRow(max(0, min(self.count() - 1, self.currentRow() + rows)))
