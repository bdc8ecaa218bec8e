"""core/follow_ups.py: which follow-ups an application calls for, with a fixed clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from nextcall.core.follow_ups import (
    ApplicationFacts,
    EventFacts,
    FollowUpTiming,
    WantedFollowUp,
    bucket,
    is_interview,
    milestone_words,
    wanted_follow_ups,
)
from nextcall.core.stages import FollowUpKind

NOW = datetime(2026, 11, 20, 12, 0)
NAMES = {"in-person-interview": "In-person interview"}
COMPANY = "Harborline BPO"


def event(
    id: int,
    key: str,
    outcome: str,
    *,
    on: date | None = None,
    at: datetime | None = None,
    position: float | None = None,
    name: str | None = None,
) -> EventFacts:
    order = {
        "application": 10,
        "phone-interview": 20,
        "in-person-interview": 30,
        "exam": 40,
        "mock-call": 50,
        "final-interview": 90,
        "job-offer": 100,
    }
    return EventFacts(
        id=id,
        stage_key=key,
        stage_name=name or NAMES.get(key, key.replace("-", " ").capitalize()),
        position=position if position is not None else order[key],
        outcome=outcome,
        happened_on=on if outcome != "scheduled" else None,
        scheduled_at=at,
    )


def facts(*events: EventFacts, status: str = "active", reapply: date | None = None):  # type: ignore[no-untyped-def]
    return ApplicationFacts(COMPANY, status, tuple(events), reapply)


def by_key(items: list[WantedFollowUp]) -> dict[str, WantedFollowUp]:
    return {w.rule_key: w for w in items}


APPLIED = event(1, "application", "passed", on=date(2026, 11, 2))


def test_a_passed_interview_asks_for_a_thank_you_the_day_after() -> None:
    wanted = wanted_follow_ups(
        facts(APPLIED, event(2, "phone-interview", "passed", on=date(2026, 11, 19))), NOW
    )
    assert [w.rule_key for w in wanted] == ["thank-you:2"]
    thanks = wanted[0]
    assert thanks.kind is FollowUpKind.THANK_YOU
    assert thanks.title == "Send a thank-you email to Harborline BPO"
    assert thanks.due == datetime(2026, 11, 20, 10, 0)
    assert thanks.event_id == 2


def test_sending_the_application_is_not_an_interview() -> None:
    assert wanted_follow_ups(facts(APPLIED), NOW) == []
    assert not is_interview("application") and not is_interview("job-offer")
    assert is_interview("exam") and is_interview("custom-second-interview")


def test_tests_and_the_users_own_stages_count_as_interviews() -> None:
    own = event(3, "in-person-interview", "passed", on=date(2026, 11, 19), position=35)
    own = replace(own, stage_key="custom-hr-panel", stage_name="HR panel")
    wanted = wanted_follow_ups(facts(APPLIED, own), NOW)
    assert [w.rule_key for w in wanted] == ["thank-you:3"]
    exam = event(4, "exam", "pending", on=date(2026, 11, 19))
    assert {w.kind for w in wanted_follow_ups(facts(APPLIED, exam), NOW)} == {
        FollowUpKind.THANK_YOU,
        FollowUpKind.CHECK_IN,
    }


def test_a_failed_interview_asks_for_feedback_two_days_later_and_keeping_the_cv() -> None:
    failed = event(2, "in-person-interview", "failed", on=date(2026, 11, 18))
    wanted = by_key(wanted_follow_ups(facts(APPLIED, failed, status="rejected"), NOW))
    assert set(wanted) == {"thank-you:2", "feedback-call:2", "keep-on-file:2"}
    call = wanted["feedback-call:2"]
    assert call.kind is FollowUpKind.FEEDBACK_CALL
    assert call.due == datetime(2026, 11, 20, 10, 0)  # no earlier than two days later
    assert call.title == "Call Harborline BPO to ask for feedback on your in-person interview"
    keep = wanted["keep-on-file:2"]
    assert keep.title == "Ask Harborline BPO to keep your CV on file"
    assert keep.due > call.due


def test_a_rejection_after_we_will_contact_you_still_asks_for_feedback() -> None:
    pending = event(2, "final-interview", "pending", on=date(2026, 11, 18))
    wanted = by_key(wanted_follow_ups(facts(APPLIED, pending, status="rejected"), NOW))
    assert set(wanted) == {"thank-you:2", "feedback-call:2", "keep-on-file:2"}  # no check-in


def test_a_rejected_application_with_no_interview_asks_only_to_keep_the_cv() -> None:
    rejected = event(1, "application", "failed", on=date(2026, 11, 18))
    wanted = wanted_follow_ups(facts(rejected, status="rejected"), NOW)
    assert [w.rule_key for w in wanted] == ["keep-on-file:1"]


def test_we_will_contact_you_means_a_check_in_two_days_later() -> None:
    pending = event(2, "phone-interview", "pending", on=date(2026, 11, 19))
    wanted = by_key(wanted_follow_ups(facts(APPLIED, pending), NOW))
    check = wanted["check-in:2"]
    assert check.due == datetime(2026, 11, 21, 10, 0)
    assert check.title == "Check in with Harborline BPO about your phone interview result"


def test_reminders_the_day_before_and_two_hours_before_an_interview() -> None:
    at = datetime(2026, 11, 24, 14, 30)
    wanted = by_key(wanted_follow_ups(facts(APPLIED, event(2, "exam", "scheduled", at=at)), NOW))
    assert set(wanted) == {"reminder-day-before:2", "reminder-2h:2"}
    assert wanted["reminder-day-before:2"].due == datetime(2026, 11, 23, 9, 0)
    assert wanted["reminder-2h:2"].due == datetime(2026, 11, 24, 12, 30)
    assert wanted["reminder-2h:2"].title == "Your exam with Harborline BPO starts at 14:30"
    assert wanted["reminder-day-before:2"].title == (
        "Get ready for your exam with Harborline BPO on Tue 24 Nov at 14:30"
    )
    assert all(w.kind is FollowUpKind.INTERVIEW_REMINDER for w in wanted.values())


def test_rescheduling_moves_the_reminders_under_the_same_keys() -> None:
    first = wanted_follow_ups(
        facts(APPLIED, event(2, "exam", "scheduled", at=datetime(2026, 11, 24, 9))), NOW
    )
    moved = wanted_follow_ups(
        facts(APPLIED, event(2, "exam", "scheduled", at=datetime(2026, 11, 26, 15))), NOW
    )
    assert [w.rule_key for w in first] == [w.rule_key for w in moved]
    assert [w.due for w in moved] == [datetime(2026, 11, 25, 9), datetime(2026, 11, 26, 13)]


def test_no_reminders_for_a_past_interview_or_one_too_soon_for_the_day_before() -> None:
    past = event(2, "exam", "scheduled", at=datetime(2026, 11, 20, 9))
    assert wanted_follow_ups(facts(APPLIED, past), NOW) == []
    tomorrow_morning = event(2, "exam", "scheduled", at=datetime(2026, 11, 21, 8))
    assert [w.rule_key for w in wanted_follow_ups(facts(APPLIED, tomorrow_morning), NOW)] == [
        "reminder-2h:2"
    ]
    # The job offer meeting is not an interview; a closed application gets no reminders.
    offer = event(3, "job-offer", "scheduled", at=datetime(2026, 11, 25, 9))
    assert wanted_follow_ups(facts(APPLIED, offer), NOW) == []
    later = event(2, "exam", "scheduled", at=datetime(2026, 11, 25, 9))
    assert wanted_follow_ups(facts(APPLIED, later, status="withdrawn"), NOW) == []


def test_changing_failed_to_passed_drops_the_feedback_call() -> None:
    failed = event(2, "phone-interview", "failed", on=date(2026, 11, 19))
    before = by_key(wanted_follow_ups(facts(APPLIED, failed, status="rejected"), NOW))
    assert "feedback-call:2" in before
    passed = replace(failed, outcome="passed")
    after = by_key(wanted_follow_ups(facts(APPLIED, passed), NOW))
    assert set(after) == {"thank-you:2"}


def test_a_later_milestone_overtakes_the_earlier_follow_ups() -> None:
    phone = event(2, "phone-interview", "passed", on=date(2026, 11, 17))
    exam = event(3, "exam", "passed", on=date(2026, 11, 19))
    assert [w.rule_key for w in wanted_follow_ups(facts(APPLIED, phone, exam), NOW)] == [
        "thank-you:3"
    ]
    # Only scheduled: the thank-you for the phone interview is still worth sending.
    booked = event(3, "exam", "scheduled", at=datetime(2026, 11, 27, 9))
    keys = [w.rule_key for w in wanted_follow_ups(facts(APPLIED, phone, booked), NOW)]
    assert keys[0] == "thank-you:2"


def test_follow_ups_too_late_to_be_useful_are_not_made() -> None:
    old = event(2, "phone-interview", "failed", on=date(2026, 10, 30))  # three weeks ago
    keys = {w.rule_key for w in wanted_follow_ups(facts(APPLIED, old, status="rejected"), NOW)}
    assert keys == {"feedback-call:2", "keep-on-file:2"}  # the thank-you is too late


def test_reapply_reminder_on_the_companys_date_for_a_closed_application() -> None:
    failed = event(2, "exam", "failed", on=date(2026, 8, 1))
    wanted = wanted_follow_ups(
        facts(APPLIED, failed, status="rejected", reapply=date(2027, 2, 1)), NOW
    )
    assert [w.rule_key for w in wanted] == ["reapply"]
    assert wanted[0].kind is FollowUpKind.REAPPLY
    assert wanted[0].due == datetime(2027, 2, 1, 9, 0)
    assert "Harborline BPO" in wanted[0].title
    assert wanted_follow_ups(facts(APPLIED, reapply=date(2027, 2, 1)), NOW) == []  # still open


def test_rule_keys_are_unique_and_sorted_by_due() -> None:
    events = [
        APPLIED,
        event(2, "phone-interview", "passed", on=date(2026, 11, 10)),
        event(3, "exam", "failed", on=date(2026, 11, 19)),
    ]
    wanted = wanted_follow_ups(facts(*events, status="rejected"), NOW)
    keys = [w.rule_key for w in wanted]
    assert len(keys) == len(set(keys))
    assert [w.due for w in wanted] == sorted(w.due for w in wanted)


@pytest.mark.parametrize(
    ("name", "words"),
    [("Phone interview", "phone interview"), ("HR panel", "HR panel"), ("Exam", "exam")],
)
def test_milestone_words(name: str, words: str) -> None:
    assert milestone_words(name) == words


def test_buckets() -> None:
    today = date(2026, 11, 20)
    assert bucket(datetime(2026, 11, 19, 23, 59), today) == "overdue"
    assert bucket(datetime(2026, 11, 20, 0, 0), today) == "today"
    assert bucket(datetime(2026, 11, 20, 23, 0), today) == "today"
    assert bucket(datetime(2026, 11, 27, 9, 0), today) == "upcoming"
    assert bucket(datetime(2026, 11, 28, 9, 0), today) is None


def test_the_timing_setting_moves_the_thank_you_and_the_feedback_call() -> None:
    failed = event(2, "in-person-interview", "failed", on=date(2026, 11, 18))
    timing = FollowUpTiming(thank_you_days=0, feedback_days=5)
    wanted = by_key(wanted_follow_ups(facts(APPLIED, failed, status="rejected"), NOW, timing))
    assert wanted["thank-you:2"].due == datetime(2026, 11, 18, 10, 0)
    assert wanted["feedback-call:2"].due == datetime(2026, 11, 23, 10, 0)
    default = by_key(wanted_follow_ups(facts(APPLIED, failed, status="rejected"), NOW))
    assert default["thank-you:2"].due == datetime(2026, 11, 19, 10, 0)
