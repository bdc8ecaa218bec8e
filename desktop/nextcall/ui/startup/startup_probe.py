"""Reports the first time the main window is painted: the moment start-up is over for a user.

With ``NEXTCALL_QUIT_AFTER_FIRST_PAINT=1`` in the environment, the app prints ``first-paint``
on stdout and quits cleanly; the benchmark suite times start-up this way.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

ENV_VAR = "NEXTCALL_QUIT_AFTER_FIRST_PAINT"


class FirstPaintProbe(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.painted = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.painted and watched is self._window and event.type() == QEvent.Type.Paint:
            self.painted = True
            self._window.removeEventFilter(self)
            if os.environ.get(ENV_VAR):
                print("first-paint", flush=True, file=sys.stdout)
                QTimer.singleShot(0, self._window.close)
        return False
