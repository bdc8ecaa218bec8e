"""Help > Keyboard shortcuts: every shortcut of the window, read from its actual actions (so the
list cannot drift from the menus), then the keys that work inside particular lists and views."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
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


# Keys on every keyboard: printable ones, the editing and arrow block, F1-F12 and Menu. Platform
# extras (F14 is the Sun keyboard's Undo; the Undo, Redo and media keys) are left out of the list.
_KEYBOARD_BLOCK = range(Qt.Key.Key_Escape.value, Qt.Key.Key_PageDown.value + 1)
_FUNCTION_KEYS = range(Qt.Key.Key_F1.value, Qt.Key.Key_F12.value + 1)
MAX_KEYS = 2
KEYS_PADDING = 12  # room after the longest keys, so they do not touch the list's edge


def on_keyboard(sequence: QKeySequence) -> bool:
    """Whether every key of ``sequence`` is on an ordinary keyboard."""
    if sequence.isEmpty():
        return False
    for index in range(sequence.count()):
        key = sequence[index].key().value  # type: ignore[index]  # the stubs lack []
        if not (
            key < Qt.Key.Key_Escape.value
            or key in _KEYBOARD_BLOCK
            or key in _FUNCTION_KEYS
            or key == Qt.Key.Key_Menu.value
        ):
            return False
    return True


def readable_keys(sequences: list[QKeySequence]) -> str:
    """The first one or two keyboard shortcuts, as the platform writes them ("Ctrl+Z")."""
    keys = [k for k in sequences if on_keyboard(k)][:MAX_KEYS]
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def _keys(action: QAction) -> str:
    return readable_keys(action.shortcuts())


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
    """Two lists side by side (the menus' commands; the keys inside lists and views), each tall
    enough for all its rows, the dialog sized to them within 90 % of the screen."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Every command is in a menu: press Alt (or F10) to reach the menus by keyboard. "
                "These keys do it faster."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        commands = window_shortcuts(window)
        inside = widget_shortcuts()
        self.shortcuts = commands + inside
        columns = QHBoxLayout()
        self.trees = [
            self._tree(self.tr("Menu commands"), commands),
            self._tree(self.tr("Inside lists and views"), inside),
        ]
        for tree in self.trees:
            columns.addWidget(tree, 1, Qt.AlignmentFlag.AlignTop)
        self.tree = self.trees[0]
        layout.addLayout(columns, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fit_to(window.screen().availableGeometry())
        self.tree.setFocus()

    def _tree(self, title: str, shortcuts: list[Shortcut]) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setAccessibleName(title)
        tree.setColumnCount(2)
        tree.setHeaderLabels([title, self.tr("Keys")])
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        tree.header().setStretchLastSection(False)
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        groups: dict[str, QTreeWidgetItem] = {}
        for item in shortcuts:
            parent_item = groups.get(item.group)
            if parent_item is None:
                parent_item = QTreeWidgetItem(tree, [item.group])
                font = parent_item.font(0)
                font.setBold(True)
                parent_item.setFont(0, font)
                parent_item.setFirstColumnSpanned(True)
                parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[item.group] = parent_item
            QTreeWidgetItem(parent_item, [item.what, item.keys])
        tree.expandAll()
        tree.setItemsExpandable(False)
        return tree

    def fit_to(self, area: QRect) -> None:
        """Each list as tall as its rows and as wide as its texts; the dialog as large as
        that, within 90 % of the screen's free ``area`` (a smaller screen scrolls the lists)."""
        for tree in self.trees:
            height = tree.header().sizeHint().height() + 2 * tree.frameWidth() + 2
            width = 0
            item = tree.topLevelItem(0)
            while item is not None:
                height += tree.visualItemRect(item).height() or tree.sizeHintForRow(0)
                item = tree.itemBelow(item)
            for column in range(2):
                width += max(tree.sizeHintForColumn(column), tree.header().sectionSizeHint(column))
            keys = max(tree.sizeHintForColumn(1), tree.header().sectionSizeHint(1))
            tree.setColumnWidth(1, keys + KEYS_PADDING)
            tree.setMinimumWidth(
                width + KEYS_PADDING + 2 * tree.frameWidth() + tree.indentation() + 24
            )
            tree.setFixedHeight(height)
        limit = QSize(int(area.width() * 0.9), int(area.height() * 0.9))
        wanted = self.sizeHint()
        if wanted.height() > limit.height() or wanted.width() > limit.width():
            for tree in self.trees:  # too tall for this screen: the lists scroll instead
                tree.setMinimumHeight(0)
                tree.setMaximumHeight(16_777_215)
                tree.setMinimumWidth(0)
        self.resize(wanted.boundedTo(limit))
