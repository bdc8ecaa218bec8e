"""How far a CSV import has got, and the Cancel request it checks between batches.

The import runs on the dialog's SerialWorker; ``job_hooks()`` hands it a progress function
that may be called from that thread (it reaches this widget through ``gui_caller``) and the
cancel check, both bound to this run only."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from nextcall.ui.common import theme
from nextcall.ui.common.background import gui_caller


class ImportProgress(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importProgress")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel("")
        theme.muted(self.label)
        row.addWidget(self.label)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Import progress"))
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(160)
        row.addWidget(self.bar, 1)
        self._cancel = threading.Event()
        self._report = gui_caller(self, self._show)
        self.hide()

    def start(self, total: int) -> tuple[Callable[[int, int], None], Callable[[], bool]]:
        """Show the bar at 0 of ``total``; returns the job's progress function and cancel
        check."""
        self._cancel = threading.Event()
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(0)
        self.label.setText(self.tr("0 of {total}").format(total=f"{total:,}"))
        self.show()
        report = self._report
        return (lambda done, total: report(done, total)), self._cancel.is_set

    def cancel(self) -> None:
        """Ask the running import to stop at the end of its current batch."""
        self._cancel.set()
        self.label.setText(self.tr("Cancelling…"))

    def cancelling(self) -> bool:
        return self._cancel.is_set()

    def stop(self) -> None:
        self.hide()

    def _show(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            return
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.label.setText(
            self.tr("{done} of {total}").format(done=f"{done:,}", total=f"{total:,}")
        )
