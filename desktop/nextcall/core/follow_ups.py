"""Follow-up rules: which dated actions an application calls for, given what happened.

Pure functions over plain values, with the clock passed in. Each wanted follow-up has a stable
``rule_key`` (kind and the event it belongs to), so computing again after an edit finds the same
follow-up and moves it instead of adding a second one.

The timing follows the domain (DOMAIN.md, "Timing of follow-ups"):

* a thank-you email the day after an interview;
* after a failed interview, or the last interview before a rejection, a feedback call no
  earlier than two days later, and a request to keep the CV on file;
* after "we will contact you" (outcome pending), a check-in two days later;
* on the company's re-apply date, a reminder that applying again is possible;
* the day before and two hours before a scheduled interview, a reminder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from nextcall.core.stages import FollowUpKind, Outcome, Status

# Milestones that are not a meeting with someone: everything else (tests and the user's own
# stages included) is interview-like and earns a thank-you and reminders.
NOT_INTERVIEWS = frozenset({"application", "job-offer"})

# Day-based follow-ups come due in office hours; the day-before reminder in the morning, so
# there is a whole day to prepare.
DUE_TIME = time(10)
REMINDER_TIME = time(9)
REMINDER_LEAD = timedelta(hours=2)
LAST_CALL_PREFIX = "reminder-2h:"  # the reminder two hours before

# Past this age a follow-up is no longer worth doing (a thank-you three weeks late looks odd),
# so it is not created, e.g. when an old interview is recorded after the fact.
TOO_LATE_AFTER: dict[FollowUpKind, timedelta] = {
    FollowUpKind.THANK_YOU: timedelta(days=7),
    FollowUpKind.CHECK_IN: timedelta(days=14),
    FollowUpKind.FEEDBACK_CALL: timedelta(days=21),
    FollowUpKind.KEEP_ON_FILE: timedelta(days=30),
}

# The playbook template offered as a ready email for each kind of follow-up.
EMAIL_TEMPLATES: dict[FollowUpKind, str] = {
    FollowUpKind.THANK_YOU: "thank-you-email",
    FollowUpKind.FEEDBACK_CALL: "feedback-request-email",
}

HAPPENED = frozenset(
    {Outcome.PASSED.value, Outcome.PENDING.value, Outcome.FAILED.value, Outcome.NO_SHOW.value}
)
MET = frozenset({Outcome.PASSED.value, Outcome.PENDING.value, Outcome.FAILED.value})
OPEN_STATUSES = frozenset({Status.ACTIVE.value, Status.OFFER.value})
CLOSED_FOR_REAPPLY = frozenset(
    {Status.REJECTED.value, Status.WITHDRAWN.value, Status.GHOSTED.value}
)


@dataclass(frozen=True)
class FollowUpTiming:
    """How many days after an interview the day-based follow-ups come due (user settings)."""

    thank_you_days: int = 1
    feedback_days: int = 2


DEFAULT_TIMING = FollowUpTiming()


@dataclass(frozen=True)
class EventFacts:
    """One milestone event of the application, as the rules need it."""

    id: int
    stage_key: str
    stage_name: str
    position: float
    outcome: str
    happened_on: date | None = None
    scheduled_at: datetime | None = None

    @property
    def is_interview(self) -> bool:
        return is_interview(self.stage_key)

    @property
    def met(self) -> bool:
        """The applicant met them (passed, waiting for the answer, or failed) on a known day."""
        return self.outcome in MET and self.happened_on is not None


@dataclass(frozen=True)
class ApplicationFacts:
    company: str
    status: str
    events: tuple[EventFacts, ...]
    reapply_after: date | None = None


@dataclass(frozen=True)
class WantedFollowUp:
    rule_key: str
    kind: FollowUpKind
    title: str
    due: datetime
    event_id: int | None = None


def is_interview(stage_key: str) -> bool:
    return stage_key not in NOT_INTERVIEWS


def milestone_words(stage_name: str) -> str:
    """A stage name for the middle of a sentence: "Phone interview" -> "phone interview",
    while names that start with an acronym ("HR call") stay as they are."""
    name = stage_name.strip()
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def clock(moment: datetime) -> str:
    return f"{moment.hour}:{moment.minute:02d}"


def day_words(moment: datetime) -> str:
    """ "Tue 24 Nov at 14:30": a fixed date, so the title stays true on any day."""
    return f"{moment:%a} {moment.day} {moment:%b} at {clock(moment)}"


def wanted_follow_ups(
    facts: ApplicationFacts, now: datetime, timing: FollowUpTiming = DEFAULT_TIMING
) -> list[WantedFollowUp]:
    """Every follow-up the application calls for now, one per rule key, earliest first."""
    wanted: dict[str, WantedFollowUp] = {}
    for item in _all_rules(facts, now, timing):
        limit = TOO_LATE_AFTER.get(item.kind)
        if limit is not None and item.due < now - limit:
            continue
        wanted.setdefault(item.rule_key, item)
    return sorted(wanted.values(), key=lambda w: (w.due, w.rule_key))


def _all_rules(
    facts: ApplicationFacts, now: datetime, timing: FollowUpTiming
) -> Iterable[WantedFollowUp]:
    events = sorted(facts.events, key=lambda e: (e.position, e.id))
    company = facts.company
    rejection = _rejection_event(facts, events)
    for event in events:
        if not event.is_interview:
            continue
        what = milestone_words(event.stage_name)
        if event.met and not _moved_on(event, events):
            yield _thank_you(event, company, timing.thank_you_days)
            if event.outcome == Outcome.FAILED.value or event is rejection:
                yield _follow(
                    event,
                    FollowUpKind.FEEDBACK_CALL,
                    f"Call {company} to ask for feedback on your {what}",
                    days=timing.feedback_days,
                )
            if event.outcome == Outcome.PENDING.value and facts.status in OPEN_STATUSES:
                yield _follow(
                    event,
                    FollowUpKind.CHECK_IN,
                    f"Check in with {company} about your {what} result",
                    days=2,
                )
        if facts.status in OPEN_STATUSES:
            yield from _reminders(event, company, what, now)
    if rejection is not None:
        yield _follow(
            rejection,
            FollowUpKind.KEEP_ON_FILE,
            f"Ask {company} to keep your CV on file",
            days=3,
        )
    if facts.reapply_after is not None and facts.status in CLOSED_FOR_REAPPLY:
        yield WantedFollowUp(
            rule_key=FollowUpKind.REAPPLY.value,
            kind=FollowUpKind.REAPPLY,
            title=f"You can apply to {company} again: the waiting period is over",
            due=datetime.combine(facts.reapply_after, REMINDER_TIME),
        )


def _moved_on(event: EventFacts, events: list[EventFacts]) -> bool:
    """A later milestone already happened, so this one's follow-ups are overtaken."""
    return any(
        other.position > event.position and other.outcome in HAPPENED
        for other in events
        if other.id != event.id
    )


def _rejection_event(facts: ApplicationFacts, events: list[EventFacts]) -> EventFacts | None:
    """Where a rejected application stopped: its last failed milestone, else the last one that
    happened (a rejection notice after "we will contact you")."""
    if facts.status != Status.REJECTED.value:
        return None
    failed = [e for e in events if e.outcome == Outcome.FAILED.value and e.happened_on]
    if failed:
        return failed[-1]
    happened = [e for e in events if e.outcome in HAPPENED and e.happened_on]
    return happened[-1] if happened else None


def _day_after(event: EventFacts, days: int) -> datetime:
    assert event.happened_on is not None
    return datetime.combine(event.happened_on + timedelta(days=days), DUE_TIME)


def _thank_you(event: EventFacts, company: str, days: int) -> WantedFollowUp:
    title = f"Send a thank-you email to {company}"
    return _follow(event, FollowUpKind.THANK_YOU, title, days=days)


def _follow(event: EventFacts, kind: FollowUpKind, title: str, *, days: int) -> WantedFollowUp:
    return WantedFollowUp(
        rule_key=f"{kind.value}:{event.id}",
        kind=kind,
        title=title,
        due=_day_after(event, days),
        event_id=event.id,
    )


def _reminders(
    event: EventFacts, company: str, what: str, now: datetime
) -> Iterable[WantedFollowUp]:
    start = event.scheduled_at
    if event.outcome != Outcome.SCHEDULED.value or start is None or start <= now:
        return
    day_before = datetime.combine(start.date() - timedelta(days=1), REMINDER_TIME)
    if day_before > now:
        yield WantedFollowUp(
            rule_key=f"reminder-day-before:{event.id}",
            kind=FollowUpKind.INTERVIEW_REMINDER,
            title=f"Get ready for your {what} with {company} on {day_words(start)}",
            due=day_before,
            event_id=event.id,
        )
    yield WantedFollowUp(
        rule_key=f"{LAST_CALL_PREFIX}{event.id}",
        kind=FollowUpKind.INTERVIEW_REMINDER,
        title=f"Your {what} with {company} starts at {clock(start)}",
        due=start - REMINDER_LEAD,
        event_id=event.id,
    )


# -- where a follow-up sits in the Today list ---------------------------------------------------

UPCOMING_DAYS = 7


def bucket(due: datetime, today: date) -> str | None:
    """ "overdue" (a day before today or earlier), "today", "upcoming" (the next seven days),
    or None (later than that)."""
    day = due.date()
    if day < today:
        return "overdue"
    if day == today:
        return "today"
    if day <= today + timedelta(days=UPCOMING_DAYS):
        return "upcoming"
    return None
