"""The Tracker tab as a user drives it: keys and clicks on the stepper, the real database."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from nextcall.services import stages
from nextcall.services.application_detail import get_detail
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.ui.tracker.tab import TrackerTab


@pytest.fixture
def app_id(db: Database) -> int:
    return add_application(
        db, ApplicationForm(company="Harborline BPO", position="CSR", applied_on="2026-11-02")
    )


@pytest.fixture
def tab(qtbot, db: Database, app_id: int) -> TrackerTab:  # type: ignore[no-untyped-def]
    widget = TrackerTab(db, lambda: None)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def outcomes(db: Database, app_id: int) -> dict[str, str | None]:
    return {st.stage.key: st.outcome for st in stages.stage_states(db, app_id)}


def index_of(tab: TrackerTab, key: str) -> int:
    states = stages.stage_states(tab.db, tab.application_id)  # type: ignore[arg-type]
    return next(i for i, st in enumerate(states) if st.stage.key == key)


def test_opens_on_the_milestone_waiting_for_an_answer(tab: TrackerTab, app_id: int) -> None:
    assert tab.application_id == app_id
    assert tab.heading.text() == "Harborline BPO — CSR"
    assert tab.stepper.current == index_of(tab, "application")
    assert tab.panel.title.text() == "Application sent"
    assert tab.panel.summary.text().startswith("Pending")


def test_fail_at_the_exam_by_keyboard_keeps_the_milestone_reached(
    qtbot, tab: TrackerTab, db: Database, app_id: int
) -> None:  # type: ignore[no-untyped-def]
    tab.stepper.setFocus()
    for _ in range(index_of(tab, "exam") - tab.stepper.current):
        qtbot.keyClick(tab.stepper, Qt.Key.Key_Right)
    assert tab.panel.title.text() == "Exam"
    qtbot.keyClick(tab.stepper, Qt.Key.Key_F)
    recorded = outcomes(db, app_id)
    assert recorded["exam"] == "failed"
    assert recorded["application"] == "passed"  # it was waiting; reaching the exam settles it
    detail = get_detail(db, app_id)
    assert detail.status == "rejected"
    assert "exam" in detail.closing_reason.lower()
    assert tab.status.text().startswith("Rejected")
    assert tab.panel.summary.text().startswith("Failed")
    assert "Exam: failed" in tab.side.history.item(0).text()


def test_two_clicks_record_a_pass(qtbot, tab: TrackerTab, db: Database, app_id: int) -> None:  # type: ignore[no-untyped-def]
    target = index_of(tab, "phone-interview")
    centers = tab.stepper._centers()
    qtbot.mouseClick(tab.stepper, Qt.MouseButton.LeftButton, pos=centers[target].toPoint())
    assert tab.panel.title.text() == "Phone interview"
    qtbot.mouseClick(tab.panel.outcome_buttons[stages.Outcome.PASSED], Qt.MouseButton.LeftButton)
    assert outcomes(db, app_id)["phone-interview"] == "passed"
    assert get_detail(db, app_id).status == "active"


def test_a_bad_score_is_explained_and_nothing_is_recorded(
    qtbot, tab: TrackerTab, db: Database, app_id: int
) -> None:  # type: ignore[no-untyped-def]
    tab.stepper.select(index_of(tab, "exam"))
    tab.panel.score.setText("lots")
    tab.panel.record(stages.Outcome.PASSED)
    assert tab.panel.error.isVisibleTo(tab) and "amount" in tab.panel.error.text()
    assert outcomes(db, app_id)["exam"] is None


def test_ticked_checks_are_saved_with_the_event(
    qtbot, tab: TrackerTab, db: Database, app_id: int
) -> None:  # type: ignore[no-untyped-def]
    tab.stepper.select(index_of(tab, "phone-interview"))
    assert not tab.panel.check_boxes[0].isEnabled()  # nothing recorded yet
    tab.panel.record(stages.Outcome.FAILED)
    boxes = tab.panel.check_boxes
    assert boxes and all(b.isEnabled() for b in boxes)
    qtbot.mouseClick(boxes[1], Qt.MouseButton.LeftButton, pos=QPoint(5, boxes[1].height() // 2))
    state = next(s for s in stages.stage_states(db, app_id) if s.stage.key == "phone-interview")
    assert list(state.checks) == [boxes[1].property("check_key")]


def test_marking_a_test_unused(tab: TrackerTab, db: Database, app_id: int) -> None:
    tab.stepper.select(index_of(tab, "sales-test"))
    tab.panel.unused.setChecked(True)
    state = next(s for s in stages.stage_states(db, app_id) if s.stage.key == "sales-test")
    assert state.unused
    assert not tab.panel.outcome_buttons[stages.Outcome.PASSED].isEnabled()


def test_second_interview_goes_after_the_selected_milestone(
    tab: TrackerTab, db: Database, app_id: int
) -> None:
    tab.stepper.select(index_of(tab, "final-interview"))
    tab.insert_second_interview()
    keys = [st.stage.key for st in stages.stage_states(db, app_id)]
    assert keys.index("second-interview") == keys.index("final-interview") + 1
    assert outcomes(db, app_id)["second-interview"] == "scheduled"
    assert tab.panel.title.text() == "Second interview"
    assert "ask" in tab.panel.guidance.text().lower()


def test_panel_answers_are_saved_as_typed(
    qtbot, tab: TrackerTab, db: Database, app_id: int
) -> None:  # type: ignore[no-untyped-def]
    field = tab.side.answers["motivation"]
    field.setFocus()
    qtbot.keyClicks(field, "I want to grow in customer care & <support>")
    qtbot.waitUntil(lambda: tab.side.saved.text().startswith("Saved at "), timeout=3000)
    assert (
        get_detail(db, app_id).answers["motivation"]
        == "I want to grow in customer care & <support>"
    )


def test_panel_answers_are_saved_on_switching_and_closing(
    qtbot, tab: TrackerTab, db: Database, app_id: int
) -> None:  # type: ignore[no-untyped-def]
    other = add_application(db, ApplicationForm(company="Pinnacle Connect"))
    qtbot.keyClicks(tab.side.answers["fit"], "Night owl")
    tab.show_application(other)  # well before the debounce fires
    assert get_detail(db, app_id).answers["fit"] == "Night owl"
    assert tab.side.answers["fit"].text() == ""
    qtbot.keyClicks(tab.side.answers["ability"], "Two years in collections")
    tab.shutdown()  # the main window's close
    assert get_detail(db, other).answers["ability"] == "Two years in collections"
    assert get_detail(db, app_id).answers["ability"] == ""


def test_a_panel_answer_that_cannot_be_saved_says_so_and_is_kept(
    qtbot, tab: TrackerTab, db: Database, app_id: int
) -> None:  # type: ignore[no-untyped-def]
    from nextcall.services.applications import delete_application

    delete_application(db, app_id)  # e.g. trashed from another view meanwhile
    qtbot.keyClicks(tab.side.answers["motivation"], "Growth")
    assert tab.side.flush() is False
    assert tab.side.saved.text() == (
        f"Not saved: there is no application with id {app_id} — your text is kept"
    )
    assert tab.side.answers["motivation"].text() == "Growth"


def test_offer_details_and_comparison(qtbot, tab: TrackerTab, db: Database, app_id: int) -> None:  # type: ignore[no-untyped-def]
    other = add_application(db, ApplicationForm(company="Pinnacle Connect"))
    stages.record_outcome(db, other, "job-offer", "pending")
    tab.stepper.select(index_of(tab, "job-offer"))
    tab.panel.record(stages.Outcome.PENDING)
    assert tab.side.offer_box.isVisibleTo(tab)
    tab.side.offer_fields["pay"].setText("22,000 a month")
    tab.side.offer_fields["start_on"].setText("1 Dec 2026")
    tab.side.save_offer()
    detail = get_detail(db, app_id)
    assert (detail.offer_pay, detail.offer_start_on.isoformat()) == ("22,000 a month", "2026-12-01")
    from nextcall.ui.tracker.side_panel import OfferComparison

    dialog = OfferComparison(db)
    qtbot.addWidget(dialog)
    headers = [
        dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())
    ]
    assert headers == ["Harborline BPO", "Pinnacle Connect"]
    assert dialog.table.item(2, 0).text() == "22,000 a month"


def test_bad_offer_date_is_explained(tab: TrackerTab, db: Database, app_id: int) -> None:
    stages.record_outcome(db, app_id, "job-offer", "pending")
    tab.show_application(app_id)
    tab.side.offer_fields["start_on"].setText("31 Feb")
    tab.side.save_offer()
    assert tab.side.offer_error.isVisibleTo(tab)
    assert "not a real date" in tab.side.offer_error.text()


def test_checks_stay_json(db: Database, app_id: int) -> None:
    event = stages.record_outcome(db, app_id, "exam", "failed")
    stages.set_checks(db, event, ["b", "a", "a"])
    with db.session() as s:
        from nextcall.store.models import StageEvent

        assert json.loads(s.get(StageEvent, event).checks) == ["a", "b"]


def test_empty_profile_says_how_to_start(qtbot, isolated_profile) -> None:  # type: ignore[no-untyped-def]
    empty = Database.open(isolated_profile.__class__(isolated_profile.root.parent / "other"))
    try:
        widget = TrackerTab(empty, lambda: None)
        qtbot.addWidget(widget)
        assert widget.app_stack.currentWidget() is widget.empty
    finally:
        empty.close()
    assert QApplication.instance() is not None


def test_after_an_interview_a_debrief_is_offered(
    qtbot, tab: TrackerTab, db: Database, app_id: int, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    tab.stepper.select(index_of(tab, "phone-interview"))
    assert not tab.panel.debrief_hint.isVisibleTo(tab)
    tab.panel.record(stages.Outcome.FAILED)
    assert tab.panel.debrief_hint.isVisibleTo(tab)
    opened: list[tuple[int, str]] = []

    from nextcall.ui.interview import debrief

    class FakeDialog:
        def __init__(self, _db, application_id, stage_key, _parent) -> None:  # type: ignore[no-untyped-def]
            opened.append((application_id, stage_key))
            self.saved = type("S", (), {"connect": lambda *_: None})()

        def exec(self) -> int:
            return 0

    monkeypatch.setattr(debrief, "DebriefDialog", FakeDialog)
    tab.panel.debrief_button.click()
    assert opened == [(app_id, "phone-interview")]
    assert not tab.panel.debrief_hint.isVisibleTo(tab)


def test_the_side_panel_has_scripts_for_this_company(tab: TrackerTab) -> None:
    names = [tab.side.tabs.tabText(i) for i in range(tab.side.tabs.count())]
    assert names == ["Plan", "What to say", "History"]
