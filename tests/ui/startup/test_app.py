"""app.py: the start-up around the window: the writer lock (taken, taken over from a crashed
run, or handed over), and a window that cannot be built shown as a problem, not a silent exit."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from lock_helpers import hold_in_child
from nextcall.core.paths import DataPaths
from nextcall.diagnostics import log_path
from nextcall.store.writer_lock import APP_ROLE, LOCK_NAME
from nextcall.ui.startup import app as app_module
from nextcall.ui.startup import crash_dialog, single_instance


def _text(dialog: QMessageBox) -> str:
    return f"{dialog.text()} {dialog.informativeText()}"


@pytest.fixture
def no_window(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The window's constructor fails; what the crash dialog would show is collected."""
    import nextcall.ui.shell.main_window as main_window

    def broken_window(*_args: object) -> None:
        raise RuntimeError("cannot build")

    shown: list[str] = []
    monkeypatch.setattr(main_window, "MainWindow", broken_window)
    monkeypatch.setattr(crash_dialog.CrashDialog, "exec", lambda self: shown.append(_text(self)))
    return shown


def test_a_stale_lock_from_a_crashed_app_is_taken_over(
    qtbot: QtBot, isolated_profile: DataPaths, no_window: list[str]
) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    isolated_profile.ensure()
    (isolated_profile.root / LOCK_NAME).write_text(
        f"{gone.pid}\n{APP_ROLE}\n{os.uname().nodename}\n", encoding="utf-8"
    )
    app_module.run_app(str(isolated_profile.root))
    log = log_path(isolated_profile).read_text()
    assert f"took over the writer lock of process {gone.pid} (crashed)" in log
    assert "started on" in log  # it went on as the app


def test_a_window_that_cannot_be_built_shows_the_dialog_and_exits_1(
    qtbot: QtBot, isolated_profile: DataPaths, no_window: list[str]
) -> None:
    shown = no_window
    assert app_module.run_app(str(isolated_profile.root)) == 1
    assert len(shown) == 1 and "RuntimeError in app.py" in shown[0]
    assert "start-up failed: RuntimeError" in log_path(isolated_profile).read_text()
    assert (isolated_profile.root / LOCK_NAME).read_text() == ""  # the lock was let go


def test_a_second_start_while_a_command_writes_explains_and_exits_1(
    qtbot: QtBot, isolated_profile: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(single_instance, "HANDOVER_SECONDS", 0.3)
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, _title, text, *a, **k: messages.append(text)
    )
    child = hold_in_child(isolated_profile.root, "nextcall command import")
    try:
        assert app_module.run_app(str(isolated_profile.root)) == 1
    finally:
        child.kill()
        child.wait()
    assert len(messages) == 1
    assert messages[0].startswith("another NextCall command is writing to this data folder")
    assert not isolated_profile.database.exists()  # it wrote nothing
