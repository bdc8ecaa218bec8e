"""Engine and session factory: one function that takes the database location.

Every connection gets the same settings (foreign keys, WAL, synchronous, busy timeout). The
driver is put in autocommit mode and SQLAlchemy emits BEGIN itself, so transactions cover DDL
too and PRAGMAs issued at connect time are never swallowed by an implicit transaction.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


def create_private_file(path: Path) -> None:
    """Create an empty file readable by the user only (0600), if it does not exist yet."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine over the SQLite file at ``path`` (created 0600 when missing)."""
    create_private_file(path)
    # hide_parameters: an error's text never quotes the values (note text) it was writing,
    # so it can go to the log as it is.
    engine = create_engine(f"sqlite:///{path}", future=True, hide_parameters=True)
    fk = "ON" if foreign_keys else "OFF"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Autocommit at the driver level; BEGIN is emitted below. (Reading the 3.12-only
        # ``autocommit`` attribute here would raise AttributeError on Python 3.11.)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys={fk}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, future=True)
