"""ui/crash_dialog.py: an uncaught exception in the window shows what happened and where the
log is, instead of a silent exit (the start-up's own failures: tests/test_app.py)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from nextcall.core.paths import DataPaths
from nextcall.diagnostics import install_exception_hooks, setup_logging
from nextcall.ui.startup import crash_dialog
from nextcall.ui.startup.crash_dialog import CrashDialog, CrashReporter


@pytest.fixture
def log(isolated_profile: DataPaths) -> Path:
    return setup_logging(isolated_profile)


def _text(dialog: QMessageBox) -> str:
    return f"{dialog.text()} {dialog.informativeText()}"


def test_the_dialog_says_what_happened_and_where_the_log_is(
    qtbot: QtBot, log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = CrashDialog("KeyError in notes.py, line 12 (save_note)", log)
    qtbot.addWidget(dialog)
    text = _text(dialog)
    assert "NextCall ran into a problem it did not expect" in text
    assert "KeyError in notes.py, line 12 (save_note)" in text
    assert str(log) in text
    assert "Everything saved before this moment is safe" in text
    opened: list[QUrl] = []
    monkeypatch.setattr(crash_dialog.QDesktopServices, "openUrl", opened.append)
    dialog.show()
    assert dialog.open_button is not None
    dialog.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(log.parent))]
    assert dialog.isVisible()  # opening the folder does not close the dialog
    dialog.resize(560, 260)
    dialog.grab().save("/tmp/nc/crash-dialog.png")


def test_a_fatal_problem_offers_quit(qtbot: QtBot, log: Path) -> None:
    dialog = CrashDialog("RuntimeError in main_window.py, line 3 (__init__)", log, fatal=True)
    qtbot.addWidget(dialog)
    assert "could not start" in _text(dialog)
    labels = [b.text() for b in dialog.findChildren(QPushButton)]
    assert "Quit" in labels and "Continue" not in labels


def test_an_exception_in_a_slot_is_logged_and_shown(qtbot: QtBot, log: Path) -> None:
    # The app's hooks replace pytest-qt's for the length of the test, and put them back.
    reporter = CrashReporter(log)
    restore = install_exception_hooks(reporter)
    try:
        private = "the text of a private note"

        def broken_slot() -> None:
            raise ValueError(private)

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    finally:
        restore()
    assert reporter.dialog is not None
    assert len(reporter.shown) == 1  # that one exception, nothing else swallowed meanwhile
    assert "ValueError in test_crash_dialog.py" in _text(reporter.dialog)
    text = log.read_text()
    assert "uncaught exception: ValueError" in text
    assert "private note" not in text
    reporter.dialog.close()


def test_reports_from_other_threads_open_one_dialog_at_a_time(qtbot: QtBot, log: Path) -> None:
    reporter = CrashReporter(log)
    workers = [
        threading.Thread(target=reporter, args=(f"RuntimeError number {n}",)) for n in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    qtbot.wait(50)
    assert len(reporter.shown) == 1  # the others are in the log only
    reporter.dialog.close()  # type: ignore[union-attr]
    reporter("RuntimeError again")
    qtbot.waitUntil(lambda: len(reporter.shown) == 2)
    reporter.dialog.close()  # type: ignore[union-attr]
