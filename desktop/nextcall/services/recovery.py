"""A damaged database at start-up: find out, move it aside, offer the newest good backup.

``diagnose`` (services/diagnosis.py, shared with backups) runs ``PRAGMA quick_check`` and tells
damage apart from other trouble: a file that is busy or cannot be opened is not damaged and is
never moved. ``plan`` says what would be done, without doing it (``nextcall check``);
``set_aside`` moves the file out of the way (never deleting it) and ``recover`` restores the
chosen backup in its place.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from nextcall.core import clock
from nextcall.core.paths import DataPaths
from nextcall.services.backups import RestoreResult, newest_good, restore_file
from nextcall.services.diagnosis import Diagnosis, diagnose  # re-exported
from nextcall.store import backup as store
from nextcall.store.backup import BackupFile

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Plan:
    """What recovery would do for a damaged file: where it goes, which backup replaces it."""

    diagnosis: Diagnosis
    aside: Path
    offer: BackupFile | None


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
