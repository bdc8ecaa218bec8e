"""Reports the first time the main window is painted (the moment a user sees it) and when the
start-up has finished loading everything after that paint.

With ``NEXTCALL_QUIT_AFTER_FIRST_PAINT=1`` in the environment, the app prints ``first-paint`` on
stdout at the first paint and ``ready`` once the rest has loaded, then quits cleanly; the
benchmark suite times start-up to the first line and measures memory at the exit (everything
loaded, as in use).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

ENV_VAR = "NEXTCALL_QUIT_AFTER_FIRST_PAINT"


class FirstPaintProbe(QObject):
    painted = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.is_painted = False
        self.is_ready = False
        window.installEventFilter(self)
        ready = getattr(window, "started", None)  # the main window says when it has loaded
        if ready is not None:
            ready.connect(self.ready)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.is_painted and watched is self._window and event.type() == QEvent.Type.Paint:
            self.is_painted = True
            self._window.removeEventFilter(self)
            if os.environ.get(ENV_VAR):
                print("first-paint", flush=True, file=sys.stdout)
            self.painted.emit()
        return False

    def ready(self) -> None:
        if self.is_ready:
            return
        self.is_ready = True
        if os.environ.get(ENV_VAR):
            print("ready", flush=True, file=sys.stdout)
            QTimer.singleShot(0, self._window.close)
