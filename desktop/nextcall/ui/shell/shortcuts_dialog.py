"""Help > Keyboard shortcuts: every shortcut of the window, read from its actual actions (so the
list cannot drift from the menus), then the keys that work inside particular lists and views."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("Shortcuts", text)


@dataclass(frozen=True)
class Shortcut:
    group: str
    what: str
    keys: str


# Keys handled inside a widget (no QAction of the window carries them), as (where, keys, what).
WIDGET_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Applications list", "Enter", "Edit the selected application"),
    ("Applications list", "Delete", "Delete the selected application (undo with Ctrl+Z)"),
    ("Tracker", "Alt+1, Alt+2", "Stepper or board view"),
    ("Tracker stepper", "Left, Right, Home, End", "Move between milestones"),
    ("Tracker stepper", "S, P, F, K, N", "Record scheduled, passed, failed, skipped, no-show"),
    ("Tracker board", "Left, Right", "Step between columns"),
    ("Tracker board", "Enter", "Open the application in the stepper"),
    ("Tracker board", "Ctrl+Right, Ctrl+Left", "Move the application to the next or previous"
     " milestone"),
    ("Tracker board", "Menu, Shift+F10", "Move the application to any milestone"),
    ("Notes list", "Delete", "Delete the selected note"),
    ("Export", "Alt+1, Alt+2, Alt+3", "Choose what to export"),
    ("Add several", "Ctrl+Enter", "Add the listed applications"),
    ("Interview mode", "F5", "Start or stop the interview clock"),
    ("Interview mode", "Ctrl+N", "A new note"),
    ("Interview mode", "Alt+1 … Alt+9", "Tag the note with the legend's topic"),
    ("Practice", "Ctrl+D", "Drill the selected answer"),
    ("Practice drills", "1 … 5", "Rate your answer"),
    ("Practice drills", "Ctrl+Enter", "Done / end the call"),
    ("Every dialog", "Tab, Shift+Tab", "Next or previous field"),
    ("Every dialog", "Enter, Esc", "OK or Cancel"),
)  # fmt: skip


def _keys(action: QAction) -> str:
    """The action's keys, the two main ones (Undo also has Alt+Backspace and a media key)."""
    keys = [k for k in action.shortcuts() if not k.isEmpty()]
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys[:2])


def _clean(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def window_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """The shortcuts of the window's menus (grouped by menu), then those of its other actions."""
    found: list[Shortcut] = []
    seen: set[int] = set()

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            seen.add(id(action))
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} › {_clean(action.text())}")
            elif not action.isSeparator() and _keys(action):
                found.append(Shortcut(path, _clean(action.text()), _keys(action)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _clean(top.text()))
    for action in window.findChildren(QAction):
        if id(action) not in seen and _keys(action) and action.text():
            found.append(Shortcut(tr("In the tabs"), _clean(action.text()), _keys(action)))
            seen.add(id(action))
    return found


def widget_shortcuts() -> list[Shortcut]:
    return [Shortcut(tr(where), tr(what), keys) for where, keys, what in WIDGET_KEYS]


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(620, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Every command is in a menu: press Alt (or F10) to reach the menus by keyboard. "
                "These keys do it faster."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.shortcuts = window_shortcuts(window) + widget_shortcuts()
        groups: dict[str, QTreeWidgetItem] = {}
        for item in self.shortcuts:
            parent_item = groups.get(item.group)
            if parent_item is None:
                parent_item = QTreeWidgetItem(self.tree, [item.group])
                font = parent_item.font(0)
                font.setBold(True)
                parent_item.setFont(0, font)
                parent_item.setFirstColumnSpanned(True)
                parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[item.group] = parent_item
            QTreeWidgetItem(parent_item, [item.what, item.keys])
        self.tree.expandAll()
        self.tree.setItemsExpandable(False)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.tree.setFocus()
