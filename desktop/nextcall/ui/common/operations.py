"""One way for the UI to run an operation, report its failure and announce what it changed.

A view that changes data runs the service call through ``run_op`` (quick calls, on the GUI
thread) or ``run_in_background`` (long ones, on a ``SerialWorker``, with progress where the job
reports it). Either one:

- shows a ``NextCallError`` with ``report_failure`` (a warning box over the view that asked);
  any other exception goes on to the app's crash handling;
- on success, announces the kinds of records touched on the database's ``ChangeHub``.

Views never refresh each other. Each one subscribes to the kinds it shows and refreshes itself::

    subscribe(self, db, {Change.NOTES}, self.refresh)

Announcements made while subscribers are being told (or inside ``hub.batch()``) are merged
into one ``data_changed`` emission. Status-line messages go through the hub too
(``show_status``); the main window shows them.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from nextcall.core.errors import NextCallError
from nextcall.services.database import Database
from nextcall.ui.common.background import SerialWorker, gui_caller

T = TypeVar("T")


class Change(Enum):
    """The kinds of records an operation may touch."""

    APPLICATIONS = "applications"
    STAGES = "stages"
    NOTES = "notes"
    FOLLOW_UPS = "follow_ups"
    CONTACTS = "contacts"
    PRACTICE = "practice"
    SETTINGS = "settings"


Changes = frozenset[Change]
EVERYTHING: Changes = frozenset(Change)


class ChangeHub(QObject):
    """One per database: tells every subscribed view what changed, and carries status text."""

    data_changed = Signal(object, object)  # frozenset[Change], the origin (a QObject or None)
    status = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: set[Change] = set()
        self._origins: list[QObject | None] = []
        self._held = 0

    def announce(self, kinds: Iterable[Change], origin: QObject | None = None) -> None:
        """Tell the subscribers that records of ``kinds`` changed. ``origin`` is the view that
        ran the operation and already shows the result: it and the views holding it are not
        told again."""
        kinds = frozenset(kinds)
        if not kinds:
            return
        self._pending |= kinds
        self._origins.append(origin)
        if self._held:
            return
        with self.batch():  # announcements made by the subscribers join the next round
            pass

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Merge every announcement made inside into one."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held:
                self._deliver()

    def _deliver(self) -> None:
        self._held += 1
        try:
            while self._pending:
                kinds, self._pending = frozenset(self._pending), set()
                origins, self._origins = self._origins, []
                # One origin for the whole round: subscribers skip only their own change.
                origin = origins[0] if len(set(map(id, origins))) == 1 else None
                self.data_changed.emit(kinds, origin)
        finally:
            self._held -= 1


_hubs: dict[int, ChangeHub] = {}


def hub_for(db: Database) -> ChangeHub:
    """The change hub of ``db`` (made on first use, gone with the database)."""
    key = id(db)
    hub = _hubs.get(key)
    if hub is None:
        hub = _hubs[key] = ChangeHub()
        weakref.finalize(db, _hubs.pop, key, None)
    return hub


class _Subscription(QObject):
    """A child of the subscribing view: disconnected when the view is deleted."""

    def __init__(
        self, owner: QObject, kinds: Changes, slot: Callable[[], object], hub: ChangeHub
    ) -> None:
        super().__init__(owner)
        self._owner = owner
        self._kinds = kinds
        self._slot = slot
        hub.data_changed.connect(self._changed)

    def _changed(self, kinds: Changes, origin: QObject | None) -> None:
        if kinds & self._kinds and not _within(origin, self._owner):
            self._slot()


def _within(origin: QObject | None, owner: QObject) -> bool:
    """Whether ``origin`` is ``owner`` or one of its descendants (a part of that view)."""
    while origin is not None:
        if origin is owner:
            return True
        origin = origin.parent()
    return False


def subscribe(
    owner: QObject, db: Database, kinds: Iterable[Change], slot: Callable[[], object]
) -> None:
    """Call ``slot`` (``owner``'s refresh) whenever records of ``kinds`` change, except by an
    operation run by ``owner`` or a part of it (which shows its own result); for as long as
    ``owner`` lives."""
    _Subscription(owner, frozenset(kinds), slot, hub_for(db))


def announce(db: Database, kinds: Iterable[Change], origin: QObject | None = None) -> None:
    hub_for(db).announce(kinds, origin)


def show_status(db: Database, message: str) -> None:
    """A short message on the window's status line."""
    hub_for(db).status.emit(message)


def report_failure(parent: QWidget | None, error: NextCallError, title: str) -> None:
    """How every operation failure is shown: its message in a warning over ``parent``."""
    QMessageBox.warning(parent, title, str(error))


@dataclass(frozen=True)
class Done(Generic[T]):
    """A successful operation's result."""

    value: T


def run_op(
    parent: QWidget,
    db: Database,
    call: Callable[[], T],
    changes: Iterable[Change],
    title: str,
    *,
    status: str | None = None,
) -> Done[T] | None:
    """Run ``call`` now. On a ``NextCallError``: report it and return None. On success:
    announce ``changes`` (``parent`` excepted: it updates itself from the result), show
    ``status`` if given, and return the result."""
    try:
        value = call()
    except NextCallError as exc:
        report_failure(parent, exc, title)
        return None
    announce(db, changes, parent)
    if status:
        show_status(db, status)
    return Done(value)


Progress = Callable[[int, int], None]


class BackgroundOp(QObject):
    """One job on a worker; see ``run_in_background``."""

    progressed = Signal(int, int)  # done, total: on the GUI thread

    def __init__(
        self,
        parent: QWidget,
        db: Database,
        worker: SerialWorker,
        changes: Iterable[Change],
        title: str,
        done: Callable[[Any], object] | None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._db = db
        self._worker = worker
        self._changes = frozenset(changes)
        self._title = title
        self._done = done
        self.ticket = 0
        worker.finished.connect(self._finished)

    def start(self, job: Callable[[Progress], Any]) -> BackgroundOp:
        # Reports go through the worker's mailbox, never a signal emitted on this object from
        # the worker thread: the object may be deleted meanwhile (see ui/common/background.py).
        report = gui_caller(self, self.progressed.emit)
        self.ticket = self._worker.submit(lambda: job(report))
        return self

    def _finished(self, ticket: int, result: Any, error: BaseException | None) -> None:
        if ticket != self.ticket:
            return
        self._worker.finished.disconnect(self._finished)
        self.deleteLater()
        if isinstance(error, NextCallError):
            report_failure(self._parent, error, self._title)
            return
        if error is not None:
            raise error  # unexpected: the app's crash handling takes it
        announce(self._db, self._changes, self._parent)
        if self._done is not None:
            self._done(result)


def run_in_background(
    parent: QWidget,
    db: Database,
    worker: SerialWorker,
    job: Callable[[Progress], T],
    changes: Iterable[Change],
    title: str,
    *,
    done: Callable[[T], object] | None = None,
    progress: Progress | None = None,
) -> BackgroundOp:
    """Run ``job(report)`` on ``worker``; ``report(done, total)`` reaches ``progress`` on the
    GUI thread. The job touches no widget. When it returns, on the GUI thread: a
    ``NextCallError`` is reported like ``run_op``'s; on success ``changes`` are announced and
    ``done(result)`` is called."""
    op = BackgroundOp(parent, db, worker, changes, title, done)
    if progress is not None:
        op.progressed.connect(progress)
    return op.start(job)


__all__ = [
    "EVERYTHING",
    "BackgroundOp",
    "Change",
    "ChangeHub",
    "Done",
    "announce",
    "hub_for",
    "report_failure",
    "run_in_background",
    "run_op",
    "show_status",
    "subscribe",
]
