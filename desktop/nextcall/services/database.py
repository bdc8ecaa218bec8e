"""The open profile: data paths, engine and session factory, opened once per process."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from nextcall.core.paths import DataPaths
from nextcall.store.engine import session_factory
from nextcall.store.migrate import open_database


@dataclass
class Database:
    paths: DataPaths
    engine: Engine
    sessions: sessionmaker[Session] = field(repr=False)
    today: date | None = None  # fixed "today" for tests; None means the real date

    @classmethod
    def open(cls, paths: DataPaths) -> Database:
        paths.ensure()
        engine = open_database(paths.database, paths.backups)
        return cls(paths, engine, session_factory(engine))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One short transaction: committed on success, rolled back on any error."""
        with self.sessions.begin() as session:
            yield session

    def current_date(self) -> date:
        return self.today or date.today()

    def close(self) -> None:
        self.engine.dispose()
