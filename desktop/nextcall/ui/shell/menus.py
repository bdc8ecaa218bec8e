"""The main window's menu bar: every action with its shortcut (platform standard keys where Qt
has one), status tip and menu role. Help > Keyboard shortcuts lists what is built here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QMenuBar, QTabWidget

from nextcall.ui.common import settings_keys as keys
from nextcall.ui.common.theme import THEMES, menu_icon

Shortcut = QKeySequence.StandardKey | str | None


class ApplicationActions(Protocol):
    def edit_selected(self) -> None: ...
    def delete_selected(self) -> None: ...


class MenuHost(Protocol):
    """What the menus need of the window (a QMainWindow). The menus set the ``*_action``
    attributes."""

    new_action: QAction
    demo_action: QAction
    settings_action: QAction
    quit_action: QAction
    edit_action: QAction
    delete_action: QAction
    shortcuts_action: QAction
    theme_actions: dict[str, QAction]
    undo_stack: QUndoStack
    tabs: QTabWidget
    today_dock: QDockWidget
    insights_dock: QDockWidget
    settings: QSettings

    @property
    def applications(self) -> ApplicationActions: ...

    def menuBar(self) -> QMenuBar: ...
    def add_data_actions(self, menu: QMenu) -> None: ...
    def new_application(self) -> None: ...
    def load_demo(self) -> None: ...
    def open_data_folder(self) -> None: ...
    def show_backups(self) -> None: ...
    def show_settings(self) -> None: ...
    def close(self) -> bool: ...
    def open_in_tracker(self) -> None: ...
    def find_application(self) -> None: ...
    def interview_mode(self) -> None: ...
    def open_practice(self, kind: str, key: str) -> None: ...
    def set_theme(self, name: str) -> None: ...
    def show_shortcuts(self) -> None: ...
    def show_about(self) -> None: ...


def tr(text: str) -> str:
    return QCoreApplication.translate("Menus", text)


def add_action(
    window: MenuHost,
    menu: QMenu,
    text: str,
    slot: Callable[..., object],
    shortcut: Shortcut = None,
    tip: str = "",
    icon: str | None = None,
) -> QAction:
    action = QAction(text, _owner(window))
    if icon is not None:
        action.setIcon(menu_icon(icon))
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def _owner(window: MenuHost) -> QObject:
    assert isinstance(window, QObject)
    return window


def build_menus(window: MenuHost, tab_names: tuple[str, ...]) -> None:
    _file_menu(window)
    _edit_menu(window)
    _view_menu(window, tab_names)
    _help_menu(window)


def _file_menu(window: MenuHost) -> None:
    menu = window.menuBar().addMenu(tr("&File"))
    window.new_action = add_action(
        window,
        menu,
        tr("&New application…"),
        window.new_application,
        QKeySequence.StandardKey.New,
        tr("Add an application to the list"),
        "add",
    )
    window.demo_action = add_action(
        window,
        menu,
        tr("Explore with &sample data"),
        window.load_demo,
        None,
        tr("Fill this empty profile with forty made-up applications"),
        "sample",
    )
    menu.addSeparator()
    window.add_data_actions(menu)
    menu.addSeparator()
    add_action(
        window,
        menu,
        tr("Open &data folder"),
        window.open_data_folder,
        None,
        tr("Show the folder that holds your NextCall database"),
        "folder",
    )
    add_action(
        window,
        menu,
        tr("&Backups…"),
        window.show_backups,
        "Ctrl+Shift+B",
        tr("See the copies NextCall keeps of your data, back up now or restore one"),
        "backups",
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
        "settings",
    )
    window.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    menu.addSeparator()
    window.quit_action = add_action(
        window, menu, tr("&Quit"), window.close, QKeySequence.StandardKey.Quit
    )
    if window.quit_action.shortcut().isEmpty():  # Windows has no standard Quit key
        window.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.quit_action.setIcon(menu_icon("quit"))


def _edit_menu(window: MenuHost) -> None:
    menu = window.menuBar().addMenu(tr("&Edit"))
    undo = window.undo_stack.createUndoAction(_owner(window), tr("&Undo"))
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    redo = window.undo_stack.createRedoAction(_owner(window), tr("&Redo"))
    redo.setShortcuts(QKeySequence.StandardKey.Redo)
    undo.setIcon(menu_icon("undo"))
    redo.setIcon(menu_icon("redo"))
    menu.addActions([undo, redo])
    menu.addSeparator()
    window.edit_action = add_action(
        window,
        menu,
        tr("&Edit application…"),
        window.applications.edit_selected,
        "Ctrl+E",
        icon="edit",
    )
    window.delete_action = add_action(
        window,
        menu,
        tr("&Delete application"),
        window.applications.delete_selected,
        QKeySequence.StandardKey.Delete,
        icon="delete",
    )
    add_action(
        window,
        menu,
        tr("Open in &Tracker"),
        window.open_in_tracker,
        "Ctrl+T",
        tr("Follow the selected application milestone by milestone"),
        "tracker",
    )
    menu.addSeparator()
    add_action(
        window,
        menu,
        tr("&Find…"),
        window.find_application,
        QKeySequence.StandardKey.Find,
        icon="search",
    )
    quick_find = add_action(
        window,
        menu,
        tr("&Quick find: who is calling?…"),
        lambda _checked=False: _quick_find(window),
        "Ctrl+Shift+F",
        tr("A recruiter is calling: find the company, person or number, see your call card"),
        "quick-find",
    )
    # From every tab and from interview mode: whichever window of the app is active.
    quick_find.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)


def _quick_find(window: MenuHost) -> None:
    from nextcall.ui.quickfind.dialog import QuickFindHost, open_quick_find

    open_quick_find(cast("QuickFindHost", window))


def _show_tab(tabs: QTabWidget, index: int) -> None:
    """Show a tab and put the keyboard inside it, so its own shortcuts (New note in Notes,
    say) work at once, without a click into the tab first."""
    tabs.setCurrentIndex(index)
    page = tabs.currentWidget()
    focused = QApplication.focusWidget()
    if page is not None and (focused is None or not page.isAncestorOf(focused)):
        page.setFocus(Qt.FocusReason.ShortcutFocusReason)


def _view_menu(window: MenuHost, tab_names: tuple[str, ...]) -> None:
    menu = window.menuBar().addMenu(tr("&View"))
    for number, name in enumerate(tab_names):
        action = add_action(
            window,
            menu,
            f"&{number + 1} {window.tabs.tabText(number) or name}",
            lambda _checked=False, n=number: _show_tab(window.tabs, n),
            f"Ctrl+{number + 1}",
        )
        name = window.tabs.tabIcon(number).name()  # the tab's own icon, as the menu's
        if name:
            action.setIcon(menu_icon(name))
    menu.addSeparator()
    today_action = window.today_dock.toggleViewAction()
    today_action.setText(tr("Today's &follow-ups"))
    today_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
    today_action.setIcon(menu_icon("today"))
    menu.addAction(today_action)
    insights_action = window.insights_dock.toggleViewAction()
    insights_action.setText(tr("&What interviewers keep saying"))
    insights_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
    insights_action.setIcon(menu_icon("interviewers-say"))
    menu.addAction(insights_action)
    add_action(
        window,
        menu,
        tr("&Interview mode"),
        window.interview_mode,
        "Ctrl+I",
        tr("A compact window for notes during an interview"),
        "interview",
    )
    add_action(
        window,
        menu,
        tr("T&yping test"),
        lambda _checked=False: window.open_practice("typing", ""),
        "Ctrl+Shift+Y",
        tr("A timed typing test on a passage from call-center work (Practice tab)"),
        "keyboard",
    )
    theme_menu = menu.addMenu(menu_icon("theme"), tr("&Theme"))
    group = QActionGroup(_owner(window))
    current = str(window.settings.value(keys.THEME, keys.THEME_DEFAULT))
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


def _help_menu(window: MenuHost) -> None:
    menu = window.menuBar().addMenu(tr("&Help"))
    window.shortcuts_action = add_action(
        window,
        menu,
        tr("&Keyboard shortcuts"),
        window.show_shortcuts,
        "Ctrl+/",
        tr("Every keyboard shortcut of NextCall"),
        "keyboard",
    )
    menu.addSeparator()
    about = add_action(window, menu, tr("&About NextCall"), window.show_about, icon="info")
    about.setMenuRole(QAction.MenuRole.AboutRole)
    add_action(window, menu, tr("About &Qt"), QApplication.aboutQt)
