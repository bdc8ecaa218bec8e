"""A repair restores the newest good backup, then brings back from the damaged file what the
backup lacks, and says so: notes and applications written after the backup are not lost
because a page elsewhere in the file was damaged."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cli_helpers import run
from damage_helpers import PAGE, fill
from nextcall.core.paths import DataPaths
from nextcall.services import recovery
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.backups import take_backup
from nextcall.services.database import Database
from nextcall.services.notes import NoteInput, add_note, save_note
from nextcall.store.salvage import salvage_into

NOW = datetime(2026, 11, 20, 14, 5)


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as con:
        return con.execute(sql).fetchall()


def _damage_page_of(path: Path, name: str) -> None:
    """Garble the root page of table or index ``name``: the file no longer passes its check."""
    [(root,)] = _rows(path, f"SELECT rootpage FROM sqlite_master WHERE name = '{name}'")
    data = bytearray(path.read_bytes())
    start = (root - 1) * PAGE
    for i in range(start + 8, start + PAGE, 3):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


@pytest.fixture
def after_backup(isolated_profile: DataPaths) -> DataPaths:
    """3 applications and 2 notes in the backup; then 1 application, 3 notes and an edit."""
    fill(isolated_profile, ("Acme", "Bolt", "Crest"), notes=2)
    take_backup(isolated_profile, "exit", NOW - timedelta(hours=1))
    db = Database.open(isolated_profile)
    try:
        first_note = _rows(isolated_profile.database, "SELECT min(id) FROM notes")[0][0]
        save_note(db, first_note, body="Tip number 0, rewritten after the backup")
        late = add_application(db, ApplicationForm(company="Delta", position="Chat agent"))
        for body in ("Speak slower", "Smile on the phone"):
            add_note(db, NoteInput(body=body, application_id=late))
        add_note(db, NoteInput(body="Bring two IDs", application_id=1))
    finally:
        db.close()
    with contextlib.closing(sqlite3.connect(isolated_profile.database)) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return isolated_profile


def test_repair_brings_back_what_the_backup_lacks(
    after_backup: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    _damage_page_of(after_backup.database, "ix_applications_status")
    assert recovery.plan(after_backup) is not None  # damaged: a repair restores the backup
    code, out, err = run(capsys, "check", "--repair")
    assert (code, err) == (0, ""), out
    assert "1 application, 4 notes written after the backup were recovered" in out
    assert out.strip().endswith("ok")
    notes = {body for (body,) in _rows(after_backup.database, "SELECT body FROM notes")}
    assert notes == {
        "Tip number 0, rewritten after the backup",
        "Tip number 1",
        "Speak slower",
        "Smile on the phone",
        "Bring two IDs",
    }
    companies = _rows(after_backup.database, "SELECT name FROM companies ORDER BY name")
    assert [c for (c,) in companies] == ["Acme", "Bolt", "Crest", "Delta"]
    hits = _rows(
        after_backup.database, "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'IDs'"
    )
    assert hits == [(1,)]  # the search index knows the recovered note


def test_what_cannot_be_read_is_counted_and_the_damaged_file_kept(
    after_backup: DataPaths, tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(after_backup.database.read_bytes())
    _damage_page_of(damaged, "notes")  # the notes themselves: those rows are gone
    backup = tmp_path / "restored.sqlite3"
    [newest] = sorted(after_backup.backups.glob("nextcall-exit-*.sqlite3"))
    backup.write_bytes(newest.read_bytes())
    result = salvage_into(backup, damaged)
    assert result.recovered["applications"] == 1
    assert result.recovered["notes"] + result.updated["notes"] < 4  # not all came back
    lines = result.describe(damaged)
    assert lines[0].startswith("1 application") and "recovered from the damaged file" in lines[0]
    assert result.lost["notes"] or "notes" in result.unreadable
    assert str(damaged) in lines[-1]  # what is missing is said, and where it is kept
    assert _rows(backup, "PRAGMA integrity_check") == [("ok",)]
    assert _rows(backup, "PRAGMA foreign_key_check") == []
