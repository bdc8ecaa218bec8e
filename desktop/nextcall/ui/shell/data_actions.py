"""The File menu's data actions: "Import applications…" and the "Export data" submenu."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QWidget

from nextcall.services.database import Database
from nextcall.ui.common import settings_keys as keys
from nextcall.ui.common import theme
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.operations import run_op, show_status

FOLDER_KEY = keys.EXPORT_FOLDER
EXPORTS = (
    (
        ".csv",
        QT_TRANSLATE_NOOP("DataActions", "&Applications as CSV…"),
        QT_TRANSLATE_NOOP("DataActions", "CSV files (*.csv)"),
        QT_TRANSLATE_NOOP(
            "DataActions", "Every application with its milestones, for a spreadsheet"
        ),
    ),
    (
        ".json",
        QT_TRANSLATE_NOOP("DataActions", "&Everything as JSON…"),
        QT_TRANSLATE_NOOP("DataActions", "NextCall JSON (*.json)"),
        QT_TRANSLATE_NOOP(
            "DataActions", "All your data in one file, to keep or to import on another computer"
        ),
    ),
    (
        ".ics",
        QT_TRANSLATE_NOOP("DataActions", "&Interviews as calendar (.ics)…"),
        QT_TRANSLATE_NOOP("DataActions", "Calendar files (*.ics)"),
        QT_TRANSLATE_NOOP("DataActions", "Scheduled interviews for your calendar app"),
    ),
)


class DataActions(QObject):
    """Adds the actions to ``menu`` and runs them over ``window``."""

    def __init__(self, window: QWidget, db: Database, settings: QSettings, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.settings = settings
        self.import_action = QAction(self.tr("&Import applications…"), window)
        self.import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_action.setStatusTip(
            self.tr("Add applications from a CSV file or a NextCall export")
        )
        self.import_action.triggered.connect(self.import_data)
        self.import_action.setIcon(theme.menu_icon("import"))
        menu.addAction(self.import_action)
        self.export_menu = menu.addMenu(theme.menu_icon("export"), self.tr("E&xport data"))
        self.export_actions: dict[str, QAction] = {}
        for suffix, text, _filter, tip in EXPORTS:
            action = QAction(self.tr(text), window)
            action.setStatusTip(self.tr(tip))
            action.triggered.connect(lambda _checked=False, s=suffix: self.export_data(s))
            self.export_menu.addAction(action)
            self.export_actions[suffix] = action

    def import_data(self) -> None:
        from nextcall.ui.shell.import_dialog import ImportDialog

        dialog = ImportDialog(self.db, self.window, self.settings)
        dialog.imported.connect(self._imported)
        dialog.exec()

    def _imported(self, count: int) -> None:
        """The dialog announced the new records; say how many."""
        show_status(
            self.db,
            (
                self.tr("Imported {count} application.")
                if count == 1
                else self.tr("Imported {count} applications.")
            ).format(count=count),
        )

    def _folder(self) -> Path:
        saved = str(self.settings.value(FOLDER_KEY, "") or "")
        if saved and Path(saved).is_dir():
            return Path(saved)
        documents = Path.home() / "Documents"
        return documents if documents.is_dir() else Path.home()

    def export_data(self, suffix: str) -> None:
        from nextcall.services.data_export import export_file, suggested_name

        _suffix, text, name_filter, _tip = next(e for e in EXPORTS if e[0] == suffix)
        what = self.tr(text).replace("&", "").rstrip("…")
        title = self.tr("Export: {what}").format(what=what)
        start = self._folder() / suggested_name(suffix, self.db.clock.today())
        path, _ = QFileDialog.getSaveFileName(self.window, title, str(start), self.tr(name_filter))
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != suffix:  # the dialog may leave the extension off
            target = target.with_name(target.name + suffix)
        self.settings.setValue(FOLDER_KEY, str(target.parent))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            done = run_op(
                self.window,
                self.db,
                lambda: export_file(self.db, target),
                (),
                self.tr("Nothing was saved"),
            )
        finally:
            QApplication.restoreOverrideCursor()
        if done is not None:
            show_status(self.db, done.value.message())
