"""Backups as use cases: take one, list them, restore one, prune old ones, and know when the
app should take one by itself.

Files are handled by store/backup.py; which to keep is decided by core/retention.py.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from nextcall.core import clock
from nextcall.core.errors import NextCallError, NotFoundError
from nextcall.core.paths import DataPaths
from nextcall.core.retention import Snapshot, to_prune
from nextcall.services.database import Database
from nextcall.services.diagnosis import diagnose
from nextcall.store import backup as store
from nextcall.store.backup import BackupError, BackupFile
from nextcall.store.migrate import HEAD_REVISION, KNOWN_REVISIONS, upgrade

log = logging.getLogger(__name__)
AUTO_INTERVAL = timedelta(minutes=30)
PARTIAL_MAX_AGE = timedelta(days=1)



class BackupFailedError(NextCallError):
    """A backup or restore could not be done; the message says why."""


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupFile  # what was copied back, with its counts
    previous: Path | None  # the backup of the file it replaced (None: there was none)
    moved_aside: Path | None  # where a damaged current file went (None: it was sound)


def take_backup(paths: DataPaths, label: str = "manual", now: datetime | None = None) -> BackupFile:
    """A verified backup of the profile's database now, then old ones pruned."""
    try:
        path = store.backup_database(paths.database, paths.backups, label, now=now)
    except BackupError as exc:
        raise BackupFailedError(f"{exc}. Nothing was changed.") from exc
    removed = prune_backups(paths, now or clock.now())
    log.info("backup taken: %s (%d old ones pruned)", path.name, len(removed))
    return store.inspect_backup(path, verify=False)  # just checked while it was written


def list_backups(paths: DataPaths, *, verify: bool = True) -> list[BackupFile]:
    """Every backup in the folder, newest first; ones that do not open carry a ``problem``."""
    found = []
    for path in store.backup_files(paths.backups):
        try:
            found.append(store.inspect_backup(path, verify=verify))
        except FileNotFoundError:  # pruned meanwhile (by the automatic backup)
            continue
    return found


def restorable(info: BackupFile) -> str | None:
    """Why ``info`` cannot be restored by this version, or None when it can."""
    if not info.ok:
        return f"{info.path.name} cannot be used: {info.problem}"
    if info.revision not in KNOWN_REVISIONS:
        return (
            f"{info.path.name} was written by a newer NextCall (schema {info.revision}); "
            "install the newest NextCall to restore it"
        )
    return None


def newest_good(paths: DataPaths) -> BackupFile | None:
    """The newest backup that opens, passes its check and this version can read."""
    for path in store.backup_files(paths.backups):
        info = store.inspect_backup(path)
        if restorable(info) is None:
            return info
    return None


def find_backup(paths: DataPaths, name: str | None = None) -> BackupFile:
    """A backup named by path or by file name in the backups folder; the newest good one when
    ``name`` is None. Raises NotFoundError (with what there is) or BackupFailedError."""
    if name is None:
        found = newest_good(paths)
        if found is None:
            raise NotFoundError(
                f"there is no usable backup in {paths.backups}; "
                "`nextcall backup` takes one of the current data"
            )
        return found
    path = Path(name).expanduser()
    if not path.is_file() and path.name == name:
        path = paths.backups / name
    if not path.is_file():
        raise NotFoundError(
            f"no backup called {name}; `nextcall restore` without a name takes the newest, "
            f"or pick a file in {paths.backups}"
        )
    info = store.inspect_backup(path)
    problem = restorable(info)
    if problem is not None:
        raise BackupFailedError(problem)
    return info


def prune_backups(paths: DataPaths, now: datetime) -> list[Path]:
    """Delete the backups the retention rule lets go, and temporary files left by a crash."""
    removed: list[Path] = []
    folder = paths.backups
    if not folder.is_dir():
        return removed
    snapshots: dict[Snapshot, Path] = {}
    for path in folder.iterdir():
        parsed = store.parse_name(path.name)
        if parsed is None:
            continue  # not ours: never touched
        label, taken = parsed
        if path.suffix == store.PARTIAL:
            if now - taken > PARTIAL_MAX_AGE:
                path.unlink(missing_ok=True)
                removed.append(path)
            continue
        snapshots[Snapshot(taken, label)] = path
    for snap in to_prune(snapshots, now):
        snapshots[snap].unlink(missing_ok=True)
        removed.append(snapshots[snap])
    return removed


def restore_file(
    paths: DataPaths, backup: BackupFile, now: datetime | None = None
) -> RestoreResult:
    """Put ``backup`` in place of the profile's database; no engine may have it open.

    A sound current file is backed up first (label ``before-restore``); a damaged one cannot be,
    so it is moved aside instead. A backup of an older schema is upgraded after the copy.
    """
    problem = restorable(backup)
    if problem is not None:
        raise BackupFailedError(problem)
    previous = moved = None
    target = paths.ensure().database
    if target.exists():
        if diagnose(target).damaged:
            moved = store.move_aside(target, now)
        else:
            try:
                previous = store.backup_database(target, paths.backups, "before-restore", now=now)
            except BackupError as exc:
                raise BackupFailedError(f"{exc}; the backup was not restored") from exc
    try:
        store.restore_database(backup.path, target)
    except BackupError as exc:
        raise BackupFailedError(f"{exc}. Your data was not replaced.") from exc
    log.info("restored %s", backup.path.name)
    if backup.revision != HEAD_REVISION:
        upgrade(target, paths.backups)
    return RestoreResult(backup, previous, moved)


def restore_backup(db: Database, backup: BackupFile, now: datetime | None = None) -> RestoreResult:
    """Restore into an open profile: the engine's connections are closed first and reopened
    on demand afterwards, so ``db`` (and everything holding it) keeps working, on the
    restored data. Anything being written must be saved before this is called."""
    db.engine.dispose()
    return restore_file(db.paths, backup, now)


class ChangeTracker:
    """Counts the transactions that changed something, on one engine, in this process.

    At each COMMIT the connection's ``total_changes`` (rows inserted, updated or deleted since
    it opened) is compared with the value at its previous commit; a difference bumps
    ``generation``. That catches writes made through the ORM, Core or raw SQL alike, ignores
    read-only transactions, costs nothing measurable and keeps no state in the file. Writes by
    another process (the CLI while the app runs) are not seen, which is right for deciding when
    this app backs up its own work. The listener lives on the engine, so it survives
    ``dispose()`` (as done around a restore). File times are not used: WAL mode leaves the main
    file untouched until a checkpoint.
    """

    _KEY = "nextcall.total_changes"

    def __init__(self, engine: Engine) -> None:
        self._lock = threading.Lock()
        self._generation = 0
        self._engine = engine
        event.listen(engine, "commit", self._on_commit)

    def _on_commit(self, connection: Any) -> None:
        record = connection.connection
        total = int(record.dbapi_connection.total_changes)
        if record.info.get(self._KEY, 0) != total:
            record.info[self._KEY] = total
            with self._lock:
                self._generation += 1

    @property
    def generation(self) -> int:
        with self._lock:
            return self._generation

    def close(self) -> None:
        if event.contains(self._engine, "commit", self._on_commit):
            event.remove(self._engine, "commit", self._on_commit)


class AutoBackup:
    """When the running app takes a backup by itself.

    ``due()`` is true when something changed since the last backup this session and the last
    one (or the start) is at least 30 minutes old: a change is backed up within 30 minutes, and
    nothing is taken while nothing changes. ``at_exit()`` backs up changes not yet backed up
    (opening and closing NextCall without a change adds no copy). The clock is injected for
    tests.
    Thread-safe: ``due`` runs on the GUI thread, ``run`` on a worker.
    """

    def __init__(self, db: Database, clock: Callable[[], datetime] | None = None) -> None:
        self.paths = db.paths
        self.clock = clock or db.clock.now
        self.tracker = ChangeTracker(db.engine)
        self._lock = threading.Lock()
        self._saved_generation = 0
        self._last = self.clock()

    def changed(self) -> bool:
        return self.tracker.generation != self._saved_generation

    def due(self) -> bool:
        with self._lock:
            return self.changed() and self.clock() - self._last >= AUTO_INTERVAL

    def mark_saved(self) -> None:
        """The data as it is now has a backup (e.g. it was just restored from one)."""
        with self._lock:
            self._saved_generation = self.tracker.generation
            self._last = self.clock()

    def run(self, label: str = "auto") -> BackupFile:
        generation = self.tracker.generation  # writes during the copy count for next time
        info = take_backup(self.paths, label, self.clock())
        with self._lock:
            self._saved_generation = max(self._saved_generation, generation)
            self._last = self.clock()
        return info

    def at_exit(self) -> BackupFile | None:
        return self.run("exit") if self.changed() else None

    def close(self) -> None:
        self.tracker.close()
