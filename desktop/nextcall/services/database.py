"""The open profile: data paths, engine and session factory, opened once per process.

SQLAlchemy is imported when the engine is first needed, not with this module: the window can
paint its first rows (services/first_page.py) before the ORM has loaded (``Database.later``).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from nextcall.core.clock import Clock
from nextcall.core.errors import (
    DiskFullError,
    NextCallError,
    OpenedReadOnlyError,
    ReadOnlyError,
    ValidationError,
)
from nextcall.core.paths import DataPaths

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

UNSTORABLE_TEXT = (
    "Some of the text has characters that cannot be stored (such as half of an emoji); "
    "remove them and try again."
)
NOTHING_YET = "{} holds no NextCall data yet; add an application first."
REOPEN = (
    "NextCall opened your data read-only: once that is fixed, close NextCall and open it "
    "again to save changes."
)
STAMPED_ON_CREATE = ("created_at", "updated_at", "changed_at")
TOO_LARGE_NUMBER = "A number is too large: NextCall stores whole numbers up to 9223372036854775807."


class Database:
    def __init__(
        self,
        paths: DataPaths,
        engine: Engine | None = None,
        sessions: sessionmaker[Session] | None = None,
        *,
        read_only: str = "",
        opener: Callable[[], Database] | None = None,
    ) -> None:
        self.paths = paths
        self.clock: Clock = Clock.from_env()  # the one "now"; tests set it
        self.read_only = read_only  # why the profile is open read-only ("" when writable)
        self._scratch: Path | None = None  # see _nothing_yet
        self._engine = engine
        self._sessions = sessions
        self._opener = opener
        if sessions is not None:
            self._listen()

    def __repr__(self) -> str:
        return f"Database({self.paths.root!s}, opened={self.opened})"

    @classmethod
    def later(cls, paths: DataPaths, opener: Callable[[], Database]) -> Database:
        """The profile, opened by ``opener`` (``Database.open`` or ``open_for_reading``) the
        first time its engine is used: the window is built and painted before then."""
        return cls(paths, opener=opener)

    @property
    def opened(self) -> bool:
        return self._sessions is not None

    def open_now(self) -> None:
        """Open the engine if it is not open yet (raises what the opener raises)."""
        if self._sessions is not None:
            return
        if self._opener is None:
            raise NextCallError("The database was closed.")
        opened = self._opener()
        self._engine, self._sessions = opened._engine, opened._sessions
        self.read_only, self._scratch = opened.read_only, opened._scratch
        opened._scratch = None
        self._opener = None
        self._listen()

    @property
    def engine(self) -> Engine:
        self.open_now()
        assert self._engine is not None
        return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        self.open_now()
        assert self._sessions is not None
        return self._sessions

    def _listen(self) -> None:
        from sqlalchemy import event

        event.listen(self._sessions, "before_flush", self._stamp)

    def _stamp(self, session: Session, _context: object, _instances: object) -> None:
        """Creation and change times come from the profile's clock, for every record and every
        write path (SQLite's CURRENT_TIMESTAMP would be a second clock, and in UTC)."""
        from sqlalchemy import inspect
        from sqlalchemy.orm.attributes import flag_modified

        now = self.clock.now()
        for row in session.new:
            for name in STAMPED_ON_CREATE:
                if hasattr(row, name) and getattr(row, name) is None:
                    setattr(row, name, now)
        for row in session.dirty:
            if (
                hasattr(row, "updated_at")
                and session.is_modified(row, include_collections=False)
                and not inspect(row).attrs.updated_at.history.added
            ):
                row.updated_at = now
                # Written even when unchanged (a frozen clock, the same instant): left out of
                # the UPDATE, the column's onupdate would take SQLite's clock, in UTC.
                flag_modified(row, "updated_at")

    @classmethod
    def open(cls, paths: DataPaths) -> Database:
        """The profile, ready to read and write. A storage fault (full disk, read-only drive
        or folder, missing permission, a lock) is raised as its StorageError."""
        from sqlalchemy.exc import DBAPIError

        from nextcall.store.engine import session_factory
        from nextcall.store.failures import open_failure, storage_error, unwritable_storage
        from nextcall.store.migrate import open_database

        try:
            paths.ensure()
            engine = open_database(paths.database, paths.backups)
        except (DBAPIError, OSError) as exc:
            problem = open_failure(exc, paths.database) or storage_error(exc, paths.root)
            if problem is None:
                raise
            raise problem from exc
        problem = unwritable_storage(paths.root)  # opened, but no change could be saved
        if problem is not None:
            engine.dispose()
            raise problem
        return cls(paths, engine, session_factory(engine))

    @classmethod
    def open_for_reading(cls, paths: DataPaths) -> Database:
        """The profile for showing and exporting: when the storage refuses writes (full,
        read-only, no permission), it is opened read-only instead, and ``read_only`` says why;
        writes then fail with that reason. Nothing is created or migrated that way."""
        from sqlalchemy.exc import DBAPIError

        from nextcall.store.engine import session_factory
        from nextcall.store.migrate import open_database

        if not paths.database.is_file() or paths.database.stat().st_size == 0:
            return cls._nothing_yet(paths)
        try:
            return cls.open(paths)
        except (DiskFullError, ReadOnlyError) as problem:
            if not paths.database.is_file() or paths.database.stat().st_size == 0:
                raise
            try:
                engine = open_database(paths.database, paths.backups, read_only=True)
            except (DBAPIError, OSError, NextCallError):
                raise problem from None
            return cls(paths, engine, session_factory(engine), read_only=str(problem))

    @classmethod
    def _nothing_yet(cls, paths: DataPaths) -> Database:
        """A profile with no data file yet, read without creating one: an empty database in a
        scratch folder that goes away on ``close``."""
        from nextcall.store.engine import session_factory
        from nextcall.store.migrate import open_database

        scratch = Path(tempfile.mkdtemp(prefix="nextcall-empty-"))
        engine = open_database(scratch / paths.database.name, scratch / "backups")
        db = cls(paths, engine, session_factory(engine), read_only=NOTHING_YET.format(paths.root))
        db._scratch = scratch
        return db

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """One short transaction: committed on success, rolled back on any error. A write
        the disk refuses (full, read-only, failing) becomes a StorageError with a plain
        message; the rollback leaves the data as it was before.

        ``write``: the transaction reads and then writes, and may race another writer (the
        autosave's background saves, another process): it takes the write lock first, so it
        waits its turn instead of failing (store/engine.py ``WRITING``)."""
        from sqlalchemy.exc import DBAPIError

        from nextcall.store.engine import WRITING
        from nextcall.store.failures import storage_error

        intent = WRITING.set(write)
        try:
            with self.sessions.begin() as session:
                yield session
        except DBAPIError as exc:
            problem = storage_error(exc, self.paths.root, self.paths.database)
            if problem is None:
                raise
            if self.read_only:  # the reason it was opened read-only says it best
                raise OpenedReadOnlyError(f"{self.read_only} {REOPEN}") from exc
            raise problem from exc
        except UnicodeEncodeError as exc:  # a value the services did not check (the last net)
            raise ValidationError(UNSTORABLE_TEXT) from exc
        except OverflowError as exc:
            if "sqlite" not in str(exc).lower():
                raise
            raise ValidationError(TOO_LARGE_NUMBER) from exc
        finally:
            WRITING.reset(intent)

    def close(self) -> None:
        self._opener = None  # a database never opened stays closed
        if self._engine is not None:
            self._engine.dispose()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None
