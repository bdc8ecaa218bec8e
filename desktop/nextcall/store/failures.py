"""What a failed write means for a person: one place that turns SQLite's and the system's
write errors into StorageError subclasses with a plain message.

"database or disk is full" (SQLITE_FULL, and ENOSPC from the system), "attempt to write a
readonly database" (SQLITE_READONLY, EROFS, EACCES) and "disk I/O error" (SQLITE_IOERR) all
mean the same to the person: the change was not saved, what was saved before is intact (SQLite
rolled the transaction back), and something outside NextCall needs fixing first.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
from pathlib import Path

from nextcall.core.errors import (
    IN_A_TERMINAL,
    DiskFullError,
    LockedError,
    ReadOnlyError,
    StorageError,
)

_INTACT = "what was saved before is intact"


def read_only_medium(folder: Path) -> bool:
    """True when the drive holding ``folder`` is mounted read-only."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _driver_error(exc: BaseException) -> BaseException:
    """The driver's own error inside SQLAlchemy's wrapper (``.orig``), or ``exc`` itself."""
    inner = getattr(exc, "orig", None)
    return inner if isinstance(inner, BaseException) else exc


def storage_error(
    exc: BaseException, folder: Path | None = None, database: Path | None = None
) -> StorageError | None:
    """The StorageError ``exc`` stands for, or None when it is not a write failure. With the
    ``database`` path, a refused write says which of drive, folder or file refused it."""
    if database is not None:
        precise = _read_only_cause(database) if _is_read_only(exc) else None
        if precise is not None:
            return precise
    error = _driver_error(exc)
    where = f" in {folder}" if folder is not None else ""
    if isinstance(error, sqlite3.Error):
        code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
        text = str(error).lower()
        if code == sqlite3.SQLITE_FULL or "disk is full" in text:
            return disk_full(folder)
        if code == sqlite3.SQLITE_READONLY or "readonly database" in text:
            return read_only(folder)
        if code == sqlite3.SQLITE_IOERR or "disk i/o error" in text:
            return StorageError(
                f"NextCall could not write to the disk{where} ({error}). Check that the drive "
                f"is connected and has free space, then try again; {_INTACT}."
            )
        return None
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return disk_full(folder)
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return read_only(folder)
    return None


def disk_full(folder: Path | None = None) -> DiskFullError:
    where = f" ({folder})" if folder is not None else ""
    return DiskFullError(
        f"Your disk is full: NextCall could not save the change{where}. "
        f"Free some space, then try again; {_INTACT}."
    )


def read_only(folder: Path | None = None) -> ReadOnlyError:
    what = f"The data folder {folder}" if folder is not None else "The data folder"
    return ReadOnlyError(
        f"{what} is read-only: NextCall could not save the change. Make it writable (or "
        f"reconnect the drive it is on), then try again; {_INTACT}."
    )


def _is_read_only(exc: BaseException) -> bool:
    error = _driver_error(exc)
    if isinstance(error, sqlite3.Error):
        code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
        return code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN) or (
            "readonly database" in str(error).lower()
        )
    return isinstance(error, OSError) and error.errno in (errno.EROFS, errno.EACCES, errno.EPERM)


def folder_problem(folder: Path, exc: OSError) -> StorageError:
    """Why NextCall cannot create files in ``folder`` (for its lock or a new database)."""
    return _storage_cause(folder, folder / "nextcall.sqlite3") or ReadOnlyError(
        f"NextCall cannot write in its data folder {folder} ({exc.strerror or exc}); make the "
        "folder writable, or choose another one with --data-dir"
    )


# -- why a database could not be opened -----------------------------------------------------

LOW_SPACE_BYTES = 256 * 1024  # less than this free: SQLite cannot even start its journal
_SIDE_FILES = ("-wal", "-shm")


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _mode(path: Path) -> str:
    try:
        return f"{stat.S_IMODE(path.stat().st_mode):04o}"
    except OSError:
        return "unknown"


def open_failure(exc: BaseException, path: Path) -> StorageError | None:
    """What stopped the database at ``path`` from opening when the storage is the cause (a
    full disk, a read-only drive, missing permissions, a lock held by another program), with
    what to do; None when it is none of these (then the file itself may be damaged)."""
    error = _driver_error(exc)
    text = str(error).lower()
    if isinstance(error, sqlite3.Error) and ("locked" in text or "busy" in text):
        return LockedError(
            f"{path} is locked by another program (a backup or sync tool, or another copy of "
            "NextCall on another computer). Close it, then try again; nothing was changed."
        )
    return _storage_cause(path.parent, path) or storage_error(exc, path.parent)


def _storage_cause(folder: Path, path: Path) -> StorageError | None:
    """A full disk or a read-only drive, folder or file, found by looking at them."""
    return unwritable_storage(folder) or _read_only_cause(path, medium_checked=True)


def unwritable_storage(folder: Path) -> StorageError | None:
    """The drive holding ``folder`` is read-only or full, found by looking at it: SQLite opens
    a file whose -wal and -shm files were left beside it without writing a byte, so opening
    alone does not tell."""
    if read_only_medium(folder):
        return ReadOnlyError(
            f"The drive holding {folder} is read-only (mounted read-only, or a memory card with "
            "its lock switch on): NextCall can show and export your data but cannot save "
            "changes. Make the drive writable (mount it read-write, or slide the card's switch "
            "back) to change anything; your data is intact."
        )
    free = _free_bytes(folder)
    if free is not None and free < LOW_SPACE_BYTES:
        return DiskFullError(
            f"Your disk is full ({folder}): NextCall cannot save anything until you free some "
            "space on it (empty the trash, or delete or move large files you no longer need). "
            "Your data is intact; showing it and exporting to another drive still work."
        )
    return None


def _read_only_cause(path: Path, *, medium_checked: bool = False) -> StorageError | None:
    folder = path.parent
    if not medium_checked and read_only_medium(folder):
        return _storage_cause(folder, path)
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        words, command = _make_writable(folder, "rwx")
        return ReadOnlyError(
            f"You do not have permission to write in the data folder {folder} "
            f"({_permissions(folder)}). NextCall never changes them itself: {words}. Your "
            f"data is intact and can still be shown and exported.{command}"
        )
    for candidate in (path, *(path.with_name(path.name + end) for end in _SIDE_FILES)):
        if candidate.exists() and not os.access(candidate, os.R_OK | os.W_OK):
            if candidate == path:
                what = "The data file"
                words, command = _make_writable(candidate, "rw")
            else:
                what = "A file SQLite keeps beside the data"
                words = (
                    "close every NextCall, then delete it (it is made again) or make it writable"
                )
                command = ""
            return ReadOnlyError(
                f"{what}, {candidate}, is read-only for you ({_permissions(candidate)}): "
                f"{words}. Your data is intact and can still be shown and exported.{command}"
            )
    return None


def _owner(path: Path) -> str | None:
    """The name of the user who owns ``path`` when it is not the one running NextCall."""
    try:
        import pwd

        uid = path.stat().st_uid
        if uid == os.getuid():
            return None
        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError, OSError, AttributeError):
        return None


def _permissions(path: Path) -> str:
    owner = _owner(path)
    mode = f"permissions {_mode(path)}"
    return f"{mode}, owned by {owner}" if owner else mode


def _make_writable(path: Path, bits: str) -> tuple[str, str]:
    """How to give the user back the right to write ``path``: in words, and the command that
    does it (``IN_A_TERMINAL`` and the command, last in the message; "" where there is none)."""
    if os.name == "nt":
        return "give your user the right to change it (its Properties, Security tab)", ""
    if _owner(path):
        return "give it back to your user", f'{IN_A_TERMINAL}sudo chown -R "$USER" "{path}"'
    return "make it writable for your user", f'{IN_A_TERMINAL}chmod u+{bits} "{path}"'
