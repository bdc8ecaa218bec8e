"""services/follow_ups.py: rule-made follow-ups follow the events; the Today list and actions."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.core.stages import FollowUpKind, FollowUpState
from nextcall.services import follow_ups
from nextcall.services.applications import ApplicationForm, add_application, delete_application
from nextcall.services.database import Database
from nextcall.services.demo import fill_demo
from nextcall.services.stages import record_outcome
from nextcall.store.models import Application, Company, FollowUp

NOON = time(12)


@pytest.fixture
def app_id(db: Database) -> int:
    return add_application(
        db, ApplicationForm(company="Harborline BPO", position="CSR", applied_on="2026-11-02")
    )


def rows(db: Database, app_id: int) -> dict[str, FollowUp]:
    with db.session() as s:
        found = s.execute(select(FollowUp).where(FollowUp.application_id == app_id)).scalars()
        return {r.rule_key or f"custom:{r.id}": r for r in found}


def next_follow_up(db: Database, app_id: int) -> datetime | None:
    with db.session() as s:
        app = s.get(Application, app_id)
        assert app is not None
        return app.next_follow_up_at


def test_recording_an_interview_creates_its_follow_ups(db: Database, app_id: int) -> None:
    event = record_outcome(db, app_id, "phone-interview", "failed", on=date(2026, 11, 19))
    made = rows(db, app_id)
    assert set(made) == {f"thank-you:{event}", f"feedback-call:{event}", f"keep-on-file:{event}"}
    assert made[f"thank-you:{event}"].due_at == datetime(2026, 11, 20, 10)
    assert made[f"thank-you:{event}"].stage_event_id == event
    assert next_follow_up(db, app_id) == datetime(2026, 11, 20, 10)


def test_recording_again_never_duplicates(db: Database, app_id: int) -> None:
    record_outcome(db, app_id, "phone-interview", "pending", on=date(2026, 11, 19))
    first = rows(db, app_id)
    record_outcome(db, app_id, "phone-interview", "pending", on=date(2026, 11, 19))
    assert rows(db, app_id).keys() == first.keys()
    assert {r.id for r in rows(db, app_id).values()} == {r.id for r in first.values()}


def test_rescheduling_moves_the_reminders(db: Database, app_id: int) -> None:
    event = record_outcome(
        db, app_id, "exam", "scheduled", scheduled_at=datetime(2026, 11, 24, 14, 0)
    )
    before = rows(db, app_id)
    assert before[f"reminder-2h:{event}"].due_at == datetime(2026, 11, 24, 12, 0)
    record_outcome(db, app_id, "exam", "scheduled", scheduled_at=datetime(2026, 11, 26, 9, 0))
    after = rows(db, app_id)
    assert after.keys() == before.keys()
    assert after[f"reminder-2h:{event}"].id == before[f"reminder-2h:{event}"].id
    assert after[f"reminder-2h:{event}"].due_at == datetime(2026, 11, 26, 7, 0)
    assert after[f"reminder-day-before:{event}"].due_at == datetime(2026, 11, 25, 9, 0)
    assert next_follow_up(db, app_id) == datetime(2026, 11, 25, 9, 0)


def test_failed_then_passed_drops_the_open_feedback_call(db: Database, app_id: int) -> None:
    event = record_outcome(db, app_id, "exam", "failed", on=date(2026, 11, 19))
    assert f"feedback-call:{event}" in rows(db, app_id)
    record_outcome(db, app_id, "exam", "passed", on=date(2026, 11, 19))
    assert set(rows(db, app_id)) == {f"thank-you:{event}"}


def test_done_and_dismissed_ones_are_never_touched(db: Database, app_id: int) -> None:
    event = record_outcome(db, app_id, "exam", "failed", on=date(2026, 11, 19))
    made = rows(db, app_id)
    follow_ups.mark_done(db, made[f"feedback-call:{event}"].id)
    follow_ups.dismiss(db, made[f"keep-on-file:{event}"].id)
    record_outcome(db, app_id, "exam", "passed", on=date(2026, 11, 19))
    after = rows(db, app_id)
    assert after[f"feedback-call:{event}"].state == FollowUpState.DONE.value
    assert after[f"keep-on-file:{event}"].state == FollowUpState.DISMISSED.value
    # And a dismissed one does not come back when the rule wants it again.
    record_outcome(db, app_id, "exam", "failed", on=date(2026, 11, 19))
    assert rows(db, app_id)[f"keep-on-file:{event}"].state == FollowUpState.DISMISSED.value


def test_custom_follow_ups_survive_recompute(db: Database, app_id: int) -> None:
    custom = follow_ups.add_custom(
        db, app_id, "  Call Ana about   the start date ", date(2026, 11, 23)
    )
    record_outcome(db, app_id, "exam", "passed", on=date(2026, 11, 19))
    row = rows(db, app_id)[f"custom:{custom}"]
    assert row.title == "Call Ana about the start date"
    assert row.kind == FollowUpKind.CUSTOM.value
    assert row.due_at == datetime(2026, 11, 23, 9, 0)


def test_add_custom_checks_its_input(db: Database, app_id: int) -> None:
    with pytest.raises(ValidationError, match="Write what to do"):
        follow_ups.add_custom(db, app_id, "   ", date(2026, 11, 23))
    with pytest.raises(ValidationError, match="under 300"):
        follow_ups.add_custom(db, app_id, "x" * 301, date(2026, 11, 23))
    with pytest.raises(NotFoundError):
        follow_ups.add_custom(db, 999, "Call", date(2026, 11, 23))


def test_today_list_sections(db: Database, app_id: int) -> None:
    now = datetime.combine(date(2026, 11, 20), NOON)
    late = follow_ups.add_custom(db, app_id, "Late", date(2026, 11, 18))
    due = follow_ups.add_custom(db, app_id, "Today", datetime(2026, 11, 20, 17, 0))
    soon = follow_ups.add_custom(db, app_id, "Soon", date(2026, 11, 27))
    follow_ups.add_custom(db, app_id, "Far away", date(2026, 11, 28))
    listing = follow_ups.today_list(db, now)
    assert [i.id for i in listing.overdue] == [late]
    assert [i.id for i in listing.today] == [due]
    assert [i.id for i in listing.upcoming] == [soon]
    item = listing.overdue[0]
    assert item.company == "Harborline BPO" and item.application_id == app_id
    assert item.overdue and not listing.today[0].overdue
    assert [i.id for i in listing.due] == [late, due]


def test_the_two_hour_reminder_waits_for_its_day(db: Database, app_id: int) -> None:
    record_outcome(db, app_id, "exam", "scheduled", scheduled_at=datetime(2026, 11, 24, 14, 0))
    upcoming = follow_ups.today_list(db, datetime(2026, 11, 20, 12)).upcoming
    assert [i.title for i in upcoming] == [
        "Get ready for your exam with Harborline BPO on Tue 24 Nov at 14:00"
    ]
    on_the_day = follow_ups.today_list(db, datetime(2026, 11, 24, 12, 30))
    assert [i.title for i in on_the_day.today] == ["Your exam with Harborline BPO starts at 14:00"]
    # Once the interview has started, its reminders are moot and leave the list.
    assert not follow_ups.today_list(db, datetime(2026, 11, 24, 14, 1)).due


def test_snooze_moves_an_item_and_validates(db: Database, app_id: int) -> None:
    item = follow_ups.add_custom(db, app_id, "Call", date(2026, 11, 19))
    until = follow_ups.snooze_days(db, item, 3)
    assert until == datetime(2026, 11, 23, 9, 0)
    listing = follow_ups.today_list(db, datetime(2026, 11, 20, 12))
    assert not listing.due
    assert listing.upcoming[0].snoozed and listing.upcoming[0].due == until
    assert next_follow_up(db, app_id) == until
    with pytest.raises(ValidationError, match="later than now"):
        follow_ups.snooze(db, item, datetime(2026, 11, 19, 9))
    follow_ups.mark_done(db, item)
    with pytest.raises(ValidationError, match="still to do"):
        follow_ups.snooze(db, item, datetime(2026, 11, 25, 9))


def test_done_and_dismiss_leave_the_list_and_refresh_progress(db: Database, app_id: int) -> None:
    a = follow_ups.add_custom(db, app_id, "A", date(2026, 11, 20))
    b = follow_ups.add_custom(db, app_id, "B", date(2026, 11, 21))
    follow_ups.mark_done(db, a)
    assert next_follow_up(db, app_id) == datetime(2026, 11, 21, 9)
    follow_ups.dismiss(db, b)
    assert next_follow_up(db, app_id) is None
    assert not follow_ups.today_list(db, datetime(2026, 11, 20, 12))
    follow_ups.reopen(db, a)
    assert next_follow_up(db, app_id) == datetime(2026, 11, 20, 9)
    with pytest.raises(NotFoundError):
        follow_ups.mark_done(db, 12345)


def test_deleted_applications_drop_out_of_the_list(db: Database, app_id: int) -> None:
    follow_ups.add_custom(db, app_id, "A", date(2026, 11, 20))
    delete_application(db, app_id)
    assert not follow_ups.today_list(db, datetime(2026, 11, 20, 12))


def test_reapply_date_on_the_company(db: Database, app_id: int) -> None:
    with db.session() as s:
        company = s.execute(select(Company)).scalar_one()
        company.reapply_after = date(2027, 2, 1)
    record_outcome(db, app_id, "phone-interview", "failed", on=date(2026, 11, 19))
    reapply = rows(db, app_id)["reapply"]
    assert reapply.kind == FollowUpKind.REAPPLY.value
    assert reapply.due_at == datetime(2027, 2, 1, 9, 0)


def test_recompute_on_demo_data_changes_nothing(db: Database) -> None:
    fill_demo(db)
    with db.session() as s:
        before = s.execute(select(FollowUp.id, FollowUp.rule_key, FollowUp.due_at)).all()
        ids = list(s.execute(select(Application.id)).scalars())
    now = db.clock.now()  # the demo is built at the clock's "now"
    with db.session() as s:
        for application_id in ids:
            follow_ups.recompute(s, application_id, now)
    with db.session() as s:
        after = s.execute(select(FollowUp.id, FollowUp.rule_key, FollowUp.due_at)).all()
    assert sorted(after) == sorted(before)
    listing = follow_ups.today_list(db, datetime.combine(db.clock.today(), NOON))
    assert listing.today or listing.upcoming


def test_demo_follow_ups_are_unique_per_application(db: Database) -> None:
    fill_demo(db)
    with db.session() as s:
        keys = s.execute(select(FollowUp.application_id, FollowUp.rule_key)).all()
    assert len(keys) == len(set(keys))
    assert all(key is not None for _, key in keys)
