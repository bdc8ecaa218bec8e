"""services/recovery.py: a damaged file is found, moved aside (never deleted) and replaced by
the newest backup that verifies; trouble that is not damage leaves the file alone."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from damage_helpers import application_count, fill, flip_bytes, truncate
from nextcall.core.paths import DataPaths, resolve
from nextcall.services import diagnosis, recovery
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.backups import take_backup
from nextcall.services.database import Database

NOW = datetime(2026, 11, 20, 12, 0)


@pytest.fixture
def backed_up(isolated_profile: DataPaths) -> DataPaths:
    """A profile with two backups: 2 applications (older), then 3 applications and 2 notes."""
    fill(isolated_profile, ("Acme", "Bolt"))
    take_backup(isolated_profile, "auto", NOW - timedelta(hours=2))
    fill(isolated_profile, ("Crest",), notes=2)
    take_backup(isolated_profile, "exit", NOW - timedelta(hours=1))
    fill(isolated_profile, ("Delta",))  # the latest change, never backed up
    return isolated_profile


def test_a_sound_file_has_nothing_to_recover(backed_up: DataPaths) -> None:
    assert not recovery.diagnose(backed_up.database).damaged
    assert recovery.plan(backed_up, NOW) is None


def test_a_missing_or_empty_file_is_not_damage(isolated_profile: DataPaths) -> None:
    assert not recovery.diagnose(isolated_profile.database).damaged
    assert not isolated_profile.database.exists()  # and the check did not create it
    isolated_profile.ensure().database.write_bytes(b"")
    assert not recovery.diagnose(isolated_profile.database).damaged


def test_flipped_bytes_are_found_moved_aside_and_the_newest_good_backup_restored(
    backed_up: DataPaths,
) -> None:
    flip_bytes(backed_up)
    damaged_bytes = backed_up.database.read_bytes()
    found = recovery.plan(backed_up, NOW)
    assert found is not None
    assert found.diagnosis.problem == "parts of it are damaged and cannot be read"
    assert found.aside == backed_up.root / "nextcall.sqlite3.damaged-20261120-120000"
    assert found.offer is not None
    assert (found.offer.label, found.offer.applications, found.offer.notes) == ("exit", 3, 2)
    assert recovery.describe(found.offer) == "Fri 20 Nov 2026, 11:00 (3 applications, 2 notes)"
    assert backed_up.database.read_bytes() == damaged_bytes  # planning changes nothing

    moved = recovery.set_aside(backed_up, found, NOW)
    assert moved == found.aside
    assert moved.read_bytes() == damaged_bytes  # kept, byte for byte
    assert not backed_up.database.exists()
    result = recovery.recover(backed_up, found.offer, NOW, damaged=moved)
    assert result.restored.previous is None and result.restored.moved_aside is None
    assert result.damaged == moved and result.salvage is not None  # compared with the backup
    assert [p.name for p in backed_up.root.glob("nextcall.sqlite3.damaged-*")] == [moved.name]
    assert not recovery.diagnose(backed_up.database).damaged
    assert application_count(backed_up) == 3


def test_the_offer_skips_backups_that_do_not_verify(backed_up: DataPaths) -> None:
    newest = backed_up.backups / "nextcall-auto-20261120-115900-000000.sqlite3"
    shutil.copy2(sorted(backed_up.backups.iterdir())[-1], newest)
    data = bytearray(newest.read_bytes())
    for i in range(2 * 4096, len(data), 5):
        data[i] ^= 0xFF
    newest.write_bytes(bytes(data))
    flip_bytes(backed_up)
    found = recovery.plan(backed_up, NOW)
    assert found is not None and found.offer is not None
    assert found.offer.label == "exit"  # not the damaged, newer "auto" one


def test_a_truncated_file_is_damage_said_plainly(backed_up: DataPaths) -> None:
    truncate(backed_up)
    found = recovery.plan(backed_up, NOW)
    assert found is not None
    assert found.diagnosis.problem == "the file is shorter than it should be: it was cut off"
    assert found.offer is not None and found.offer.applications == 3


def test_random_bytes_are_not_a_database(backed_up: DataPaths) -> None:
    backed_up.database.write_bytes(b"\x00\x01garbage" * 5000)
    found = recovery.diagnose(backed_up.database)
    assert found.damaged
    assert found.problem is not None and found.problem.startswith("it is not a database any more")
    assert "not a database" in found.detail


def test_damage_without_any_backup_offers_nothing(isolated_profile: DataPaths) -> None:
    fill(isolated_profile, ("Acme",))
    flip_bytes(isolated_profile, first_page=1, pages=60)
    found = recovery.plan(isolated_profile, NOW)
    assert found is not None and found.offer is None


def test_the_wal_and_shm_go_along_with_the_damaged_file(backed_up: DataPaths) -> None:
    flip_bytes(backed_up)
    wal = backed_up.root / "nextcall.sqlite3-wal"
    wal.write_bytes(b"pages not yet in the main file")
    moved = recovery.set_aside(backed_up, None, NOW)
    assert (backed_up.root / f"{moved.name}-wal").read_bytes() == b"pages not yet in the main file"
    assert not wal.exists()


def test_a_busy_file_is_not_called_damaged(
    backed_up: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(diagnosis, "BUSY_MS", 0)
    with contextlib.closing(sqlite3.connect(backed_up.database, isolation_level=None)) as other:
        other.execute("PRAGMA journal_mode=DELETE")
        other.execute("PRAGMA locking_mode=EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        assert not recovery.diagnose(backed_up.database).damaged
        other.execute("ROLLBACK")


# -- a lost write-ahead log ----------------------------------------------------------------------


@pytest.fixture
def unsaved_wal(isolated_profile: DataPaths, tmp_path: Path) -> Iterator[tuple[Database, Path]]:
    """An open profile whose last two writes are only in its -wal file (no checkpoint), and a
    folder to copy its files into while it is open."""
    fill(isolated_profile, ("Acme", "Bolt"))  # closed: these are in the main file
    db = Database.open(isolated_profile)

    @event.listens_for(db.engine, "connect")
    def _no_checkpoints(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")

    db.engine.dispose()  # new connections get the setting
    add_application(db, ApplicationForm(company="Crest", position="Agent"))
    add_application(db, ApplicationForm(company="Delta", position="Agent"))
    wal = isolated_profile.root / "nextcall.sqlite3-wal"
    assert wal.stat().st_size > 0
    yield db, tmp_path / "copy"
    db.close()


def _copy_open_profile(source: DataPaths, folder: Path, suffixes: tuple[str, ...]) -> DataPaths:
    folder.mkdir()
    for suffix in suffixes:
        shutil.copy2(
            source.root / f"nextcall.sqlite3{suffix}", folder / f"nextcall.sqlite3{suffix}"
        )
    return resolve(folder)


def test_without_its_wal_the_main_file_is_sound_but_the_last_writes_are_lost(
    unsaved_wal: tuple[Database, Path],
) -> None:
    db, folder = unsaved_wal
    copy = _copy_open_profile(db.paths, folder, ("", "-shm"))  # the -wal is gone
    assert not recovery.diagnose(copy.database).damaged  # nothing to move aside
    assert recovery.plan(copy, NOW) is None
    assert application_count(copy) == 2  # Crest and Delta lived only in the lost -wal


def test_with_its_wal_the_same_copy_has_every_write(unsaved_wal: tuple[Database, Path]) -> None:
    db, folder = unsaved_wal
    copy = _copy_open_profile(db.paths, folder, ("", "-wal"))
    assert not recovery.diagnose(copy.database).damaged
    assert application_count(copy) == 4
