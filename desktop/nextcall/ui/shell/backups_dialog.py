"""File > Backups: the copies NextCall keeps, with date, size and counts; back up now, restore
one, or open the folder. Listing checks every file, so it runs off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nextcall.services.backups import list_backups, restorable, restore_backup, take_backup
from nextcall.services.database import Database
from nextcall.services.recovery import counts, describe, when
from nextcall.store.backup import BackupFile
from nextcall.ui.common.background import SerialWorker
from nextcall.ui.common.forms import row_table
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.operations import run_op
from nextcall.ui.common.screen_fit import fit_dialog

COLUMNS = (
    QT_TRANSLATE_NOOP("BackupsDialog", "Taken"),
    QT_TRANSLATE_NOOP("BackupsDialog", "Kind"),
    QT_TRANSLATE_NOOP("BackupsDialog", "Size"),
    QT_TRANSLATE_NOOP("BackupsDialog", "Applications"),
    QT_TRANSLATE_NOOP("BackupsDialog", "Notes"),
    QT_TRANSLATE_NOOP("BackupsDialog", "File"),
)
NUMERIC = (2, 3, 4)
KINDS = {
    "auto": QT_TRANSLATE_NOOP("BackupsDialog", "Automatic"),
    "exit": QT_TRANSLATE_NOOP("BackupsDialog", "When NextCall closed"),
    "manual": QT_TRANSLATE_NOOP("BackupsDialog", "Taken by you"),
    "before-restore": QT_TRANSLATE_NOOP("BackupsDialog", "Before a restore"),
    "before-import": QT_TRANSLATE_NOOP("BackupsDialog", "Before an import"),
    "before-repair": QT_TRANSLATE_NOOP("BackupsDialog", "Before a repair"),
}
Index = QModelIndex | QPersistentModelIndex


def kind_text(label: str) -> str:
    if label.startswith("before-migration"):
        return QCoreApplication.translate("BackupsDialog", "Before an upgrade")
    if label in KINDS:
        return QCoreApplication.translate("BackupsDialog", KINDS[label])
    return label.replace("-", " ").capitalize()


def human_size(size: int) -> str:
    """``812 bytes``, ``4.6 KB``, ``348 KB``, ``1.2 MB``, ``35 MB`` (powers of 1000, as file
    managers count; one decimal below ten)."""
    if size < 1000:
        return f"{size} bytes"
    value = float(size)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1000
        if value < 999.5 or unit == "TB":
            return f"{value:.1f} {unit}" if value < 9.95 else f"{value:.0f} {unit}"
    raise AssertionError("unreachable")


class BackupModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[BackupFile] = []

    def set_rows(self, rows: Sequence[BackupFile]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("BackupsDialog", COLUMNS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if section in NUMERIC else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return when(row.taken)
            if column == 1:
                return kind_text(row.label) + ("" if row.ok else " (damaged)")
            if column == 2:
                return human_size(row.size)
            if column == 5:
                return row.path.name
            if not row.ok:
                return "–"
            value = row.applications if column == 3 else row.notes
            return "" if value is None else f"{value:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.path.name}\n{row.problem}" if row.problem else row.path.name
        if role == Qt.ItemDataRole.ForegroundRole and (column == 5 or not row.ok):
            return QGuiApplication.palette().placeholderText()
        if role == Qt.ItemDataRole.FontRole and not row.ok:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class BackupsDialog(QDialog):
    """``prepare()`` must save anything being typed and return True (False cancels a restore);
    ``restored()`` is called once the restored data is in place, to show it."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        prepare: Callable[[], bool] = lambda: True,
        restored: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._prepare = prepare
        self._restored = restored
        self.setWindowTitle(self.tr("Backups"))
        self.setMinimumSize(640, 380)
        fit_dialog(self, QSize(920, 500))  # within 90 % of the screen
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        intro = QLabel(
            self.tr(
                "NextCall copies your data by itself: within half an hour after each change, and "
                "when you close it. It keeps every copy from the last two days, then one a day for "
                "two weeks and one a week for three months. Each copy is checked when it is made."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.model = BackupModel(self)
        self.table = row_table(self.model, "Backups")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(72)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        layout.addWidget(self.table, 1)

        self.summary = QLabel(self.tr("Checking your backups…"))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.folder_button = QPushButton(self.tr("&Open backup folder"))
        self.folder_button.clicked.connect(self.open_folder)
        self.restore_button = QPushButton(self.tr("&Restore…"))
        self.restore_button.setToolTip(
            self.tr("Put the selected backup in place of your current data")
        )
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton(self.tr("Close"))
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.clicked.connect(self.reject)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)

        self.worker = SerialWorker("nextcall-backups", self)
        self.worker.finished.connect(self._finished)
        self._jobs: dict[int, str] = {}
        self.notice = ""
        self.reload()
        self._update_buttons()

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        paths = self.db.paths
        self._jobs[self.worker.submit(lambda: list_backups(paths))] = "list"

    def back_up_now(self) -> None:
        paths = self.db.paths
        self.backup_button.setEnabled(False)
        self.summary.setText(self.tr("Taking a backup…"))
        self._jobs[self.worker.submit(lambda: take_backup(paths, "manual"))] = "backup"

    def busy(self) -> bool:
        return bool(self._jobs)

    def _finished(self, ticket: int, result: object, error: BaseException | None) -> None:
        job = self._jobs.pop(ticket, None)
        if job == "backup":
            self.backup_button.setEnabled(True)
            if error is not None:
                self.notice = f"The backup failed: {error}"
            elif isinstance(result, BackupFile):
                self.notice = f"Backed up {counts(result)}."
            self.reload()
        elif job == "list":
            if error is not None:
                self.summary.setText(
                    self.tr("The backups could not be listed: {error}").format(error=error)
                )
                return
            assert isinstance(result, list)
            self._show(result)

    def _show(self, rows: list[BackupFile]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        if rows:
            names = [r.path for r in rows]
            row = names.index(selected.path) if selected and selected.path in names else 0
            self.table.selectRow(row)
        total = sum(r.size for r in rows)
        damaged = sum(1 for r in rows if not r.ok)
        parts = [
            self.tr("No backups yet.")
            if not rows
            else (
                self.tr("{n} backup, {size}") if len(rows) == 1 else self.tr("{n} backups, {size}")
            ).format(n=len(rows), size=human_size(total))
            + (self.tr(" ({damaged} damaged)").format(damaged=damaged) if damaged else "")
            + self.tr(", in {folder}").format(folder=self.db.paths.backups)
        ]
        if self.notice:
            parts.insert(0, self.notice)
        self.summary.setText("\n".join(parts))
        self._update_buttons()

    # -- actions -------------------------------------------------------------------------------

    def selected(self) -> BackupFile | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(chosen is not None and restorable(chosen) is None)

    def open_folder(self) -> None:
        folder = self.db.paths.backups
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def restore_selected(self) -> bool:
        """Ask, then replace the current data with the selected backup; True when done."""
        chosen = self.selected()
        if chosen is None:
            return False
        problem = restorable(chosen)
        if problem is not None:
            QMessageBox.information(
                self, self.tr("Restore backup"), problem[0].upper() + problem[1:] + "."
            )
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Restore backup"),
            self.tr(
                "Replace your current data with the backup from "
                "{value1}?\n\nYour current data is backed up first, so you can "
                "come back to it from this list."
            ).format(value1=describe(chosen)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes or not self._prepare():
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:  # the window announces the new data once it has let go of the old (``restored``)
            done = run_op(
                self,
                self.db,
                lambda: restore_backup(self.db, chosen),
                (),
                self.tr("Restore backup"),
            )
        finally:
            QGuiApplication.restoreOverrideCursor()
        if done is None:
            return False
        result = done.value
        self._restored()
        self.notice = f"Restored the backup from {describe(chosen)}."
        if result.previous is not None:
            self.notice += " The data it replaced is the newest “Before a restore” copy."
        self.reload()
        return True

    def done(self, result: int) -> None:
        self.worker.shutdown()
        super().done(result)
