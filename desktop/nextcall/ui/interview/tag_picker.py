"""A compact button that tags a note with improvement areas from a menu that stays open."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from nextcall.core.playbook import load_playbook


class _StickyMenu(QMenu):
    """Ticking an area keeps the menu open, so several can be ticked in a row."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class TagPicker(QToolButton):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, empty_text: str = "Tag areas…") -> None:
        super().__init__(parent)
        self.empty_text = empty_text
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAccessibleName(self.tr("Improvement areas"))
        self.setToolTip(self.tr("Which improvement areas this is about"))
        self.menu_ = _StickyMenu(self)
        self.actions_: dict[str, QAction] = {}
        for area in load_playbook().areas:
            action = QAction(area.name, self.menu_, checkable=True)
            action.setData(area.key)
            action.setToolTip(area.description)
            action.toggled.connect(self._toggled)
            self.menu_.addAction(action)
            self.actions_[area.key] = action
        self.setMenu(self.menu_)
        self._update_text()

    def tags(self) -> tuple[str, ...]:
        return tuple(key for key, action in self.actions_.items() if action.isChecked())

    def set_tags(self, keys: tuple[str, ...] | list[str]) -> None:
        wanted = set(keys)
        for key, action in self.actions_.items():
            action.blockSignals(True)
            action.setChecked(key in wanted)
            action.blockSignals(False)
        self._update_text()
        self.changed.emit()

    def _toggled(self, _checked: bool) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        names = [a.text() for a in self.actions_.values() if a.isChecked()]
        if not names:
            self.setText(self.empty_text)
        elif len(names) <= 2:
            self.setText(", ".join(names))
        else:
            self.setText(f"{names[0]}, {names[1]} +{len(names) - 2}")
        self.setToolTip(
            "Tagged: " + ", ".join(names) if names else "Which improvement areas this is about"
        )
