"""Baseline child for the cold-start figure: a bare PySide6 main window, nothing else.

Imports the same Qt modules as the app, shows a QMainWindow of the app's default size, prints
``first-paint`` at its first paint, quits, and prints ``peak-kb N`` (its own peak RSS).
"""

import resource
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon  # noqa: F401  (imported like the app does)
from PySide6.QtWidgets import QApplication, QMainWindow


def peak_kb() -> int:
    """This process's peak RSS since exec (VmHWM; ru_maxrss would include the parent's)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


class Probe(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.painted = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.painted and watched is self.window and event.type() == QEvent.Type.Paint:
            self.painted = True
            print("first-paint", flush=True)
            QTimer.singleShot(0, self.window.close)
        return False


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1180, 720)
probe = Probe(window)
window.show()
code = app.exec()
print(f"peak-kb {peak_kb()}", flush=True)
sys.exit(code)
