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


# Nothing of these may be loaded when the window first paints (issue: paint first). The ORM,
# the migrations, the recovery and backup services, the PDF, chart, sound and calendar
# libraries, and every tab but Applications and the docks' panels come after the paint.
BEFORE_FIRST_PAINT_FORBIDDEN = (
    *HEAVY,
    "sqlalchemy",
    "importlib.metadata",
    "pocketsphinx",
    "nextcall.store.models",
    "nextcall.store.migrate",
    "nextcall.services.recovery",
    "nextcall.services.backups",
    "nextcall.services.applications",
    "nextcall.ui.tracker.tab",
    "nextcall.ui.notes.tab",
    "nextcall.ui.practice.tab",
    "nextcall.ui.export.tab",
    "nextcall.ui.today.panel",
    "nextcall.ui.interview.insights_panel",
)
CHILD = Path(__file__).with_name("first_paint_child.py")


def _start(root: Path) -> dict[str, object]:
    import json
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NEXTCALL_QUIT_AFTER_FIRST_PAINT="1")
    env.pop("NEXTCALL_DATA_DIR", None)
    done = subprocess.run(
        [sys.executable, str(CHILD), "--data-dir", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert "first-paint" in lines and "ready" in lines, done.stdout
    facts = next(line for line in lines if line.startswith("facts "))
    windows = next(line for line in lines if line.startswith("windows "))
    return {
        **json.loads(facts.removeprefix("facts ")),
        "windows": json.loads(windows.removeprefix("windows ")),
    }


def test_the_first_paint_shows_rows_before_anything_heavy_is_loaded(tmp_path: Path) -> None:
    from nextcall.services.demo import fill_demo

    db = Database.open(resolve(str(tmp_path)))
    summary = fill_demo(db)
    db.close()
    facts = _start(tmp_path)
    assert facts["rows"] == facts["total"] == summary.applications
    assert not facts["welcome"]
    assert facts["database_opened"] is False
    loaded = set(facts["modules"])  # type: ignore[call-overload]
    assert sorted(loaded & set(BEFORE_FIRST_PAINT_FORBIDDEN)) == []
    assert "nextcall.services.first_page" in loaded  # (the test can see what was loaded)
    # Nothing flashes on screen while the rest loads: the main window is the only window
    # shown from the start until every tab is built.
    assert facts["windows"] == ["MainWindow"]


def test_a_new_profile_paints_its_welcome(tmp_path: Path) -> None:
    facts = _start(tmp_path / "new")
    assert facts["welcome"] and facts["total"] == 0
    assert facts["windows"] == ["MainWindow"]
