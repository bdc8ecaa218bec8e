"""What a storage fault found at start says: the cause, where, and how to fix it in words a
person can follow (a command to copy, no markup), for a folder or file without permission
(owned by the user or by someone else), a full disk and a read-only drive."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nextcall.core.errors import DiskFullError, ReadOnlyError
from nextcall.store import failures


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "NextCall"
    root.mkdir()
    (root / "nextcall.sqlite3").write_bytes(b"")
    return root


def refuse_writes(monkeypatch: pytest.MonkeyPatch, refused: Path) -> None:
    """``refused`` cannot be written by this user (root passes every permission check)."""
    real = os.access

    def access(path: os.PathLike[str] | str, mode: int) -> bool:
        return False if Path(path) == refused and mode & os.W_OK else real(path, mode)

    monkeypatch.setattr(failures.os, "access", access)


@pytest.mark.skipif(os.name == "nt", reason="the command shown is for Linux and macOS")
def test_a_folder_without_permission_gives_the_command_to_fix_it(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.chmod(folder, 0o500)
    try:
        refuse_writes(monkeypatch, folder)
        problem = failures.open_failure(OSError("unable to open"), folder / "nextcall.sqlite3")
    finally:
        os.chmod(folder, 0o700)
    assert isinstance(problem, ReadOnlyError)
    text = str(problem)
    assert f"write in the data folder {folder} (permissions 0500)" in text
    assert text.endswith(
        "NextCall never changes them itself: make it writable for your user. Your data is "
        f'intact and can still be shown and exported. In a terminal: chmod u+rwx "{folder}"'
    )
    assert "`" not in text and "try again" not in text


@pytest.mark.skipif(os.name == "nt", reason="the command shown is for Linux and macOS")
def test_a_folder_owned_by_someone_else_is_said_to_be_theirs(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_writes(monkeypatch, folder)
    monkeypatch.setattr(failures, "_owner", lambda path: "root" if path == folder else None)
    text = str(failures.open_failure(OSError("unable to open"), folder / "nextcall.sqlite3"))
    assert f"({'permissions ' + failures._mode(folder)}, owned by root)" in text
    assert "NextCall never changes them itself: give it back to your user." in text
    assert text.endswith(f'In a terminal: sudo chown -R "$USER" "{folder}"')


def test_a_read_only_data_file_gives_its_own_command(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = folder / "nextcall.sqlite3"
    refuse_writes(monkeypatch, data)
    text = str(failures.open_failure(OSError("unable to open"), data))
    assert text.startswith(f"The data file, {data}, is read-only for you")
    if os.name != "nt":
        assert text.endswith(f'In a terminal: chmod u+rw "{data}"')


def test_a_full_disk_says_how_to_make_room(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(failures, "_free_bytes", lambda _folder: 4096)
    problem = failures.open_failure(OSError("disk I/O error"), folder / "nextcall.sqlite3")
    assert isinstance(problem, DiskFullError)
    assert str(problem).startswith(
        f"Your disk is full ({folder}): NextCall cannot save anything until you free some "
        "space on it (empty the trash, or delete or move large files you no longer need)."
    )


def test_a_read_only_drive_says_how_to_make_it_writable(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(failures, "read_only_medium", lambda _folder: True)
    text = str(failures.open_failure(OSError("readonly"), folder / "nextcall.sqlite3"))
    assert text.startswith(f"The drive holding {folder} is read-only")
    assert "(mount it read-write, or slide the card's switch back)" in text
