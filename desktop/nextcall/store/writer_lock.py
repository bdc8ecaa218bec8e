"""One writer per data folder.

The window and every command that changes data hold this lock while they run; commands that
only read (funnel, search, due, export, packet, report, check, backup) never take it, because
SQLite's write-ahead log lets them read while the app writes. A second window hands over to
the first (ui/single_instance.py); a writing command waits a moment, then says who is writing.

How it works: the lock is the file ``nextcall.lock`` in the data folder, held with an
operating-system lock on an open handle (``flock`` on Linux and macOS, ``msvcrt.locking`` on
Windows). The system drops that lock when the process ends in any way, SIGKILL and power loss
included, so a crashed run never leaves the folder locked: the next start finds the file (with
the dead process's id still in it) unlocked and takes it over. While held, the file says who
holds it, one value per line, the same lines QLockFile writes::

    4242
    NextCall app            (or: nextcall command add)
    laptop.local

A clean release empties the file, so text left in an unlocked file means the last holder
crashed; the taker reports it in the log. Where the file system cannot lock (some network
shares), the lines decide: a holder whose process is still alive on this computer keeps the
folder, a dead one is taken over (QLockFile's stale rule, minus its age limit: a window left
open for days is not stale). That fallback is best effort: two starts in the same instant
could both pass it.

Why not QLockFile itself: the command line must not load Qt, and two implementations with two
stale rules (QLockFile also declares a lock stale after 30 s unless told otherwise) would be
two chances to disagree about who may write. One small lock, used by both, keeps one answer.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from nextcall.core.errors import NextCallError
from nextcall.core.paths import private_folder
from nextcall.store.failures import folder_problem

LOCK_NAME = "nextcall.lock"
APP_ROLE = "NextCall app"
_WINDOWS_OFFSET = 1 << 30  # Windows locks a byte range: one far past the text, left readable
_NO_LOCKING = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}


@dataclass(frozen=True)
class Holder:
    """Who holds (or last held) the lock, as the lock file says."""

    pid: int | None
    role: str
    host: str

    @property
    def is_app(self) -> bool:
        return self.role == APP_ROLE

    def on_this_computer(self) -> bool:
        return not self.host or self.host == socket.gethostname()

    def alive(self) -> bool:
        """Is the holder's process still running (as far as this computer can tell)?"""
        if not self.on_this_computer():
            return True  # no way to ask another computer: assume it is
        return self.pid is not None and pid_alive(self.pid)

    def describe(self) -> str:
        where = "" if self.on_this_computer() else f" on {self.host}"
        process = f"process {self.pid}{where}" if self.pid else f"a process{where}"
        return f"{process}, {self.role}" if not self.is_app else process


class FolderBusyError(NextCallError):
    """Another NextCall is writing to this data folder."""

    def __init__(self, folder: Path, holder: Holder | None) -> None:
        self.folder = folder
        self.holder = holder
        if holder is None or holder.is_app:
            who = f" ({holder.describe()})" if holder else ""
            message = (
                f"NextCall is open on this data folder{who}; close it or use the app "
                f"(folder: {folder})"
            )
        else:
            message = (
                f"another NextCall command is writing to this data folder "
                f"({holder.describe()}); try again when it has finished (folder: {folder})"
            )
        super().__init__(message)


def pid_alive(pid: int) -> bool:
    """True when a process with that id exists (or may exist: no permission to ask)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # query limited info
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def parse_holder(text: str) -> Holder | None:
    """The holder named by a lock file's lines; None for an empty or unreadable file."""
    lines = [line.strip() for line in text.splitlines()]
    if not lines or not any(lines):
        return None
    pid = int(lines[0]) if lines[0].isdigit() else None
    role = lines[1] if len(lines) > 1 and lines[1] else "NextCall"
    host = lines[2] if len(lines) > 2 else ""
    return Holder(pid, role, host)


def read_holder(folder: Path) -> Holder | None:
    """Who the lock file in ``folder`` names (whether or not the lock is held now)."""
    try:
        return parse_holder((folder / LOCK_NAME).read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None


class WriterLock:
    """The lock on one data folder. ``acquire()`` raises FolderBusyError when another process
    holds it; ``taken_over`` then names a crashed holder whose lock was taken over."""

    def __init__(self, folder: Path, role: str = APP_ROLE) -> None:
        self.folder = folder
        self.path = folder / LOCK_NAME
        self.role = role
        self.taken_over: Holder | None = None
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float = 0.0, poll: float = 0.1) -> WriterLock:
        """Take the lock, trying again for up to ``wait`` seconds."""
        deadline = time.monotonic() + wait
        while not self.try_acquire():
            if time.monotonic() >= deadline:
                raise FolderBusyError(self.folder, read_holder(self.folder))
            time.sleep(poll)
        return self

    def try_acquire(self) -> bool:
        if self._fd is not None:
            return True
        fd = self._open()
        try:
            locked = _lock(fd)
            previous = parse_holder(_read(fd))
            if locked is None:  # no locking on this file system: the lines decide
                if previous is not None and previous.alive() and previous.pid != os.getpid():
                    os.close(fd)
                    return False
            elif not locked:
                os.close(fd)
                return False
            self.taken_over = previous
            self._fd = fd
            _write(fd, f"{os.getpid()}\n{self.role}\n{socket.gethostname()}\n")
        except BaseException:
            if self._fd is None:
                os.close(fd)
            raise
        return True

    def release(self) -> None:
        """Give the lock up; the file stays (deleting it would race with the next taker)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)  # emptied: "released cleanly"
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    def _open(self) -> int:
        try:
            private_folder(self.folder)
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC):
                raise folder_problem(self.folder, exc) from exc
            raise

    def __enter__(self) -> WriterLock:
        return self.acquire() if not self.held else self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.release()


def _read(fd: int) -> str:
    try:
        return os.pread(fd, 4096, 0).decode("utf-8", errors="replace")
    except (OSError, AttributeError):  # no pread on Windows
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 4096).decode("utf-8", errors="replace")


def _write(fd: int, text: str) -> None:
    """Say who holds the lock; a full disk only costs the description, not the lock."""
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text.encode("utf-8"))


def _lock(fd: int) -> bool | None:
    """True: locked; False: someone else holds it; None: this file system cannot lock."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        os.lseek(fd, _WINDOWS_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno in _NO_LOCKING:
            return None
        raise
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        os.lseek(fd, _WINDOWS_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)
