"""Follow-ups: list what is due, and the actions on one follow-up (done, snooze, dismiss, add
your own). Keeping the rule-made ones in step with the stage events (``recompute``) lives in
follow_up_rules.py and is re-exported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.core.follow_ups import (
    EMAIL_TEMPLATES,
    LAST_CALL_PREFIX,
    UPCOMING_DAYS,
    bucket,
)
from nextcall.core.stages import FollowUpKind, FollowUpState, Outcome
from nextcall.core.validation import check_day
from nextcall.services.batches import insert_rows
from nextcall.services.database import Database
from nextcall.services.follow_up_rules import application_facts as application_facts
from nextcall.services.follow_up_rules import application_facts_many as application_facts_many
from nextcall.services.follow_up_rules import recompute as recompute
from nextcall.services.follow_up_rules import recompute_many as recompute_many
from nextcall.services.progress import refresh_progress, refresh_progress_many
from nextcall.store.models import Application, Company, FollowUp, StageEvent

TITLE_LIMIT = 300
MAX_SNOOZE_DAYS = 3650
CUSTOM_TIME = time(9)


@dataclass(frozen=True)
class FollowUpItem:
    id: int
    application_id: int
    company: str
    position: str
    kind: FollowUpKind
    title: str
    due: datetime  # when it shows up: the snooze time if snoozed, else the due time
    overdue: bool
    snoozed: bool
    stage_event_id: int | None
    rule_key: str | None = None  # None for the user's own follow-ups

    @property
    def email_template(self) -> str | None:
        """The playbook email to offer for it ("Write email…"), if any."""
        return EMAIL_TEMPLATES.get(self.kind)


@dataclass(frozen=True)
class TodayList:
    overdue: tuple[FollowUpItem, ...]
    today: tuple[FollowUpItem, ...]
    upcoming: tuple[FollowUpItem, ...]  # the next seven days

    @property
    def due(self) -> tuple[FollowUpItem, ...]:
        """Overdue and due today: what needs doing now."""
        return self.overdue + self.today

    def __bool__(self) -> bool:
        return bool(self.overdue or self.today or self.upcoming)


# -- what is due ------------------------------------------------------------------------------


def today_list(db: Database, now: datetime | None = None) -> TodayList:
    """Open follow-ups that are overdue, due today, or due in the next seven days."""
    moment = now or db.clock.now()
    today = moment.date()
    shown = func.coalesce(FollowUp.snoozed_until, FollowUp.due_at)
    horizon = datetime.combine(today + timedelta(days=UPCOMING_DAYS + 1), time())
    with db.session() as s:
        rows = s.execute(
            select(
                FollowUp,
                Application.position,
                Company.name,
                StageEvent.outcome,
                StageEvent.scheduled_at,
            )
            .join(Application, Application.id == FollowUp.application_id)
            .join(Company, Company.id == Application.company_id)
            .outerjoin(StageEvent, StageEvent.id == FollowUp.stage_event_id)
            .where(
                FollowUp.state == FollowUpState.OPEN.value,
                Application.deleted_at.is_(None),
                shown < horizon,
            )
            .order_by(shown, FollowUp.id)
        ).all()
        sections: dict[str, list[FollowUpItem]] = {"overdue": [], "today": [], "upcoming": []}
        for row, position, company, outcome, scheduled_at in rows:
            if row.kind == FollowUpKind.INTERVIEW_REMINDER.value and (
                outcome != Outcome.SCHEDULED.value or scheduled_at is None or scheduled_at <= moment
            ):
                continue  # the interview has started or moved on: the reminder is moot
            item = _item(row, company, position, today)
            where = bucket(item.due, today)
            if where == "upcoming" and (row.rule_key or "").startswith(LAST_CALL_PREFIX):
                continue  # the day-before reminder already stands for this interview
            if where is not None:
                sections[where].append(item)
    return TodayList(
        tuple(sections["overdue"]), tuple(sections["today"]), tuple(sections["upcoming"])
    )


def _item(row: FollowUp, company: str, position: str, today: date) -> FollowUpItem:
    due = row.snoozed_until or row.due_at
    try:
        kind = FollowUpKind(row.kind)
    except ValueError:
        kind = FollowUpKind.CUSTOM
    return FollowUpItem(
        id=row.id,
        application_id=row.application_id,
        company=company,
        position=position,
        kind=kind,
        title=row.title,
        due=due,
        overdue=due.date() < today,
        snoozed=row.snoozed_until is not None,
        stage_event_id=row.stage_event_id,
        rule_key=row.rule_key,
    )


def get_item(db: Database, follow_up_id: int) -> FollowUpItem:
    with db.session() as s:
        found = s.execute(
            select(FollowUp, Application.position, Company.name)
            .join(Application, Application.id == FollowUp.application_id)
            .join(Company, Company.id == Application.company_id)
            .where(FollowUp.id == follow_up_id)
        ).first()
        if found is None:
            raise NotFoundError(f"there is no follow-up with id {follow_up_id}")
        row, position, company = found
        return _item(row, company, position, db.clock.today())


# -- acting on one follow-up -------------------------------------------------------------------


def _open_row(s: Session, follow_up_id: int) -> FollowUp:
    row = s.get(FollowUp, follow_up_id)
    if row is None:
        raise NotFoundError(f"there is no follow-up with id {follow_up_id}")
    return row


_KEEP = object()  # change_follow_up_in: leave this value as it is


def change_follow_up_in(
    s: Session,
    row: FollowUp,
    *,
    state: FollowUpState | None = None,
    done_at: object = _KEEP,
    snoozed_until: object = _KEEP,
) -> None:
    """The one way a follow-up's state changes (done, dismissed, reopened, snoozed), inside the
    caller's session; the application's stored next follow-up follows."""
    if state is not None:
        row.state = FollowUpState(state).value
    if done_at is not _KEEP:
        row.done_at = _moment(done_at, "done_at")
    if snoozed_until is not _KEEP:
        row.snoozed_until = _moment(snoozed_until, "until")
    refresh_progress(s, row.application_id)


def _moment(value: object, field: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise ValidationError(f"{field} must be a date and time.", field)
    check_day(value, field)
    return value


@dataclass(frozen=True)
class NewFollowUp:
    application_id: int
    kind: str
    title: str
    due_at: datetime
    state: str = FollowUpState.OPEN.value
    rule_key: str | None = None
    stage_event_id: int | None = None
    snoozed_until: datetime | None = None
    done_at: datetime | None = None
    created_at: datetime | None = None  # ``now`` when not given


def add_follow_up_in(s: Session, item: NewFollowUp, now: datetime) -> FollowUp:
    """``add_follow_ups_in`` for one follow-up; returns it."""
    [row_id] = add_follow_ups_in(s, [item], now)
    row = s.get(FollowUp, row_id)
    assert row is not None
    return row


def add_follow_ups_in(s: Session, items: Sequence[NewFollowUp], now: datetime) -> list[int]:
    """The one way follow-ups are created outside the rules' ``recompute`` (the user's own, a
    NextCall file's), any number at once, inside the caller's session: checked, then the
    applications' stored next follow-up brought up to date. Returns the new ids."""
    rows = []
    for item in items:
        text = item.title.strip()
        if not text:
            raise ValidationError(
                "Write what to do, e.g. “Call Ana about the start date”.", "title"
            )
        if len(text) > TITLE_LIMIT:
            raise ValidationError(
                f"Keep it under {TITLE_LIMIT} characters; add details as a note.", "title"
            )
        try:
            kind, state = FollowUpKind(item.kind).value, FollowUpState(item.state).value
        except ValueError as exc:
            raise ValidationError(f"{exc}.", "kind") from None
        for name, moment in (
            ("due", item.due_at),
            ("until", item.snoozed_until),
            ("done_at", item.done_at),
        ):
            if moment is not None:
                check_day(moment, name)
        rows.append(
            {
                **{f.name: getattr(item, f.name) for f in fields(item)},
                "title": text,
                "kind": kind,
                "state": state,
                "created_at": item.created_at or now,
            }
        )
    if not rows:
        return []
    s.flush()
    ids = insert_rows(s, FollowUp, rows)
    refresh_progress_many(s, [item.application_id for item in items], now)
    return ids


def delete_follow_up_in(s: Session, row: FollowUp) -> None:
    """Remove a follow-up; the application's stored next follow-up follows."""
    application_id = row.application_id
    s.delete(row)
    s.flush()
    refresh_progress(s, application_id)


def mark_done(db: Database, follow_up_id: int) -> None:
    with db.session() as s:
        row = _open_row(s, follow_up_id)
        if row.state == FollowUpState.OPEN.value:
            change_follow_up_in(s, row, state=FollowUpState.DONE, done_at=db.clock.now())


def dismiss(db: Database, follow_up_id: int) -> None:
    """Not needed after all: it leaves the list, and rules will not bring it back."""
    with db.session() as s:
        row = _open_row(s, follow_up_id)
        if row.state == FollowUpState.OPEN.value:
            change_follow_up_in(s, row, state=FollowUpState.DISMISSED)


def reopen(db: Database, follow_up_id: int) -> None:
    """Undo "done" or "dismiss"."""
    with db.session() as s:
        change_follow_up_in(s, _open_row(s, follow_up_id), state=FollowUpState.OPEN, done_at=None)


def snooze(db: Database, follow_up_id: int, until: datetime) -> None:
    """Hide it until ``until``; it then shows up again, due at that time."""
    now = db.clock.now()
    if until <= now:
        raise ValidationError("Pick a time later than now to snooze until.", "until")
    with db.session() as s:
        row = _open_row(s, follow_up_id)
        if row.state != FollowUpState.OPEN.value:
            raise ValidationError("Only a follow-up that is still to do can be snoozed.", "state")
        change_follow_up_in(s, row, snoozed_until=until)


def snooze_days(db: Database, follow_up_id: int, days: int) -> datetime:
    """Snooze until ``days`` days from today, in the morning; returns that time."""
    if not 1 <= days <= MAX_SNOOZE_DAYS:
        raise ValidationError(f"Snooze for 1 to {MAX_SNOOZE_DAYS} days.", "days")
    until = datetime.combine(db.clock.today() + timedelta(days=days), CUSTOM_TIME)
    snooze(db, follow_up_id, until)
    return until


def add_custom(db: Database, application_id: int, title: str, due: date | datetime) -> int:
    """A follow-up of the user's own ("Call Ana about the start date"); returns its id."""
    check_day(due, "due")
    when = due if isinstance(due, datetime) else datetime.combine(due, CUSTOM_TIME)
    with db.session() as s:
        app = s.get(Application, application_id)
        if app is None or app.deleted_at is not None:
            raise NotFoundError(f"there is no application with id {application_id}")
        text = " ".join(title.split())
        item = NewFollowUp(application_id, FollowUpKind.CUSTOM.value, text, when)
        return add_follow_up_in(s, item, db.clock.now()).id


def delete_custom(db: Database, follow_up_id: int) -> None:
    """Remove a follow-up the user added (rule-made ones are dismissed instead)."""
    with db.session() as s:
        row = _open_row(s, follow_up_id)
        if row.rule_key is not None:
            raise ValidationError("This follow-up comes from a rule; dismiss it instead.", "id")
        delete_follow_up_in(s, row)
