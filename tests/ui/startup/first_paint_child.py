"""Child process for tests/ui/startup/test_startup_imports.py: starts the real app (as
``python -m nextcall`` does) and, at the main window's first paint, prints what was loaded and
shown by then as one JSON line; the app then finishes its start and quits
(NEXTCALL_QUIT_AFTER_FIRST_PAINT)."""

import json
import sys

from PySide6.QtCore import QEvent, QObject

from nextcall.cli.main import main
from nextcall.ui.startup import startup_probe

original = startup_probe.FirstPaintProbe.eventFilter


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


startup_probe.FirstPaintProbe.eventFilter = at_first_paint  # type: ignore[method-assign]
sys.exit(main(sys.argv[1:]))
