"""The main window: tabs, menus, shortcuts, and window state kept across runs."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, Qt, QTimer, QUrl
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
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from nextcall import APP_NAME
from nextcall.services.database import Database
from nextcall.services.overview import overview
from nextcall.ui.applications.tab import ApplicationsTab
from nextcall.ui.common import settings_keys as keys
from nextcall.ui.common.operations import EVERYTHING, Change, announce, hub_for, run_op, subscribe
from nextcall.ui.common.screen_fit import available_area, clamp_window, fill_area, frame_margins
from nextcall.ui.common.theme import apply_theme
from nextcall.ui.export.tab import ExportTab
from nextcall.ui.notes.tab import NotesTab
from nextcall.ui.practice import PracticeTab
from nextcall.ui.shell.about import AboutDialog
from nextcall.ui.shell.backup_timer import BackupTimer
from nextcall.ui.shell.data_actions import DataActions
from nextcall.ui.shell.window_state import (
    restore_columns,
    restore_splitters,
    save_columns,
    save_splitters,
)
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
STARTUP_DELAY_MS = 3000


class MainWindow(QMainWindow):
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

    def __init__(self, db: Database, settings: QSettings) -> None:
        super().__init__()
        self.db = db
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(720, 480)
        self.undo_stack = QUndoStack(self)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.applications = ApplicationsTab(db, self.undo_stack)
        go = self.show_applications
        self.tracker = TrackerTab(db, go)
        self.notes = NotesTab(db)
        self.practice = PracticeTab(db)
        self.tracker.practice_requested.connect(self.open_practice)
        self.export = ExportTab(db, go, settings)
        # Each view subscribes to the changes it shows (ui/common/operations.py); the window
        # only shows the status line and keeps its own actions current.
        hub_for(db).status.connect(self.show_status)
        for widget, name in zip(
            (self.applications, self.tracker, self.notes, self.practice, self.export),
            TAB_NAMES,
            strict=True,
        ):
            self.tabs.addTab(widget, QCoreApplication.translate("MainWindow", name))
        self.setCentralWidget(self.tabs)
        self.applications.table.selectionModel().currentRowChanged.connect(self._follow_selection)
        self.applications.demo_requested.connect(self.load_demo)
        self.applications.data_folder_requested.connect(self.open_data_folder)
        # One Find (Ctrl+F) for the window; it searches the notes when the Notes tab is shown.
        self.notes.find_action.setShortcut(QKeySequence())
        self.notes.application_requested.connect(self.open_application)
        self._build_today()
        self.backup_timer = BackupTimer(db, self)  # a backup 30 minutes after a change, at exit
        self._build_menus()
        self.statusBar().showMessage(
            self.tr("Data folder: {root}").format(root=db.paths.root), 8000
        )
        self._restore_state()
        if db.read_only:
            self._show_read_only(db.read_only)
        subscribe(self.demo_action, db, {Change.APPLICATIONS}, self._refresh_overview)
        self._refresh_overview()
        if self.applications.stack.currentWidget() is self.applications.empty:
            self.tabs.setCurrentWidget(self.applications)  # an empty profile: the welcome

    def _show_read_only(self, reason: str) -> None:
        """Opened read-only (a full disk, a read-only drive or folder): say so for as long as
        the window is open, with the reason and what to do; changes are refused with it."""
        self.setWindowTitle(self.tr("{app} (read-only)").format(app=APP_NAME))
        banner = QLabel(self.tr("Read-only: {reason}").format(reason=reason))
        banner.setObjectName("readOnlyBanner")
        banner.setWordWrap(True)
        banner.setToolTip(reason)
        self.statusBar().addPermanentWidget(banner, 1)
        self.read_only_banner = banner

    def _build_today(self) -> None:
        """Follow-ups due, in a dock visible from every tab, and reminders while the app runs."""
        from nextcall.ui.today.notifier import DueNotifier
        from nextcall.ui.today.panel import TodayPanel

        self.today = TodayPanel(self.db, load=False)  # loads right after the first paint
        self.today_dock = QDockWidget(self.tr("Today"), self)
        self.today_dock.setObjectName("todayDock")
        self.today_dock.setWidget(self.today)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.today_dock)
        self.today.open_application.connect(self.open_application)
        from nextcall.ui.interview.insights_panel import InsightsPanel

        self.insights = InsightsPanel(self.db)
        self.insights.area_selected.connect(self.show_notes_about)
        self.insights_dock = QDockWidget(self.tr("Interviewers say"), self)
        self.insights_dock.setObjectName("insightsDock")
        self.insights_dock.setWidget(self.insights)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.insights_dock)
        self.tabifyDockWidget(self.today_dock, self.insights_dock)
        self.today_dock.raise_()
        from nextcall.ui.shell.side_rail import SideRail

        # A slim rail at the right edge opens and folds the panels, one at a time.
        self.side_rail = SideRail(
            self,
            [(self.today_dock, self.tr("Today")), (self.insights_dock, self.tr("Interviewers say"))],
        )
        self.today.due_now.connect(lambda n: self.side_rail.set_count(self.today_dock, n))
        self.notifier = DueNotifier(self.db, self)
        self.notifier.open_application.connect(self.open_application)
        # The reminders are not needed for the first paint: they start a moment later.
        QTimer.singleShot(STARTUP_DELAY_MS, self.notifier.start)
        self._interview: QWidget | None = None

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

        target = (
            self.tracker.application_id
            if self.tabs.currentWidget() is self.tracker
            else self.applications.selected_id()
        ) or self.tracker.application_id
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
        self.data_actions = DataActions(self, self.db, self.settings, menu)

    # -- actions -------------------------------------------------------------------------------

    def show_applications(self) -> None:
        self.tabs.setCurrentWidget(self.applications)

    def _follow_selection(self) -> None:
        selected = self.applications.selected_id()
        if selected is not None and selected != self.tracker.application_id:
            self.tracker.show_application(selected)

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
        if self.tabs.currentWidget() is self.notes:
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
            self._interview.close()
            self._interview = None
        return self.notes.flush() and self.practice.flush()

    def reload_data(self) -> None:
        """The database was replaced (a backup restored): drop what the tabs hold, reload."""
        self.backup_timer.mark_saved()
        self.undo_stack.clear()
        self.notes.editor.load(None)
        self.notes.right.setCurrentWidget(self.notes.placeholder)
        announce(self.db, EVERYTHING)

    def show_about(self) -> None:
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
        if not self.notes.confirm_close():
            event.ignore()
            return
        self.notes.shutdown()
        self.practice.shutdown()
        self.tracker.shutdown()
        self.export.shutdown()
        self.notifier.stop()
        if self._interview is not None:
            self._interview.close()
        self.backup_timer.finish()
        self.settings.setValue(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.setValue(keys.WINDOW_STATE, self.saveState())
        save_splitters(self, self.settings)
        save_columns(self, self.settings)
        self.settings.setValue(keys.WINDOW_TAB, TAB_NAMES[self.tabs.currentIndex()])
        self.settings.sync()
        super().closeEvent(event)
