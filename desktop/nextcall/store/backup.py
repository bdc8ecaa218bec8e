"""Verified copies of the database, taken with SQLite's backup API (never a file copy).

Backups live in one folder as ``nextcall-<label>-<YYYYmmdd-HHMMSS-ffffff>.sqlite3``; the name
alone says what a file is and when it was taken, so listing and pruning never depend on file
times. Every copy is written under a temporary name, checked with ``PRAGMA quick_check`` and only
then renamed into place; files are created readable by the user only (0600).

This module also holds the other file-level primitives: checking a file, reading a backup's
counts without changing it, copying a backup back over the live file, and moving a damaged file
aside. None of them needs (or may run under) an open engine on the target.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from nextcall.core import clock
from nextcall.core.paths import private_file, private_folder

STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^nextcall-(?P<label>[a-z0-9][a-z0-9-]*)-(?P<stamp>\d{8}-\d{6}-\d{6})")
_LABEL = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SUFFIX = ".sqlite3"
PARTIAL = ".partial"
SIDECARS = ("-wal", "-shm", "-journal")
# SQLite's answers that mean "this file is damaged", as opposed to "busy" or "cannot open".
_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


class BackupError(RuntimeError):
    pass


@dataclass(frozen=True)
class BackupFile:
    """One file in the backups folder, as read from its name and (read-only) its contents."""

    path: Path
    label: str
    taken: datetime
    size: int
    applications: int | None = None
    notes: int | None = None
    revision: str | None = None
    problem: str | None = None  # None: the file opens and passed its check (when checked)

    @property
    def ok(self) -> bool:
        return self.problem is None


def parse_name(name: str) -> tuple[str, datetime] | None:
    """(label, time taken) from a backup's file name (also a ``.partial`` one), or None."""
    match = _NAME.match(name)
    if match is None or not name.endswith((SUFFIX, PARTIAL)):
        return None
    rest = name[match.end() :]
    if rest not in (SUFFIX, PARTIAL):
        return None
    try:
        taken = datetime.strptime(match["stamp"], STAMP_FORMAT)
    except ValueError:
        return None
    return match["label"], taken


def backup_files(folder: Path) -> list[Path]:
    """The backups in ``folder`` (by name), newest first; other files are ignored."""
    if not folder.is_dir():
        return []
    found = [(parsed[1], p) for p in folder.iterdir() if (parsed := parse_name(p.name))]
    return [p for taken, p in sorted(found, reverse=True) if p.suffix == SUFFIX]


def is_damage(exc: sqlite3.Error) -> bool:
    """True when SQLite's error says the file's contents are damaged or not a database."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(_DAMAGE_CODES):
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that cannot change the file (nor create it)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
        yield connection


def quick_check(connection: sqlite3.Connection, *, deep: bool = False) -> str | None:
    """None when ``PRAGMA quick_check`` passes, else its first complaint. ``deep``: the full
    ``PRAGMA integrity_check`` instead (it also cross-checks every index with its table)."""
    rows = connection.execute(f"PRAGMA {'integrity_check' if deep else 'quick_check'}").fetchall()
    lines = [str(row[0]) for row in rows]
    return None if lines == ["ok"] else (lines[0] if lines else "no answer from the check")


def _count(connection: sqlite3.Connection, table: str) -> int | None:
    try:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:  # no such table: not a NextCall file, or an old one
        return None


def _revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return None if row is None else str(row[0])


def inspect_backup(path: Path, *, verify: bool = True) -> BackupFile:
    """What a backup holds, read without changing it; a broken file gets ``problem`` set."""
    parsed = parse_name(path.name)
    label, taken = parsed if parsed else ("unknown", datetime.fromtimestamp(path.stat().st_mtime))
    size = path.stat().st_size
    try:
        with _read_only(path) as connection:
            problem = quick_check(connection) if verify else None
            if problem is not None:
                return BackupFile(path, label, taken, size, problem=f"damaged: {problem}")
            applications = _count(connection, "applications")
            notes = _count(connection, "notes")
            revision = _revision(connection)
    except sqlite3.Error as exc:
        reason = "damaged" if is_damage(exc) else "cannot be opened"
        return BackupFile(path, label, taken, size, problem=f"{reason}: {exc}")
    if revision is None or applications is None:
        return BackupFile(path, label, taken, size, problem="not a NextCall database")
    return BackupFile(path, label, taken, size, applications, notes, revision)


def _new_name(folder: Path, label: str, now: datetime) -> Path:
    """A name no other backup has, even when two are taken within the same microsecond."""
    moment = now
    while True:
        target = folder / f"nextcall-{label}-{moment.strftime(STAMP_FORMAT)}{SUFFIX}"
        if not target.exists() and not target.with_suffix(PARTIAL).exists():
            return target
        moment += timedelta(microseconds=1)


def backup_database(source: Path, folder: Path, label: str, *, now: datetime | None = None) -> Path:
    """Copy ``source`` into ``folder`` as ``nextcall-<label>-<timestamp>.sqlite3``.

    The copy is written under a temporary name, checked with ``PRAGMA quick_check`` and only
    then renamed into place, so a backup that exists is a backup that opens. ``now`` (the time
    in the name) is for tests; by default the current local time.
    """
    if not _LABEL.match(label):
        raise ValueError(f"a backup label is lower-case letters, digits and dashes: {label!r}")
    if not source.is_file():  # sqlite3.connect would create it, and back up an empty file
        raise BackupError(f"could not back up {source.name}: the file does not exist")
    private_folder(folder)
    target = _new_name(folder, label, now or clock.now())
    partial = target.with_suffix(PARTIAL)
    private_file(partial)
    try:
        with (
            contextlib.closing(sqlite3.connect(source)) as src,
            contextlib.closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst)
            verdict = quick_check(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        if verdict is not None:
            raise BackupError(f"the copy of {source.name} failed its check: {verdict}")
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"could not back up {source.name}: {exc}") from exc
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    return target


def restore_database(backup: Path, target: Path) -> None:
    """Copy ``backup`` over ``target`` with the backup API, in one transaction on ``target``.

    No engine may hold ``target`` open meanwhile (dispose it first). A missing ``target`` is
    created 0600; an existing one keeps its permissions. Both files are checked: the backup
    before anything is written, the result after.
    """
    try:
        with _read_only(backup) as src:
            problem = quick_check(src)
            if problem is not None:
                raise BackupError(f"{backup.name} is damaged ({problem}); choose another backup")
            private_file(target)
            with contextlib.closing(sqlite3.connect(target)) as dst:
                dst.execute("PRAGMA busy_timeout=5000")
                # Leave WAL so the page size may follow the backup's; the app turns WAL back on.
                with contextlib.suppress(sqlite3.OperationalError):
                    dst.execute("PRAGMA journal_mode=DELETE")
                src.backup(dst)
                problem = quick_check(dst)
    except sqlite3.Error as exc:
        raise BackupError(f"could not restore {backup.name}: {exc}") from exc
    if problem is not None:
        raise BackupError(f"the restored copy of {backup.name} failed its check: {problem}")


def aside_name(path: Path, now: datetime) -> Path:
    """Where a damaged ``path`` goes: ``<name>.damaged-<YYYYmmdd-HHMMSS>`` (never taken yet)."""
    stem = f"{path.name}.damaged-{now.strftime('%Y%m%d-%H%M%S')}"
    candidate, number = path.with_name(stem), 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{stem}-{number}")
    return candidate


def move_aside(path: Path, now: datetime | None = None, *, target: Path | None = None) -> Path:
    """Rename a damaged database, with its -wal/-shm, out of the way; nothing is deleted.

    The sidecar files keep SQLite's naming (``<new name>-wal``), so the moved file still opens
    with the pages that were only in its write-ahead log.
    """
    if target is None or target.exists():
        target = aside_name(path, now or clock.now())
    os.replace(path, target)
    for suffix in SIDECARS:
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            os.replace(sidecar, target.with_name(target.name + suffix))
    return target
