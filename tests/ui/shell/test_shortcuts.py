"""Keyboard: no two actions share a shortcut, platform standard keys are used, and
Help > Keyboard shortcuts lists every shortcut of the window's actions."""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from pytestqt.qtbot import QtBot

from nextcall.ui.shell.main_window import MainWindow
from nextcall.ui.shell.shortcuts_dialog import ShortcutsDialog, readable_keys, window_shortcuts


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
    assert sum(tree.topLevelItemCount() for tree in dialog.trees) > 5


def test_the_shortcuts_action_opens_it(win: MainWindow) -> None:
    assert win.shortcuts_action.shortcut().toString() == "Ctrl+/"
    groups = {s.group for s in window_shortcuts(win)}
    assert {"File", "Edit", "View", "Help"} <= groups


def test_platform_extras_are_left_out_and_at_most_two_keys_are_shown(qtbot: QtBot) -> None:
    # As a KDE desktop binds them: Undo also has the Sun keyboard's F14, Redo the Redo key.
    undo = [QKeySequence("Ctrl+Z"), QKeySequence("F14")]
    redo = [QKeySequence("Ctrl+Shift+Z"), QKeySequence(Qt.Key.Key_Redo)]
    assert readable_keys(undo) == "Ctrl+Z"
    assert readable_keys(redo) == "Ctrl+Shift+Z"
    three = [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"), QKeySequence("Alt+Shift+Z")]
    assert readable_keys(three) == "Ctrl+Y, Ctrl+Shift+Z"
    assert readable_keys([QKeySequence("Shift+F10"), QKeySequence(Qt.Key.Key_Menu)]) == (
        "Shift+F10, Menu"
    )


def test_no_raw_key_names_in_the_dialog(win: MainWindow) -> None:
    for shortcut in window_shortcuts(win):
        keys = shortcut.keys.split(", ")
        assert len(keys) <= 2, shortcut
        assert not {"F13", "F14", "F15", "Undo", "Redo"} & set(keys), shortcut


def test_every_row_is_visible_on_a_1366_by_768_screen(qtbot: QtBot, win: MainWindow) -> None:
    screen = QRect(0, 0, 1366, 768)
    dialog = ShortcutsDialog(win)
    qtbot.addWidget(dialog)
    dialog.fit_to(screen)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 0.9 * screen.width() and dialog.height() <= 0.9 * screen.height()
    rows = 0
    for tree in dialog.trees:
        assert not tree.verticalScrollBar().isVisible()
        viewport = tree.viewport().rect()
        item = tree.topLevelItem(0)
        while item is not None:
            rect = tree.visualItemRect(item)
            assert viewport.contains(rect), item.text(0)  # wholly shown, none cut
            for column in range(tree.columnCount()):
                text = item.text(column)
                if text and not item.isFirstColumnSpanned():
                    room = tree.columnWidth(column) - (tree.indentation() if column == 0 else 0)
                    assert tree.fontMetrics().horizontalAdvance(text) <= room, text
            rows += 1
            item = tree.itemBelow(item)
    assert rows >= len(dialog.shortcuts)


def test_a_small_screen_keeps_the_dialog_within_it(qtbot: QtBot, win: MainWindow) -> None:
    dialog = ShortcutsDialog(win)
    qtbot.addWidget(dialog)
    dialog.fit_to(QRect(0, 0, 800, 600))
    assert dialog.width() <= 720 and dialog.height() <= 540
