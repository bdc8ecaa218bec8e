"""SQLite opens a file whose -wal and -shm files were left beside it (a crash, a program killed)
without writing a byte, so on a read-only drive or a full disk opening alone does not tell.
NextCall looks at the drive too: the profile opens read-only with the reason, as it does when
nothing was left over, instead of opening "writable" and failing at the first change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from nextcall.core.errors import DiskFullError, ReadOnlyError
from nextcall.core.paths import DataPaths, resolve
from nextcall.services.applications import ApplicationForm, add_application, company_names
from nextcall.services.database import Database
from storage_helpers import fill_up, remount, tiny_filesystem

LEAVE_BEHIND = (
    "import os, sqlite3, sys\n"
    "connection = sqlite3.connect(sys.argv[1])\n"
    "connection.execute('SELECT count(*) FROM applications').fetchall()\n"
    "os._exit(0)  # no close: -wal and -shm stay\n"
)


def _profile_with_leftovers(root: Path) -> DataPaths:
    paths = resolve(root)
    db = Database.open(paths)
    add_application(db, ApplicationForm(company="Acme"))
    db.close()
    subprocess.run([sys.executable, "-c", LEAVE_BEHIND, str(paths.database)], check=True)
    assert paths.database.with_name("nextcall.sqlite3-wal").exists()
    assert paths.database.with_name("nextcall.sqlite3-shm").exists()
    return paths


def test_a_read_only_drive_with_leftovers_opens_read_only(tmp_path: Path) -> None:
    with tiny_filesystem(tmp_path / "tiny") as mount:
        paths = _profile_with_leftovers(mount / "profile")
        remount(mount, "ro")
        try:
            with pytest.raises(ReadOnlyError, match="The drive holding"):
                Database.open(paths).close()
            db = Database.open_for_reading(paths)
            try:
                assert db.read_only.startswith(f"The drive holding {paths.root} is read-only")
                assert company_names(db) == ["Acme"]  # shown
            finally:
                db.close()
        finally:
            remount(mount, "rw")


def test_a_full_disk_with_leftovers_opens_read_only(tmp_path: Path) -> None:
    with tiny_filesystem(tmp_path / "tiny") as mount:
        paths = _profile_with_leftovers(mount / "profile")
        filler = fill_up(mount)
        try:
            with pytest.raises(DiskFullError):
                Database.open(paths).close()
            db = Database.open_for_reading(paths)
            try:
                assert db.read_only.startswith("Your disk is full")
            finally:
                db.close()
        finally:
            filler.unlink()
        Database.open(paths).close()  # room again: writable
