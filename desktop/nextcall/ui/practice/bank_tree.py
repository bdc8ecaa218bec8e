"""The question bank as a list grouped by category: each question with its confidence and when
it was last drilled; questions without a prepared answer are muted."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from nextcall.core import practice as core
from nextcall.services.practice import BankQuestion
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP

KEY_ROLE = Qt.ItemDataRole.UserRole
DOTS = "●●●●●"
RINGS = "○○○○○"
RATING_WORDS = {
    1: QT_TRANSLATE_NOOP("BankTree", "not ready"),
    2: "shaky",
    3: QT_TRANSLATE_NOOP("BankTree", "getting there"),
    4: "confident",
    5: "ready",
}


def rating_word(value: int) -> str:
    """The word for a self-rating from 1 to 5, in the user's language."""
    return QCoreApplication.translate("BankTree", RATING_WORDS[value])


OWN_HINT = QT_TRANSLATE_NOOP("BankTree", "Add a question you were asked, or expect.")


def dots(value: int | None) -> str:
    """A confidence of 3 as ●●●○○ (nothing when not rated)."""
    return "" if value is None else DOTS[:value] + RINGS[value:]


def practised_words(when: datetime | None, today: date) -> str:
    if when is None:
        return "never"
    days = (today - when.date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago" if days < 60 else f"{when:%d %b %Y}"


class BankTree(QTreeWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Question"), self.tr("Confidence"), self.tr("Practised")])
        self.setAccessibleName(self.tr("Question bank"))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

    def muted(self) -> QBrush:
        return QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))

    def fill(self, bank: Sequence[BankQuestion], today: date) -> None:
        """Show ``bank`` grouped by category (the own-questions group always, with a hint
        while it is empty)."""
        self.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        muted = self.muted()
        groups: dict[str, QTreeWidgetItem] = {}
        for category in core.CATEGORIES:
            group = QTreeWidgetItem([core.CATEGORY_LABELS[category], "", ""])
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            groups[category] = group
        for q in bank:
            item = QTreeWidgetItem(
                groups[q.category],
                [q.text, dots(q.confidence), practised_words(q.last_practised_at, today)],
            )
            item.setData(0, KEY_ROLE, q.key)
            item.setToolTip(0, q.text if q.answer.strip() else f"{q.text}\n(no answer yet)")
            if not q.answer.strip():
                item.setForeground(0, muted)
        if not groups[core.OWN].childCount():
            hint = QTreeWidgetItem(groups[core.OWN], [self.tr(OWN_HINT)])
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            hint.setForeground(0, muted)
        for category in core.CATEGORIES:
            group = groups[category]
            if group.childCount():
                self.addTopLevelItem(group)
                group.setFirstColumnSpanned(True)
                group.setExpanded(True)

    def item(self, key: str | None) -> QTreeWidgetItem | None:
        """The row of the question with this bank key."""
        if key is None:
            return None
        for i in range(self.topLevelItemCount()):
            group = self.topLevelItem(i)
            for j in range(group.childCount() if group is not None else 0):
                child = group.child(j) if group is not None else None
                if child is not None and child.data(0, KEY_ROLE) == key:
                    return child
        return None

    def first_item(self) -> QTreeWidgetItem | None:
        group = self.topLevelItem(0)
        return group.child(0) if group is not None and group.childCount() else None

    def mark_answered(self, key: str, answered: bool) -> None:
        item = self.item(key)
        if item is not None:
            role = QPalette.ColorRole.WindowText if answered else QPalette.ColorRole.PlaceholderText
            item.setForeground(0, QBrush(self.palette().color(role)))
