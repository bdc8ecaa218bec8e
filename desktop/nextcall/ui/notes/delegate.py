"""Paints the rows of the notes list: application headers, two-line notes, "show more" links
and search hits with the matched words in bold (user text is escaped first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from nextcall.core.stages import NoteKind
from nextcall.ui.common.elided_label import two_lines
from nextcall.ui.common.theme import current_scheme
from nextcall.ui.common.theme.tokens import NOTE_KIND_COLORS as KIND_COLORS
from nextcall.ui.notes.list_model import ITEM_ROLE, ROW_KIND_ROLE, group_title
from nextcall.ui.notes.text import highlighted_html

Index = QModelIndex | QPersistentModelIndex


def kind_color(kind: str) -> QColor:
    colors = KIND_COLORS[current_scheme()]
    return QColor(colors.get(kind, colors["other"]))


def kind_label(kind: str) -> str:
    try:
        return NoteKind(kind).label
    except ValueError:
        return kind


def short_when(moment: datetime, today: date) -> str:
    if moment.date() == today:
        return f"{moment:%H:%M}"
    if moment.year == today.year:
        return f"{moment.day} {moment:%b}"
    return f"{moment.day} {moment:%b %Y}"


class NoteDelegate(QStyledItemDelegate):
    PAD = 8

    def __init__(self, today: Callable[[], date], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today  # the profile's clock

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()
        kind = index.data(ROW_KIND_ROLE)
        if kind == "group":
            return QSize(200, int(line * 1.9))
        if kind == "more":
            return QSize(200, int(line * 1.6))
        item = index.data(ITEM_ROLE)
        lines = 2
        if kind == "note" and item is not None:
            # The heading, the text on up to two lines, the tags.
            lines = 1 + self._body_lines(option, item) + (1 if item.tag_names else 0)
        return QSize(200, line * lines + 12 + (2 if lines > 2 else 0))

    def _body_lines(self, option: QStyleOptionViewItem, note: object) -> int:
        """How many lines the note's text takes at the view's width (one or two)."""
        preview = getattr(note, "preview", "") or "Empty note"
        view = option.widget
        room = view.viewport().width() if isinstance(view, QAbstractScrollArea) else 0
        width = room - 2 * self.PAD
        return len(two_lines(option.fontMetrics, preview, width)) if width > 0 else 2

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        kind = index.data(ROW_KIND_ROLE)
        item = index.data(ITEM_ROLE)
        painter.save()
        if kind == "group":
            painter.fillRect(opt.rect, opt.palette.color(QPalette.ColorRole.AlternateBase))
        elif style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = text if selected else opt.palette.color(QPalette.ColorRole.PlaceholderText)
        rect = opt.rect.adjusted(self.PAD, 4, -self.PAD, -4)
        line = opt.fontMetrics.height()
        if kind == "group":
            self._group(painter, opt, rect, item, text, muted)
        elif kind == "note":
            self._note(painter, opt, rect, line, item, text, muted, selected)
        elif kind == "hit":
            self._hit(painter, opt, rect, line, item, text, muted, selected)
        elif kind == "more":
            painter.setPen(text if selected else opt.palette.color(QPalette.ColorRole.Link))
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, index.data())
        painter.restore()

    def _group(self, painter, opt, rect, info, text, muted) -> None:
        bold = QFont(opt.font)
        bold.setWeight(QFont.Weight.DemiBold)
        count = f"{info.count} note{'' if info.count == 1 else 's'}"
        painter.setFont(opt.font)
        count_width = painter.fontMetrics().horizontalAdvance(count) + self.PAD
        painter.setPen(muted)
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, count)
        painter.setFont(bold)
        painter.setPen(text)
        title = painter.fontMetrics().elidedText(
            group_title(info), Qt.TextElideMode.ElideRight, rect.width() - count_width
        )
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, title)

    def _note(self, painter, opt, rect, line, note, text, muted, selected) -> None:
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        when = short_when(note.created_at, self._today())
        painter.setFont(opt.font)
        fm = painter.fontMetrics()
        painter.setPen(muted)
        painter.drawText(top, Qt.AlignmentFlag.AlignRight, when)
        head_width = rect.width() - fm.horizontalAdvance(when) - self.PAD
        dot = line // 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(text if selected else kind_color(note.kind))
        painter.drawEllipse(top.left(), top.top() + (line - dot) // 2, dot, dot)
        head = kind_label(note.kind) + (f" · {note.stage_name}" if note.stage_name else "")
        small = QFont(opt.font)
        small.setWeight(QFont.Weight.DemiBold)
        painter.setFont(small)
        painter.setPen(text if selected else kind_color(note.kind))
        head_rect = top.adjusted(dot + 6, 0, 0, 0)
        head_rect.setWidth(head_width - dot - 6)
        painter.drawText(
            head_rect,
            Qt.AlignmentFlag.AlignLeft,
            painter.fontMetrics().elidedText(head, Qt.TextElideMode.ElideRight, head_rect.width()),
        )
        painter.setFont(opt.font)
        painter.setPen(text)
        preview = note.preview or "Empty note"
        if not note.preview:
            painter.setPen(muted)
        body = QRect(rect.left(), rect.top() + line + 2, rect.width(), line)
        for text_line in two_lines(fm, preview, rect.width()):
            painter.drawText(body, 0, text_line)
            body.translate(0, line)
        body.translate(0, -line)
        if note.tag_names:
            tags = QRect(rect.left(), body.bottom() + 2, rect.width(), line)
            painter.setPen(muted)
            painter.drawText(
                tags,
                0,
                fm.elidedText(
                    " · ".join(note.tag_names), Qt.TextElideMode.ElideRight, tags.width()
                ),
            )

    def _hit(self, painter, opt, rect, line, hit, text, muted, selected) -> None:
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        painter.setFont(opt.font)
        fm = painter.fontMetrics()
        when = short_when(hit.created_at, self._today())
        painter.setPen(muted)
        painter.drawText(top, Qt.AlignmentFlag.AlignRight, when)
        bold = QFont(opt.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(text)
        head = f"{hit.company or 'No application'} · {kind_label(hit.kind)}"
        width = rect.width() - fm.horizontalAdvance(when) - self.PAD
        painter.drawText(
            top, 0, painter.fontMetrics().elidedText(head, Qt.TextElideMode.ElideRight, width)
        )
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(0)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        doc.setDefaultTextOption(option)
        # Elide the plain text first (with room for the bold words), then mark what is left.
        room = int(rect.width() * 0.94)
        shown = fm.elidedText(hit.snippet, Qt.TextElideMode.ElideRight, room)
        if shown != hit.snippet:
            keep = len(shown) - 1  # the ellipsis
            marks = [(a, min(b, keep)) for a, b in hit.marks if a < keep]
            html_text = highlighted_html(hit.snippet[:keep], marks) + "…"
        else:
            html_text = highlighted_html(hit.snippet, hit.marks)
        doc.setHtml(html_text)
        painter.translate(rect.left(), rect.top() + line + 2)
        clip = QRect(0, 0, rect.width(), line + 2)
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text)
        context.clip = clip.toRectF()
        doc.documentLayout().draw(painter, context)
