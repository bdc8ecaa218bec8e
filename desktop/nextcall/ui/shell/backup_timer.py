"""Automatic backups while the app runs: a look every minute, a copy when one is due, and one at
a clean exit. The rule (30 minutes after a change, none without one) is services.backups'
AutoBackup; this object only gives it a clock tick and a background thread.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from nextcall.core.errors import NextCallError
from nextcall.services.backups import AutoBackup
from nextcall.services.database import Database
from nextcall.store.backup import BackupFile
from nextcall.ui.common.background import SerialWorker

TICK_MS = 60_000


class BackupTimer(QObject):
    message = Signal(str)  # a line for the status bar (failures only: success is quiet)
    backed_up = Signal(object)  # the BackupFile just written

    def __init__(
        self,
        db: Database,
        parent: QObject | None = None,
        *,
        clock: Callable[[], datetime] | None = None,  # tests: a clock of their own
        tick_ms: int = TICK_MS,
    ) -> None:
        super().__init__(parent)
        self.auto = AutoBackup(db, clock)
        self.worker = SerialWorker("nextcall-backup", self)
        self.worker.finished.connect(self._done)
        self._pending: int | None = None
        self._finished = False
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> bool:
        """Start a backup in the background if one is due; True when one was started."""
        if self._finished or self._pending is not None or not self.auto.due():
            return False
        self._pending = self.worker.submit(self.auto.run)
        return True

    def busy(self) -> bool:
        return self._pending is not None

    def mark_saved(self) -> None:
        """The data shown now came from a backup (a restore): nothing new to back up."""
        self.auto.mark_saved()

    def _done(self, ticket: int, result: object, error: BaseException | None) -> None:
        if ticket != self._pending:
            return
        self._pending = None
        if error is not None:
            self.message.emit(f"Automatic backup failed: {error}")
        elif isinstance(result, BackupFile):
            self.backed_up.emit(result)

    def finish(self) -> BackupFile | None:
        """At a clean exit: wait for a running backup, then back up what is not yet saved."""
        if self._finished:
            return None
        self._finished = True
        self.timer.stop()
        self.worker.shutdown()
        self._pending = None
        try:
            return self.auto.at_exit()
        except NextCallError as exc:  # the window is closing: nowhere left to show it
            print(f"nextcall: backup at exit failed: {exc}", file=sys.stderr)
            return None
        finally:
            self.auto.close()
