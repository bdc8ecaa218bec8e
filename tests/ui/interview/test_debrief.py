"""The debrief dialog: nothing written until Save; incomplete rows named; every note linked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from nextcall.services.database import Database
from nextcall.services.notes import list_notes
from nextcall.services.stages import record_outcome
from nextcall.ui.interview.debrief import DebriefDialog


@pytest.fixture
def failed_final(db: Database, app_id: int, final_booked: int) -> int:
    return record_outcome(db, app_id, "final-interview", "failed")


@pytest.fixture
def dialog(qtbot, db: Database, app_id: int, failed_final: int) -> DebriefDialog:  # type: ignore[no-untyped-def]
    d = DebriefDialog(db, app_id)
    d.confirm_discard = lambda: True  # type: ignore[method-assign]  # closing at teardown
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_defaults_to_the_latest_milestone_and_feedback_after_a_failure(
    dialog: DebriefDialog,
) -> None:
    assert dialog.state is not None and dialog.state.stage.key == "final-interview"
    assert dialog.said_kind.currentData() == "feedback"
    assert len(dialog.rows) == 1


def test_incomplete_rows_are_named_and_nothing_is_written(
    qtbot,
    dialog: DebriefDialog,
    db: Database,
    app_id: int,  # type: ignore[no-untyped-def]
) -> None:
    qtbot.keyClicks(dialog.well, "Good introduction")
    first = dialog.rows[0]
    qtbot.keyClicks(first.wrong, "Misread the salary question")
    second = dialog.add_row("nervous", focus=True)
    qtbot.keyClicks(second.fix, "Breathe before answering")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "Rows 1 and 2 are not finished" in dialog.error.text()
    assert first.error.text().startswith("Add a fix")
    assert second.error.text().startswith("Say what went wrong")
    assert list_notes(db, application_id=app_id) == []
    qtbot.keyClicks(first.fix, "Say a range, not one number")
    dialog.save_debrief()
    assert "Row 2 is not finished" in dialog.error.text()
    assert list_notes(db, application_id=app_id) == []


def test_save_writes_every_part_linked_and_tagged(
    qtbot,
    dialog: DebriefDialog,
    db: Database,
    app_id: int,
    failed_final: int,
    maria: int,  # type: ignore[no-untyped-def]
) -> None:
    qtbot.keyClicks(dialog.well, "Kept eye contact")
    row = dialog.add_row("misunderstood")  # replaces the untouched starter row
    assert len(dialog.rows) == 1
    qtbot.keyClicks(row.wrong, "Answered about teamwork, not multitasking")
    qtbot.keyClicks(row.fix, "Repeat the question back first")
    row.tags.set_tags(("listening", "english-grammar"))
    empty = dialog.add_row("forgot")  # left empty: ignored
    assert len(dialog.rows) == 2 and empty.is_empty()
    qtbot.keyClicks(dialog.said, "Work on past tenses")
    dialog.said_tags.set_tags(("english-grammar",))
    with qtbot.waitSignal(dialog.saved) as signal:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(signal.args[0]) == 3
    assert not dialog.isVisible()
    by_kind = {n.kind: n for n in list_notes(db, application_id=app_id)}
    assert set(by_kind) == {"observation", "debrief", "feedback"}
    debrief = by_kind["debrief"]
    assert debrief.body == "Answered about teamwork, not multitasking"
    assert debrief.fix == "Repeat the question back first"
    assert set(debrief.tags) == {"listening", "english-grammar"}
    assert by_kind["feedback"].tags == ("english-grammar",)
    assert all(n.stage_event_id == failed_final for n in by_kind.values())
    assert all(n.contact_id == maria for n in by_kind.values())


def test_an_empty_debrief_is_refused_and_a_stage_can_be_chosen(
    qtbot,
    db: Database,
    app_id: int,
    failed_final: int,  # type: ignore[no-untyped-def]
) -> None:
    d = DebriefDialog(db, app_id, stage_key="phone-interview")
    d.confirm_discard = lambda: True  # type: ignore[method-assign]
    qtbot.addWidget(d)
    assert d.state is not None and d.state.stage.key == "phone-interview"
    assert d.said_kind.currentData() == "tip"
    d.save_debrief()
    assert d.error.text().startswith("Nothing to save yet")


def test_cancel_asks_before_dropping_typed_text(
    qtbot,
    dialog: DebriefDialog,
    db: Database,
    app_id: int,  # type: ignore[no-untyped-def]
) -> None:
    asked: list[bool] = []
    dialog.confirm_discard = lambda: asked.append(True) or False  # type: ignore[method-assign]
    qtbot.keyClicks(dialog.well, "Something")
    dialog.reject()
    assert asked and dialog.isVisible()
    dialog.confirm_discard = lambda: True  # type: ignore[method-assign]
    dialog.reject()
    assert not dialog.isVisible()
    assert list_notes(db, application_id=app_id) == []


def test_remove_a_row(qtbot, dialog: DebriefDialog) -> None:  # type: ignore[no-untyped-def]
    a = dialog.add_row("nervous")
    b = dialog.add_row("forgot")
    qtbot.mouseClick(a.remove, Qt.MouseButton.LeftButton)
    assert dialog.rows == [b]
    assert b.title.text() == "1. A point I forgot"
