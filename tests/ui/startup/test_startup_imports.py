"""The way to the first window stays light: heavy modules load when their feature is used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from nextcall.core.paths import resolve
from nextcall.services.database import Database

HEAVY = (
    "reportlab",  # PDFs: when a packet or report is written
    "icalendar",  # calendar export
    "pypdf",
    "alembic",  # only when the schema must change
    "PySide6.QtCharts",  # the funnel and practice trends, when first shown
    "PySide6.QtMultimedia",  # the voice check, when used
    "PySide6.QtPdf",  # the Export preview, when first rendered
    "PySide6.QtPdfWidgets",
)


def test_building_the_main_window_imports_nothing_heavy(tmp_path: Path) -> None:
    Database.open(resolve(str(tmp_path))).close()  # an existing profile, as on every later start
    code = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from nextcall.core.paths import resolve\n"
        "from nextcall.services.database import Database\n"
        "from nextcall.ui.shell.main_window import MainWindow\n"
        "app = QApplication([])\n"
        f"paths = resolve({str(tmp_path)!r})\n"
        "db = Database.open(paths)\n"
        "w = MainWindow(db, QSettings(str(paths.settings), QSettings.Format.IniFormat))\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
        "w.close(); db.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout
