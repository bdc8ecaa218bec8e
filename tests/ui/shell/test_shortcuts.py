"""Keyboard: no two actions share a shortcut, platform standard keys are used, and
Help > Keyboard shortcuts lists every shortcut of the window's actions."""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence

from nextcall.ui.shell.main_window import MainWindow
from nextcall.ui.shell.shortcuts_dialog import ShortcutsDialog, window_shortcuts


@pytest.fixture
def win(qtbot, db) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(db.paths.settings), QSettings.Format.IniFormat)
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    window.show()  # closed (and its background work stopped) like a real window at teardown
    qtbot.waitExposed(window)
    return window


def window_wide(action: QAction) -> bool:
    return action.shortcutContext() in (
        Qt.ShortcutContext.WindowShortcut,
        Qt.ShortcutContext.ApplicationShortcut,
    )


def test_no_two_actions_share_a_shortcut(win: MainWindow) -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for action in win.findChildren(QAction):
        if not window_wide(action):
            continue  # a widget's own keys only work while it has the focus
        for key in action.shortcuts():
            if not key.isEmpty():
                owners[key.toString()].append(action.text())
    shared = {key: names for key, names in owners.items() if len(set(names)) > 1}
    assert shared == {}


def test_standard_keys_are_used_where_qt_has_one(win: MainWindow) -> None:
    for action, standard in (
        (win.new_action, QKeySequence.StandardKey.New),
        (win.delete_action, QKeySequence.StandardKey.Delete),
    ):
        assert action.shortcut() == QKeySequence.keyBindings(standard)[0]


def test_the_dialog_lists_every_shortcut_of_the_window(qtbot, win: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = ShortcutsDialog(win)
    qtbot.addWidget(dialog)
    listed = {(s.what, s.keys) for s in dialog.shortcuts}
    for action in win.menuBar().findChildren(QAction) + win.findChildren(QAction):
        keys = action.shortcut()
        if keys.isEmpty() or not action.text() or action.menu() is not None:
            continue
        text = action.text().replace("&", "")
        native = keys.toString(QKeySequence.SequenceFormat.NativeText)
        assert any(what == text and native in shown for what, shown in listed), text
    whats = {s.what for s in dialog.shortcuts}
    assert {"Settings…", "Keyboard shortcuts", "New application…", "Quit"} <= whats
    assert "Edit the selected application" in whats  # the in-widget keys are documented
    assert dialog.tree.topLevelItemCount() > 5


def test_the_shortcuts_action_opens_it(win: MainWindow) -> None:
    assert win.shortcuts_action.shortcut().toString() == "Ctrl+/"
    groups = {s.group for s in window_shortcuts(win)}
    assert {"File", "Edit", "View", "Help"} <= groups
