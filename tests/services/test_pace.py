"""services/pace.py and services/settings.py: weekly target and quiet applications."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nextcall.core.errors import ValidationError
from nextcall.services import pace, settings
from nextcall.services.applications import ApplicationForm, add_application, get_form
from nextcall.services.database import Database
from nextcall.services.stages import record_outcome


def add(db: Database, name: str, applied: date, status: str = "active") -> int:
    return add_application(
        db, ApplicationForm(company=name, applied_on=applied.isoformat(), status=status)
    )


def test_weekly_progress_counts_monday_to_today(db: Database, today: date) -> None:
    monday = today - timedelta(days=today.weekday())
    add(db, "A", monday)
    add(db, "B", today)
    add(db, "C", monday - timedelta(days=1))  # last week
    week = pace.weekly_progress(db)
    assert (week.week_start, week.sent, week.target) == (monday, 2, 20)
    settings.set_int(db, "weekly_target", 2)
    assert pace.weekly_progress(db).share == 1.0


@pytest.mark.parametrize("value", [0, 501, -3])
def test_targets_out_of_range_are_refused(db: Database, value: int) -> None:
    with pytest.raises(ValidationError, match="between 1 and 500"):
        settings.set_int(db, "weekly_target", value)
    assert settings.get_int(db, "weekly_target") == 20


def test_quiet_applications_are_offered_never_changed(db: Database, today: date) -> None:
    old = add(db, "Old Co", today - timedelta(days=30))
    add(db, "Fresh Co", today - timedelta(days=3))
    add(db, "Closed Co", today - timedelta(days=40), status="rejected")
    waiting = add(db, "Waiting Co", today - timedelta(days=40))
    record_outcome(db, waiting, "phone-interview", "scheduled", on=today)
    with db.session() as s:  # an interview is booked ahead: not quiet
        from nextcall.store.models import StageEvent

        event = s.query(StageEvent).filter_by(application_id=waiting, outcome="scheduled").one()
        from datetime import datetime

        event.scheduled_at = datetime.combine(today + timedelta(days=2), datetime.min.time())
    quiet = pace.quiet_applications(db)
    assert [(q.id, q.days) for q in quiet] == [(old, 30)]
    assert pace.count_quiet(db) == 1  # what the banner says, without reading the list
    assert get_form(db, old).status == "active"  # only offered
    assert pace.mark_ghosted(db, [old]) == 1
    assert get_form(db, old).status == "ghosted"
    assert pace.quiet_applications(db) == []
    assert pace.count_quiet(db) == 0


def test_threshold_is_a_setting(db: Database, today: date) -> None:
    add(db, "Mid Co", today - timedelta(days=10))
    assert pace.quiet_applications(db) == []
    settings.set_int(db, "ghost_after_days", 7)
    assert [q.company for q in pace.quiet_applications(db)] == ["Mid Co"]
    assert pace.count_quiet(db) == 1
