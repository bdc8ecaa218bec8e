""" "Practise next" with the typing test: the user's own figure against the target, in words,
when the user stops at the exam or a test falls below the target."""

from __future__ import annotations

from datetime import datetime

from nextcall.core import typing_test as tt
from nextcall.services import practice, settings
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.practice_plan import practice_plan
from nextcall.services.stages import record_outcome
from nextcall.services.typing_test import record_typing_test

PASSAGE = tt.load_passages()[0].text


def typing_test(db: Database, net: int, when: datetime) -> None:
    """A test whose net figure is ``net``: 150 s of correct typing at that speed."""
    chars = net * 5 * 150 // 60
    record_typing_test(db, tt.score(PASSAGE * 3, (PASSAGE * 3)[:chars], 150), "x", taken_at=when)


def typing_proposal(db: Database):  # type: ignore[no-untyped-def]
    plan = practice_plan(db)
    drill = next(d for d in plan.drills if d.kind == "test" and d.key == "typing")
    proposals = plan.proposals(limit=len(plan.drills))
    return plan, drill, next(p for p in proposals if p.drill is drill)


def test_before_any_test_it_names_the_target(db: Database) -> None:
    _plan, drill, proposal = typing_proposal(db)
    assert drill.figure is None and drill.target == 35
    assert proposal.need == (
        "you have not taken a typing test yet, and chat accounts ask about 35 net words a minute"
    )


def test_a_test_below_target_is_quoted_with_the_users_numbers(db: Database) -> None:
    _plan, _drill, untried = typing_proposal(db)
    typing_test(db, 31, datetime(2026, 11, 18, 20, 0))
    _plan, drill, proposal = typing_proposal(db)
    assert drill.figure == 31.0
    assert proposal.need == (
        "your typing is 31 net words a minute and chat accounts ask about 35 "
        "(your last test, 2 days ago)"
    )
    assert proposal.weight > untried.weight  # below target weighs more than never tried
    typing_test(db, 38, datetime(2026, 11, 19, 20, 0))
    _plan, _drill, fine = typing_proposal(db)
    assert "at or above the 35" in fine.need and fine.weight < proposal.weight


def test_stopping_at_the_exam_puts_the_typing_figure_first(db: Database) -> None:
    typing_test(db, 31, datetime(2026, 11, 19, 20, 0))
    settings.set_int(db, "typing_target", 40)
    for company in ("Northwind BPO", "Bluewave Contact"):
        app = add_application(db, ApplicationForm(company=company))
        record_outcome(db, app, "application", "passed")
        record_outcome(db, app, "exam", "failed")
    plan = practice_plan(db)
    proposals = plan.proposals()
    top = proposals[0]
    assert (top.drill.kind, top.drill.key) == ("test", "typing")
    assert top.reason.startswith("You stop most at the exam (2 of your 2 stops)")
    assert "your typing is 31 net words a minute and chat accounts ask about 40" in top.reason
    headline = plan.headline(proposals)
    assert "You stop most at the exam." in headline
    assert "your typing is 31 net words a minute and chat accounts ask about 40" in headline


def test_a_result_logged_by_hand_counts_as_net(db: Database) -> None:
    practice.add_test_score(db, practice.ScoreInput(kind="typing", value="28", accuracy="93"))
    _plan, drill, proposal = typing_proposal(db)
    assert drill.figure == 28.0
    assert proposal.need.startswith("your typing is 28 net words a minute")
