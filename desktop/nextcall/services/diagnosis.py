"""Is a database file damaged? Shared by backups (a damaged file is moved aside, not backed up,
before a restore) and recovery (start-up), so neither imports the other for it.

``diagnose`` runs ``PRAGMA quick_check`` (fast: it skips the index cross-checks of the full
integrity check) and tells damage apart from other trouble: a file that is busy or cannot be
opened is not damaged.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from nextcall.store import backup as store

_HEADER = b"SQLite format 3\x00"
BUSY_MS = 5000  # another NextCall writing: wait for it rather than call the file damaged


@dataclass(frozen=True)
class Diagnosis:
    path: Path
    problem: str | None = None  # plain words for a person; None: sound (or no file yet)
    detail: str = ""  # SQLite's own words, for the curious and for bug reports
    missing: bool = False  # no data at all (the file is gone or empty) while backups exist

    @property
    def damaged(self) -> bool:
        return self.problem is not None


def _shortened(path: Path) -> bool:
    """True when the header promises more pages than the file holds (a cut-off copy)."""
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(_HEADER):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    wal = path.with_name(path.name + "-wal")
    return pages > 0 and path.stat().st_size < pages * page_size and not wal.exists()


def diagnose(path: Path, *, deep: bool = False) -> Diagnosis:
    """Is the file at ``path`` damaged? A missing or empty file is not (it starts a new one).
    ``deep``: the full integrity check rather than the quick one."""
    if not path.is_file() or path.stat().st_size == 0:
        return Diagnosis(path)
    try:
        with contextlib.closing(sqlite3.connect(path)) as connection:
            connection.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            verdict = store.quick_check(connection, deep=deep)
    except sqlite3.Error as exc:
        if not store.is_damage(exc):
            return Diagnosis(path)  # busy, locked, no permission: not ours to judge here
        if "not a database" in str(exc).lower():
            problem = (
                "it is not a database any more: its beginning was overwritten, "
                "or another kind of file took its place"
            )
        else:
            problem = "parts of it are damaged and cannot be read"
        return Diagnosis(path, _cut_off(path) or problem, str(exc))
    if verdict is None:
        return Diagnosis(path)
    return Diagnosis(path, _cut_off(path) or "parts of it are damaged and cannot be read", verdict)


def _cut_off(path: Path) -> str | None:
    try:
        short = _shortened(path)
    except OSError:
        return None
    return "the file is shorter than it should be: it was cut off" if short else None
