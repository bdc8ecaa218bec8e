"""Start the desktop app: one QApplication, one main window over the profile's database.

Before anything touches the data folder, the app takes its writer lock (store/writer_lock.py):
a second start on the same folder hands over to the running window and exits, without writing
(ui/single_instance.py). Uncaught exceptions go to the log and a dialog (ui/crash_dialog.py).
"""

from __future__ import annotations

import logging
import signal
import sys
from typing import TYPE_CHECKING

from nextcall import APP_ID, APP_NAME, ORG_NAME, __version__
from nextcall.core.errors import NextCallError
from nextcall.core.paths import DataPaths, resolve
from nextcall.diagnostics import (
    describe_exception,
    install_exception_hooks,
    log_exception,
    setup_logging,
)
from nextcall.store.writer_lock import WriterLock

if TYPE_CHECKING:
    from concurrent.futures import Future

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from nextcall.services.database import Database
    from nextcall.services.first_page import FirstPage
    from nextcall.services.recovery import Plan
    from nextcall.ui.shell.main_window import MainWindow

CHECK_POLL_MS = 20  # how often the painted window looks whether the check has finished

log = logging.getLogger(__name__)


def run_app(data_dir: str | None = None, argv: list[str] | None = None) -> int:
    from nextcall.ui.startup.xcb_check import xcb_problem

    problem = xcb_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1

    paths = resolve(data_dir)
    logfile = setup_logging(paths)  # the same file main() chose; set here when called alone
    lock = WriterLock(paths.root)
    refused: NextCallError | None = None
    try:
        mine = lock.try_acquire()
    except NextCallError as exc:  # e.g. a read-only data folder: said once Qt can show it
        mine, refused = False, exc
    # The check reads the whole file; started now, it overlaps with loading Qt. Only the lock
    # holder runs it: a second start must not even move a damaged file aside. A file exactly as
    # the last clean exit left it is not checked (services/startup_check.py).
    checking = _check_in_background(paths) if mine else None

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from nextcall.core.resources import resource
    from nextcall.ui.startup.crash_dialog import CrashReporter, show_fatal

    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(ORG_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(APP_ID)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setWindowIcon(QIcon(str(resource("icons", "nextcall.svg"))))
    restore_hooks = install_exception_hooks(CrashReporter(logfile, app))
    try:
        if not mine:
            from nextcall.ui.startup.single_instance import Turn, take_turn

            try:
                if refused is not None and _readable_anyway(refused, paths):
                    log.info("opening %s read-only: %s", paths.root, refused)
                    return _run_window(app, paths, None)
                if refused is not None:
                    raise refused
                if take_turn(lock) is Turn.HANDED_OVER:
                    log.info("handed over to the NextCall already open on %s", paths.root)
                    return 0
            except NextCallError as exc:
                QMessageBox.critical(None, "NextCall", str(exc))
                print(f"nextcall: error: {exc}", file=sys.stderr)
                return 1
            checking = _check_in_background(paths)
        if lock.taken_over is not None:
            log.warning("took over the writer lock of %s (crashed)", lock.taken_over.describe())
        log.info("NextCall %s started on %s", __version__, paths.root)
        return _run_window(app, paths, checking)
    except Exception as exc:  # the window could not even be built: say so, do not vanish
        log_exception(exc, "start-up failed")
        show_fatal(describe_exception(exc), logfile)
        print(f"nextcall: error: could not start ({describe_exception(exc)})", file=sys.stderr)
        return 1
    finally:
        restore_hooks()
        lock.release()


def _readable_anyway(refused: NextCallError, paths: DataPaths) -> bool:
    """True when the folder refuses writes (a full disk, a read-only drive or folder) but holds
    data: then the window opens it read-only and says so, rather than refusing to start."""
    from nextcall.core.errors import DiskFullError, ReadOnlyError

    if not isinstance(refused, DiskFullError | ReadOnlyError):
        return False
    try:
        return paths.database.stat().st_size > 0
    except OSError:
        return False


def _run_window(app: QApplication, paths: DataPaths, checking: Checking | None) -> int:
    """The window over the profile. ``checking`` is None when the folder refuses writes: the
    data is then opened read-only (nothing could be moved or restored anyway).

    The usual start paints first: the window is built over the first page of the table read
    straight from the file (services/first_page.py), shown, and only after its first paint
    does the rest load: SQLAlchemy, the database, the docks, the check's verdict."""
    from PySide6.QtCore import QSettings, Qt, QTimer

    from nextcall.services.database import Database
    from nextcall.ui.common import settings_keys as keys
    from nextcall.ui.common.theme import apply_theme
    from nextcall.ui.shell.main_window import MainWindow
    from nextcall.ui.startup.single_instance import InstanceServer
    from nextcall.ui.startup.startup_probe import FirstPaintProbe

    settings = QSettings(str(paths.ensure_settings()), QSettings.Format.IniFormat)
    apply_theme(app, str(settings.value(keys.THEME, keys.THEME_DEFAULT)))
    server = InstanceServer(paths.root, app)  # a later start raises whatever is shown
    server.activated.connect(_bring_forward)
    server.listen()
    first = _first_page(paths, settings) if checking is not None else None
    outcome = _Outcome()
    if first is not None and checking is not None:
        db = Database.later(paths, lambda: _open(paths))
        window = MainWindow(db, settings, first=first)
        probe = FirstPaintProbe(window)
        probe.painted.connect(
            lambda: QTimer.singleShot(0, window, lambda: _after_paint(window, checking, outcome))
        )
    else:
        opened = _open_before_paint(paths, checking)
        if opened is None:
            server.close()
            return 1
        db, message = opened
        outcome.checked = checking
        window = MainWindow(db, settings)
        if message:
            window.statusBar().showMessage(message)
        probe = FirstPaintProbe(window)
        probe.painted.connect(probe.ready)
    # Closing the main window ends the app, even if some other window of it (a dialog being
    # torn down, a panel built in idle time) happens to be visible at that moment.
    window.closed.connect(app.quit, Qt.ConnectionType.QueuedConnection)
    # The style hints belong to the application, which outlives the window: the connection
    # (a lambda holding the window) is dropped when the window's event loop ends.
    follow_system = app.styleHints().colorSchemeChanged.connect(
        lambda _scheme: window.set_theme(str(settings.value(keys.THEME, keys.THEME_DEFAULT)))
    )
    window.show()

    # Quit cleanly (saving window state) on SIGTERM / Ctrl+C; the timer lets Python run its
    # signal handlers while Qt's event loop is in charge.
    signal.signal(signal.SIGTERM, lambda *_: window.close())
    signal.signal(signal.SIGINT, lambda *_: window.close())
    heartbeat = QTimer(interval=250)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start()

    code = app.exec()
    app.styleHints().colorSchemeChanged.disconnect(follow_system)
    heartbeat.stop()
    server.close()
    del probe
    db.close()
    if outcome.failed:
        return 1
    _remember_clean_exit(paths, db, outcome)
    log.info("NextCall closed (exit code %s)", code)
    return int(code)


class _Outcome:
    """How the start went, for the exit: a failure to open, and the check that ran."""

    def __init__(self) -> None:
        self.failed = False
        self.checked: Checking | None = None  # the check that ran and passed, if one did


def _first_page(paths: DataPaths, settings: QSettings) -> FirstPage | None:
    """The table's first page in its remembered order, when the file can be read as it is."""
    from nextcall.services.first_page import read_first_page
    from nextcall.ui.applications.tab import remembered_query

    return read_first_page(paths.database, remembered_query(settings))


def _open(paths: DataPaths) -> Database:
    """The profile for the window: read-write, or read-only with the reason when the storage
    refuses writes (a full disk, a read-only drive) but the data is there."""
    from nextcall.core.errors import DiskFullError, ReadOnlyError
    from nextcall.services.database import Database

    try:
        return Database.open(paths)
    except (DiskFullError, ReadOnlyError):
        if not _readable_anyway(ReadOnlyError(""), paths):
            raise
        return Database.open_for_reading(paths)  # the window says why it is read-only


def _fail(exc: Exception) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    title = QCoreApplication.translate("app", "NextCall cannot open your data")
    QMessageBox.critical(None, title, str(exc))
    print(f"nextcall: error: {exc}", file=sys.stderr)


def _open_before_paint(paths: DataPaths, checking: Checking | None) -> tuple[Database, str] | None:
    """The slower start (no first page to paint from: a new profile, a schema to upgrade, a
    read-only folder): check, then open, then build the window. None: it cannot go on."""
    from nextcall.services.database import Database
    from nextcall.ui.startup.recovery_dialog import Startup, check_at_startup

    try:
        if checking is None:
            return Database.open_for_reading(paths), ""
        startup: Startup = check_at_startup(paths, checked=checking.future)
        if not startup.go_on:
            print("nextcall: the data file is damaged; nothing was changed", file=sys.stderr)
            return None
        return _open(paths), startup.message
    except (NextCallError, OSError) as exc:
        _fail(exc)
        return None


def _after_paint(window: MainWindow, checking: Checking, outcome: _Outcome) -> None:
    """The window has painted its first rows: take the check's verdict (asking what to do
    if the file is damaged), then load the rest."""
    from PySide6.QtCore import QTimer

    if not checking.future.done():  # it reads the whole file; the window is painted meanwhile
        QTimer.singleShot(CHECK_POLL_MS, window, lambda: _after_paint(window, checking, outcome))
        return
    from nextcall.ui.common.operations import EVERYTHING, announce
    from nextcall.ui.startup.recovery_dialog import check_at_startup

    try:
        damaged = checking.future.result() is not None
        startup = check_at_startup(window.db.paths, window, checked=checking.future)
        if not startup.go_on:
            print("nextcall: the data file is damaged; nothing was changed", file=sys.stderr)
            outcome.failed = True
            window.close()
            return
        window.finish_start()
    except (NextCallError, OSError) as exc:
        _fail(exc)
        outcome.failed = True
        window.close()
        return
    if damaged:  # restored or started afresh: the first page showed the damaged file
        announce(window.db, EVERYTHING)
    else:
        outcome.checked = checking
    if startup.message:
        window.statusBar().showMessage(startup.message)


def _remember_clean_exit(paths: DataPaths, db: Database, outcome: _Outcome) -> None:
    """The window closed normally over a file that passed its check (or needed none): note
    its stamp, so the next start can skip the check."""
    from nextcall.services import startup_check

    if db.read_only or not db.opened:
        return
    checked = outcome.checked
    deep_on = db.clock.today() if checked is not None and checked.deep else None
    startup_check.remember_clean_exit(paths, deep_checked_on=deep_on)


def _bring_forward() -> None:
    """Show the main window (or the dialog in front of it) on top, un-minimised."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMainWindow

    target = QApplication.activeModalWidget()
    if target is None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]
        target = windows[0] if windows else None
    if target is None:
        return
    target.setWindowState(
        (target.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
    )
    target.show()
    target.raise_()
    target.activateWindow()
    QApplication.alert(target)  # where the system refuses to switch windows: flash the entry


class Checking:
    """The start-up's integrity check, running in a thread (``future``: its recovery plan,
    None when the file is sound or was not checked)."""

    def __init__(self, future: Future[Plan | None], deep: bool) -> None:
        self.future = future
        self.deep = deep


def _check_in_background(paths: DataPaths) -> Checking:
    """Start ``PRAGMA quick_check`` on the data file now (weekly: the full integrity check): it
    reads the whole file, and SQLite runs it without holding the GIL, so it overlaps with
    loading Qt and painting the window. Skipped when the file is exactly as the last clean
    exit left it (services/startup_check.py)."""
    from concurrent.futures import Future, ThreadPoolExecutor

    from nextcall.core.clock import Clock
    from nextcall.services import startup_check

    need = startup_check.check_needed(paths, Clock.from_env().today())
    if need == startup_check.NO_CHECK:
        skipped: Future[Plan | None] = Future()
        skipped.set_result(None)
        return Checking(skipped, deep=False)
    deep = need == startup_check.DEEP

    def check() -> Plan | None:
        # A sound file (the usual case) needs nothing more than the check itself; recovery's
        # modules (and SQLAlchemy with them) are loaded only when there is something to plan.
        if paths.database.is_file() and paths.database.stat().st_size > 0:
            from nextcall.services.diagnosis import diagnose

            if not diagnose(paths.database, deep=deep).damaged:
                return None
        from nextcall.services.recovery import plan

        return plan(paths, deep=deep)

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nextcall-check")
    future = pool.submit(check)
    pool.shutdown(wait=False)
    return Checking(future, deep)
