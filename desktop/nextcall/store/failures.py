"""What a failed write means for a person: one place that turns SQLite's and the system's
write errors into StorageError subclasses with a plain message.

"database or disk is full" (SQLITE_FULL, and ENOSPC from the system), "attempt to write a
readonly database" (SQLITE_READONLY, EROFS, EACCES) and "disk I/O error" (SQLITE_IOERR) all
mean the same to the person: the change was not saved, what was saved before is intact (SQLite
rolled the transaction back), and something outside NextCall needs fixing first.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from nextcall.core.errors import DiskFullError, ReadOnlyError, StorageError

_INTACT = "what was saved before is intact"


def _driver_error(exc: BaseException) -> BaseException:
    """The driver's own error inside SQLAlchemy's wrapper (``.orig``), or ``exc`` itself."""
    inner = getattr(exc, "orig", None)
    return inner if isinstance(inner, BaseException) else exc


def storage_error(exc: BaseException, folder: Path | None = None) -> StorageError | None:
    """The StorageError ``exc`` stands for, or None when it is not a write failure."""
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
