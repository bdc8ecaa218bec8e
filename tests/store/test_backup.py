"""store/backup.py: a backup that exists is a private copy that opens."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from nextcall.core.paths import DataPaths
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.store.backup import BackupError, backup_database

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
