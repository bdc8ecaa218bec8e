"""View > Typing test (Ctrl+Shift+Y) opens the typing test from anywhere, is listed in Help >
Keyboard shortcuts, and the target is set in Settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from nextcall.services import settings as prefs
from nextcall.services.database import Database
from nextcall.ui.practice.tab import TYPING
from nextcall.ui.shell.main_window import MainWindow
from nextcall.ui.shell.settings_dialog import SettingsDialog
from nextcall.ui.shell.shortcuts_dialog import ShortcutsDialog


def test_the_shortcut_opens_the_typing_test_and_is_listed(qtbot: QtBot, db: Database) -> None:
    settings = QSettings(str(db.paths.settings), QSettings.Format.IniFormat)
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    [action] = [a for a in win.findChildren(QAction) if a.shortcut().toString() == "Ctrl+Shift+Y"]
    assert action.text().replace("&", "") == "Typing test"
    assert win.tabs.currentWidget() is not win.practice
    action.trigger()  # what the key does (offscreen windows get no key shortcuts)
    assert win.tabs.currentWidget() is win.practice
    assert win.practice.pages.currentIndex() == TYPING
    assert win.practice.typing.focusWidget() is win.practice.typing.box
    dialog = ShortcutsDialog(win)
    qtbot.addWidget(dialog)
    assert any(s.what == "Typing test" and "Y" in s.keys for s in dialog.shortcuts)


def test_the_target_is_set_in_settings(qtbot: QtBot, db: Database) -> None:
    dialog = SettingsDialog(db, "system", lambda _theme: None)
    qtbot.addWidget(dialog)
    spin = dialog.spins["typing_target"]
    assert spin.value() == 35
    spin.setValue(42)
    dialog.spins["feedback_after_days"].setValue(4)  # the stored default pair is refused
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.accept()
    assert prefs.get_int(db, "typing_target") == 42
