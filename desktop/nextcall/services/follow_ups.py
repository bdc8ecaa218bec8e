"""Follow-ups: keep the rule-made ones in step with the stage events, list what is due, and the
actions on one follow-up (done, snooze, dismiss, add your own).

``recompute`` runs inside the caller's session, right after a stage event changed. It only
ever creates, moves or removes *open* follow-ups that rules made; what the user marked done or
dismissed, and the follow-ups they added themselves, stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.core.follow_ups import (
    EMAIL_TEMPLATES,
    LAST_CALL_PREFIX,
    UPCOMING_DAYS,
    ApplicationFacts,
    EventFacts,
    WantedFollowUp,
    bucket,
    wanted_follow_ups,
)
from nextcall.core.stages import FollowUpKind, FollowUpState, Outcome
from nextcall.core.validation import check_day
from nextcall.services.batches import chunks
from nextcall.services.database import Database
from nextcall.services.progress import refresh_progress, refresh_progress_many
from nextcall.services.settings import timing_in
from nextcall.store.models import Application, Company, FollowUp, Stage, StageEvent

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


# -- keeping rule-made follow-ups in step ------------------------------------------------------


def application_facts(s: Session, application_id: int) -> ApplicationFacts | None:
    return application_facts_many(s, [application_id]).get(application_id)


def application_facts_many(
    s: Session, application_ids: Sequence[int]
) -> dict[int, ApplicationFacts]:
    """What the rules need of each live application (those in the bin are left out)."""
    found: dict[int, ApplicationFacts] = {}
    for part in chunks(application_ids):
        heads = {
            app_id: (status, company, reapply_after)
            for app_id, status, company, reapply_after in s.execute(
                select(Application.id, Application.status, Company.name, Company.reapply_after)
                .join(Company, Company.id == Application.company_id)
                .where(Application.id.in_(part), Application.deleted_at.is_(None))
            )
        }
        events: dict[int, list[EventFacts]] = {app_id: [] for app_id in heads}
        for app_id, event_id, outcome, happened_on, scheduled_at, key, name, position in s.execute(
            select(
                StageEvent.application_id,
                StageEvent.id,
                StageEvent.outcome,
                StageEvent.happened_on,
                StageEvent.scheduled_at,
                Stage.key,
                Stage.name,
                Stage.position,
            )
            .join(Stage, Stage.id == StageEvent.stage_id)
            .where(StageEvent.application_id.in_(list(heads)))
            .order_by(StageEvent.id)
        ):
            events[app_id].append(
                EventFacts(
                    id=event_id,
                    stage_key=key,
                    stage_name=name,
                    position=position,
                    outcome=outcome,
                    happened_on=happened_on,
                    scheduled_at=scheduled_at,
                )
            )
        for app_id, (status, company, reapply_after) in heads.items():
            found[app_id] = ApplicationFacts(company, status, tuple(events[app_id]), reapply_after)
    return found


def recompute(s: Session, application_id: int, now: datetime) -> None:
    """Bring the application's rule-made follow-ups in line with its events, in session ``s``.

    Creates the missing ones, moves and renames the open ones, deletes open ones no rule wants
    any more; done and dismissed ones are never touched. Then refreshes the stored progress
    (next follow-up date)."""
    recompute_many(s, [application_id], now)


def recompute_many(s: Session, application_ids: Iterable[int], now: datetime) -> None:
    """``recompute`` for a batch of applications (an import), in a few queries. Applications
    in the bin keep their follow-ups as they are."""
    s.flush()
    ids = list(dict.fromkeys(application_ids))
    facts = application_facts_many(s, ids)
    if facts:
        timing = timing_in(s)
        existing: dict[int, dict[str, FollowUp]] = {app_id: {} for app_id in facts}
        for part in chunks(list(facts)):
            for row in s.execute(
                select(FollowUp).where(
                    FollowUp.application_id.in_(part), FollowUp.rule_key.is_not(None)
                )
            ).scalars():
                existing[row.application_id][row.rule_key or ""] = row
        new_rows: list[dict[str, object]] = []
        for app_id, app_facts in facts.items():
            wanted = {w.rule_key: w for w in wanted_follow_ups(app_facts, now, timing)}
            new_rows += _apply_rules(s, app_id, wanted, existing[app_id])
        if new_rows:
            s.execute(insert(FollowUp), [{**row, "created_at": now} for row in new_rows])
    refresh_progress_many(s, ids, now)


def _apply_rules(
    s: Session,
    application_id: int,
    wanted: dict[str, WantedFollowUp],
    existing: dict[str, FollowUp],
) -> list[dict[str, object]]:
    """Move, rename or delete the open rule-made follow-ups; returns the ones to add."""
    for key, row in existing.items():
        if key not in wanted and row.state == FollowUpState.OPEN.value:
            s.delete(row)
    added = []
    for key, item in wanted.items():
        found = existing.get(key)
        if found is None:
            added.append(_new_row(application_id, item))
        elif found.state == FollowUpState.OPEN.value:
            _update_row(found, item)
    return added


def _new_row(application_id: int, item: WantedFollowUp) -> dict[str, object]:
    return {
        "application_id": application_id,
        "stage_event_id": item.event_id,
        "kind": item.kind.value,
        "title": item.title,
        "due_at": item.due,
        "state": FollowUpState.OPEN.value,
        "rule_key": item.rule_key,
    }


def _update_row(row: FollowUp, item: WantedFollowUp) -> None:
    if row.due_at != item.due:
        row.due_at = item.due
        row.snoozed_until = None  # a new date replaces an old snooze
    row.title = item.title
    row.kind = item.kind.value
    row.stage_event_id = item.event_id


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


def add_follow_up_in(
    s: Session,
    application_id: int,
    *,
    kind: str,
    title: str,
    due_at: datetime,
    state: str = FollowUpState.OPEN.value,
    rule_key: str | None = None,
    stage_event_id: int | None = None,
    snoozed_until: datetime | None = None,
    done_at: datetime | None = None,
    created_at: datetime | None = None,
) -> FollowUp:
    """The one way a follow-up is created outside the rules' ``recompute`` (the user's own, a
    NextCall file's), inside the caller's session: checked, then the application's stored next
    follow-up brought up to date."""
    text = title.strip()
    if not text:
        raise ValidationError("Write what to do, e.g. “Call Ana about the start date”.", "title")
    if len(text) > TITLE_LIMIT:
        raise ValidationError(
            f"Keep it under {TITLE_LIMIT} characters; add details as a note.", "title"
        )
    try:
        kind, state = FollowUpKind(kind).value, FollowUpState(state).value
    except ValueError as exc:
        raise ValidationError(f"{exc}.", "kind") from None
    for name, moment in (("due", due_at), ("until", snoozed_until), ("done_at", done_at)):
        if moment is not None:
            check_day(moment, name)
    row = FollowUp(
        application_id=application_id,
        stage_event_id=stage_event_id,
        kind=kind,
        title=text,
        due_at=due_at,
        state=state,
        snoozed_until=snoozed_until,
        rule_key=rule_key,
        done_at=done_at,
        created_at=created_at,
    )
    s.add(row)
    s.flush()
    refresh_progress(s, application_id)
    return row


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
        return add_follow_up_in(
            s, application_id, kind=FollowUpKind.CUSTOM.value, title=text, due_at=when
        ).id


def delete_custom(db: Database, follow_up_id: int) -> None:
    """Remove a follow-up the user added (rule-made ones are dismissed instead)."""
    with db.session() as s:
        row = _open_row(s, follow_up_id)
        if row.rule_key is not None:
            raise ValidationError("This follow-up comes from a rule; dismiss it instead.", "id")
        delete_follow_up_in(s, row)
