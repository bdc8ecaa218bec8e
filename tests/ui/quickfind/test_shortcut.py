"""Edit > Quick find (Ctrl+Shift+F) works from every tab and from interview mode, is listed
in Help > Keyboard shortcuts, and hands the call's note over to the Notes tab."""

from __future__ import annotations

import warnings

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.contacts import ContactForm, add_contact
from nextcall.services.database import Database
from nextcall.ui.interview.window import InterviewWindow
from nextcall.ui.quickfind.dialog import QuickFindDialog
from nextcall.ui.shell.main_window import MainWindow
from nextcall.ui.shell.shortcuts_dialog import ShortcutsDialog


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    settings = QSettings(str(db.paths.settings), QSettings.Format.IniFormat)
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _press(qtbot: QtBot, window: QWidget, target: QWidget) -> None:
    """Ctrl+Shift+F in ``window``, made the active window first."""
    with warnings.catch_warnings():  # deprecated, but offscreen Qt activates no other way
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    qtbot.waitUntil(window.isActiveWindow)
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(target, Qt.Key.Key_F, keys)


def _action(win: MainWindow) -> QAction:
    [action] = [a for a in win.findChildren(QAction) if a.shortcut().toString() == "Ctrl+Shift+F"]
    return action


def test_the_shortcut_opens_quick_find_from_another_tab_and_is_listed(
    qtbot: QtBot, db: Database
) -> None:
    app_id = add_application(db, ApplicationForm(company="Bluewave", position="Agent"))
    add_contact(db, ContactForm(name="Maria Santos", phone="0917 555 1234"), application_id=app_id)
    win = _window(qtbot, db)
    win.tabs.setCurrentWidget(win.practice)
    action = _action(win)
    assert action.text().replace("&", "") == "Quick find: who is calling?…"
    assert action.shortcutContext() == Qt.ShortcutContext.ApplicationShortcut
    edit = win.menuBar().actions()[1].menu()
    assert isinstance(edit, QMenu) and action in edit.actions()  # the Edit menu
    _press(qtbot, win, win.practice)
    dialog = win.findChild(QuickFindDialog)
    assert dialog is not None and dialog.isVisible()
    assert win.tabs.currentWidget() is win.practice  # the tab stays as it was
    assert not dialog.windowFlags() & Qt.WindowType.WindowStaysOnTopHint  # a plain window
    assert dialog.focusWidget() is dialog.box
    qtbot.keyClicks(dialog.box, "5551234")
    dialog.search()
    assert dialog.results.count() == 1
    dialog.close()
    action.trigger()  # again: the same window, ready for a new search
    assert win.findChildren(QuickFindDialog) == [dialog] and dialog.isVisible()
    assert dialog.box.selectedText() == "5551234"
    listed = ShortcutsDialog(win)
    qtbot.addWidget(listed)
    assert any(
        s.group == "Edit" and s.what == "Quick find: who is calling?…" and "F" in s.keys
        for s in listed.shortcuts
    )
    dialog.close()


def test_the_call_note_opens_in_the_notes_tab(qtbot: QtBot, db: Database) -> None:
    add_application(db, ApplicationForm(company="Bluewave", position="Agent"))
    win = _window(qtbot, db)
    _action(win).trigger()
    dialog = win.findChild(QuickFindDialog)
    assert dialog is not None
    qtbot.keyClicks(dialog.box, "bluewave")
    assert dialog.choose()
    note_id = dialog.card.start_note()
    qtbot.keyClicks(dialog.card.note_box, "Asked for my availability")
    dialog.card.notes_button.click()
    assert win.tabs.currentWidget() is win.notes
    assert win.notes.editor.note_id == note_id
    assert win.notes.editor.body.toPlainText().endswith("Asked for my availability")
    assert dialog.card.note_id is None  # one editor writes the note: the Notes tab now
    dialog.close()


def test_the_shortcut_works_from_interview_mode(qtbot: QtBot, db: Database) -> None:
    app_id = add_application(db, ApplicationForm(company="Bluewave", position="Agent"))
    win = _window(qtbot, db)
    win.open_application(app_id)
    win.interview_mode()
    interview = win._interview
    assert isinstance(interview, InterviewWindow) and interview.isVisible()
    _press(qtbot, interview, interview.note)  # the interview window is the active one
    dialog = win.findChild(QuickFindDialog)
    assert dialog is not None and dialog.isVisible()
    # Shown over interview mode (kept on top itself), not behind it.
    assert dialog.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    dialog.close()
    interview.close()
