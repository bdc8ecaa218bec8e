"""A transaction that reads and then writes (``Database.session(write=True)``) takes the write
lock first, so another writer waits for it rather than making it fail; a plain session that
read first and then writes after another connection committed fails at once with "database is
locked" (SQLite's stale snapshot in WAL mode), which is why the savers ask for ``write``."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest
from sqlalchemy import select, update

from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.store.models import Application


def other_writer(db: Database) -> sqlite3.Connection:
    return sqlite3.connect(db.paths.database, timeout=0, isolation_level=None)


def test_a_plain_session_that_read_first_cannot_write_after_another_commit(db: Database) -> None:
    add_application(db, ApplicationForm(company="Bluewave"))
    with (
        contextlib.closing(other_writer(db)) as other,
        pytest.raises(Exception, match="locked"),
        db.session() as s,
    ):
        s.execute(select(Application.id)).all()  # its snapshot starts here
        other.execute("UPDATE applications SET position = 'CSR'")  # committed meanwhile
        s.execute(update(Application).values(position="Agent"))
    with db.session() as s:
        assert s.scalars(select(Application.position)).all() == ["CSR"]


def test_a_write_session_holds_the_lock_from_its_first_read(db: Database) -> None:
    add_application(db, ApplicationForm(company="Bluewave"))
    with contextlib.closing(other_writer(db)) as other:
        with db.session(write=True) as s:
            s.execute(select(Application.id)).all()
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("UPDATE applications SET position = 'CSR'")  # must wait
            s.execute(update(Application).values(position="Agent"))
        other.execute("UPDATE applications SET position = position || ' (2)'")  # its turn
    with db.session() as s:
        assert s.scalars(select(Application.position)).all() == ["Agent (2)"]


def test_a_session_inside_a_write_session_reads_as_usual(db: Database) -> None:
    """Only the outer transaction takes the lock: a nested one on the same thread does not
    wait for it (it would wait for itself)."""
    add_application(db, ApplicationForm(company="Bluewave"))
    with db.session(write=True) as outer:
        outer.execute(select(Application.id)).all()
        with db.session() as inner:
            assert inner.scalars(select(Application.company_id)).all()
        outer.execute(update(Application).values(position="Agent"))
