"""Child process for tests/ui/startup/test_startup_imports.py: starts the real app (as
``python -m nextcall`` does) and, at the main window's first paint, prints what was loaded and
shown by then as one JSON line; the app then finishes its start and quits
(NEXTCALL_QUIT_AFTER_FIRST_PAINT)."""

import json
import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from nextcall.cli.main import main
from nextcall.ui.startup import startup_probe

original = startup_probe.FirstPaintProbe.eventFilter
original_ready = startup_probe.FirstPaintProbe.ready
shown: list[str] = []  # every widget shown as a window of its own, from start to ready


class WindowSpy(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        showing = event.type() == QEvent.Type.Show and isinstance(watched, QWidget)
        if showing and watched.isWindow():  # type: ignore[attr-defined]
            shown.append(type(watched).__name__)
        return False


spy = WindowSpy()


def at_first_paint(self: startup_probe.FirstPaintProbe, watched: QObject, event: QEvent) -> bool:
    if not self.is_painted and event.type() == QEvent.Type.Paint:
        window = self._window
        applications = window.applications  # type: ignore[attr-defined]
        facts = {
            "modules": sorted(sys.modules),
            "rows": applications.model.rowCount(),
            "total": applications.model.total,
            "welcome": applications.stack.currentWidget() is applications.empty,
            "database_opened": window.db.opened,  # type: ignore[attr-defined]
        }
        print("facts " + json.dumps(facts), flush=True)
    return original(self, watched, event)


def at_ready(self: startup_probe.FirstPaintProbe) -> None:
    if not self.is_ready:
        print("windows " + json.dumps(shown), flush=True)
    original_ready(self)


def watch_windows() -> None:
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(spy)


startup_probe.FirstPaintProbe.ready = at_ready  # type: ignore[method-assign]
original_init = startup_probe.FirstPaintProbe.__init__


def init(self: startup_probe.FirstPaintProbe, window: QWidget) -> None:
    watch_windows()  # (the app exists by now; the window is not shown yet)
    original_init(self, window)


startup_probe.FirstPaintProbe.eventFilter = at_first_paint  # type: ignore[method-assign]
startup_probe.FirstPaintProbe.__init__ = init  # type: ignore[method-assign]
sys.exit(main(sys.argv[1:]))
