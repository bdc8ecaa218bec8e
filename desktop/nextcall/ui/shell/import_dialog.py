"""Import applications: pick a CSV (or a NextCall JSON) file, match its columns, preview every
row, then import all of it in one go. Reading, checking and importing run off the GUI thread."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.export.csv_mapping import build_mapping
from nextcall.export.csv_read import CsvTable, read_csv
from nextcall.services.data_import import (
    CsvImportResult,
    CsvPreview,
    ImportCancelledError,
    import_csv,
    preview_csv,
)
from nextcall.services.database import Database
from nextcall.services.json_import import JsonImport, import_json, preview_json
from nextcall.ui.common import settings_keys as keys
from nextcall.ui.common import theme
from nextcall.ui.common.background import SerialWorker
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.operations import EVERYTHING, announce
from nextcall.ui.common.screen_fit import fit_dialog
from nextcall.ui.shell.import_pages import MappingForm, PreviewPage, plural
from nextcall.ui.shell.import_progress import ImportProgress

log = logging.getLogger(__name__)

START, MAPPING, PREVIEW, DONE = range(4)
FOLDER_KEY = keys.IMPORT_FOLDER
FILTER = QT_TRANSLATE_NOOP(
    "ImportDialog",
    "Applications (*.csv *.json);;CSV files (*.csv);;NextCall JSON (*.json);;All files (*)",
)


def _fit(label: QLabel, width: int = 600) -> None:
    """A wrapped paragraph of ``width`` pixels, tall enough for all its lines (a stacked page
    does not ask its labels for their height at a given width)."""
    label.setWordWrap(True)
    label.setFixedWidth(width)
    label.setMinimumHeight(label.heightForWidth(width))


class ImportDialog(QDialog):
    """``imported`` is emitted with the number of applications added, as soon as they are."""

    imported = Signal(int)

    def __init__(
        self, db: Database, parent: QWidget | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.path: Path | None = None
        self.data = b""
        self.table: CsvTable | None = None
        self.plan: CsvPreview | None = None
        self.json_plan: JsonImport | None = None
        self.result_count = 0
        self._job = ""
        self._mapping_ok = False
        self.date_order: str | None = None  # how the file writes 11/05/2026, once asked
        self.worker = SerialWorker("nextcall-import", self)
        self.worker.finished.connect(self._finished)
        self.setWindowTitle(self.tr("Import applications"))
        self.setMinimumSize(720, 480)
        fit_dialog(self, QSize(980, 620))  # within 90 % of the screen

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.title = QLabel("")
        theme.heading(self.title, 2)
        layout.addWidget(self.title)
        self.subtitle = QLabel("")
        self.subtitle.setWordWrap(True)
        theme.muted(self.subtitle)
        layout.addWidget(self.subtitle)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._start_page())
        self.mapping = MappingForm()
        self.mapping.changed.connect(self._check_mapping)
        self.pages.addWidget(self.mapping)
        self.preview = PreviewPage()
        self.preview.date_question.chosen.connect(self._date_chosen)
        self.pages.addWidget(self.preview)
        self.pages.addWidget(self._done_page())
        layout.addWidget(self.pages, 1)
        self.message = QLabel("")
        self.message.setObjectName("importMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.error_text(self.message)
        self.message.hide()
        layout.addWidget(self.message)
        layout.addLayout(self._buttons())
        self._show(START)

    # -- building ------------------------------------------------------------------------------

    def _start_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addStretch(1)
        for paragraph in (
            "<b>A CSV file</b> from a spreadsheet or another job tracker: one application per "
            "row, with headings such as Company, Job Title, Status and Date Applied. You match "
            "the columns and see every row before anything is added.",
            "<b>A NextCall JSON file</b> (File › Export data › Everything as JSON): everything "
            "it holds that this profile lacks. Importing the same file twice adds nothing twice.",
            "UTF-8 and Windows (Excel) encodings are read. Before importing, NextCall saves a "
            "backup of your data.",
        ):
            text = QLabel(paragraph)
            _fit(text)
            column.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        self.choose_button = QPushButton(self.tr("&Choose a file…"))
        self.choose_button.setObjectName("importChoose")
        self.choose_button.setDefault(True)
        self.choose_button.setMinimumWidth(200)
        self.choose_button.clicked.connect(self.choose_file)
        column.addSpacing(8)
        column.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addStretch(1)
        self.done_label = QLabel("")
        self.done_label.setObjectName("importDone")
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.done_label, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        return page

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back)
        row.addWidget(self.back_button)
        self.busy = QLabel("")
        theme.muted(self.busy)
        row.addWidget(self.busy, 1)
        self.progress = ImportProgress()  # a CSV import's rows, with Cancel
        row.addWidget(self.progress, 2)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        row.addWidget(self.cancel_button)
        self.next_button = QPushButton("")
        self.next_button.setObjectName("importNext")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next_step)
        row.addWidget(self.next_button)
        return row

    # -- steps ---------------------------------------------------------------------------------

    def page(self) -> int:
        return self.pages.currentIndex()

    def _show(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        name = self.path.name if self.path else ""
        titles = {
            START: ("Import applications", "Choose the file to import."),
            MAPPING: ("Match the columns", self._file_facts()),
            PREVIEW: (f"Check before importing: {name}", self._file_facts()),
            DONE: ("Import finished", ""),
        }
        title, subtitle = titles[page]
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))
        self.back_button.setVisible(page in (MAPPING, PREVIEW))
        self.cancel_button.setVisible(page != DONE)
        self.next_button.setVisible(page != START)
        self._update_next()

    def _file_facts(self) -> str:
        if self.path is None:
            return ""
        if self.table is None:
            return f"{self.path.name}: a NextCall JSON file."
        facts = [self.path.name, self.table.encoding_note or self.table.encoding]
        facts.append(plural(len(self.table.rows), "row"))
        hint = (
            "Pick where each column goes; unknown ones are left out."
            if self.page() == MAPPING
            else "Bad rows are listed first, with the reason. Nothing is added until every "
            "row is fine."
        )
        return " · ".join(facts) + ". " + hint

    def _update_next(self) -> None:
        page, busy = self.page(), bool(self._job)
        if page == MAPPING:
            self.next_button.setText(self.tr("&Preview"))
            self.next_button.setEnabled(not busy and self._mapping_ok)
        elif page == PREVIEW:
            count = self._to_import()
            noun = "applications" if self.table is not None else "records"
            self.next_button.setText(
                f"&Import {count} {noun[:-1] if count == 1 else noun}"
                if self.table is not None or count
                else "&Import"
            )
            clean = self.plan.clean if self.plan is not None else self.json_plan is not None
            self.next_button.setEnabled(not busy and clean and count > 0)
        else:
            self.next_button.setText(self.tr("Close"))
            self.next_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        self.choose_button.setEnabled(not busy)

    def _to_import(self) -> int:
        if self.plan is not None:
            return len(self.plan.new)
        return self.json_plan.total_added if self.json_plan is not None else 0

    def next_step(self) -> None:
        page = self.page()
        if page == MAPPING:
            self.run_preview()
        elif page == PREVIEW:
            self.run_import()
        elif page == DONE:
            self.accept()

    def back(self) -> None:
        self._say("")
        self._show(MAPPING if self.page() == PREVIEW and self.table is not None else START)

    # -- work ----------------------------------------------------------------------------------

    def choose_file(self) -> None:
        folder = str(self.settings.value(FOLDER_KEY, "")) if self.settings else ""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import applications"), folder, self.tr(FILTER)
        )
        if path:
            if self.settings is not None:
                self.settings.setValue(FOLDER_KEY, str(Path(path).parent))
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Read ``path`` (in the background): a CSV goes to the mapping step, JSON to the
        preview."""
        self.path, self.table, self.plan, self.json_plan = Path(path), None, None, None
        self.date_order = None
        self._say("")
        if self.path.suffix.lower() not in (".csv", ".json"):
            self._say(
                self.tr("{name} is neither a .csv nor a .json file.").format(name=self.path.name)
            )
            return
        self._start("load", "Reading the file…", self._read_job)

    def _read_job(self) -> Any:
        assert self.path is not None
        data = self.path.read_bytes()
        if self.path.suffix.lower() == ".json":
            return data, None, preview_json(self.db, data)
        return data, read_csv(data, source=self.path.name), None

    def run_preview(self) -> None:
        if self.table is None:
            return
        table, chosen, name = self.table, self.mapping.chosen(), self.path.name if self.path else ""
        order = self.date_order
        self._start(
            "preview",
            "Checking every row…",
            lambda: preview_csv(self.db, table, chosen, source=name, date_order=order),
        )

    def _date_chosen(self, order: str) -> None:
        """The user said how the file writes its dates: check every row again that way."""
        if order != self.date_order and not self._job:
            self.date_order = order
            self.run_preview()

    def run_import(self) -> None:
        if self.plan is not None:
            plan, db = self.plan, self.db
            report, cancelled = self.progress.start(len(plan.new))

            def job() -> CsvImportResult:
                return import_csv(db, plan, progress=report, cancelled=cancelled)

            self._start("import", "Importing…", job)
        elif self.json_plan is not None:
            data = self.data
            self._start("import", "Importing…", lambda: import_json(self.db, data))

    def _start(self, job: str, text: str, fn: Any) -> None:
        self._job = job
        self.busy.setText(text)
        self.setCursor(Qt.CursorShape.BusyCursor)
        self._update_next()
        self.worker.submit(fn)

    def busy_now(self) -> bool:
        return bool(self._job)

    def _finished(self, _ticket: int, result: Any, error: BaseException | None) -> None:
        job, self._job = self._job, ""
        self.busy.setText("")
        self.progress.stop()
        self.unsetCursor()
        if isinstance(error, ImportCancelledError):
            self._say(self.tr("Import cancelled: nothing was imported."))
            self._update_next()
            return
        if error is not None:
            if not isinstance(error, NextCallError | OSError):
                log.error("import step failed", exc_info=error)
            text = error.strerror if isinstance(error, OSError) and error.strerror else error
            prefix = "Nothing was imported: " if job == "import" else ""
            self._say(f"{prefix}{text}")
            self._update_next()
            return
        self._say("")
        getattr(self, f"_after_{job}")(result)

    def _after_load(self, result: tuple[bytes, CsvTable | None, JsonImport | None]) -> None:
        self.data, self.table, self.json_plan = result
        if self.table is not None:
            self.mapping.set_table(self.table)
            self._show(MAPPING)
            self._check_mapping()
        else:
            self._show_json()

    def _after_preview(self, plan: CsvPreview) -> None:
        self.plan = plan
        self.preview.show_csv(plan, self.date_order)
        self._show(PREVIEW)

    def _after_import(self, result: CsvImportResult | JsonImport) -> None:
        if isinstance(result, CsvImportResult):
            count = len(result.added)
            text = (
                f"<p><b>Imported {plural(count, 'application')}.</b> "
                "They are in your Applications list now.</p>"
            )
            if result.skipped:
                text += f"<p>{result.skipped} already in your profile were left as they were.</p>"
        else:
            count = len(result.application_ids)
            text = f"<p><b>Added {result.describe(result.added)}.</b></p>"
        if result.backup is not None:
            text += (
                "<p>A copy of your data from before the import was saved first (File › "
                f"Backups…):<br>{result.backup.name}</p>"
            )
        self.result_count = count
        self.done_label.setText(text)
        _fit(self.done_label)
        self._show(DONE)
        announce(self.db, EVERYTHING, self)
        self.imported.emit(count)

    def _show_json(self) -> None:
        assert self.json_plan is not None
        self.plan = None
        self.preview.show_json(self.json_plan)
        self._show(PREVIEW)

    def _check_mapping(self) -> None:
        """Say at once when the chosen columns cannot work (no company, two of one kind)."""
        if self.table is None:
            return
        chosen = self.mapping.chosen()
        try:
            if "company" not in chosen.values():
                raise NextCallError(
                    "Choose the column that holds the company: every application needs one."
                )
            build_mapping(self.table.headings, chosen)
        except NextCallError as exc:
            self._mapping_ok = False
            self._say(str(exc))
        else:
            self._mapping_ok = True
            self._say("")
        self._update_next()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def reject(self) -> None:
        if self._job == "import" and self.progress.isVisible():  # a CSV import: stop it
            self.progress.cancel()
            return
        if self._job == "import":  # one transaction: let it finish rather than guess
            self._say(self.tr("The import is still running; it takes a moment."))
            return
        super().reject()

    def done(self, result: int) -> None:
        self.worker.shutdown()
        super().done(result)
