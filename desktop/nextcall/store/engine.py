"""Engine and session factory: one function that takes the database location.

Every connection gets the same settings (foreign keys, WAL, synchronous, busy timeout). The
driver is put in autocommit mode and SQLAlchemy emits BEGIN itself, so transactions cover DDL
too and PRAGMAs issued at connect time are never swallowed by an implicit transaction.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from nextcall.core.paths import private_file
from nextcall.store.failures import read_only_medium

BUSY_TIMEOUT_MS = 5000
# Set (through ``Database.session(write=True)``) for a transaction that reads and then writes:
# it begins with the write lock (BEGIN IMMEDIATE), waiting up to BUSY_TIMEOUT_MS for another
# writer. A plain BEGIN would read first and then, if another connection committed meanwhile,
# fail at its first write with "database is locked" at once (SQLITE_BUSY_SNAPSHOT: in WAL mode
# a read snapshot cannot be upgraded, and the busy timeout does not apply).
WRITING: ContextVar[bool] = ContextVar("nextcall_writing", default=False)
SHARED_MEMORY_ROOM = 1024 * 1024  # free space SQLite wants for the -shm of a WAL file


def make_engine(
    path: Path, *, foreign_keys: bool = True, read_only: bool = False, immutable: bool = False
) -> Engine:
    """An engine over the SQLite file at ``path`` (created 0600 when missing).

    ``read_only``: the file is opened as it is and never written nor created (a full disk, a
    read-only drive or folder). ``immutable`` too: SQLite then keeps no shared-memory file
    beside it, which is right only while no write-ahead log is pending (``wal_pending``)."""
    if read_only:
        how = "immutable=1" if immutable else "mode=ro"
        url = f"sqlite:///file:{path.resolve().as_posix()}?{how}&uri=true"
    else:
        private_file(path)
        url = f"sqlite:///{path}"
    # hide_parameters: an error's text never quotes the values (note text) it was writing,
    # so it can go to the log as it is.
    engine = create_engine(url, future=True, hide_parameters=True)
    fk = "ON" if foreign_keys else "OFF"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Autocommit at the driver level; BEGIN is emitted below. (Reading the 3.12-only
        # ``autocommit`` attribute here would raise AttributeError on Python 3.11.)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={fk}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if WRITING.get() and not read_only:
            WRITING.set(False)  # a session nested in this one reads as usual
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


def open_read_only(path: Path) -> Engine:
    """A read-only engine over ``path`` that has been seen to work. Where SQLite cannot keep its
    shared-memory file beside the data (a read-only drive or folder, a full disk) and no log is
    pending, the file alone is the whole truth and is read as immutable; otherwise SQLite's
    ordinary read-only mode, falling back to immutable. Raises DatabaseError."""
    from sqlalchemy.exc import DatabaseError

    if not wal_pending(path) and not _room_for_shared_memory(path.parent):
        return _checked(make_engine(path, read_only=True, immutable=True))
    try:
        return _checked(make_engine(path, read_only=True))
    except DatabaseError:
        if wal_pending(path):
            raise
    return _checked(make_engine(path, read_only=True, immutable=True))


def _checked(engine: Engine) -> Engine:
    from sqlalchemy import text

    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
    except Exception:
        engine.dispose()
        raise
    return engine


def _room_for_shared_memory(folder: Path) -> bool:
    """Whether SQLite can create and grow its -shm file in ``folder``."""
    if read_only_medium(folder) or not os.access(folder, os.W_OK | os.X_OK):
        return False
    try:
        return shutil.disk_usage(folder).free >= SHARED_MEMORY_ROOM
    except OSError:
        return False


def wal_pending(path: Path) -> bool:
    """True when a write-ahead log beside ``path`` holds changes not yet in the file."""
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, future=True)
