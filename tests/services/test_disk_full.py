"""A full disk and a read-only data folder: writes fail with one clear message (services and
CLI), and what was saved before stays intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cli_helpers import one_error, run
from nextcall.core.errors import DiskFullError, ReadOnlyError, StorageError
from nextcall.core.paths import DataPaths, resolve
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.notes import NoteInput, add_note, get_note, save_note
from storage_helpers import fill_up, remount, simulated, tiny_filesystem

BIG = "Notes from the panel interview. " * 8000  # about 250 KB: needs new pages


@pytest.fixture
def noted(db: Database) -> int:
    app_id = add_application(db, ApplicationForm(company="Acme", position="Agent"))
    return add_note(db, NoteInput("Speak up on the phone", application_id=app_id))


def _sound(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_full_disk_refuses_the_save_with_a_clear_message_and_keeps_the_old_text(
    db: Database, noted: int
) -> None:
    with simulated("full", db.engine), pytest.raises(DiskFullError) as caught:
        save_note(db, noted, body=BIG)
    message = str(caught.value)
    assert message.startswith("Your disk is full: NextCall could not save the change")
    assert "Free some space, then try again; what was saved before is intact." in message
    assert str(db.paths.root) in message
    assert get_note(db, noted).body == "Speak up on the phone"
    _sound(db.paths.database)
    save_note(db, noted, body=BIG)  # space again: the same save goes through
    assert get_note(db, noted).body == BIG


def test_a_full_disk_refuses_a_new_note_and_adds_nothing(db: Database, noted: int) -> None:
    with simulated("full", db.engine), pytest.raises(DiskFullError):
        add_note(db, NoteInput(BIG))
    with db.session() as s:
        assert s.connection().exec_driver_sql("SELECT count(*) FROM notes").scalar() == 1


def test_a_read_only_database_refuses_changes_clearly(db: Database, noted: int) -> None:
    with simulated("read-only", db.engine), pytest.raises(ReadOnlyError) as caught:
        add_application(db, ApplicationForm(company="Bolt"))
    assert str(caught.value).startswith(f"The data folder {db.paths.root} is read-only")
    assert get_note(db, noted).body == "Speak up on the phone"


def test_other_database_errors_are_not_called_storage_errors(db: Database) -> None:
    from sqlalchemy.exc import OperationalError

    with pytest.raises(OperationalError), db.session() as s:
        s.connection().exec_driver_sql("SELECT * FROM no_such_table")


def test_the_command_line_prints_one_line_when_the_disk_is_full(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    assert run(capsys, "add", "Acme")[0] == 0
    with simulated("full"):
        code, out, err = run(capsys, "note", "Acme", BIG)
    assert code == 1 and out == ""
    assert one_error(err).startswith(
        "nextcall: error: Your disk is full: NextCall could not save the change"
    )
    db = Database.open(isolated_profile)
    try:
        with db.session() as s:  # nothing half-written
            assert s.connection().exec_driver_sql("SELECT count(*) FROM notes").scalar() == 0
    finally:
        db.close()


def test_the_command_line_prints_one_line_when_the_database_is_read_only(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    assert run(capsys, "add", "Acme")[0] == 0
    with simulated("read-only"):
        code, _out, err = run(capsys, "record", "Acme", "phone-interview", "passed")
    assert code == 1
    assert "is read-only: NextCall could not save the change" in one_error(err)


@pytest.mark.slow
def test_a_real_tiny_file_system_that_fills_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with tiny_filesystem(tmp_path / "tiny") as mount:
        paths = resolve(mount / "profile")
        db = Database.open(paths)
        try:
            app_id = add_application(db, ApplicationForm(company="Acme"))
            note = add_note(db, NoteInput("kept safe", application_id=app_id))
            filler = fill_up(mount)
            with pytest.raises(StorageError) as caught:
                save_note(db, note, body=BIG)
            assert isinstance(caught.value, DiskFullError), caught.value
            assert get_note(db, note).body == "kept safe"
            code, _out, err = run(capsys, "--data-dir", str(paths.root), "note", "Acme", BIG)
            assert code == 1
            assert "Your disk is full" in one_error(err)
            filler.unlink()
            save_note(db, note, body=BIG)
            assert get_note(db, note).body == BIG
        finally:
            db.close()
        _sound(paths.database)


@pytest.mark.slow
def test_a_real_read_only_file_system(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with tiny_filesystem(tmp_path / "tiny") as mount:
        paths = resolve(mount / "profile")
        db = Database.open(paths)
        add_application(db, ApplicationForm(company="Acme"))
        db.close()
        remount(mount, "ro")
        try:
            with pytest.raises(ReadOnlyError):
                Database.open(paths)
            code, _out, err = run(capsys, "--data-dir", str(paths.root), "add", "Bolt")
            assert code == 1
            assert one_error(err).startswith(
                f"nextcall: error: The drive holding {paths.root} is read-only"
            )
        finally:
            remount(mount, "rw")
        _sound(paths.database)
