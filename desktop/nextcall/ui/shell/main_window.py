"""The main window: tabs, menus, shortcuts, and window state kept across runs."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QSettings,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from nextcall import APP_NAME
from nextcall.services.database import Database
from nextcall.ui.applications.tab import ApplicationsTab, remember_query
from nextcall.ui.common import settings_keys as keys
from nextcall.ui.common import theme
from nextcall.ui.common.autosave import close_anyway
from nextcall.ui.common.operations import EVERYTHING, Change, announce, hub_for, run_op, subscribe
from nextcall.ui.common.screen_fit import available_area, clamp_window, fill_area, frame_margins
from nextcall.ui.common.theme import apply_theme
from nextcall.ui.shell.lazy_tabs import LazyTabs
from nextcall.ui.shell.window_state import (
    restore_columns,
    restore_splitters,
    save_columns,
    save_splitters,
)

if TYPE_CHECKING:
    from nextcall.services.first_page import FirstPage
    from nextcall.ui.export.tab import ExportTab
    from nextcall.ui.interview.insights_panel import InsightsPanel
    from nextcall.ui.notes.tab import NotesTab
    from nextcall.ui.practice import PracticeTab
    from nextcall.ui.shell.backup_timer import BackupTimer
    from nextcall.ui.shell.data_actions import DataActions
    from nextcall.ui.today.notifier import DueNotifier
    from nextcall.ui.today.panel import TodayPanel
    from nextcall.ui.tracker.tab import TrackerTab

# The tabs' names, also the keys kept in the settings; shown translated (context "MainWindow").
TAB_NAMES: tuple[str, ...] = tuple(
    str(name)
    for name in (
        QT_TRANSLATE_NOOP("MainWindow", "Applications"),
        QT_TRANSLATE_NOOP("MainWindow", "Tracker"),
        QT_TRANSLATE_NOOP("MainWindow", "Notes"),
        QT_TRANSLATE_NOOP("MainWindow", "Practice"),
        QT_TRANSLATE_NOOP("MainWindow", "Export"),
    )
)
# Each tab's icon (resources/icons/), in the order of TAB_NAMES.
TAB_ICONS = ("applications", "tracker", "notes", "practice", "export")
STARTUP_DELAY_MS = 3000


class MainWindow(QMainWindow):
    started = Signal()  # everything the first paint did without is loaded, every tab built
    closed = Signal()  # the window was closed (not refused): the app ends with it
    # Set by ui/menus.py build_menus.
    new_action: QAction
    demo_action: QAction
    settings_action: QAction
    quit_action: QAction
    edit_action: QAction
    delete_action: QAction
    shortcuts_action: QAction
    theme_actions: dict[str, QAction]
    data_actions: DataActions

    today: TodayPanel
    insights: InsightsPanel
    notifier: DueNotifier
    backup_timer: BackupTimer

    def __init__(
        self, db: Database, settings: QSettings, *, first: FirstPage | None = None
    ) -> None:
        """The window over ``db``. With ``first`` (the start-up's first page), it is built
        without touching the database, ready for its first paint; ``finish_start`` loads the
        rest after that paint. Without it, ``finish_start`` runs at once."""
        super().__init__()
        self.db = db
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(720, 480)
        self.undo_stack = QUndoStack(self)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.applications = ApplicationsTab(db, self.undo_stack, first=first)
        # Only the Applications tab is built for the first paint; the others when first shown
        # or asked for, or one by one in idle time after the start (ui/shell/lazy_tabs.py).
        self.pages = LazyTabs(self.tabs)
        self.pages.built.connect(self._tab_built)
        label = lambda name: QCoreApplication.translate("MainWindow", name)  # noqa: E731
        applications, tracker, notes, practice, export = TAB_NAMES
        self.pages.add_built(applications, label(applications), self.applications)
        self.pages.add(tracker, label(tracker), self._make_tracker)
        self.pages.add(notes, label(notes), self._make_notes)
        self.pages.add(practice, label(practice), self._make_practice)
        self.pages.add(export, label(export), self._make_export)
        for index, name in enumerate(TAB_ICONS):
            self.tabs.setTabIcon(index, theme.icon(name))
        # Each view subscribes to the changes it shows (ui/common/operations.py); the window
        # only shows the status line and keeps its own actions current.
        hub_for(db).status.connect(self.show_status)
        self.setCentralWidget(self.tabs)
        self.applications.table.selectionModel().currentRowChanged.connect(self._follow_selection)
        self.applications.demo_requested.connect(self.load_demo)
        self.applications.data_folder_requested.connect(self.open_data_folder)
        self._interview: QWidget | None = None
        self._started = False
        self._build_docks()
        self._build_menus()
        self.statusBar().showMessage(
            self.tr("Data folder: {root}").format(root=db.paths.root), 8000
        )
        self._restore_state()
        if first is None:
            self.finish_start()
        elif first.total == 0:
            self.tabs.setCurrentWidget(self.applications)  # an empty profile: the welcome

    def finish_start(self) -> None:
        """Everything the first paint did not need: the database opened, the docks filled,
        the reminders and backups started, the other tabs built in idle time. Raises what
        opening the database raises."""
        if self._started:
            return
        self._started = True
        self.db.open_now()
        if self.db.read_only:
            self._show_read_only(self.db.read_only)
        self.applications.load_rest()
        self._fill_docks()
        from nextcall.ui.shell.backup_timer import BackupTimer

        self.backup_timer = BackupTimer(self.db, self)  # 30 minutes after a change, at exit
        subscribe(self.demo_action, self.db, {Change.APPLICATIONS}, self._refresh_overview)
        self._refresh_overview()
        if self.applications.stack.currentWidget() is self.applications.empty:
            self.tabs.setCurrentWidget(self.applications)  # an empty profile: the welcome
        # The start is over when the other tabs are built too (in idle time, one at a time).
        self.pages.all_built.connect(self.started)
        self.pages.build_all_soon()

    # -- the tabs, built when first needed ------------------------------------------------------

    @property
    def tracker(self) -> TrackerTab:
        return cast("TrackerTab", self.pages.page(TAB_NAMES[1]))

    @property
    def notes(self) -> NotesTab:
        return cast("NotesTab", self.pages.page(TAB_NAMES[2]))

    @property
    def practice(self) -> PracticeTab:
        return cast("PracticeTab", self.pages.page(TAB_NAMES[3]))

    @property
    def export(self) -> ExportTab:
        return cast("ExportTab", self.pages.page(TAB_NAMES[4]))

    def _built(self, index: int) -> QWidget | None:
        """The tab's widget if it is built (None: not yet, and asking does not build it)."""
        name = TAB_NAMES[index]
        return self.pages.page(name) if self.pages.is_built(name) else None

    def _showing(self, index: int) -> bool:
        page = self._built(index)
        return page is not None and self.tabs.currentWidget() is page

    def _make_tracker(self) -> QWidget:
        from nextcall.ui.tracker.tab import TrackerTab

        tracker = TrackerTab(self.db, self.show_applications)
        tracker.practice_requested.connect(self.open_practice)
        selected = self.applications.selected_id()
        if selected is not None:
            tracker.show_application(selected)
        return tracker

    def _make_notes(self) -> QWidget:
        from nextcall.ui.notes.tab import NotesTab

        notes = NotesTab(self.db)
        # One Find (Ctrl+F) for the window; it searches the notes when the Notes tab is shown.
        notes.find_action.setShortcut(QKeySequence())
        notes.application_requested.connect(self.open_application)
        return notes

    def _make_practice(self) -> QWidget:
        from nextcall.ui.practice import PracticeTab

        return PracticeTab(self.db)

    def _make_export(self) -> QWidget:
        from nextcall.ui.export.tab import ExportTab

        return ExportTab(self.db, self.show_applications, self.settings)

    def _tab_built(self, _name: str, widget: QWidget) -> None:
        restore_splitters(self, self.settings, within=widget)
        restore_columns(self, self.settings, within=widget)

    def _show_read_only(self, reason: str) -> None:
        """Opened read-only (a full disk, a read-only drive or folder): a banner over the tabs
        says so for as long as the window is open, with the reason and what to do; changes
        are refused with it."""
        from nextcall.ui.shell.read_only_banner import ReadOnlyBanner, put_above_tabs

        self.setWindowTitle(self.tr("{app} (read-only)").format(app=APP_NAME))
        banner = ReadOnlyBanner(reason)
        put_above_tabs(self, banner)
        self.read_only_banner = banner.reason

    def _build_docks(self) -> None:
        """The side docks, in place for the first paint (so the remembered layout is restored
        with them); their panels come with ``finish_start``."""
        self.today_dock = QDockWidget(self.tr("Today"), self)
        self.today_dock.setObjectName("todayDock")
        self.today_dock.setWidget(QWidget())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.today_dock)
        self.insights_dock = QDockWidget(self.tr("Interviewers say"), self)
        self.insights_dock.setObjectName("insightsDock")
        self.insights_dock.setWidget(QWidget())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.insights_dock)
        self.tabifyDockWidget(self.today_dock, self.insights_dock)
        self.today_dock.raise_()
        from nextcall.ui.shell.side_rail import SideRail

        self.side_rail = SideRail(
            self,
            [
                (self.today_dock, self.tr("Today")),
                (self.insights_dock, self.tr("Interviewers say")),
            ],
            icons=("today", "interviewers-say"),
        )

    def _fill_docks(self) -> None:
        """Follow-ups due, visible from every tab, and reminders while the app runs; what
        interviewers say most."""
        from nextcall.ui.interview.insights_panel import InsightsPanel
        from nextcall.ui.today.notifier import DueNotifier
        from nextcall.ui.today.panel import TodayPanel

        self.today = TodayPanel(self.db, load=False)  # loads right after it is first painted
        self.today.open_application.connect(self.open_application)
        self.today.due_now.connect(lambda n: self.side_rail.set_count(self.today_dock, n))
        self._replace_dock_widget(self.today_dock, self.today)
        self.insights = InsightsPanel(self.db)
        self.insights.area_selected.connect(self.show_notes_about)
        self._replace_dock_widget(self.insights_dock, self.insights)
        self.notifier = DueNotifier(self.db, self)
        self.notifier.open_application.connect(self.open_application)
        # The reminders are not needed at once: they start a moment later.
        QTimer.singleShot(STARTUP_DELAY_MS, self.notifier.start)

    @staticmethod
    def _replace_dock_widget(dock: QDockWidget, widget: QWidget) -> None:
        old = dock.widget()
        dock.setWidget(widget)
        if old is not None:
            old.deleteLater()

    def show_notes_about(self, area_key: str) -> None:
        self.tabs.setCurrentWidget(self.notes)
        self.notes.filter_by_tag(area_key)

    def open_practice(self, kind: str, key: str) -> None:
        """A practice suggestion was chosen (in the Tracker): start that drill."""
        self.tabs.setCurrentWidget(self.practice)
        self.practice.open_drill(kind, key)

    def open_application(self, application_id: int) -> None:
        self.tracker.set_mode(0)
        self.tracker.show_application(application_id)
        self.tabs.setCurrentWidget(self.tracker)
        self.raise_()
        self.activateWindow()

    def interview_mode(self) -> None:
        from nextcall.ui.interview.window import open_interview

        tracker = cast("TrackerTab | None", self._built(1))
        shown = tracker.application_id if tracker is not None else None
        target = (shown if self._showing(1) else self.applications.selected_id()) or shown
        if target is None:
            QMessageBox.information(
                self,
                self.tr("Interview mode"),
                self.tr("Add an application first, then open interview mode."),
            )
            return
        self._interview = open_interview(self.db, target, self)

    # -- menus (built in ui/menus.py) ---------------------------------------------------------

    def _build_menus(self) -> None:
        from nextcall.ui.shell.menus import build_menus

        build_menus(self, TAB_NAMES)

    def add_data_actions(self, menu: QMenu) -> None:
        """File > Import applications… and Export data (built where the menu wants them)."""
        from nextcall.ui.shell.data_actions import DataActions

        self.data_actions = DataActions(self, self.db, self.settings, menu)

    # -- actions -------------------------------------------------------------------------------

    def show_applications(self) -> None:
        self.tabs.setCurrentWidget(self.applications)

    def _follow_selection(self) -> None:
        tracker = cast("TrackerTab | None", self._built(1))  # built later: it asks then
        selected = self.applications.selected_id()
        if tracker is not None and selected is not None and selected != tracker.application_id:
            tracker.show_application(selected)

    def open_in_tracker(self) -> None:
        selected = self.applications.selected_id()
        if selected is not None:
            self.tracker.set_mode(0)
            self.tracker.show_application(selected)
        self.tabs.setCurrentWidget(self.tracker)

    def new_application(self) -> None:
        self.show_applications()
        self.applications.add_application()

    def find_application(self) -> None:
        if self._showing(2):
            self.notes.focus_search()
            return
        self.show_applications()
        self.applications.focus_search()

    def load_demo(self) -> None:
        from nextcall.services.demo import fill_demo

        done = run_op(self, self.db, lambda: fill_demo(self.db), EVERYTHING, self.tr("Sample data"))
        if done is None:
            return
        self.undo_stack.clear()
        self.show_status(
            self.tr("Added {applications} sample applications with {notes} notes.").format(
                applications=done.value.applications, notes=done.value.notes
            )
        )

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.db.paths.root)))

    def show_backups(self) -> None:
        from nextcall.ui.shell.backups_dialog import BackupsDialog

        BackupsDialog(self.db, self, prepare=self._save_all, restored=self.reload_data).exec()

    def _save_all(self) -> bool:
        """Before the data is replaced: close interview mode, save the note being typed."""
        if self._interview is not None:
            if not self._interview.close():
                return False  # its note could not be saved, and it was kept open
            self._interview = None
        notes = cast("NotesTab | None", self._built(2))
        practice = cast("PracticeTab | None", self._built(3))
        return (notes is None or notes.flush()) and (practice is None or practice.flush())

    def reload_data(self) -> None:
        """The database was replaced (a backup restored): drop what the tabs hold, reload."""
        self.backup_timer.mark_saved()
        self.undo_stack.clear()
        notes = cast("NotesTab | None", self._built(2))
        if notes is not None:
            notes.editor.load(None)
            notes.right.setCurrentWidget(notes.placeholder)
        announce(self.db, EVERYTHING)

    def show_about(self) -> None:
        from nextcall.ui.shell.about import AboutDialog

        AboutDialog(self.db.paths, self).exec()

    def show_settings(self) -> None:
        from nextcall.ui.shell.settings_dialog import SettingsDialog

        theme = str(self.settings.value(keys.THEME, keys.THEME_DEFAULT))
        SettingsDialog(self.db, theme, self.set_theme, self).exec()  # it announces its changes

    def show_shortcuts(self) -> None:
        from nextcall.ui.shell.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self, self).exec()

    def set_theme(self, name: str) -> None:
        self.settings.setValue(keys.THEME, name)
        if name in self.theme_actions:
            self.theme_actions[name].setChecked(True)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)
        self.applications.model.refresh()

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def _refresh_overview(self) -> None:
        """The window's own part: sample data is offered on an empty profile only."""
        from nextcall.services.overview import overview

        self.demo_action.setEnabled(overview(self.db).applications == 0)

    # -- window state --------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.value(keys.WINDOW_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            # The first window fills the screen's available area (a 1366×768 laptop too).
            self.setGeometry(fill_area(available_area(self), frame_margins(self)))
        else:
            clamp_window(self)  # remembered on a larger screen: pulled onto this one
        state = self.settings.value(keys.WINDOW_STATE)
        if state is not None:
            self.restoreState(state)
        self.side_rail.start(first_run=state is None)
        restore_splitters(self, self.settings)
        restore_columns(self, self.settings)
        tab = self.settings.value(keys.WINDOW_TAB, 0)  # a tab's name (older versions: its index)
        if tab in TAB_NAMES:
            self.tabs.setCurrentIndex(TAB_NAMES.index(str(tab)))
        else:
            self.tabs.setCurrentIndex(
                int(tab) if isinstance(tab, int | str) and str(tab).isdigit() else 0
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        # Typing that could not be saved (a full disk...) is asked about first: kept open, kept.
        if self._interview is not None and not self._interview.close():
            event.ignore()
            return
        notes = cast("NotesTab | None", self._built(2))
        if notes is not None and not notes.confirm_close():
            event.ignore()
            return
        practice = cast("PracticeTab | None", self._built(3))
        if practice is not None and not close_anyway(
            self, practice.answers.autosave, self.tr("prepared answer")
        ):
            event.ignore()
            return
        self.pages.stop()
        for page in self.pages.built_pages():
            shutdown = getattr(page, "shutdown", None)
            if callable(shutdown):
                shutdown()
        if self._interview is not None:
            self._interview.close()
        if self._started:
            self.notifier.stop()
            self.backup_timer.finish()
        self.settings.setValue(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.setValue(keys.WINDOW_STATE, self.saveState())
        save_splitters(self, self.settings)
        save_columns(self, self.settings)
        remember_query(self.settings, self.applications.model.query)
        self.settings.setValue(keys.WINDOW_TAB, TAB_NAMES[self.tabs.currentIndex()])
        self.settings.sync()
        super().closeEvent(event)
        self.closed.emit()
