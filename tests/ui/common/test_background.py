"""ui/common/background.py: results and progress reach the GUI thread, and a worker whose
window is closed mid-job neither crashes nor loses the jobs already queued."""

from __future__ import annotations

import threading
import time
from functools import partial

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread
from pytestqt.qtbot import QtBot

from nextcall.ui.common.background import SerialWorker, gui_caller


def _threads(prefix: str) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(prefix)]


def _delete_now(obj: QObject) -> None:
    obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_results_and_errors_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    worker = SerialWorker("test-bg-results")
    seen: list[tuple[int, object, object, bool]] = []
    on_gui = QCoreApplication.instance().thread()  # type: ignore[union-attr]
    worker.finished.connect(
        lambda ticket, result, error: seen.append(
            (ticket, result, error, QThread.currentThread() is on_gui)
        )
    )
    first = worker.submit(lambda: 6 * 7)
    second = worker.submit(lambda: 1 / 0)
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen[0] == (first, 42, None, True)
    assert seen[1][0] == second and seen[1][1] is None and seen[1][3]
    assert isinstance(seen[1][2], ZeroDivisionError)
    assert not worker.busy()
    worker.shutdown()


def test_wait_takes_the_outcome_and_the_signal_is_dropped(qtbot: QtBot) -> None:
    worker = SerialWorker("test-bg-wait")
    seen: list[int] = []
    worker.finished.connect(lambda ticket, *_: seen.append(ticket))
    ticket = worker.submit(lambda: "saved")
    assert worker.wait(ticket) == ("saved", None)
    later = worker.submit(lambda: None)
    qtbot.waitUntil(lambda: seen == [later])
    with pytest.raises(KeyError):
        worker.wait(ticket)
    worker.shutdown()
    with pytest.raises(RuntimeError):
        worker.submit(lambda: None)


def test_a_worker_deleted_mid_job_finishes_its_queue_and_stops(qtbot: QtBot) -> None:
    owner = QObject()
    worker = SerialWorker("test-bg-deleted", owner)
    release = threading.Event()
    done: list[str] = []
    heard: list[int] = []
    worker.finished.connect(lambda ticket, *_: heard.append(ticket))

    def running() -> None:
        release.wait(5)
        done.append("running")

    worker.submit(running)
    worker.submit(lambda: done.append("queued"))  # e.g. a pending save: never dropped
    _delete_now(owner)  # the window closes while the job runs
    assert not shiboken6.isValid(worker)
    release.set()
    qtbot.waitUntil(lambda: not _threads("test-bg-deleted"), timeout=5000)
    qtbot.wait(50)  # whatever was posted has been handed over (or dropped) by now
    assert done == ["running", "queued"]
    assert heard == []


def test_deleting_workers_while_their_jobs_finish_is_safe(qtbot: QtBot) -> None:
    """The race behind a crash: the GUI thread deletes the worker exactly while the worker
    thread reports a finished job. Nothing on the worker thread may touch the deleted object."""
    for n in range(150):
        owner = QObject()
        worker = SerialWorker("test-bg-race", owner)
        worker.finished.connect(lambda *_: None)
        pause = 0.0005 * (n % 3)
        for _ in range(3):
            worker.submit(partial(time.sleep, pause))
        if n % 2:
            QCoreApplication.processEvents()
        _delete_now(owner)
    qtbot.waitUntil(lambda: not _threads("test-bg-race"), timeout=10_000)
    QCoreApplication.processEvents()


def test_progress_from_a_job_arrives_in_order_and_stops_with_its_receiver(qtbot: QtBot) -> None:
    receiver = QObject()
    got: list[tuple[int, bool]] = []
    on_gui = QCoreApplication.instance().thread()  # type: ignore[union-attr]
    report = gui_caller(
        receiver, lambda done: got.append((done, QThread.currentThread() is on_gui))
    )
    worker = SerialWorker("test-bg-progress")
    ticket = worker.submit(lambda: [report(n) for n in range(5)])
    worker.wait(ticket)
    qtbot.waitUntil(lambda: len(got) == 5)
    assert got == [(n, True) for n in range(5)]

    _delete_now(receiver)
    worker.wait(worker.submit(lambda: report(99)))
    qtbot.wait(50)
    assert len(got) == 5  # dropped: the receiver is gone
    worker.shutdown()
