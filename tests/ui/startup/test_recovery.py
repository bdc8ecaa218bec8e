"""Start-up with a damaged data file: the dialog explains, the choice is carried out."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from damage_helpers import application_count as applications
from damage_helpers import fill, flip_bytes, truncate
from nextcall.core.paths import DataPaths
from nextcall.services import recovery
from nextcall.services.backups import BackupFailedError, take_backup
from nextcall.ui.startup.recovery_dialog import RecoveryDialog, check_at_startup

NOW = datetime(2026, 11, 20, 14, 5)


@pytest.fixture
def damaged(isolated_profile: DataPaths) -> DataPaths:
    fill(isolated_profile, ("Acme", "Bolt", "Crest"), notes=2)
    take_backup(isolated_profile, "exit", NOW - timedelta(hours=1))
    fill(isolated_profile, ("Delta",))
    flip_bytes(isolated_profile)
    return isolated_profile


def answer_with(button_text: str) -> list[str]:
    """Click ``button_text`` in the modal dialog as soon as it shows; returns its texts."""
    seen: list[str] = []

    def click() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryDialog):
            QTimer.singleShot(10, click)
            return
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        buttons = {b.text().replace("&", ""): b for b in dialog.findChildren(QPushButton)}
        buttons[button_text].click()

    QTimer.singleShot(0, click)
    return seen


def test_a_sound_file_opens_without_a_question(qtbot, isolated_profile: DataPaths) -> None:  # type: ignore[no-untyped-def]
    fill(isolated_profile, ("Acme",))
    assert check_at_startup(isolated_profile).go_on


def test_restore_moves_the_damaged_file_aside_and_brings_back_the_backup(
    qtbot, damaged: DataPaths
) -> None:  # type: ignore[no-untyped-def]
    damaged_bytes = damaged.database.read_bytes()
    seen = answer_with("Restore this backup")
    startup = check_at_startup(damaged)
    text = " ".join(seen)
    assert "parts of it are damaged and cannot be read" in text
    assert "3 applications, 2 notes" in text
    assert "Fri 20 Nov 2026, 13:05" in text
    assert startup.go_on
    [aside] = damaged.root.glob("nextcall.sqlite3.damaged-*")
    assert aside.read_bytes() == damaged_bytes
    assert str(aside) in text  # the dialog said where it would go, and that is where it is
    assert str(aside) in startup.message
    assert startup.message.startswith("Restored the backup from Fri 20 Nov 2026, 13:05")
    assert applications(damaged) == 3


def test_starting_empty_keeps_the_damaged_file_and_says_where(qtbot, damaged: DataPaths) -> None:  # type: ignore[no-untyped-def]
    answer_with("Start with empty data")
    startup = check_at_startup(damaged)
    assert startup.go_on
    [aside] = damaged.root.glob("nextcall.sqlite3.damaged-*")
    assert startup.message == f"Started with empty data. The damaged file is kept at {aside}"
    assert applications(damaged) == 0


def test_quitting_changes_nothing(qtbot, damaged: DataPaths) -> None:  # type: ignore[no-untyped-def]
    before = damaged.database.read_bytes()
    answer_with("Quit")
    assert not check_at_startup(damaged).go_on
    assert damaged.database.read_bytes() == before
    assert list(damaged.root.glob("*.damaged-*")) == []


def test_without_a_backup_there_is_no_restore_button(qtbot, isolated_profile: DataPaths) -> None:  # type: ignore[no-untyped-def]
    fill(isolated_profile, ("Acme",))
    truncate(isolated_profile)
    found = recovery.plan(isolated_profile)
    assert found is not None and found.offer is None
    dialog = RecoveryDialog(found)
    qtbot.addWidget(dialog)
    assert dialog.restore_button is None
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "No good backup was found" in text
    assert "cut off" in text


def test_a_failed_restore_still_starts(qtbot, damaged: DataPaths, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def fail(*_args: object, **_kwargs: object) -> None:
        raise BackupFailedError("the disk is full")

    warned: list[str] = []
    monkeypatch.setattr(recovery, "recover", fail)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    answer_with("Restore this backup")
    startup = check_at_startup(damaged)
    assert startup.go_on and startup.message.startswith("Started with empty data.")
    assert "the disk is full" in warned[0]


def test_a_deleted_data_file_is_offered_its_backup_before_anything_else(
    qtbot, isolated_profile: DataPaths
) -> None:  # type: ignore[no-untyped-def]
    fill(isolated_profile, ("Acme", "Bolt", "Crest"), notes=2)
    take_backup(isolated_profile, "exit", NOW - timedelta(hours=1))
    isolated_profile.database.unlink()
    seen = answer_with("Restore this backup")
    startup = check_at_startup(isolated_profile)
    text = " ".join(seen)
    assert "Your data is not where NextCall left it" in text
    assert "the data file is missing" in text and "3 applications, 2 notes" in text
    assert (
        startup.go_on
        and startup.message
        == "Restored the backup from Fri 20 Nov 2026, 13:05 (3 applications, 2 notes)."
    )
    assert applications(isolated_profile) == 3
    assert not list(isolated_profile.root.glob("nextcall.sqlite3.damaged-*"))


def test_damage_found_after_the_first_paint_is_offered_over_the_window(
    qtbot, isolated_profile: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The window paints its first rows from the file before the check has spoken; when the
    check then finds damage, the question comes over the painted window, and the window
    shows what the chosen backup holds."""
    from nextcall.ui.shell.main_window import MainWindow
    from nextcall.ui.startup import app as startup

    fill(isolated_profile, ("Acme", "Bolt", "Crest"), notes=400)
    take_backup(isolated_profile, "exit", NOW - timedelta(hours=1))
    fill(isolated_profile, ("Delta",))
    pages = isolated_profile.database.stat().st_size // 4096
    flip_bytes(isolated_profile, first_page=pages - 12, pages=10)  # the notes, not the table
    shown: dict[str, object] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryDialog):
            QTimer.singleShot(10, answer)
            return
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        shown["painted"] = [w.isVisible() and w.applications.model.total for w in windows]
        shown["parent"] = type(dialog.parentWidget()).__name__
        buttons = {b.text().replace("&", ""): b for b in dialog.findChildren(QPushButton)}
        buttons["Restore this backup"].click()

    def close_when_started() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows or not windows[0].db.opened:
            QTimer.singleShot(20, close_when_started)
            return
        shown["after"] = windows[0].applications.model.total
        windows[0].close()

    QTimer.singleShot(0, answer)
    QTimer.singleShot(0, close_when_started)
    monkeypatch.setattr(startup, "install_exception_hooks", lambda _reporter: lambda: None)
    assert startup.run_app(str(isolated_profile.root)) == 0
    assert shown["painted"] == [4]  # the damaged file's first page, painted before the question
    assert shown["parent"] == "MainWindow"
    assert shown["after"] == 3  # the backup's applications
    assert applications(isolated_profile) == 3
