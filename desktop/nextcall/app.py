"""Start the desktop app: one QApplication, one main window over the profile's database."""

from __future__ import annotations

import signal
import sys
from typing import TYPE_CHECKING

from nextcall import APP_ID, APP_NAME, ORG_NAME, __version__
from nextcall.core.errors import NextCallError
from nextcall.core.paths import DataPaths, resolve

if TYPE_CHECKING:
    from concurrent.futures import Future

    from nextcall.services.recovery import Plan


def run_app(data_dir: str | None = None, argv: list[str] | None = None) -> int:
    from nextcall.ui.xcb_check import xcb_problem

    problem = xcb_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1

    paths = resolve(data_dir)
    checking = _check_in_background(paths)

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from nextcall.core.resources import resource
    from nextcall.services.database import Database
    from nextcall.ui.main_window import MainWindow
    from nextcall.ui.recovery_dialog import check_at_startup
    from nextcall.ui.startup_probe import FirstPaintProbe
    from nextcall.ui.theme import apply_theme

    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(ORG_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(APP_ID)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    icon = resource("icons", "nextcall.svg")
    app.setWindowIcon(QIcon(str(icon)))

    settings = QSettings(str(paths.settings), QSettings.Format.IniFormat)
    apply_theme(app, str(settings.value("theme", "system")))
    try:
        startup = check_at_startup(paths, checked=checking)  # damaged: explained, backup offered
        if not startup.go_on:
            print("nextcall: the data file is damaged; nothing was changed", file=sys.stderr)
            return 1
        db = Database.open(paths)
    except (NextCallError, OSError) as exc:
        QMessageBox.critical(None, "NextCall cannot open your data", str(exc))
        print(f"nextcall: error: {exc}", file=sys.stderr)
        return 1
    window = MainWindow(db, settings)
    if startup.message:
        window.statusBar().showMessage(startup.message)
    app.styleHints().colorSchemeChanged.connect(
        lambda _scheme: window.set_theme(str(settings.value("theme", "system")))
    )
    probe = FirstPaintProbe(window)
    window.show()

    # Quit cleanly (saving window state) on SIGTERM / Ctrl+C; the timer lets Python run its
    # signal handlers while Qt's event loop is in charge.
    signal.signal(signal.SIGTERM, lambda *_: window.close())
    signal.signal(signal.SIGINT, lambda *_: window.close())
    heartbeat = QTimer(interval=250)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start()

    code = app.exec()
    heartbeat.stop()
    del probe
    db.close()
    return int(code)


def _check_in_background(paths: DataPaths) -> Future[Plan | None]:
    """Start ``PRAGMA quick_check`` on the data file now: it reads the whole file, and SQLite
    runs it without holding the GIL, so it overlaps with loading Qt and the window's code."""
    from concurrent.futures import ThreadPoolExecutor

    from nextcall.services.recovery import plan

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nextcall-check")
    future = pool.submit(plan, paths)
    pool.shutdown(wait=False)
    return future


def gui_main() -> None:
    """Entry point of the windowed launcher (no console on Windows)."""
    from nextcall.cli import main

    sys.exit(main())
