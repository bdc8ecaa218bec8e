"""One small helper for work off the GUI thread.

``SerialWorker.submit(job)`` runs ``job()`` on one background thread, one job at a time, and
``finished(ticket, result, error)`` is emitted on the GUI thread when it returns or raises.
``wait(ticket)`` blocks until that job is done and hands its outcome over directly (used to
flush before switching notes or closing); the later signal for that ticket is then dropped.
Jobs must never touch widgets: they get plain values and return plain values.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal


class SerialWorker(QObject):
    finished = Signal(int, object, object)  # ticket, result, error (an exception or None)
    _relay = Signal(int)  # emitted on the worker thread, delivered on the GUI thread

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._futures: dict[int, Future[Any]] = {}
        self._tickets = itertools.count(1)
        self._closed = False
        self._relay.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(self, job: Callable[[], Any]) -> int:
        if self._closed:
            raise RuntimeError("the worker has been shut down")
        ticket = next(self._tickets)
        future = self._executor.submit(job)
        self._futures[ticket] = future
        future.add_done_callback(partial(self._notify, ticket))
        return ticket

    def busy(self) -> bool:
        return any(not f.done() for f in self._futures.values())

    def wait(self, ticket: int, timeout: float | None = None) -> tuple[Any, BaseException | None]:
        """Block until the job is done; its ``finished`` signal will not be emitted."""
        future = self._futures.get(ticket)
        if future is None:
            raise KeyError(f"no pending job {ticket}")
        error = future.exception(timeout)  # TimeoutError: the job stays pending
        del self._futures[ticket]
        return (None if error is not None else future.result()), error

    def shutdown(self) -> None:
        """Let the running job finish, then stop the thread (pending signals are dropped)."""
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._futures.clear()

    def _notify(self, ticket: int, _future: Future[Any]) -> None:  # on the worker thread
        # RuntimeError: the Qt object is gone (the window closed), so nobody is listening.
        with contextlib.suppress(RuntimeError):
            self._relay.emit(ticket)

    def _deliver(self, ticket: int) -> None:
        future = self._futures.pop(ticket, None)
        if future is None:  # collected by wait(), or shut down
            return
        error = future.exception()
        self.finished.emit(ticket, None if error is not None else future.result(), error)
