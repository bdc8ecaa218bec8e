"""services/practice_plan.py: suggestions connected to the funnel and to interviewer tips, as
a new user would see them change."""

from __future__ import annotations

from datetime import datetime

from nextcall.core.playbook import RUBRIC_KEYS
from nextcall.services import practice
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.demo import fill_demo
from nextcall.services.notes import NoteInput, add_note
from nextcall.services.practice_plan import practice_plan
from nextcall.services.stages import record_outcome, set_checks


def scores(*values: int) -> dict[str, int]:
    return dict(zip(RUBRIC_KEYS, values, strict=True))


def call(db: Database, scenario: str, day: int, *values: int) -> int:
    return practice.record_session(
        db,
        practice.SessionInput(
            scenario_key=scenario,
            started_at=datetime(2026, 11, day, 19, 0),
            duration_s=300,
            scores=scores(*values),
        ),
    )


def test_a_new_profile_proposes_the_basics(db: Database) -> None:
    plan = practice_plan(db)
    assert plan.focus.stop is None and plan.focus.areas == ()
    kinds = {d.kind for d in plan.drills}
    assert kinds == {"scenario", "question", "voice", "test", "drill"}
    assert not any(d.key.startswith("ask:") for d in plan.drills)  # chosen, not drilled
    proposals = plan.proposals()
    assert len(proposals) == 5
    assert plan.headline(proposals).startswith("No stops or interviewer tips recorded yet")


def test_the_suggestion_follows_a_failed_mock_call(db: Database) -> None:
    # A new user prepares job-fit answers and drills two of them...
    for key in ("weekends", "night-shifts", "salary"):
        practice.save_answer(db, key, f"My answer about {key}.")
    practice.record_drill(db, "weekends", 4)
    practice.record_drill(db, "salary", 2)
    # ...runs three mock calls and scores them...
    call(db, "irate-customer", 10, 2, 2, 3, 2, 2, 3)
    call(db, "irate-customer", 15, 3, 2, 3, 3, 2, 3)
    call(db, "inbound-request", 16, 4, 4, 4, 4, 4, 4)
    before = practice_plan(db).proposals()
    assert before[0].drill.kind != "scenario" or "stop most" not in before[0].reason
    # ...then records a failed mock call in the tracker, ticking what went wrong.
    app = add_application(db, ApplicationForm(company="Pacific Crest BPO"))
    event = record_outcome(db, app, "mock-call", "failed")
    set_checks(db, event, ["empathy", "composure"])
    add_note(
        db,
        NoteInput(
            body="Stay calm and acknowledge the customer first.",
            kind="feedback",
            application_id=app,
            stage_event_id=event,
            tags=("empathy",),
        ),
    )
    plan = practice_plan(db)
    assert plan.focus.stop == "mock-call" and plan.focus.stopped == 1
    proposals = plan.proposals()
    first = proposals[0]
    assert (first.drill.kind, first.drill.key) == ("scenario", "irate-customer")
    assert first.reason.startswith("You stop most at the mock call (your only stop so far)")
    assert "interviewers keep naming empathy (1 interview)" in first.reason
    assert "it is the drill you have scored lowest (2.7 / 5)" in first.reason
    assert plan.headline(proposals).startswith("You stop most at the mock call.")
    assert first.drill.count == 2 and first.drill.score is not None
    # In the tracker, the final interview shows its own drills: the weakest job-fit answer first.
    final = plan.proposals(milestone="final-interview", only_milestone=True, limit=2)
    assert all("final-interview" in p.drill.milestones for p in final)
    assert final[0].drill.key != "weekends"


def test_recorded_calls_count_as_voice_checks(db: Database) -> None:
    practice.record_session(
        db,
        practice.SessionInput(
            "sell-upgrade",
            datetime(2026, 11, 19, 9),
            200,
            scores(3, 3, 3, 3, 3, 3),
            recording="recordings/x.wav",
        ),
    )
    voice = next(d for d in practice_plan(db).drills if d.kind == "voice")
    assert voice.count == 1 and voice.last is not None


def test_test_scores_feed_their_drills(db: Database) -> None:
    practice.add_test_score(db, practice.ScoreInput("typing", "35", "90", "2026-11-01"))
    practice.add_test_score(db, practice.ScoreInput("typing", "41", "95", "2026-11-18"))
    typing = next(d for d in practice_plan(db).drills if d.key == "typing")
    assert (typing.count, typing.detail) == (2, "41 wpm at 95% accuracy")


def test_on_the_demo_profile(db: Database) -> None:
    fill_demo(db)
    plan = practice_plan(db)
    assert plan.focus.stop is not None
    assert plan.focus.areas
    proposals = plan.proposals()
    assert len(proposals) == 5
    assert all(p.reason.endswith(".") for p in proposals)
    irate = next(d for d in plan.drills if d.key == "irate-customer")
    assert irate.count == 3 and irate.score is not None and irate.score < 3
