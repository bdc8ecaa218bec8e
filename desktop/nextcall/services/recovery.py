"""A damaged database at start-up: find out, move it aside, offer the newest good backup.

``diagnose`` (services/diagnosis.py, shared with backups) runs ``PRAGMA quick_check`` and tells
damage apart from other trouble: a file that is busy or cannot be opened is not damaged and is
never moved. ``plan`` says what would be done, without doing it (``nextcall check``);
``set_aside`` moves the file out of the way (never deleting it) and ``recover`` restores the
chosen backup in its place.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from nextcall.core import clock
from nextcall.core.errors import NextCallError
from nextcall.core.paths import DataPaths
from nextcall.services.backups import RestoreResult, newest_good, restore_file
from nextcall.services.diagnosis import Diagnosis, diagnose  # re-exported
from nextcall.store import backup as store
from nextcall.store.backup import BackupFile
from nextcall.store.salvage import Salvage, salvage_into

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Plan:
    """What recovery would do for a damaged file: where it goes, which backup replaces it."""

    diagnosis: Diagnosis
    aside: Path
    offer: BackupFile | None


class LostDataError(NextCallError):
    """The data file is missing or empty while good backups exist."""


def is_lost(path: Path) -> bool:
    """True when there is no data file at ``path``, or an empty one."""
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True


def lost_data(paths: DataPaths, now: datetime | None = None) -> Plan | None:
    """When the data file is missing or empty while good backups exist (deleted, emptied by a
    sync tool, a failed copy): what would restore it. None otherwise: a profile without data
    and without backups is simply new."""
    if not is_lost(paths.database):
        return None
    offer = newest_good(paths)
    if offer is None:
        return None
    what = "is missing" if not paths.database.exists() else "is empty (0 bytes)"
    found = Diagnosis(paths.database, f"the data file {what}", missing=True)
    return Plan(found, store.aside_name(paths.database, now or clock.now()), offer)


def refuse_if_lost(paths: DataPaths) -> None:
    """Raise LostDataError rather than quietly start an empty profile over lost data."""
    found = lost_data(paths)
    if found is not None and found.offer is not None:
        what = "is missing" if not paths.database.exists() else "is empty"
        raise LostDataError(
            f"your data file {paths.database} {what}, but there is a good backup from "
            f"{describe(found.offer)}. Nothing was created. Run `nextcall check --repair` to "
            "restore it (or open NextCall to be offered it); to start afresh instead, move "
            f"{paths.backups} away first."
        )


def plan(paths: DataPaths, now: datetime | None = None, *, deep: bool = False) -> Plan | None:
    """None when the database is sound (or the profile is new); else where it would be moved
    and what would replace it. A missing or empty file with backups beside it is lost data.
    ``deep``: the full integrity check (the weekly one at start-up)."""
    if is_lost(paths.database):
        return lost_data(paths, now)
    found = diagnose(paths.database, deep=deep)
    if not found.damaged:
        return None
    aside = store.aside_name(paths.database, now or clock.now())
    return Plan(found, aside, newest_good(paths))


def set_aside(
    paths: DataPaths, found: Plan | None = None, now: datetime | None = None
) -> Path | None:
    """Move the damaged database (with its -wal/-shm) out of the way, to the place ``found``
    announced when it is still free; returns where it went (None: there was no file)."""
    if not paths.database.exists():
        return None
    moved = store.move_aside(paths.database, now, target=found.aside if found else None)
    log.warning("damaged data file moved aside to %s", moved.name)
    return moved


@dataclass(frozen=True)
class Recovered:
    restored: RestoreResult
    salvage: Salvage | None  # what came back from the damaged file (None: none was there)
    damaged: Path | None  # where the damaged file is kept

    def report(self) -> list[str]:
        """What the backup lacked, and whether it was brought back, in plain sentences."""
        if self.salvage is None or self.damaged is None:
            return []
        return self.salvage.describe(self.damaged)


def recover(
    paths: DataPaths,
    backup: BackupFile,
    now: datetime | None = None,
    *,
    damaged: Path | None = None,
) -> Recovered:
    """Restore ``backup`` as the profile's database (after ``set_aside``, whose result is
    ``damaged``, or over a damaged file, which is then moved aside first); then bring back
    from the damaged file what the backup lacks (notes written after it, say)."""
    restored = restore_file(paths, backup, now)
    source = damaged or restored.moved_aside
    salvage = None
    if source is not None and source.is_file():
        try:
            salvage = salvage_into(paths.database, source)
        except sqlite3.Error as exc:  # the restored file is intact: it was one transaction
            log.warning("nothing could be salvaged from %s: %s", source.name, exc)
        else:
            log.info(
                "salvaged from %s: %s recovered, %s updated, %s lost",
                source.name,
                dict(salvage.recovered),
                dict(salvage.updated),
                dict(salvage.lost),
            )
    return Recovered(restored, salvage, source)


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
