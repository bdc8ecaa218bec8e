"""Practice suggestions beside a milestone in the Tracker, and the start button's signal."""

from __future__ import annotations

from datetime import datetime

from pytestqt.qtbot import QtBot

from nextcall.core.playbook import RUBRIC_KEYS
from nextcall.services import practice
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.stages import record_outcome, stage_states
from nextcall.ui.tracker.tab import TrackerTab


def select(tab: TrackerTab, key: str) -> None:
    states = stage_states(tab.db, tab.application_id)  # type: ignore[arg-type]
    tab.stepper.set_states(states, next(i for i, st in enumerate(states) if st.stage.key == key))
    tab._milestone_selected(tab.stepper.current)


def test_the_tracker_proposes_drills_for_the_milestone_shown(qtbot: QtBot, db: Database) -> None:
    app = add_application(db, ApplicationForm(company="Pacific Crest BPO", position="Tech support"))
    record_outcome(db, app, "mock-call", "scheduled")
    for scenario, value in (("irate-customer", 2), ("sell-upgrade", 4)):
        practice.record_session(
            db,
            practice.SessionInput(
                scenario, datetime(2026, 11, 12, 19), 300, dict.fromkeys(RUBRIC_KEYS, value)
            ),
        )
    tab = TrackerTab(db, lambda: None)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    hint = tab.side.practice
    qtbot.waitUntil(lambda: hint.plan is not None and bool(hint.cards))
    assert hint.milestone == "mock-call"  # the milestone waiting for an outcome
    assert hint.headline.text() == "<b>Practise for the mock call</b>"
    assert len(hint.cards) == 2
    assert all("mock-call" in p.drill.milestones for p in hint.proposals)
    assert hint.proposals[0].drill.key == "irate-customer"  # scored lowest
    with qtbot.waitSignal(tab.practice_requested) as signal:
        hint.cards[0].button.click()
    assert signal.args == ["scenario", "irate-customer"]
    select(tab, "final-interview")
    assert hint.headline.text() == "<b>Practise for the final interview</b>"
    assert all(p.drill.kind == "question" for p in hint.proposals)
    # a failed outcome recorded here is taken into account at once
    select(tab, "mock-call")
    record_outcome(db, app, "mock-call", "failed")
    tab._recorded("mock-call", "failed")
    qtbot.waitUntil(lambda: hint.plan is not None and hint.plan.focus.stop == "mock-call")
    assert hint.proposals[0].reason.startswith("You stop most at the mock call")
