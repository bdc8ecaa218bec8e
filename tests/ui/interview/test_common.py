"""The interview package's shared helpers: which milestone an interview is for; script HTML."""

from __future__ import annotations

from nextcall.services.database import Database
from nextcall.services.stages import record_outcome, set_unused, stage_states
from nextcall.ui.interview.common import current_milestone, script_html


def key_of(db: Database, app_id: int) -> str:
    states = stage_states(db, app_id)
    index = current_milestone(states)
    assert index is not None
    return states[index].stage.key


def test_current_milestone_booked_else_next_used(db: Database, app_id: int) -> None:
    assert key_of(db, app_id) == "application"  # new applications wait for an answer
    record_outcome(db, app_id, "phone-interview", "passed")
    assert key_of(db, app_id) == "in-person-interview"
    set_unused(db, app_id, "in-person-interview", True)
    assert key_of(db, app_id) == "exam"
    record_outcome(db, app_id, "mock-call", "scheduled")
    assert key_of(db, app_id) == "mock-call"
    record_outcome(db, app_id, "job-offer", "passed")
    assert key_of(db, app_id) == "job-offer"  # nothing left: the last one
    assert current_milestone([]) is None


def test_script_html_escapes_and_marks_blanks() -> None:
    html = script_html('"Hi <b>[interviewer\'s name]</b> & co"\n[Write it down.]\n1. Greet')
    assert "&lt;b&gt;" in html and "&amp; co" in html
    assert "background:#f6d365" in html
    assert "<i>[Write it down.]</i>" in html
    assert "<b>1. Greet</b>" in html
