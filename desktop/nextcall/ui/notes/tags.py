"""Tag chips: the playbook's improvement areas and the user's own tags as toggle buttons that
wrap like words, plus a field to add a tag of your own."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from nextcall.core.errors import ValidationError
from nextcall.services.notes import tag_key
from nextcall.ui.common import theme


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps to the next line, like words in a paragraph."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insert_widget(self, index: int, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self._gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y()


class TagChips(QWidget):
    """Toggle a tag by clicking its chip (or with Space); ``changed`` after every toggle.

    Folded (the default), only the note's tags show, with a button that unfolds all of them
    and the field for a tag of one's own.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.expanded = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        holder = QWidget()
        holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.flow = FlowLayout(holder)
        column.addWidget(holder)
        self.label = QLabel(self.tr("Tags:"))
        self.label.setMinimumHeight(24)
        self.flow.addWidget(self.label)
        self.toggle = QToolButton()
        self.toggle.setProperty("chip", True)
        self.toggle.setCursor(Qt.CursorShape.PointingHandCursor)
        self.toggle.clicked.connect(lambda: self.set_expanded(not self.expanded))
        self.add_field = QLineEdit()
        self.add_field.setPlaceholderText(self.tr("Your own tag, then Enter"))
        self.add_field.setAccessibleName(self.tr("New tag"))
        self.add_field.setMinimumWidth(200)
        self.add_field.returnPressed.connect(self._add_typed)
        self.problem = QLabel()
        theme.error_text(self.problem)
        self.problem.hide()
        self.flow.addWidget(self.add_field)
        self.flow.addWidget(self.toggle)
        column.addWidget(self.problem)
        self.chips: dict[str, QPushButton] = {}
        self.areas: set[str] = set()
        self.set_expanded(False)

    # The chips wrap to the width they get. Reporting "height for width" upwards would make
    # the window's minimum height the height at the narrowest width (every chip on its own
    # line), so this widget keeps its own minimum height in step with its width instead.
    def hasHeightForWidth(self) -> bool:
        return False

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.minimumHeight())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        layout = self.layout()
        if layout is not None and self.width() > 0:
            height = layout.heightForWidth(self.width())
            if height > 0 and height != self.minimumHeight():
                self.setMinimumHeight(height)

    def set_expanded(self, expanded: bool) -> None:
        """Show every tag (True) or only the checked ones (False)."""
        self.expanded = expanded
        for chip in self.chips.values():
            chip.setVisible(expanded or chip.isChecked())
        self.add_field.setVisible(expanded)
        checked = any(chip.isChecked() for chip in self.chips.values())
        self.label.setText("Tags:" if checked or expanded else "No tags yet.")
        self.toggle.setText("Done" if expanded else ("Change tags…" if checked else "Add tags…"))
        self.toggle.setToolTip(
            "Show only this note's tags" if expanded else "Show every tag to pick from"
        )
        self.flow.invalidate()
        self._fit()
        self.updateGeometry()

    def set_choices(self, choices: Iterable[tuple[str, str, bool]]) -> None:
        """All tags one can pick: (key, name, is an improvement area), in display order."""
        for key, name, area in choices:
            if area:
                self.areas.add(key)
            if key not in self.chips:
                self._chip(key, name)
        self.set_expanded(self.expanded)

    def set_tags(self, keys: Iterable[str], names: Iterable[str] = ()) -> None:
        """Check exactly these tags (quietly: no ``changed``)."""
        keys = list(keys)
        wanted = dict(zip(keys, names, strict=False)) or {k: k for k in keys}
        for key, name in wanted.items():
            if key not in self.chips:
                self._chip(key, name)
        for key, chip in self.chips.items():
            chip.blockSignals(True)
            chip.setChecked(key in wanted)
            chip.blockSignals(False)
        self.problem.hide()
        self.set_expanded(self.expanded)

    def tags(self) -> tuple[str, ...]:
        """The checked tags as services.notes.tag_for takes them: an improvement area's key,
        or the name of the user's own tag (its key is derived from the name)."""
        return tuple(
            key if key in self.areas else chip.text()
            for key, chip in self.chips.items()
            if chip.isChecked()
        )

    def checked_keys(self) -> tuple[str, ...]:
        return tuple(key for key, chip in self.chips.items() if chip.isChecked())

    def _chip(self, key: str, name: str) -> QPushButton:
        chip = QPushButton(name)
        chip.setProperty("chip", True)
        chip.setCheckable(True)
        chip.setCursor(Qt.CursorShape.PointingHandCursor)
        chip.setAccessibleName(self.tr("Tag {name}").format(name=name))
        chip.setToolTip(self.tr("Tag this note with “{name}”").format(name=name))
        chip.toggled.connect(lambda _on: self.changed.emit())
        chip.setVisible(self.expanded)
        self.flow.insert_widget(self.flow.count() - 2, chip)  # before the field and button
        self.chips[key] = chip
        return chip

    def _add_typed(self) -> None:
        text = self.add_field.text().strip()
        if not text:
            return
        try:
            key = tag_key(text)
        except ValidationError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        self.problem.hide()
        match = next(
            (k for k, c in self.chips.items() if c.text().casefold() == text.casefold()), key
        )
        chip = self.chips.get(match) or self._chip(match, text)
        chip.setVisible(True)
        chip.setChecked(True)
        self.add_field.clear()
