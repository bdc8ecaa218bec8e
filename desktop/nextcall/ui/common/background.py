"""One small helper for work off the GUI thread.

``SerialWorker.submit(job)`` runs ``job()`` on one background thread, one job at a time, and
``finished(ticket, result, error)`` is emitted on the GUI thread when it returns or raises.
``wait(ticket)`` blocks until that job is done and hands its outcome over directly (used to
flush before switching notes or closing); the later signal for that ticket is then dropped.
Jobs must never touch widgets: they get plain values and return plain values.

How a result crosses threads: the worker thread never touches the ``SerialWorker`` (or any
other QObject that a window owns). A window may be closed and its objects deleted on the GUI
thread at any moment, and a signal emitted on an object while it is being deleted is a
use-after-free that no ``try`` can catch. Instead the worker thread posts to one mailbox
object that lives as long as the process (``_mailbox``), carrying a weak reference to the
receiver; on the GUI thread the mailbox hands the message over only if the receiver is still
alive, and drops it otherwise. ``gui_caller`` gives jobs the same safe way to report progress.
When a ``SerialWorker`` is destroyed without ``shutdown()``, its thread still finishes the jobs
already queued (a pending save is never lost) and then stops.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, ParamSpec

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal

P = ParamSpec("P")


class _Mailbox(QObject):
    """Receives calls posted from worker threads and runs them on the GUI thread, each only
    while its receiver still exists. Never deleted while the process runs."""

    posted = Signal(object, object)  # weak reference to the receiver, call(receiver)

    def __init__(self) -> None:
        super().__init__()  # no parent: owned by this module, never deleted by Qt
        self.posted.connect(self._hand_over, Qt.ConnectionType.QueuedConnection)

    def _hand_over(self, receiver_ref: Callable[[], QObject | None], call: Any) -> None:
        receiver = receiver_ref()
        if receiver is None or not shiboken6.isValid(receiver):
            return  # its window was closed meanwhile: nobody is listening
        call(receiver)


_mailbox: _Mailbox | None = None
_mailbox_lock = threading.Lock()


def _the_mailbox() -> _Mailbox:
    """The process's mailbox, created on first use (from the GUI thread: a SerialWorker or a
    ``gui_caller`` is always made there) and kept on the application's thread."""
    global _mailbox
    with _mailbox_lock:
        if _mailbox is None or not shiboken6.isValid(_mailbox):
            mailbox = _Mailbox()
            app = QCoreApplication.instance()
            gui_thread = app.thread() if app is not None else None
            if gui_thread is not None and gui_thread is not QThread.currentThread():
                mailbox.moveToThread(gui_thread)
            _mailbox = mailbox
        return _mailbox


def _post(receiver_ref: Callable[[], QObject | None], call: Callable[[Any], object]) -> None:
    """From any thread: run ``call(receiver)`` soon on the GUI thread if the receiver lives."""
    mailbox = _mailbox
    if mailbox is not None:  # always set: created before any job could be submitted
        mailbox.posted.emit(receiver_ref, call)


def gui_caller(receiver: QObject, method: Callable[P, object]) -> Callable[P, None]:
    """A function that may be called from any thread: each call runs ``method(*args)`` later
    on the GUI thread, and is dropped if ``receiver`` (whose method it is, or whose lifetime
    it follows) has been deleted by then. Use it for progress reports from a job. Call this
    on the GUI thread."""
    _the_mailbox()
    ref = weakref.ref(receiver)

    def call(*args: P.args, **kwargs: P.kwargs) -> None:
        _post(ref, lambda _receiver: method(*args, **kwargs))

    return call


def _stop(executor: ThreadPoolExecutor, *_args: object) -> None:
    """The owner is gone: accept nothing more, finish what is queued, then end the thread."""
    executor.shutdown(wait=False)


def _notify(
    worker_ref: Callable[[], QObject | None], ticket: int, _future: Future[Any]
) -> None:  # on the worker thread: touches no QObject but the mailbox
    _post(worker_ref, lambda worker: worker._deliver(ticket))


class SerialWorker(QObject):
    finished = Signal(int, object, object)  # ticket, result, error (an exception or None)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        _the_mailbox()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._futures: dict[int, Future[Any]] = {}
        self._tickets = itertools.count(1)
        self._closed = False
        self._ref = weakref.ref(self)
        # A plain function holding the executor, not the (dying) Python wrapper of self.
        self.destroyed.connect(partial(_stop, self._executor))

    def submit(self, job: Callable[[], Any]) -> int:
        if self._closed:
            raise RuntimeError("the worker has been shut down")
        ticket = next(self._tickets)
        future = self._executor.submit(job)
        self._futures[ticket] = future
        future.add_done_callback(partial(_notify, self._ref, ticket))
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

    def _deliver(self, ticket: int) -> None:  # on the GUI thread, through the mailbox
        future = self._futures.pop(ticket, None)
        if future is None:  # collected by wait(), or shut down
            return
        error = future.exception()
        self.finished.emit(ticket, None if error is not None else future.result(), error)
