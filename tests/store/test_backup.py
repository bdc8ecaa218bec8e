"""store/backup.py: a backup that exists is a private copy that opens; listing, reading,
restoring and moving a damaged file aside."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from nextcall.core.paths import DataPaths
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.store.backup import (
    BackupError,
    backup_database,
    backup_files,
    inspect_backup,
    move_aside,
    parse_name,
    restore_database,
)
from nextcall.store.migrate import HEAD_REVISION

TABLES = ("companies", "applications", "stages", "notes")


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with contextlib.closing(sqlite3.connect(path)) as c:
        return {t: c.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}


@pytest.fixture
def source(db: Database) -> Path:
    for name in ("Acme", "Bolt", "Crest"):
        add_application(db, ApplicationForm(company=name, position="Agent", salary_expected="18k"))
    return db.paths.database


def test_backup_is_a_faithful_copy(source: Path, isolated_profile: DataPaths) -> None:
    # The source is open (WAL mode, recent writes possibly only in the -wal file).
    target = backup_database(source, isolated_profile.backups, "manual")
    assert target.parent == isolated_profile.backups
    assert target.name.startswith("nextcall-manual-")
    assert target.suffix == ".sqlite3"
    assert rows(target) == rows(source)
    assert len(rows(target)["applications"]) == 3
    with contextlib.closing(sqlite3.connect(target)) as c:
        assert c.execute("PRAGMA quick_check").fetchone() == ("ok",)
        # A self-contained file: no WAL sidecar needed to read it.
        assert c.execute("PRAGMA journal_mode").fetchone() == ("delete",)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX-only")
def test_backup_file_and_folder_are_private(
    source: Path, tmp_path: Path, permissive_umask: None
) -> None:
    folder = tmp_path / "backups"
    target = backup_database(source, folder, "manual")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_two_backups_do_not_overwrite_each_other(source: Path, tmp_path: Path) -> None:
    first = backup_database(source, tmp_path / "b", "manual")
    second = backup_database(source, tmp_path / "b", "manual")
    assert first != second
    assert first.exists()
    assert second.exists()


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "nextcall.sqlite3"
    bogus.write_bytes(b"this is not SQLite at all, just some text\n" * 200)
    folder = tmp_path / "backups"
    with pytest.raises(BackupError, match=r"nextcall\.sqlite3"):
        backup_database(bogus, folder, "manual")
    assert list(folder.iterdir()) == []  # no partial file, no half-written backup


def test_a_missing_source_is_refused_without_creating_it(tmp_path: Path) -> None:
    missing = tmp_path / "gone.sqlite3"
    folder = tmp_path / "backups"
    with pytest.raises(BackupError):
        backup_database(missing, folder, "manual")
    assert not folder.exists() or list(folder.iterdir()) == []
    # sqlite3.connect would create an empty file: a backup must never create its source.
    assert not missing.exists()


# -- names, listing, reading a backup ------------------------------------------------------------

NOW = datetime(2026, 11, 20, 9, 30, 15, 123456)


def test_names_carry_label_and_time_and_a_fixed_clock_never_overwrites(
    source: Path, tmp_path: Path
) -> None:
    first = backup_database(source, tmp_path / "b", "before-migration-0001", now=NOW)
    second = backup_database(source, tmp_path / "b", "before-migration-0001", now=NOW)
    assert first.name == "nextcall-before-migration-0001-20261120-093015-123456.sqlite3"
    assert second != first and second.exists()
    assert parse_name(first.name) == ("before-migration-0001", NOW)
    assert parse_name("nextcall-auto-20261120-093015-123456.partial") == ("auto", NOW)
    for other in (
        "notes.txt",
        "nextcall-auto-2026.sqlite3",
        "nextcall-auto-20261320-093015-000000.sqlite3",
    ):
        assert parse_name(other) is None


def test_a_label_is_checked(source: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        backup_database(source, tmp_path, "../escape")


def test_listing_is_newest_first_and_ignores_other_files(source: Path, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    older = backup_database(source, folder, "auto", now=datetime(2026, 11, 1, 8, 0))
    newer = backup_database(source, folder, "manual", now=datetime(2026, 11, 2, 8, 0))
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8")
    (folder / "nextcall-auto-20261103-080000-000000.partial").write_bytes(b"")
    assert backup_files(folder) == [newer, older]
    assert backup_files(tmp_path / "missing") == []


def test_inspect_reads_counts_without_touching_the_file(source: Path, tmp_path: Path) -> None:
    target = backup_database(source, tmp_path / "b", "auto", now=NOW)
    before = (target.read_bytes(), target.stat().st_mtime_ns)
    info = inspect_backup(target)
    assert (info.label, info.taken, info.size) == ("auto", NOW, target.stat().st_size)
    assert (info.applications, info.notes, info.ok, info.problem) == (3, 0, True, None)
    assert info.revision == HEAD_REVISION
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before
    assert not target.with_name(target.name + "-wal").exists()


def test_a_broken_file_in_the_folder_is_listed_as_damaged(source: Path, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    good = backup_database(source, folder, "auto", now=NOW)
    garbage = folder / "nextcall-auto-20261121-000000-000000.sqlite3"
    garbage.write_bytes(b"not a database " * 500)
    flipped = folder / "nextcall-auto-20261122-000000-000000.sqlite3"
    data = bytearray(good.read_bytes())
    for i in range(4096, len(data), 3):
        data[i] ^= 0x5A
    flipped.write_bytes(bytes(data))
    other = folder / "nextcall-manual-20261123-000000-000000.sqlite3"
    with contextlib.closing(sqlite3.connect(other)) as c:
        c.execute("CREATE TABLE t (x)")
    infos = {p.name: inspect_backup(p) for p in backup_files(folder)}
    assert infos[good.name].ok
    assert infos[garbage.name].problem is not None and "damaged" in infos[garbage.name].problem
    assert infos[flipped.name].problem is not None and "damaged" in infos[flipped.name].problem
    assert infos[other.name].problem == "not a NextCall database"


# -- restoring and moving aside ------------------------------------------------------------------


def test_restore_puts_the_backup_over_the_live_file(db: Database, source: Path) -> None:
    saved = backup_database(source, db.paths.backups, "manual")
    add_application(db, ApplicationForm(company="Dyno", position="Agent"))
    assert len(rows(source)["applications"]) == 4
    mode = stat.S_IMODE(source.stat().st_mode)
    db.engine.dispose()
    restore_database(saved, source)
    assert rows(source) == rows(saved)
    assert stat.S_IMODE(source.stat().st_mode) == mode
    # The same engine opens new connections on the restored file and keeps working.
    add_application(db, ApplicationForm(company="Echo", position="Agent"))
    assert [r[0] for r in _companies(source)] == ["Acme", "Bolt", "Crest", "Echo"]


def _companies(path: Path) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as c:
        return c.execute("SELECT name FROM companies ORDER BY id").fetchall()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX-only")
def test_restore_into_a_missing_file_creates_it_private(
    source: Path, tmp_path: Path, permissive_umask: None
) -> None:
    saved = backup_database(source, tmp_path / "b", "manual")
    target = tmp_path / "new" / "nextcall.sqlite3"
    restore_database(saved, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert rows(target) == rows(saved)


def test_restore_refuses_a_damaged_backup_and_leaves_the_target(
    source: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "nextcall-auto-20261121-000000-000000.sqlite3"
    bad.write_bytes(b"garbage" * 1000)
    before = rows(source)
    with pytest.raises(BackupError, match="nextcall-auto-20261121"):
        restore_database(bad, source)
    assert rows(source) == before


def test_move_aside_takes_the_sidecars_along(tmp_path: Path) -> None:
    path = tmp_path / "nextcall.sqlite3"
    for suffix, content in (("", b"main"), ("-wal", b"wal"), ("-shm", b"shm")):
        (tmp_path / f"nextcall.sqlite3{suffix}").write_bytes(content)
    moved = move_aside(path, NOW)
    assert moved.name == "nextcall.sqlite3.damaged-20261120-093015"
    assert moved.read_bytes() == b"main"
    assert (tmp_path / f"{moved.name}-wal").read_bytes() == b"wal"
    assert (tmp_path / f"{moved.name}-shm").read_bytes() == b"shm"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        moved.name,
        f"{moved.name}-shm",
        f"{moved.name}-wal",
    ]
    path.write_bytes(b"again")  # a second damaged file in the same second: a new name
    second = move_aside(path, NOW)
    assert second != moved and moved.read_bytes() == b"main"
