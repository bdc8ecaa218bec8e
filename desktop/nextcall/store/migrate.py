"""Bring a database file to the code's schema, safely.

Alembic is imported only when the stored revision differs from the code's head, so an
up-to-date start pays nothing for it. Before migrating: a verified backup. During: foreign keys
off (batch mode recreates tables, and with foreign keys on, dropping a parent table silently
cascades into its children). After: ``PRAGMA foreign_key_check`` must come back empty, or the
whole migration is rolled back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DatabaseError

from nextcall.core.errors import NextCallError, ReadOnlyError
from nextcall.store import area_index, outcome_counts, search_index
from nextcall.store.backup import backup_database
from nextcall.store.engine import make_engine, open_read_only
from nextcall.store.failures import open_failure

# The newest revision this code knows, and every revision it can read: store/revisions.py, so the
# start-up path needs neither alembic nor SQLAlchemy to answer them.
from nextcall.store.revisions import HEAD_REVISION, KNOWN_REVISIONS


class NewerDatabaseError(NextCallError):
    pass


class MigrationError(NextCallError):
    pass


class DamagedDatabaseError(NextCallError):
    pass


def stored_revision(connection: Connection) -> str | None:
    """The schema revision recorded in the file, or None for a new, empty file."""
    has_table = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).first()
    if not has_table:
        return None
    row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])


def check_revision(revision: str | None, path: Path) -> None:
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NewerDatabaseError(
            f"{path} was written by a newer version of NextCall (schema {revision}). "
            "Install the newest NextCall to open it; this version will not touch it."
        )


@contextlib.contextmanager
def _script_location() -> Iterator[str]:
    with resources.as_file(resources.files("nextcall.store") / "migrations") as folder:
        yield str(folder)


def upgrade(
    path: Path,
    backups: Path,
    *,
    target: str = "head",
    script_location: str | None = None,
) -> Path | None:
    """Migrate the file at ``path`` to ``target``; returns the pre-migration backup, if any."""
    from alembic import command
    from alembic.config import Config

    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.connect() as probe:
            revision = stored_revision(probe)
            has_tables = bool(inspect(probe).get_table_names())
        check_revision(revision, path)
        backup = (
            backup_database(path, backups, f"before-migration-{revision}") if has_tables else None
        )
        with engine.begin() as connection:
            # Foreign keys are off on this engine's connections (set at connect time, outside
            # any transaction, where SQLite honours it). Renaming a rebuilt table must not
            # re-check the views and triggers that name it: they would fail mid-migration.
            connection.exec_driver_sql("PRAGMA legacy_alter_table=ON")
            config = Config()
            with contextlib.ExitStack() as stack:
                location = script_location or stack.enter_context(_script_location())
                config.set_main_option("script_location", location)
                config.attributes["connection"] = connection
                command.upgrade(config, target)
            search_index.ensure(connection)
            area_index.ensure(connection)
            outcome_counts.ensure(connection)
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise MigrationError(
                    f"the upgrade of {path.name} would break {len(problems)} links between "
                    f"records (first: table {problems[0][0]}); nothing was changed. "
                    f"A copy of the file is in {backups}."
                )
        return backup
    finally:
        engine.dispose()


def open_database(path: Path, backups: Path, *, read_only: bool = False) -> Engine:
    """An engine over an up-to-date database, migrating (with a backup) when needed.

    A failure the storage causes (full, read-only, no permission, locked) is raised as that
    StorageError, never called damage. ``read_only``: nothing is created or migrated."""
    engine: Engine | None = None
    try:
        engine = open_read_only(path) if read_only else make_engine(path)
        with engine.connect() as connection:
            revision = stored_revision(connection)
    except DatabaseError as exc:
        if engine is not None:
            engine.dispose()
        problem = open_failure(exc, path)
        if problem is not None:
            raise problem from exc
        raise DamagedDatabaseError(
            f"{path} cannot be read as a NextCall database ({exc.orig or exc}). "
            "It was left untouched. Run `nextcall check` for details, or start with another "
            "folder (--data-dir)."
        ) from exc
    if revision != HEAD_REVISION:
        engine.dispose()  # before refusing too: no connection may stay open on a refused file
        check_revision(revision, path)
        if read_only:
            raise ReadOnlyError(
                f"{path} was written by an older NextCall and must be upgraded before it can be "
                "opened, which needs a writable data folder; make it writable and try again."
            )
        upgrade(path, backups)
        engine = make_engine(path)
    return engine


def integrity_problems(engine: Engine, path: Path) -> list[str]:
    """Every problem found by SQLite's integrity and foreign-key checks and the schema check."""
    problems: list[str] = []
    with engine.connect() as connection:
        for (line,) in connection.execute(text("PRAGMA integrity_check")):
            if line != "ok":
                problems.append(f"integrity: {line}")
        for table, rowid, parent, _fk in connection.execute(text("PRAGMA foreign_key_check")):
            problems.append(f"broken link: {table} row {rowid} points to a missing {parent} row")
        revision = stored_revision(connection)
    if revision is None:
        problems.append("schema: the file has no NextCall schema")
    elif revision not in KNOWN_REVISIONS:
        problems.append(
            f"schema: revision {revision} is newer than this NextCall ({HEAD_REVISION})"
        )
    elif revision != HEAD_REVISION:
        problems.append(f"schema: revision {revision} needs upgrading to {HEAD_REVISION}")
    return problems


def needs_upgrade(path: Path) -> bool:
    """True when the file at ``path`` holds data of an older schema than the code's (opening it
    would migrate it, which is a write). Reads only; a missing, empty or unreadable file is
    left to the caller's open to report."""
    import sqlite3

    if not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as con:
            con.execute("PRAGMA busy_timeout=5000")
            has_table = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            row = None
            if has_table:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return False
    return row is None or str(row[0]) != HEAD_REVISION
