"""The main window: tabs, menus, shortcuts, and window state kept across runs."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from nextcall import APP_NAME
from nextcall.core.errors import NextCallError
from nextcall.services.database import Database
from nextcall.services.overview import overview
from nextcall.ui.about import AboutDialog
from nextcall.ui.applications_tab import ApplicationsTab
from nextcall.ui.backup_timer import BackupTimer
from nextcall.ui.export_tab import ExportTab
from nextcall.ui.notes.tab import NotesTab
from nextcall.ui.practice import PracticeTab
from nextcall.ui.theme import THEMES, apply_theme
from nextcall.ui.tracker.tab import TrackerTab

TAB_NAMES = ("Applications", "Tracker", "Notes", "Practice", "Export")
STARTUP_DELAY_MS = 3000


class MainWindow(QMainWindow):
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
        self.export.status_message.connect(self.show_status)
        for widget, name in zip(
            (self.applications, self.tracker, self.notes, self.practice, self.export),
            TAB_NAMES,
            strict=True,
        ):
            self.tabs.addTab(widget, name)
        self.setCentralWidget(self.tabs)
        self.applications.changed.connect(self._refresh_overview)
        self.applications.changed.connect(self.tracker.reload)
        self.applications.changed.connect(lambda: self.today.refresh())
        self.applications.changed.connect(self.notes.reload)
        self.applications.changed.connect(self.practice.mark_stale)  # e.g. a JSON import
        self.applications.table.selectionModel().currentRowChanged.connect(self._follow_selection)
        self.tracker.changed.connect(self._tracker_changed)
        self.applications.demo_requested.connect(self.load_demo)
        self.notes.changed.connect(self._notes_changed)
        # One Find (Ctrl+F) for the window; it searches the notes when the Notes tab is shown.
        self.notes.find_action.setShortcut(QKeySequence())
        self.notes.application_requested.connect(self.open_application)
        self._build_today()
        self.backup_timer = BackupTimer(db, self)  # a backup 30 minutes after a change, at exit
        self.backup_timer.message.connect(self.show_status)
        self._build_menus()
        self.statusBar().showMessage(f"Data folder: {db.paths.root}", 8000)
        self._restore_state()
        self._refresh_overview()

    def _build_today(self) -> None:
        """Follow-ups due, in a dock visible from every tab, and reminders while the app runs."""
        from nextcall.ui.today.notifier import DueNotifier
        from nextcall.ui.today.panel import TodayPanel

        self.today = TodayPanel(self.db, load=False)
        self.today_dock = QDockWidget("Today", self)
        self.today_dock.setObjectName("todayDock")
        self.today_dock.setWidget(self.today)
        self.today_dock.setMinimumWidth(390)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.today_dock)
        self.today.open_application.connect(self.open_application)
        self.today.changed.connect(self._tracker_changed)
        from nextcall.ui.interview.insights_panel import InsightsPanel

        self.insights = InsightsPanel(self.db)
        self.insights.area_selected.connect(self.show_notes_about)
        self.insights_dock = QDockWidget("Interviewers say", self)
        self.insights_dock.setObjectName("insightsDock")
        self.insights_dock.setWidget(self.insights)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.insights_dock)
        self.tabifyDockWidget(self.today_dock, self.insights_dock)
        self.today_dock.raise_()
        self.notifier = DueNotifier(self.db, self)
        self.notifier.open_application.connect(self.open_application)
        self.notifier.fell_due.connect(lambda _n: self.today.refresh())
        # Neither is needed for the first paint: load the list right after it, start the
        # reminders a moment later.
        QTimer.singleShot(0, self.today.refresh)
        QTimer.singleShot(STARTUP_DELAY_MS, self.notifier.start)
        self._interview: QWidget | None = None

    def show_notes_about(self, area_key: str) -> None:
        self.tabs.setCurrentWidget(self.notes)
        self.notes.filter_by_tag(area_key)

    def _notes_changed(self) -> None:
        self.insights.refresh()
        self._refresh_overview()

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
                self, "Interview mode", "Add an application first, then open interview mode."
            )
            return
        self._interview = open_interview(self.db, target, self)

    # -- menus ---------------------------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_action = self._action(
            file_menu,
            "&New application…",
            self.new_application,
            QKeySequence.StandardKey.New,
            "Add an application to the list",
        )
        self.demo_action = self._action(
            file_menu,
            "Explore with &sample data",
            self.load_demo,
            None,
            "Fill this empty profile with forty made-up applications",
        )
        file_menu.addSeparator()
        from nextcall.ui.data_actions import DataActions

        self.data_actions = DataActions(self, file_menu)
        file_menu.addSeparator()
        self._action(
            file_menu,
            "Open &data folder",
            self.open_data_folder,
            None,
            "Show the folder that holds your NextCall database",
        )
        self._action(
            file_menu,
            "&Backups…",
            self.show_backups,
            "Ctrl+Shift+B",
            "See the copies NextCall keeps of your data, back up now or restore one",
        )
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, "&Quit", self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = bar.addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts(QKeySequence.StandardKey.Redo)
        edit_menu.addActions([undo, redo])
        edit_menu.addSeparator()
        self.edit_action = self._action(
            edit_menu, "&Edit application…", self.applications.edit_selected, "Ctrl+E"
        )
        self.delete_action = self._action(
            edit_menu,
            "&Delete application",
            self.applications.delete_selected,
            QKeySequence.StandardKey.Delete,
        )
        self._action(
            edit_menu,
            "Open in &Tracker",
            self.open_in_tracker,
            "Ctrl+T",
            "Follow the selected application milestone by milestone",
        )
        edit_menu.addSeparator()
        self._action(edit_menu, "&Find…", self.find_application, QKeySequence.StandardKey.Find)

        view_menu = bar.addMenu("&View")
        for number, name in enumerate(TAB_NAMES):
            self._action(
                view_menu,
                f"&{number + 1} {name}",
                lambda _checked=False, n=number: self.tabs.setCurrentIndex(n),
                f"Ctrl+{number + 1}",
            )
        view_menu.addSeparator()
        today_action = self.today_dock.toggleViewAction()
        today_action.setText("&Today's follow-ups")
        today_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        view_menu.addAction(today_action)
        insights_action = self.insights_dock.toggleViewAction()
        insights_action.setText("What &interviewers keep saying")
        view_menu.addAction(insights_action)
        self._action(
            view_menu,
            "&Interview mode",
            self.interview_mode,
            "Ctrl+I",
            "A compact window for notes during an interview",
        )
        theme_menu = view_menu.addMenu("&Theme")
        group = QActionGroup(self)
        current = str(self.settings.value("theme", "system"))
        self.theme_actions: dict[str, QAction] = {}
        for name in THEMES:
            label = {"system": "Follow &system", "light": "&Light", "dark": "&Dark"}[name]
            action = self._action(theme_menu, label, lambda _c=False, n=name: self.set_theme(n))
            action.setCheckable(True)
            action.setChecked(name == current)
            group.addAction(action)
            self.theme_actions[name] = action

        help_menu = bar.addMenu("&Help")
        about = self._action(help_menu, "&About NextCall", self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        self._action(help_menu, "About &Qt", QApplication.aboutQt)

    # -- actions -------------------------------------------------------------------------------

    def show_applications(self) -> None:
        self.tabs.setCurrentWidget(self.applications)

    def _follow_selection(self) -> None:
        selected = self.applications.selected_id()
        if selected is not None and selected != self.tracker.application_id:
            self.tracker.show_application(selected)

    def _tracker_changed(self) -> None:
        self.today.refresh()
        self.applications.model.refresh()
        self.applications.weekly.refresh()
        self.applications.quiet.refresh()
        self._refresh_overview()

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

        try:
            summary = fill_demo(self.db)
        except NextCallError as exc:
            QMessageBox.information(self, "Sample data", str(exc))
            return
        self.undo_stack.clear()
        self.applications.reload()
        self.insights.refresh()
        self.practice.reload()  # the sample data has practice too
        self.show_status(
            f"Added {summary.applications} sample applications with {summary.notes} notes."
        )

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.db.paths.root)))

    def show_backups(self) -> None:
        from nextcall.ui.backups_dialog import BackupsDialog

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
        self.applications.reload()
        self.applications.changed.emit()  # the tracker, Today, notes and overview follow
        self.insights.refresh()
        self.practice.reload()

    def show_about(self) -> None:
        AboutDialog(self.db.paths, self).exec()

    def set_theme(self, name: str) -> None:
        self.settings.setValue("theme", name)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)
        self.applications.model.refresh()

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def _refresh_overview(self) -> None:
        figures = overview(self.db)
        self.export.reload()
        self.demo_action.setEnabled(figures.applications == 0)

    # -- window state --------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 720)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        tab = self.settings.value("window/tab", 0)  # a tab's name (older versions: its index)
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
        self.export.shutdown()
        self.notifier.stop()
        if self._interview is not None:
            self._interview.close()
        self.backup_timer.finish()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/tab", TAB_NAMES[self.tabs.currentIndex()])
        self.settings.sync()
        super().closeEvent(event)
