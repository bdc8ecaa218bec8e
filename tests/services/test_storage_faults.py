"""Each storage fault is told apart and named (a full disk, a read-only drive, a folder or file
without permission) instead of being called damage; reading and exporting keep working, the
user's permissions are never changed, and the file comes out byte-identical."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_helpers import run
from nextcall.core.paths import DataPaths, resolve
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from storage_helpers import fill_up, remount, tiny_filesystem

NOBODY = 65534


def _profile(root: Path) -> DataPaths:
    paths = resolve(root)
    db = Database.open(paths)
    try:
        for name in ("Acme", "Bolt", "Crest"):
            add_application(db, ApplicationForm(company=name))
    finally:
        db.close()
    return paths


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder another user can reach (pytest's own temporary folders are root's only)."""
    folder = Path(tempfile.mkdtemp(prefix="nextcall-faults-"))
    os.chmod(folder, 0o755)
    try:
        yield folder
    finally:
        for path in (folder, *folder.rglob("*")):
            if path.is_dir():
                os.chmod(path, 0o700)
        shutil.rmtree(folder, ignore_errors=True)


def _as_nobody(paths: DataPaths, *argv: str) -> subprocess.CompletedProcess[str]:
    """``nextcall ARGV`` run as an unprivileged user (root ignores permissions)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run a command as another user")
    as_nobody = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    env = {**os.environ, "HOME": str(paths.root.parent)}
    probe = subprocess.run(
        [*as_nobody, sys.executable, "-c", "import nextcall"],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    if probe.returncode != 0:  # e.g. a Python whose library lies in root's home
        pytest.skip(f"this Python cannot run as an unprivileged user: {probe.stderr.strip()}")
    command = [*as_nobody, sys.executable, "-m", "nextcall", "--data-dir", str(paths.root), *argv]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)


def test_a_full_disk_is_named_and_reading_and_exporting_still_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with tiny_filesystem(tmp_path / "tiny") as mount:
        paths = _profile(mount / "profile")
        before = _digest(paths.database)
        filler = fill_up(mount)
        try:
            code, out, err = run(capsys, "--data-dir", str(paths.root), "funnel")
            assert (code, err) == (0, ""), err
            assert "Application" in out
            target = tmp_path / "elsewhere.csv"
            code, _out, err = run(capsys, "--data-dir", str(paths.root), "export", str(target))
            assert (code, err) == (0, ""), err
            assert "Crest" in target.read_text(encoding="utf-8-sig")
            code, _out, err = run(capsys, "--data-dir", str(paths.root), "add", "Delta")
            assert code == 1 and "Your disk is full" in err
            code, out, _err = run(capsys, "--data-dir", str(paths.root), "check")
            assert code == 1 and "disk is full" in out and "damaged" not in out
        finally:
            filler.unlink()
        assert _digest(paths.database) == before
        code, out, _err = run(capsys, "--data-dir", str(paths.root), "check")
        assert (code, out.strip()) == (0, "ok")


def test_a_read_only_drive_is_named_and_reading_still_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with tiny_filesystem(tmp_path / "tiny") as mount:
        paths = _profile(mount / "profile")
        before = _digest(paths.database)
        remount(mount, "ro")
        try:
            code, out, err = run(capsys, "--data-dir", str(paths.root), "funnel")
            assert (code, err) == (0, ""), err
            report = tmp_path / "report.pdf"
            code, _out, err = run(
                capsys, "--data-dir", str(paths.root), "report", "-o", str(report)
            )
            assert (code, err) == (0, ""), err
            assert report.read_bytes().startswith(b"%PDF")
            code, _out, err = run(capsys, "--data-dir", str(paths.root), "note", "Acme", "hi")
            assert code == 1 and "read-only" in err and "damaged" not in err
            code, out, _err = run(capsys, "--data-dir", str(paths.root), "check")
            assert code == 1 and "read-only" in out and "damaged" not in out
        finally:
            remount(mount, "rw")
        assert _digest(paths.database) == before


def test_a_folder_without_write_permission_is_named_and_left_as_it_is(
    shared_tmp: Path,
) -> None:
    paths = _profile(shared_tmp / "profile")
    os.chmod(paths.root, 0o755)
    for name in os.listdir(paths.root):
        shutil.chown(paths.root / name, NOBODY, NOBODY)
    shutil.chown(paths.root, NOBODY, NOBODY)
    os.chmod(paths.root, 0o500)
    done = _as_nobody(paths, "funnel")
    assert done.returncode == 0, done.stderr
    done = _as_nobody(paths, "add", "Delta")
    assert done.returncode == 1
    assert "You do not have permission to write in the data folder" in done.stderr
    assert "damaged" not in done.stderr
    assert stat.S_IMODE(paths.root.stat().st_mode) == 0o500  # never changed behind the user


def test_a_read_only_file_left_beside_the_data_is_the_one_named(shared_tmp: Path) -> None:
    paths = _profile(shared_tmp / "profile")
    shm = paths.database.with_name(paths.database.name + "-shm")
    shm.write_bytes(b"\0" * 32768)
    for path in (paths.root, *paths.root.iterdir()):
        shutil.chown(path, NOBODY, NOBODY)
    os.chmod(shm, 0o400)
    done = _as_nobody(paths, "add", "Delta")
    assert done.returncode == 1
    assert str(shm) in done.stderr and "damaged" not in done.stderr


def test_a_file_locked_by_another_program_is_named_as_such(
    isolated_profile: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib
    import sqlite3

    from nextcall.core.errors import LockedError
    from nextcall.store import engine

    _profile(isolated_profile.root)
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)
    with contextlib.closing(
        sqlite3.connect(isolated_profile.database, isolation_level=None)
    ) as other:
        other.execute("PRAGMA locking_mode=EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")  # what a backup or sync tool holding the file does
        with pytest.raises(LockedError, match="locked by another program"):
            Database.open(isolated_profile)
        other.execute("ROLLBACK")
