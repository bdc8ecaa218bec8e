"""The Export tab's moving parts: rendering a document off the GUI thread into a private
temporary folder, and the page view that shows the result."""

from __future__ import annotations

import contextlib
import itertools
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

from PySide6.QtCore import (
    QMargins,
    QObject,
    QPointF,
    QSettings,
    QSize,
    QStandardPaths,
    Qt,
    QTemporaryDir,
    Signal,
)
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.export.files import write_atomically
from nextcall.services import documents
from nextcall.services.database import Database
from nextcall.ui.common import settings_keys as keys
from nextcall.ui.common import theme
from nextcall.ui.common.background import SerialWorker, gui_caller

if TYPE_CHECKING:  # the PDF modules load when the first preview is shown, not at start-up
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

PACKET, REPORT = "packet", "report"
LAST_FOLDER = keys.EXPORT_FOLDER  # where the last PDF was saved
ZOOM_STEP = 1.2
ZOOM_LIMITS = (0.25, 4.0)


@dataclass(frozen=True)
class Request:
    """What to render: the kind, the application (packets only) and the data version it
    reflects (the tab counts changes, so an older preview is known to be out of date)."""

    kind: str
    application_id: int | None
    version: int


@dataclass(frozen=True)
class Rendered:
    request: Request
    path: Path
    pages: int
    filename: str  # the suggested name to save it under


class _CancelledError(Exception):
    """Raised inside a job whose result nobody wants any more."""


class Renderer(QObject):
    """Renders one document at a time into a temporary folder. A request made while another
    runs replaces any request still waiting and asks the running one to stop early, so rapid
    changes end in exactly one more render with the latest choice."""

    started = Signal(object)  # Request
    progress = Signal(int, int)  # done, total of the running render
    rendered = Signal(object)  # Rendered
    failed = Signal(object, str)  # Request, a message for the applicant

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._folder = QTemporaryDir()
        self._worker = SerialWorker("nextcall-export", self)
        self._worker.finished.connect(self._finished)
        # Progress from the worker thread reaches _relay_tick on the GUI thread, and only while
        # this object lives (the worker thread never touches it).
        self._tick = gui_caller(self, self._relay_tick)
        self._serials = itertools.count(1)
        self._running: tuple[int, Request, Path, threading.Event] | None = None
        self._waiting: Request | None = None
        self._closed = False
        self.cache: dict[Request, Rendered] = {}  # finished renders, by what they show

    @property
    def folder(self) -> Path:
        return Path(self._folder.path())

    def busy(self) -> bool:
        return self._running is not None

    def request(self, request: Request) -> None:
        if self._closed:
            return
        if self._running is None:
            self._start(request)
            return
        if self._running[1] == request:
            self._waiting = None
            return
        self._waiting = request
        self._running[3].set()

    def shutdown(self) -> None:
        """Stop the running render early and the thread with it; nothing is delivered after."""
        self._closed = True
        self._waiting = None
        if self._running is not None:
            self._running[3].set()
        self._worker.shutdown()
        self._running = None

    def _start(self, request: Request) -> None:
        if not self._folder.isValid():
            self.failed.emit(request, "no temporary folder is available for the preview")
            return
        serial = next(self._serials)
        target = self.folder / f"preview-{serial}.pdf"
        cancel = threading.Event()
        db, tick = self.db, self._tick
        last = [-1]

        def progress(done: int, total: int) -> None:  # on the worker thread
            if cancel.is_set():
                raise _CancelledError
            percent = int(done * 100 / max(total, 1))
            if percent != last[0]:
                last[0] = percent
                tick(serial, percent, 100)

        def job() -> tuple[int, str]:
            if request.kind == PACKET:
                if request.application_id is None:
                    raise NextCallError("choose an application for the prep packet")
                pages = documents.write_packet(db, request.application_id, target, progress)
                return pages, documents.packet_filename(db, request.application_id)
            pages = documents.write_report(db, target, progress)
            return pages, documents.report_filename(db)

        self._running = (serial, request, target, cancel)
        self._worker.submit(job)
        self.started.emit(request)

    def _relay_tick(self, serial: int, done: int, total: int) -> None:
        if self._running is not None and self._running[0] == serial:
            self.progress.emit(done, total)

    def _finished(self, _ticket: int, result: object, error: object) -> None:
        if self._running is None:
            return
        _serial, request, target, _cancel = self._running
        self._running = None
        waiting, self._waiting = self._waiting, None
        if waiting is not None:  # superseded: drop whatever came out and do the latest
            with contextlib.suppress(OSError):
                target.unlink()
            self._start(waiting)
            return
        if isinstance(error, _CancelledError):
            return
        if error is not None:
            self.failed.emit(request, _message(error))
            return
        pages, filename = cast(tuple[int, str], result)
        rendered = Rendered(request, target, pages, filename)
        self.cache[request] = rendered
        self.rendered.emit(rendered)

    def discard(self, rendered: Rendered, keep: Rendered | None) -> None:
        """Delete a rendered file that is neither cached nor ``keep`` (the one on screen)."""
        if rendered.request not in self.cache and rendered is not keep:
            with contextlib.suppress(OSError):
                rendered.path.unlink()

    def forget_older(self, version: int, keep: Rendered | None) -> None:
        """Drop renders of data older than ``version``, keeping the file of ``keep``."""
        for request, rendered in list(self.cache.items()):
            if request.version < version:
                del self.cache[request]
                self.discard(rendered, keep)


def _message(error: object) -> str:
    if isinstance(error, NextCallError):
        return str(error)
    if isinstance(error, OSError):
        return f"the file could not be written ({error.strerror or error})"
    return f"something went wrong while laying out the document ({error})"


class PdfPreview(QWidget):
    """The rendered pages, scrolling one after another and fitted to the width, with zoom
    buttons and the page being read; or a short message in place of the pages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: QPdfDocument | None = None
        self._view: QPdfView | None = None
        self.path: Path | None = None

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        theme.muted(self.message)
        theme.lead(self.message)
        self.message.setMargin(40)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.message)

        self.controls = QWidget()  # a footer under the pages, like a PDF viewer's
        self.controls.setObjectName("previewFooter")
        theme.surface(self.controls, "footer")
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(10, 4, 6, 4)
        row.setSpacing(4)
        self.page_label = QLabel()
        theme.muted(self.page_label)
        row.addWidget(self.page_label)
        row.addStretch(1)
        self.zoom_out = self._tool(
            "−", self.tr("Zoom out (Ctrl+-)"), "Ctrl+-", lambda: self.zoom(1 / ZOOM_STEP)
        )
        self.zoom_in = self._tool(
            "+", self.tr("Zoom in (Ctrl++)"), "Ctrl++", lambda: self.zoom(ZOOM_STEP)
        )
        self.fit_width = self._tool(
            self.tr("Fit width"), self.tr("Fit the pages to the width"), "Ctrl+0", self.fit
        )
        self.fit_page = self._tool(
            self.tr("Whole page"), self.tr("Show a whole page at a time"), "", self.whole
        )
        for button in (self.fit_width, self.fit_page):
            button.setCheckable(True)
            theme.toggle(button)
        self.fit_width.setChecked(True)
        for button in (self.zoom_out, self.zoom_in, self.fit_width, self.fit_page):
            row.addWidget(button)

        frame = QWidget()
        frame.setObjectName("previewFrame")
        theme.surface(frame, "frame")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(1, 1, 1, 1)
        inner.setSpacing(0)
        inner.addWidget(self.pages, 1)
        inner.addWidget(self.controls)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(frame, 1)
        self.show_message("")

    def _build_view(self) -> QPdfView:
        """The page view and its document, made on first use so the PDF modules stay unloaded
        until a preview is needed."""
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self._document = QPdfDocument(self)
        view = QPdfView()
        view.setDocument(self._document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setPageSpacing(14)
        view.setDocumentMargins(QMargins(18, 18, 18, 18))
        view.setAccessibleName(self.tr("Document preview"))
        view.setFrameShape(QPdfView.Shape.NoFrame)
        theme.surface(view, "sunken")
        view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.pages.insertWidget(0, view)
        self.pages.setCurrentWidget(self.message)
        self._view = view
        return view

    @property
    def view(self) -> QPdfView:
        return self._view if self._view is not None else self._build_view()

    @property
    def document(self) -> QPdfDocument:
        if self._document is None:
            self._build_view()
        assert self._document is not None
        return self._document

    def _tool(self, text: str, tip: str, key: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(False)
        button.setMinimumWidth(30)
        if key:
            button.setShortcut(key)
        button.clicked.connect(slot)
        return button

    # -- content -------------------------------------------------------------------------------

    def load(self, path: Path) -> str | None:
        """Show the PDF at ``path``; returns an error message if it cannot be read."""
        error = self.document.load(str(path))
        if error != type(error).None_:
            self.show_message(self.tr("The preview could not be shown."))
            return f"the preview could not be read ({error.name})"
        self.path = path
        self.pages.setCurrentWidget(self.view)
        self.controls.setEnabled(True)
        self._page_changed(0)
        return None

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.pages.setCurrentWidget(self.message)
        self.controls.setEnabled(False)
        self.page_label.setText("")

    def clear(self) -> None:
        if self._document is not None:
            self._document.close()
        self.path = None

    def page_count(self) -> int:
        return self._document.pageCount() if self._document is not None else 0

    # -- zoom ----------------------------------------------------------------------------------

    def zoom(self, factor: float) -> None:
        if self.view.zoomMode() != self.view.ZoomMode.Custom:
            self.view.setZoomFactor(self._effective_zoom())
            self.view.setZoomMode(self.view.ZoomMode.Custom)
        low, high = ZOOM_LIMITS
        self.view.setZoomFactor(min(high, max(low, self.view.zoomFactor() * factor)))
        self.fit_width.setChecked(False)
        self.fit_page.setChecked(False)

    def fit(self) -> None:
        self.view.setZoomMode(self.view.ZoomMode.FitToWidth)
        self.fit_width.setChecked(True)
        self.fit_page.setChecked(False)

    def whole(self) -> None:
        self.view.setZoomMode(self.view.ZoomMode.FitInView)
        self.fit_width.setChecked(False)
        self.fit_page.setChecked(True)

    def _effective_zoom(self) -> float:
        """The scale a fitted view is drawn at, so zooming continues from what is seen."""
        if self.document.pageCount() == 0:
            return 1.0
        points = self.document.pagePointSize(0)
        pixels = points.width() * self.logicalDpiX() / 72
        room = self.view.viewport().width() - 36
        return max(ZOOM_LIMITS[0], room / pixels) if pixels > 0 else 1.0

    def _page_changed(self, page: int) -> None:
        total = self.document.pageCount()
        self.page_label.setText(
            self.tr("Page {page} of {total}").format(page=page + 1, total=total) if total else ""
        )

    def go_to_page(self, page: int) -> None:
        self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())


class StatusLabel(QLabel):
    """One line of plain text that shortens in the middle (keeping a path's file name) when
    there is not room for all of it; ``text()`` stays whole and the tooltip shows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def show_text(self, text: str, tone: str = "") -> None:
        """``tone``: '' for news (bold), 'muted' for work in progress, 'error'."""
        self.setText(text)
        self.setToolTip(text)
        theme.tone(self, {"error": "danger", "muted": "muted"}.get(tone))
        theme.emphasis(self, tone != "muted")

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideMiddle, rect.width()
        )
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        self.style().drawItemText(
            painter,
            rect,
            int(align.value),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )


def copy_file(source: Path, target: Path) -> None:
    """Write the rendered file to ``target`` atomically, byte for byte (0600)."""
    data = source.read_bytes()

    def write(out: IO[bytes]) -> None:
        out.write(data)

    write_atomically(target, write)


def last_folder(settings: QSettings) -> Path:
    """Where the last PDF was saved, else the user's Documents folder."""
    remembered = settings.value(LAST_FOLDER, "")
    if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents_dir = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )
    return Path(documents_dir) if documents_dir else Path.home()


def remember_folder(settings: QSettings, folder: Path) -> None:
    settings.setValue(LAST_FOLDER, str(folder))
