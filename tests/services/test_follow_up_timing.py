"""services/follow_up_timing.py: the follow-up timing settings move open follow-ups only."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from nextcall.core.errors import ValidationError
from nextcall.core.follow_ups import DEFAULT_TIMING, FollowUpTiming
from nextcall.core.stages import FollowUpState
from nextcall.services import follow_ups
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.follow_up_timing import current_timing, set_timing
from nextcall.services.stages import record_outcome
from nextcall.store.models import FollowUp

NOW = datetime(2026, 11, 20, 12)


def due_dates(db: Database) -> dict[str, tuple[datetime, str]]:
    with db.session() as s:
        found = s.execute(select(FollowUp)).scalars()
        return {(r.rule_key or "").split(":")[0]: (r.due_at, r.state) for r in found}


def test_defaults_are_todays_behaviour(db: Database) -> None:
    assert current_timing(db) == DEFAULT_TIMING == FollowUpTiming(1, 2)


def test_changing_the_timing_moves_open_follow_ups_and_leaves_done_ones(db: Database) -> None:
    app = add_application(db, ApplicationForm(company="Harborline BPO", applied_on="2026-11-02"))
    record_outcome(db, app, "phone-interview", "failed", on=date(2026, 11, 18))
    before = due_dates(db)
    assert before["thank-you"][0] == datetime(2026, 11, 19, 10)
    thank_you_id = next(
        item.id for item in follow_ups.today_list(db, NOW).overdue if item.kind == "thank-you"
    )
    follow_ups.mark_done(db, thank_you_id)

    assert set_timing(db, FollowUpTiming(thank_you_days=0, feedback_days=4), NOW) == 1
    after = due_dates(db)
    assert after["thank-you"] == (datetime(2026, 11, 19, 10), FollowUpState.DONE.value)
    assert after["feedback-call"][0] == datetime(2026, 11, 22, 10)
    assert current_timing(db) == FollowUpTiming(0, 4)
    # New interviews use the new timing too.
    record_outcome(db, app, "in-person-interview", "pending", on=date(2026, 11, 20))
    assert due_dates(db)["thank-you"][0] == datetime(2026, 11, 20, 10)


def test_the_same_timing_again_changes_nothing(db: Database) -> None:
    assert set_timing(db, DEFAULT_TIMING, NOW) == 0


@pytest.mark.parametrize(
    "timing", [FollowUpTiming(-1, 2), FollowUpTiming(1, 0), FollowUpTiming(15, 2)]
)
def test_out_of_range_timings_are_refused(db: Database, timing: FollowUpTiming) -> None:
    with pytest.raises(ValidationError, match="must be between"):
        set_timing(db, timing, NOW)
    assert current_timing(db) == DEFAULT_TIMING
