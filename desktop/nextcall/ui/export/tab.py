"""The Export tab: the prep packet for the next interview or the job-search report, previewed
page by page inside the app, then saved as a PDF or opened in the system's PDF viewer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.services import documents
from nextcall.services.database import Database
from nextcall.services.overview import overview
from nextcall.ui.common import theme
from nextcall.ui.common.empty_state import EmptyState
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.operations import EVERYTHING, show_status, subscribe
from nextcall.ui.export.preview import (
    PACKET,
    REPORT,
    PdfPreview,
    Rendered,
    Renderer,
    Request,
    StatusLabel,
    copy_file,
    last_folder,
    remember_folder,
)

KINDS = (
    (
        PACKET,
        QT_TRANSLATE_NOOP("ExportTab", "Prep packet"),
        QT_TRANSLATE_NOOP(
            "ExportTab", "All you need for your next interview, for the night before"
        ),
    ),
    (
        REPORT,
        QT_TRANSLATE_NOOP("ExportTab", "Job-search report"),
        QT_TRANSLATE_NOOP("ExportTab", "Every application with its dates and outcomes"),
    ),
)
REPORT_NOTE = QT_TRANSLATE_NOOP(
    "ExportTab", "Every application with its dates and outcomes: proof of your job search."
)
NO_OPEN = QT_TRANSLATE_NOOP(
    "ExportTab",
    "Prep packets are for open applications, and none of yours is open right now.\n\n"
    "When a company calls you for an interview, its packet will be here. "
    "The job-search report still lists every application.",
)
RENDER_DELAY_MS = 80


class ExportTab(QWidget):
    def __init__(
        self,
        db: Database,
        go_to_applications: Callable[[], None],
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings or QSettings(str(db.paths.settings), QSettings.Format.IniFormat)
        self._version = 0
        self._dirty = True  # data changed while hidden: refresh when shown
        self._first = True
        self._targets: list[documents.PacketTarget] = []
        self._shown: Rendered | None = None
        self._saved: tuple[Rendered, Path] | None = None
        self._pending: Callable[[], None] | None = None  # save or open, once up to date
        self.renderer = Renderer(db, self)
        self.renderer.started.connect(self._render_started)
        self.renderer.progress.connect(self._render_progress)
        self.renderer.rendered.connect(self._render_done)
        self.renderer.failed.connect(self._render_failed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RENDER_DELAY_MS)
        self._timer.timeout.connect(self._render_now)
        subscribe(self, db, EVERYTHING, self.reload)  # the documents show all of it

        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 8)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self.empty = EmptyState(
            self.tr("Nothing to export yet"),
            self.tr(
                "Once you have applications, this is where you make a prep packet for your next "
                "interview, to print or read on your phone the night before, and a job-search "
                "report of every application, as proof of your search."
            ),
            points=(
                "The packet: the next milestone, how to prepare, what interviewers told you "
                "and your prepared answers.",
                "The report: every application with its dates and outcomes.",
                "Both are PDF files you can preview here before saving.",
            ),
            actions=(("Go to Applications", go_to_applications),),
            icon="empty-export",
        )
        self.pages.addWidget(self.empty)
        self.content = self._content()
        self.pages.addWidget(self.content)

        self.save_action = QAction(self.tr("&Save PDF…"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)

    def _content(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        top = QHBoxLayout()
        # The page's heading, on the line of the document's choice: no height taken.
        self.title = QLabel(self.tr("Export"))
        self.title.setObjectName("pageTitle")
        theme.heading(self.title, 1)
        top.addWidget(self.title)
        top.addSpacing(10)
        self.kind_group = QButtonGroup(self)
        for index, (kind, name, tip) in enumerate(KINDS):
            button = QPushButton(self.tr(name))
            button.setCheckable(True)
            button.setChecked(kind == PACKET)
            button.setToolTip(
                self.tr("{tip} (Alt+{value2})").format(tip=self.tr(tip), value2=index + 1)
            )
            button.setShortcut(QKeySequence(f"Alt+{index + 1}"))
            button.setMinimumWidth(130)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            theme.toggle(button)
            self.kind_group.addButton(button, index)
            top.addWidget(button)
        self.kind_group.idClicked.connect(lambda _i: self._chosen())
        top.addSpacing(16)
        self.picker = QComboBox()
        self.picker.setAccessibleName(self.tr("Application for the prep packet"))
        self.picker.setToolTip(
            self.tr("The application the packet is for; the next interview first")
        )
        self.picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.picker.setMinimumContentsLength(20)
        self.picker.currentIndexChanged.connect(lambda _i: self._chosen())
        top.addWidget(self.picker, 1)
        self.report_note = QLabel(self.tr(REPORT_NOTE))
        theme.muted(self.report_note)
        self.report_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top.addWidget(self.report_note, 1)
        column.addLayout(top)

        bar = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedSize(110, 10)
        self.progress.setAccessibleName(self.tr("Preparing the document"))
        self.progress.hide()
        self.status = StatusLabel()
        self.status.setAccessibleName(self.tr("Export status"))
        self.preview = PdfPreview()
        self.open_button = QPushButton(self.tr("Open in PDF viewer"))
        self.open_button.setToolTip(
            self.tr("Open the document in your usual PDF viewer, e.g. to print")
        )
        self.open_button.clicked.connect(self.open_in_viewer)
        self.open_button.setIcon(theme.icon("open"))
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.save_button.setObjectName("primary")
        theme.primary(self.save_button)
        self.save_button.setIcon(theme.icon("save-pdf", "on_accent"))
        self.save_button.setToolTip(self.tr("Save the document shown below as a PDF file (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        bar.addWidget(self.progress)
        bar.addWidget(self.status, 1)
        bar.addSpacing(14)
        bar.addWidget(self.open_button)
        bar.addWidget(self.save_button)
        column.addLayout(bar)
        column.addWidget(self.preview, 1)
        self.report_note.setMinimumHeight(self.picker.sizeHint().height())
        self.report_note.hide()
        return page

    # -- public --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Data changed elsewhere: bring the preview up to date now if it is seen, else when
        the tab is shown next."""
        self._dirty = True
        if self.isVisible():
            self._refresh()

    def kind(self) -> str:
        return KINDS[max(self.kind_group.checkedId(), 0)][0]

    def set_kind(self, kind: str) -> None:
        index = next(i for i, (k, _n, _t) in enumerate(KINDS) if k == kind)
        self.kind_group.button(index).setChecked(True)
        self._chosen()

    def application_id(self) -> int | None:
        value = self.picker.currentData()
        return int(value) if value is not None else None

    def shutdown(self) -> None:
        self._timer.stop()
        self.renderer.shutdown()
        self.preview.clear()

    # -- choosing and rendering ----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self._refresh()

    def _refresh(self) -> None:
        self._dirty = False
        self._version += 1
        self.renderer.forget_older(self._version, keep=self._shown)
        if overview(self.db).applications == 0:
            self.pages.setCurrentWidget(self.empty)
            self._timer.stop()
            return
        self.pages.setCurrentWidget(self.content)
        chosen = self.application_id()
        self._targets = documents.packet_targets(self.db)
        self.picker.blockSignals(True)
        self.picker.clear()
        for target in self._targets:
            self.picker.addItem(target.label, target.application_id)
        if not self._targets:
            self.picker.setPlaceholderText(self.tr("No open applications"))
        found = self.picker.findData(chosen) if chosen is not None else -1
        self.picker.setCurrentIndex(found if found >= 0 else (0 if self._targets else -1))
        self.picker.blockSignals(False)
        if self._first:
            self._first = False
            if not self._targets:
                self.kind_group.button(1).setChecked(True)
        self._kind_changed()

    def _chosen(self) -> None:
        """The applicant picked another document: a save waiting for the old one is off."""
        self._pending = None
        self._kind_changed()

    def _kind_changed(self) -> None:
        packet = self.kind() == PACKET
        self.picker.setVisible(packet)
        self.picker.setEnabled(bool(self._targets))
        self.report_note.setVisible(not packet)
        self._render_soon()

    def _request(self) -> Request | None:
        if self.kind() == PACKET:
            chosen = self.application_id()
            return Request(PACKET, chosen, self._version) if chosen is not None else None
        return Request(REPORT, None, self._version)

    def _render_soon(self) -> None:
        self._timer.start()

    def _render_now(self) -> None:
        request = self._request()
        if request is None:
            self._pending = None
            self._show(None)
            self.preview.show_message(self.tr(NO_OPEN))
            self._set_status("Prep packets are for open applications.")
            self._update_buttons()
            return
        cached = self.renderer.cache.get(request)
        if cached is not None:
            self._show(cached)
            return
        if self._shown is None:
            self.preview.show_message("Preparing the preview…")
        self.renderer.request(request)
        self._update_buttons()

    def _render_started(self, request: Request) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.show()
        name = "packet" if request.kind == PACKET else "report"
        self._set_status(f"Preparing the {name}…", muted=True)

    def _render_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _render_done(self, rendered: Rendered) -> None:
        if rendered.request == self._request():
            self._show(rendered)
        if not self.renderer.busy():
            self.progress.hide()

    def _render_failed(self, request: Request, message: str) -> None:
        if not self.renderer.busy():
            self.progress.hide()
        if request != self._request():
            return
        self._pending = None
        self._set_status(f"Could not prepare the document: {message}", error=True)
        if self._shown is None or self._shown.request.kind != request.kind:
            self._show(None)
            self.preview.show_message("The document could not be prepared.")
        self._update_buttons()

    def _show(self, rendered: Rendered | None) -> None:
        previous = self._shown
        if rendered is not None and rendered is not previous:
            error = self.preview.load(rendered.path)
            if error:
                self._set_status(f"Could not show the preview: {error}", error=True)
                return
        elif rendered is None:
            self.preview.clear()
        self._shown = rendered
        if previous is not None and previous is not rendered:
            self.renderer.discard(previous, keep=rendered)
        if rendered is not None:
            pages = f"{rendered.pages} page{'' if rendered.pages == 1 else 's'}"
            self._set_status(f"{pages} · ready to save or print")
            pending, self._pending = self._pending, None
            if pending is not None:
                pending()
        self._update_buttons()

    def current(self) -> Rendered | None:
        """The preview on screen if it shows exactly the current choice and data."""
        shown = self._shown
        return shown if shown is not None and shown.request == self._request() else None

    def _when_ready(self, action: Callable[[], None]) -> Rendered | None:
        """The current preview, or None after arranging for ``action`` to run once it is."""
        if self._dirty:
            self._refresh()
        current = self.current()
        if current is None and self._request() is not None:
            self._pending = action
            self._timer.stop()
            self._render_now()
        return current

    # -- save and open -------------------------------------------------------------------------

    def save(self) -> None:
        rendered = self._when_ready(self.save)
        if rendered is None:
            return
        folder = last_folder(self.settings)
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save PDF"),
            str(folder / rendered.filename),
            self.tr("PDF documents (*.pdf)"),
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            copy_file(rendered.path, target)
        except (NextCallError, OSError) as exc:
            self._set_status(f"Not saved: {exc}", error=True)
            reason = str(exc).rstrip(".")
            QMessageBox.warning(
                self, self.tr("PDF not saved"), f"{reason[:1].upper()}{reason[1:]}."
            )
            return
        remember_folder(self.settings, target.parent)
        self._saved = (rendered, target)
        self._set_status(f"Saved to {target}")
        show_status(self.db, self.tr("Saved to {target}").format(target=target))

    def open_in_viewer(self) -> None:
        rendered = self._when_ready(self.open_in_viewer)
        if rendered is None:
            return
        if self._saved is not None and self._saved[0] is rendered and self._saved[1].exists():
            path = self._saved[1]
        else:
            path = self.renderer.folder / rendered.path.stem / rendered.filename
            try:
                path.parent.mkdir(exist_ok=True)
                copy_file(rendered.path, path)
            except (NextCallError, OSError) as exc:
                self._set_status(f"Could not open the PDF: {exc}", error=True)
                return
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._set_status(f"Opened {path.name} in your PDF viewer")
            show_status(self.db, self.tr("Opened {name} in your PDF viewer").format(name=path.name))
        else:
            self._set_status(
                "No PDF viewer could be started. Save the PDF and open it from your files.",
                error=True,
            )

    # -- looks ---------------------------------------------------------------------------------

    def _set_status(self, text: str, *, error: bool = False, muted: bool = False) -> None:
        self.status.show_text(text, tone="error" if error else "muted" if muted else "")

    def _update_buttons(self) -> None:
        ready = self._request() is not None
        self.save_button.setEnabled(ready)
        self.open_button.setEnabled(ready)
        self.save_action.setEnabled(ready)
