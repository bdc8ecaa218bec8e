"""The main window's menu bar: every action with its shortcut (platform standard keys where Qt
has one), status tip and menu role. Help > Keyboard shortcuts lists what is built here."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from nextcall.ui.common.theme import THEMES

if TYPE_CHECKING:
    from nextcall.ui.shell.main_window import MainWindow

Shortcut = QKeySequence.StandardKey | str | None


def tr(text: str) -> str:
    return QCoreApplication.translate("Menus", text)


def add_action(
    window: MainWindow,
    menu: QMenu,
    text: str,
    slot: Callable[..., object],
    shortcut: Shortcut = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(window: MainWindow, tab_names: tuple[str, ...]) -> None:
    _file_menu(window)
    _edit_menu(window)
    _view_menu(window, tab_names)
    _help_menu(window)


def _file_menu(window: MainWindow) -> None:
    menu = window.menuBar().addMenu(tr("&File"))
    window.new_action = add_action(
        window,
        menu,
        tr("&New application…"),
        window.new_application,
        QKeySequence.StandardKey.New,
        tr("Add an application to the list"),
    )
    window.demo_action = add_action(
        window,
        menu,
        tr("Explore with &sample data"),
        window.load_demo,
        None,
        tr("Fill this empty profile with forty made-up applications"),
    )
    menu.addSeparator()
    from nextcall.ui.shell.data_actions import DataActions

    window.data_actions = DataActions(window, menu)
    menu.addSeparator()
    add_action(
        window,
        menu,
        tr("Open &data folder"),
        window.open_data_folder,
        None,
        tr("Show the folder that holds your NextCall database"),
    )
    add_action(
        window,
        menu,
        tr("&Backups…"),
        window.show_backups,
        "Ctrl+Shift+B",
        tr("See the copies NextCall keeps of your data, back up now or restore one"),
    )
    menu.addSeparator()
    window.settings_action = add_action(
        window,
        menu,
        tr("Se&ttings…"),
        window.show_settings,
        # Ctrl+, where the platform has no standard key for it (Windows, most Linux desktops).
        QKeySequence.StandardKey.Preferences
        if QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        else "Ctrl+,",
        tr("Theme, weekly target, follow-up timing, and where your data is kept"),
    )
    window.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    menu.addSeparator()
    window.quit_action = add_action(
        window, menu, tr("&Quit"), window.close, QKeySequence.StandardKey.Quit
    )
    if window.quit_action.shortcut().isEmpty():  # Windows has no standard Quit key
        window.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)


def _edit_menu(window: MainWindow) -> None:
    menu = window.menuBar().addMenu(tr("&Edit"))
    undo = window.undo_stack.createUndoAction(window, tr("&Undo"))
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    redo = window.undo_stack.createRedoAction(window, tr("&Redo"))
    redo.setShortcuts(QKeySequence.StandardKey.Redo)
    menu.addActions([undo, redo])
    menu.addSeparator()
    window.edit_action = add_action(
        window, menu, tr("&Edit application…"), window.applications.edit_selected, "Ctrl+E"
    )
    window.delete_action = add_action(
        window,
        menu,
        tr("&Delete application"),
        window.applications.delete_selected,
        QKeySequence.StandardKey.Delete,
    )
    add_action(
        window,
        menu,
        tr("Open in &Tracker"),
        window.open_in_tracker,
        "Ctrl+T",
        tr("Follow the selected application milestone by milestone"),
    )
    menu.addSeparator()
    add_action(window, menu, tr("&Find…"), window.find_application, QKeySequence.StandardKey.Find)


def _view_menu(window: MainWindow, tab_names: tuple[str, ...]) -> None:
    menu = window.menuBar().addMenu(tr("&View"))
    for number, name in enumerate(tab_names):
        add_action(
            window,
            menu,
            f"&{number + 1} {window.tabs.tabText(number) or name}",
            lambda _checked=False, n=number: window.tabs.setCurrentIndex(n),
            f"Ctrl+{number + 1}",
        )
    menu.addSeparator()
    today_action = window.today_dock.toggleViewAction()
    today_action.setText(tr("&Today's follow-ups"))
    today_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
    menu.addAction(today_action)
    insights_action = window.insights_dock.toggleViewAction()
    insights_action.setText(tr("What &interviewers keep saying"))
    insights_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
    menu.addAction(insights_action)
    add_action(
        window,
        menu,
        tr("&Interview mode"),
        window.interview_mode,
        "Ctrl+I",
        tr("A compact window for notes during an interview"),
    )
    add_action(
        window,
        menu,
        tr("T&yping test"),
        lambda _checked=False: window.open_practice("typing", ""),
        "Ctrl+Shift+Y",
        tr("A timed typing test on a passage from call-center work (Practice tab)"),
    )
    theme_menu = menu.addMenu(tr("&Theme"))
    group = QActionGroup(window)
    current = str(window.settings.value("theme", "system"))
    window.theme_actions = {}
    labels = {"system": tr("Follow &system"), "light": tr("&Light"), "dark": tr("&Dark")}
    for name in THEMES:
        action = add_action(
            window, theme_menu, labels[name], lambda _c=False, n=name: window.set_theme(n)
        )
        action.setCheckable(True)
        action.setChecked(name == current)
        group.addAction(action)
        window.theme_actions[name] = action


def _help_menu(window: MainWindow) -> None:
    menu = window.menuBar().addMenu(tr("&Help"))
    window.shortcuts_action = add_action(
        window,
        menu,
        tr("&Keyboard shortcuts"),
        window.show_shortcuts,
        "Ctrl+/",
        tr("Every keyboard shortcut of NextCall"),
    )
    menu.addSeparator()
    about = add_action(window, menu, tr("&About NextCall"), window.show_about)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    add_action(window, menu, tr("About &Qt"), QApplication.aboutQt)
