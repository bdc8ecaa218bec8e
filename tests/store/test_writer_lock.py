"""store/writer_lock.py: one writer per data folder; a crashed holder's lock is taken over."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lock_helpers import hold_in_child
from nextcall.core.errors import ReadOnlyError
from nextcall.store import writer_lock
from nextcall.store.writer_lock import (
    APP_ROLE,
    LOCK_NAME,
    FolderBusyError,
    Holder,
    WriterLock,
    parse_holder,
    pid_alive,
    read_holder,
)


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    child = hold_in_child(tmp_path)
    yield child
    child.kill()
    child.wait()


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not pid_alive(child.pid)
    return child.pid


def test_acquire_writes_who_holds_it_and_release_empties_the_file(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path / "profile").acquire()
    found = read_holder(tmp_path / "profile")
    assert found is not None and found.pid == os.getpid() and found.is_app
    assert found.on_this_computer() and found.alive()
    if os.name == "posix":
        assert (tmp_path / "profile" / LOCK_NAME).stat().st_mode & 0o777 == 0o600
    lock.release()
    assert (tmp_path / "profile" / LOCK_NAME).read_text() == ""
    assert read_holder(tmp_path / "profile") is None
    lock.release()  # twice is harmless


def test_a_second_holder_in_the_same_process_is_refused(tmp_path: Path) -> None:
    with WriterLock(tmp_path):
        with pytest.raises(FolderBusyError) as caught:
            WriterLock(tmp_path, "nextcall command add").acquire()
        assert str(caught.value).startswith(
            f"NextCall is open on this data folder (process {os.getpid()}); close it or use the app"
        )
    WriterLock(tmp_path).acquire().release()  # free again


def test_another_process_holding_it_makes_acquire_wait_then_fail(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    lock = WriterLock(tmp_path, "nextcall command add")
    assert not lock.try_acquire()
    with pytest.raises(FolderBusyError) as caught:
        lock.acquire(wait=0.3)
    assert caught.value.holder == Holder(holder.pid, APP_ROLE, caught.value.holder.host)
    assert f"(process {holder.pid})" in str(caught.value)


def test_a_command_holding_it_is_named_as_a_command(tmp_path: Path) -> None:
    child = hold_in_child(tmp_path, "nextcall command import")
    try:
        with pytest.raises(FolderBusyError) as caught:
            WriterLock(tmp_path).acquire()
        message = str(caught.value)
        assert message.startswith("another NextCall command is writing to this data folder")
        assert f"process {child.pid}, nextcall command import" in message
    finally:
        child.kill()
        child.wait()


def test_acquire_waits_for_a_holder_that_finishes_in_time(tmp_path: Path) -> None:
    child = hold_in_child(tmp_path, "nextcall command import", release_after=0.3)
    try:
        lock = WriterLock(tmp_path).acquire(wait=5.0)
        assert lock.taken_over is None  # released cleanly: nothing to take over
        lock.release()
    finally:
        child.kill()
        child.wait()


def test_a_killed_holder_leaves_a_stale_lock_that_is_taken_over(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    stale = read_holder(tmp_path)
    assert stale is not None and stale.pid == holder.pid and not stale.alive()
    lock = WriterLock(tmp_path).acquire()
    assert lock.taken_over is not None and lock.taken_over.pid == holder.pid
    assert read_holder(tmp_path).pid == os.getpid()  # type: ignore[union-attr]
    lock.release()


def test_a_lock_file_left_with_a_dead_pid_is_taken_over(tmp_path: Path) -> None:
    pid = dead_pid()
    (tmp_path / LOCK_NAME).write_text(f"{pid}\n{APP_ROLE}\n{os.uname().nodename}\n")
    lock = WriterLock(tmp_path).acquire()
    assert lock.taken_over is not None and lock.taken_over.pid == pid
    lock.release()


def test_without_file_locking_a_live_pid_keeps_the_folder_and_a_dead_one_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, holder: subprocess.Popen[str]
) -> None:
    """On a file system that cannot lock, the lines in the file decide."""
    monkeypatch.setattr(writer_lock, "_lock", lambda fd: None)
    monkeypatch.setattr(writer_lock, "_unlock", lambda fd: None)
    with pytest.raises(FolderBusyError):
        WriterLock(tmp_path).acquire()  # the holder child is alive
    holder.kill()
    holder.wait()
    lock = WriterLock(tmp_path).acquire()
    assert lock.taken_over is not None and lock.taken_over.pid == holder.pid
    lock.release()


def test_a_lock_from_another_computer_is_never_judged_stale_from_here() -> None:
    other = Holder(1, APP_ROLE, "somewhere-else.example")
    assert other.alive()
    assert other.describe() == "process 1 on somewhere-else.example"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("\n\n", None),
        ("12\nNextCall app\nhost\n", Holder(12, APP_ROLE, "host")),
        ("junk", Holder(None, "NextCall", "")),
        ("7\n", Holder(7, "NextCall", "")),
    ],
)
def test_lock_file_lines_are_read_leniently(text: str, expected: Holder | None) -> None:
    assert parse_holder(text) == expected


def test_a_read_only_folder_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> int:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(writer_lock.os, "open", refuse)
    with pytest.raises(ReadOnlyError, match="cannot write in its data folder"):
        WriterLock(tmp_path).acquire()
