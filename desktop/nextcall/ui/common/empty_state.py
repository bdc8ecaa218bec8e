"""A friendly page for a tab or list with nothing in it yet: a drawing, what it is for and how to
start."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from nextcall.ui.common import theme

ILLUSTRATION_SIZE = 64


class EmptyState(QWidget):
    def __init__(
        self,
        title: str,
        body: str,
        *,
        points: Sequence[str] = (),
        quote: str = "",
        actions: Sequence[tuple[str, Callable[[], None]]] = (),
        icon: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``icon``: an illustration of resources/icons/ (empty-notes...) drawn above the
        title; the first of ``actions`` is the page's primary button."""
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(12)
        holder = QHBoxLayout()
        holder.addStretch(1)
        box = QWidget()
        box.setMaximumWidth(640)
        box.setLayout(column)
        holder.addWidget(box, 4)
        holder.addStretch(1)
        outer.addLayout(holder)
        outer.addStretch(2)

        self.picture: theme.IconLabel | None = None
        if icon is not None:
            self.picture = theme.IconLabel(icon, ILLUSTRATION_SIZE, "link")
            self.picture.setObjectName("emptyPicture")
            column.addWidget(self.picture)
        heading = QLabel(title)
        heading.setObjectName("emptyTitle")
        theme.heading(heading, 1)
        heading.setWordWrap(True)
        column.addWidget(heading)
        self.status = QLabel("")
        self.status.setObjectName("emptyStatus")
        self.status.setWordWrap(True)
        theme.lead(self.status)
        theme.emphasis(self.status)
        theme.tone(self.status, "accent")
        self.status.hide()
        column.addWidget(self.status)
        self.body = QLabel(body)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        theme.lead(self.body)
        column.addWidget(self.body)
        self.points = QLabel()
        self.points.setWordWrap(True)
        self.points.setTextFormat(Qt.TextFormat.RichText)
        theme.lead(self.points)
        column.addWidget(self.points)  # placed first: shown while parentless, it is a window
        self.set_points(points)
        self.quote = QLabel(quote)
        self.quote.setObjectName("emptyQuote")
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.lead(self.quote)
        theme.surface(self.quote, "quote")
        column.addWidget(self.quote)
        self.quote.setVisible(bool(quote))
        self.buttons: list[QPushButton] = []
        if actions:
            row = QHBoxLayout()
            for index, (label, slot) in enumerate(actions):
                button = QPushButton(label)
                button.setDefault(index == 0)
                if index == 0:
                    theme.primary(button)
                button.setMinimumHeight(32)
                button.clicked.connect(slot)
                row.addWidget(button)
                self.buttons.append(button)
            row.addStretch(1)
            column.addSpacing(6)
            column.addLayout(row)

    def set_points(self, points: Sequence[str]) -> None:
        from html import escape

        items = "".join(f"<li style='margin-bottom:4px'>{escape(p)}</li>" for p in points)
        self.points.setText(f"<ul style='margin-left:-20px'>{items}</ul>" if points else "")
        self.points.setVisible(bool(points))
