"""A damaged database at start-up: find out, move it aside, offer the newest good backup.

``diagnose`` runs ``PRAGMA quick_check`` (fast: it skips the index cross-checks of the full
integrity check) and tells damage apart from other trouble: a file that is busy or cannot be
opened is not damaged and is never moved. ``plan`` says what would be done, without doing it
(``nextcall check``); ``set_aside`` moves the file out of the way (never deleting it) and
``recover`` restores the chosen backup in its place.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from nextcall.core import clock
from nextcall.core.paths import DataPaths
from nextcall.services.backups import RestoreResult, newest_good, restore_file
from nextcall.store import backup as store
from nextcall.store.backup import BackupFile

log = logging.getLogger(__name__)
_HEADER = b"SQLite format 3\x00"
BUSY_MS = 5000  # another NextCall writing: wait for it rather than call the file damaged


@dataclass(frozen=True)
class Diagnosis:
    path: Path
    problem: str | None = None  # plain words for a person; None: sound (or no file yet)
    detail: str = ""  # SQLite's own words, for the curious and for bug reports

    @property
    def damaged(self) -> bool:
        return self.problem is not None


@dataclass(frozen=True)
class Plan:
    """What recovery would do for a damaged file: where it goes, which backup replaces it."""

    diagnosis: Diagnosis
    aside: Path
    offer: BackupFile | None


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


def diagnose(path: Path) -> Diagnosis:
    """Is the file at ``path`` damaged? A missing or empty file is not (it starts a new one)."""
    if not path.is_file() or path.stat().st_size == 0:
        return Diagnosis(path)
    try:
        with contextlib.closing(sqlite3.connect(path)) as connection:
            connection.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            verdict = store.quick_check(connection)
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


def plan(paths: DataPaths, now: datetime | None = None) -> Plan | None:
    """None when the database is sound; else where it would be moved and what would replace it."""
    found = diagnose(paths.database)
    if not found.damaged:
        return None
    aside = store.aside_name(paths.database, now or clock.now())
    return Plan(found, aside, newest_good(paths))


def set_aside(paths: DataPaths, found: Plan | None = None, now: datetime | None = None) -> Path:
    """Move the damaged database (with its -wal/-shm) out of the way, to the place ``found``
    announced when it is still free; returns where it went."""
    moved = store.move_aside(paths.database, now, target=found.aside if found else None)
    log.warning("damaged data file moved aside to %s", moved.name)
    return moved


def recover(paths: DataPaths, backup: BackupFile, now: datetime | None = None) -> RestoreResult:
    """Restore ``backup`` as the profile's database (after ``set_aside``, or over a damaged
    file, which is then moved aside first)."""
    return restore_file(paths, backup, now)


def describe(info: BackupFile) -> str:
    """``Fri 20 Nov 2026, 14:05 (12 applications, 30 notes)``."""
    return f"{when(info.taken)} ({counts(info)})"


def when(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


def counts(info: BackupFile) -> str:
    def plural(n: int | None, word: str) -> str:
        if not n:
            return f"no {word}s"
        return f"{n} {word}" if n == 1 else f"{n} {word}s"

    return f"{plural(info.applications, 'application')}, {plural(info.notes, 'note')}"
