"""The one way the UI runs an operation: failures reported alike, changes announced on the
database's hub, and each view refreshing itself from what it subscribed to."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from nextcall.core.errors import NextCallError
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.note_search import any_notes
from nextcall.services.notes import NoteInput, add_note
from nextcall.services.stages import record_outcome
from nextcall.ui.common.background import SerialWorker
from nextcall.ui.common.operations import (
    EVERYTHING,
    Change,
    hub_for,
    run_in_background,
    run_op,
    show_status,
    subscribe,
)
from nextcall.ui.shell.main_window import MainWindow


class NoteCount(QLabel):
    """A view the main window has never heard of: it subscribes and refreshes itself."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.refreshes = 0
        subscribe(self, db, {Change.NOTES}, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.refreshes += 1
        self.setText("some notes" if any_notes(self.db) else "no notes")


def make_window(qtbot: QtBot, db: Database) -> MainWindow:
    win = MainWindow(db, QSettings(str(db.paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def interviews(db: Database) -> tuple[int, list[int]]:
    """An application with two interviews."""
    app_id = add_application(db, ApplicationForm(company="Bluewave", applied_on="2026-11-02"))
    events = [
        record_outcome(db, app_id, stage, "passed")
        for stage in ("phone-interview", "final-interview")
    ]
    return app_id, events


def speak_up(db: Database, app_id: int, events: list[int]) -> list[int]:
    """Both interviewers said "speak up": a recurring area."""
    return [
        add_note(
            db,
            NoteInput(
                text,
                kind="tip",
                application_id=app_id,
                stage_event_id=event,
                tags=("voice-volume",),
            ),
        )
        for event, text in zip(events, ("Speak up", "Louder"), strict=True)
    ]


def test_a_new_view_follows_an_operation_without_any_window_wiring(
    qtbot: QtBot, db: Database
) -> None:
    app_id, events = interviews(db)
    win = make_window(qtbot, db)  # built as shipped: it knows nothing of the view below
    view = NoteCount(db)
    qtbot.addWidget(view)
    assert view.text() == "no notes" and view.refreshes == 1
    assert win.insights.cards == []

    done = run_op(win.notes, db, lambda: speak_up(db, app_id, events), {Change.NOTES}, "Not saved")

    assert done is not None and len(done.value) == 2
    assert view.refreshes == 2 and view.text() == "some notes"
    assert [card.area for card in win.insights.cards] == ["voice-volume"]  # the dock alike


def test_the_insights_dock_shows_recurring_areas_from_the_start(qtbot: QtBot, db: Database) -> None:
    speak_up(db, *interviews(db))
    win = make_window(qtbot, db)
    assert [card.area for card in win.insights.cards] == ["voice-volume"]
    assert win.insights.empty.isHidden()


def test_the_view_that_ran_the_operation_and_its_container_are_not_told_again(
    qtbot: QtBot, db: Database
) -> None:
    told: list[str] = []
    outer, sibling = QWidget(), QWidget()
    qtbot.addWidget(outer)
    qtbot.addWidget(sibling)
    inner = QWidget(outer)
    for name, widget in (("outer", outer), ("inner", inner), ("sibling", sibling)):
        subscribe(widget, db, {Change.STAGES}, lambda n=name: told.append(n))
    run_op(inner, db, lambda: None, {Change.STAGES}, "Not saved")
    assert told == ["sibling"]
    run_op(sibling, db, lambda: None, {Change.APPLICATIONS}, "Not saved")
    assert told == ["sibling"]  # nobody subscribed to applications


def test_announcements_made_while_views_refresh_are_merged(db: Database) -> None:
    hub = hub_for(db)
    rounds: list[frozenset[Change]] = []
    hub.data_changed.connect(lambda kinds, _origin: rounds.append(kinds))
    with hub.batch():
        hub.announce({Change.NOTES})
        hub.announce({Change.STAGES, Change.NOTES})
    assert rounds == [frozenset({Change.NOTES, Change.STAGES})]
    hub.announce(())
    assert len(rounds) == 1


def test_a_deleted_view_is_no_longer_called(qtbot: QtBot, db: Database) -> None:
    calls: list[int] = []
    view = QWidget()
    subscribe(view, db, EVERYTHING, lambda: calls.append(1))
    hub_for(db).announce({Change.PRACTICE})
    assert calls == [1]
    view.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(view))
    hub_for(db).announce({Change.PRACTICE})
    assert calls == [1]


def test_a_failure_is_shown_over_the_view_and_nothing_is_announced(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[object, str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text: shown.append((p, t, text)))
    rounds: list[object] = []
    hub_for(db).data_changed.connect(lambda kinds, _o: rounds.append(kinds))
    parent = QWidget()
    qtbot.addWidget(parent)

    def refuse() -> None:
        raise NextCallError("That application is gone.")

    assert run_op(parent, db, refuse, EVERYTHING, "Not saved") is None
    assert shown == [(parent, "Not saved", "That application is gone.")]
    assert rounds == []


def test_an_unexpected_error_is_not_swallowed(qtbot: QtBot, db: Database) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def broken() -> None:
        raise KeyError("bug")

    with pytest.raises(KeyError):
        run_op(parent, db, broken, EVERYTHING, "Not saved")


def test_status_messages_reach_the_window(qtbot: QtBot, db: Database) -> None:
    win = make_window(qtbot, db)
    show_status(db, "Imported 3 applications.")
    assert win.statusBar().currentMessage() == "Imported 3 applications."


def test_long_work_runs_on_the_worker_with_progress(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    worker = SerialWorker("test-op", parent)
    view = NoteCount(db)
    qtbot.addWidget(view)
    app_id = add_application(db, ApplicationForm(company="Bluewave"))
    gui = threading.current_thread()
    threads: list[threading.Thread] = []
    steps: list[tuple[int, int]] = []
    results: list[int] = []

    def job(report: Callable[[int, int], None]) -> int:
        threads.append(threading.current_thread())
        report(1, 2)
        note_id = add_note(db, NoteInput("Slow down", kind="tip", application_id=app_id))
        report(2, 2)
        return note_id

    run_in_background(
        parent,
        db,
        worker,
        job,
        {Change.NOTES},
        "Not saved",
        done=results.append,
        progress=lambda done, total: steps.append((done, total)),
    )
    qtbot.waitUntil(lambda: bool(results))
    assert threads and threads[0] is not gui
    assert steps == [(1, 2), (2, 2)]
    assert view.text() == "some notes"

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))

    def refuse(_report: Callable[[int, int], None]) -> None:
        raise NextCallError("The disk is full.")

    run_in_background(parent, db, worker, refuse, {Change.NOTES}, "Not saved")
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == ["The disk is full."]
    worker.shutdown()
