"""The main window: tabs, menus with shortcuts, About, theme and state kept across runs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from nextcall import __version__
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.demo import fill_demo
from nextcall.ui.common.operations import EVERYTHING, announce
from nextcall.ui.shell.about import AboutDialog
from nextcall.ui.shell.main_window import TAB_NAMES, MainWindow


def make_window(qtbot, db) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(db.paths.settings), QSettings.Format.IniFormat)
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


def test_title_and_tabs(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, db)
    assert win.windowTitle() == "NextCall"
    assert [win.tabs.tabText(i) for i in range(win.tabs.count())] == list(TAB_NAMES)


def test_every_menu_action_has_a_name_and_the_main_ones_have_shortcuts(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, db)
    menus = {a.text().replace("&", ""): a.menu() for a in win.menuBar().actions()}
    assert list(menus) == ["File", "Edit", "View", "Help"]
    shortcuts = {
        action.text().replace("&", ""): action.shortcut().toString()
        for menu in menus.values()
        for action in menu.actions()
        if not action.isSeparator()
    }
    assert shortcuts["New application…"] == "Ctrl+N"
    assert shortcuts["Quit"] == "Ctrl+Q"
    assert shortcuts["Undo"] == "Ctrl+Z"
    assert shortcuts["Find…"] == "Ctrl+F"
    assert shortcuts["Delete application"] == "Del"
    assert [shortcuts[f"{n + 1} {name}"] for n, name in enumerate(TAB_NAMES)] == [
        "Ctrl+1",
        "Ctrl+2",
        "Ctrl+3",
        "Ctrl+4",
        "Ctrl+5",
    ]


def test_tab_shortcuts_switch_tabs(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, db)
    for number in (3, 2, 4, 1):
        qtbot.keyClick(win, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
        assert win.tabs.currentIndex() == number - 1


def test_export_tab_follows_the_data(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, db)
    win.tabs.setCurrentWidget(win.export)
    assert win.export.pages.currentWidget() is win.export.empty
    qtbot.mouseClick(win.export.empty.buttons[0], Qt.MouseButton.LeftButton)
    assert win.tabs.currentWidget() is win.applications
    fill_demo(db)
    announce(db, EVERYTHING)  # as an operation does; the hidden tab catches up when shown
    assert not win.export.renderer.busy()
    win.tabs.setCurrentWidget(win.export)
    qtbot.waitUntil(lambda: win.export.current() is not None, timeout=15000)
    assert win.export.pages.currentWidget() is win.export.content


def test_about_shows_version_and_data_folder(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog(db.paths)
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert __version__ in text
    assert str(db.paths.root) in text
    assert "MIT" in text


def test_help_about_opens_from_the_menu(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, db)
    seen: list[str] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, close_it)
            return
        seen.append(dialog.windowTitle())
        assert isinstance(dialog, QDialog)
        dialog.reject()

    QTimer.singleShot(0, close_it)
    help_menu = win.menuBar().actions()[-1].menu()
    next(a for a in help_menu.actions() if a.text() == "&About NextCall").trigger()
    assert seen == ["About NextCall"]


def test_dark_theme_changes_the_palette_and_is_remembered(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, db)
    app = QApplication.instance()
    win.theme_actions["dark"].trigger()
    window_color = app.palette().color(QPalette.ColorRole.Window)
    assert window_color.lightness() < 80
    assert win.settings.value("theme") == "dark"
    win.theme_actions["light"].trigger()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200


@pytest.mark.parametrize("tab", [2, 3, 4])
def test_geometry_and_tab_are_restored(qtbot, db, tab: int) -> None:  # type: ignore[no-untyped-def]
    add_application(db, ApplicationForm(company="Harborline BPO"))  # not the first-run welcome
    first = make_window(qtbot, db)
    first.resize(780, 540)  # the offscreen screen is 800x600
    first.tabs.setCurrentIndex(tab)
    first.close()
    second = make_window(qtbot, db)
    assert (second.width(), second.height()) == (780, 540)
    assert second.tabs.currentIndex() == tab


def test_the_last_tab_is_kept_by_name(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    add_application(db, ApplicationForm(company="Harborline BPO"))
    first = make_window(qtbot, db)
    first.tabs.setCurrentWidget(first.practice)
    first.close()
    assert first.settings.value("window/tab") == "Practice"
    assert make_window(qtbot, db).tabs.currentWidget().__class__.__name__ == "PracticeTab"
    first.settings.setValue("window/tab", 2)  # what older versions stored: an index
    assert make_window(qtbot, db).tabs.currentIndex() == 2


def test_find_searches_the_tab_in_view(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, db)
    win.tabs.setCurrentWidget(win.notes)
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert win.tabs.currentWidget() is win.notes
    assert QApplication.focusWidget() is not win.applications.search
    win.tabs.setCurrentWidget(win.tracker)
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert win.tabs.currentWidget() is win.applications
    assert win.applications.search.hasFocus()


def test_an_empty_profile_opens_on_the_welcome(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    first = make_window(qtbot, db)
    first.tabs.setCurrentWidget(first.practice)
    first.close()
    win = make_window(qtbot, db)
    assert win.tabs.currentWidget() is win.applications
    assert win.applications.stack.currentWidget() is win.applications.empty
    welcome = win.applications.empty
    texts = " ".join(label.text() for label in welcome.findChildren(QLabel))
    assert "Welcome to NextCall" in texts
    assert str(db.paths.root) in texts
    assert [b.text() for b in welcome.buttons][:2] == [
        "Add my first applications",
        "Explore with sample data",
    ]


def test_the_welcome_buttons_add_applications_and_open_the_data_folder(
    qtbot, db, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QDesktopServices

    from nextcall.ui.applications.bulk_add_dialog import BulkAddDialog

    opened: list[str] = []
    monkeypatch.setattr(BulkAddDialog, "exec", lambda self: opened.append("bulk") or 0)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    win = make_window(qtbot, db)
    add_first, _sample, folder = win.applications.empty.buttons
    add_first.click()
    folder.click()
    assert opened == ["bulk", str(db.paths.root)]


def _view_action(window: MainWindow, shortcut: str):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction, QKeySequence

    for action in window.findChildren(QAction):
        if action.shortcut() == QKeySequence(shortcut):
            return action
    raise AssertionError(f"no action for {shortcut}")


def test_switching_tabs_by_keyboard_puts_the_keyboard_inside_the_tab(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, db)
    window.applications.search.setFocus()
    _view_action(window, "Ctrl+3").trigger()
    assert window.tabs.currentWidget() is window.notes
    focused = QApplication.focusWidget()
    # New note (Ctrl+Shift+N) is a shortcut of the Notes tab and its children: it works now.
    assert focused is window.notes or window.notes.isAncestorOf(focused)


def test_a_note_started_and_never_written_is_not_left_behind_on_quit(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from nextcall.services.note_search import any_notes

    window = make_window(qtbot, db)
    window.tabs.setCurrentWidget(window.notes)
    assert window.notes.new_note() is not None
    assert any_notes(db)
    window.close()
    assert not any_notes(db)
