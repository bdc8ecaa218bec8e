"""When something nobody foresaw goes wrong in the window: say so, say where the details are,
and keep running (the data saved so far is safe: every change is its own transaction).

``CrashReporter`` is what diagnostics.install_exception_hooks calls; it may be called from any
thread and always shows the dialog on the GUI thread, one at a time (a problem that repeats
on every repaint must not bury the screen in dialogs: later ones only go to the log).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


class CrashDialog(QMessageBox):
    """What happened, that the saved data is safe, and where the log is. ``fatal``: the app
    could not start and closes after this."""

    def __init__(
        self,
        summary: str,
        log: Path | None,
        parent: QWidget | None = None,
        *,
        fatal: bool = False,
    ) -> None:
        super().__init__(parent)
        self.log = log
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("NextCall: something went wrong"))
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setText(
            "<b>NextCall could not start because of a problem it did not expect.</b>"
            if fatal
            else "<b>NextCall ran into a problem it did not expect.</b>"
        )
        where = (
            f"The details were written to the log:<br><code>{escape(str(log))}</code>"
            if log is not None
            else "The details could not be written to a log."
        )
        self.setInformativeText(
            f"What happened: {escape(summary)}.<br><br>"
            "Everything saved before this moment is safe. "
            + (
                "If it happens again, please send the log with a short description."
                if fatal
                else "If what you were doing did not finish, try it again; if the problem "
                "comes back, please send the log with a short description."
            )
            + f"<br><br>{where}"
        )
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = None
        if log is not None:
            self.open_button = self.addButton("Open log folder", QMessageBox.ButtonRole.ActionRole)
            self.open_button.clicked.disconnect()  # keep the dialog open after opening it
            self.open_button.clicked.connect(self.open_log_folder)
        done = self.addButton("Quit" if fatal else "Continue", QMessageBox.ButtonRole.AcceptRole)
        self.setDefaultButton(done)
        self.setEscapeButton(done)  # Esc and the title bar's close button work too

    def open_log_folder(self) -> None:
        if self.log is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log.parent)))


class CrashReporter(QObject):
    """Thread-safe: ``__call__`` may run on any thread; the dialog opens on the GUI thread."""

    _report = Signal(str)

    def __init__(self, log: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log = log
        self.dialog: CrashDialog | None = None
        self.shown: list[str] = []
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def __call__(self, summary: str) -> None:
        self._report.emit(summary)

    def _show(self, summary: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return  # one at a time; the log has every one
        self.shown.append(summary)
        parent = QApplication.activeWindow()
        self.dialog = CrashDialog(summary, self.log, parent)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.dialog.open()


def show_fatal(summary: str, log: Path | None) -> None:
    """A problem that stops the start-up: the same dialog, modal, then the app exits."""
    CrashDialog(summary, log, fatal=True).exec()
