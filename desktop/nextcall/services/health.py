"""Is the profile's database sound? Damage, integrity, links between records, schema revision.

A damaged file is reported with what recovery would do (where it would be moved, which backup
would replace it); ``repair`` does it. Checking alone never moves or rewrites a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import DatabaseError

from nextcall.core.paths import DataPaths
from nextcall.services import recovery
from nextcall.store.engine import make_engine, open_read_only
from nextcall.store.failures import open_failure
from nextcall.store.migrate import integrity_problems
from nextcall.store.reindex import only_index_problems, rebuild_indexes


def damage_report(found: recovery.Plan) -> list[str]:
    """Lines saying what is wrong, where the file would go and the backup on offer."""
    db = found.diagnosis.path
    if found.diagnosis.missing and found.offer is not None:
        return [
            f"missing: {db}: {found.diagnosis.problem}, but there are backups",
            f"  newest good backup: {found.offer.path.name}, {recovery.describe(found.offer)}",
            "  run `nextcall check --repair` to restore it",
        ]
    lines = [f"damaged: {db}: {found.diagnosis.problem}"]
    if found.diagnosis.detail:
        lines.append(f"  SQLite says: {found.diagnosis.detail}")
    lines.append(f"  it would be moved (not deleted) to {found.aside}")
    if found.offer is None:
        lines.append("  there is no good backup to restore; repairing starts with empty data")
    else:
        lines.append(
            f"  newest good backup: {found.offer.path.name}, {recovery.describe(found.offer)}"
        )
    lines.append("  run `nextcall check --repair` to do that")
    return lines


def check_database(paths: DataPaths, now: datetime | None = None) -> list[str]:
    """One line per problem; an empty list means sound. Only reads: nothing is created (a new
    profile has nothing to check) or migrated."""
    found = recovery.plan(paths, now)
    if found is not None:
        return damage_report(found)
    if recovery.is_lost(paths.database):
        return []
    engine = make_engine(paths.database)
    try:
        return integrity_problems(engine, paths.database)
    except DatabaseError as exc:
        storage = open_failure(exc, paths.database)
        if storage is not None:  # the drive or folder, not the file: check it read-only
            return [f"storage: {storage}", *_checked_read_only(paths)]
        reason = str(exc.orig) if exc.orig is not None else str(exc)
        return [f"damaged: {paths.database} cannot be read as a database ({reason})"]
    finally:
        engine.dispose()


def _checked_read_only(paths: DataPaths) -> list[str]:
    try:
        engine = open_read_only(paths.database)
    except DatabaseError:
        return ["  the file could not be read either, so its contents were not checked"]
    try:
        found = integrity_problems(engine, paths.database)
    finally:
        engine.dispose()
    return [f"  {line}" for line in found] or ["  the file itself is sound (checked read-only)"]


@dataclass(frozen=True)
class Repair:
    moved_to: Path | None  # None: there was no file to move (it was missing)
    restored: recovery.Recovered | None  # None: no good backup; a new empty file is used


def repair(paths: DataPaths, now: datetime | None = None) -> Repair | None:
    """Move a damaged database aside and restore the newest good backup; None when sound."""
    found = recovery.plan(paths, now)
    if found is None:
        return None
    moved = recovery.set_aside(paths, found, now)
    result = recovery.recover(paths, found.offer, now, damaged=moved) if found.offer else None
    return Repair(moved, result)


def rebuild_indexes_if_only_they_are_wrong(paths: DataPaths) -> int:
    """When the only problems the full check finds are indexes out of step with their tables,
    rebuild them (the rows are intact, nothing needs restoring); returns how many problems
    that fixed, 0 when there was nothing of the kind to do."""
    if not paths.database.is_file() or recovery.plan(paths) is not None:
        return 0
    problems = check_database(paths)
    if not only_index_problems(problems):
        return 0
    rebuild_indexes(paths.database)
    return len(problems)
