"""Recording milestone outcomes, for one application or many at once (an import).

The rules of ``record_outcomes_in`` (what a recorded outcome does to the earlier milestones,
the status and the last contact) are applied to the batch in memory, then written with a few
executemany statements, and the rule-made follow-ups and stored progress follow for the whole
batch. ``stages.record_outcome_in`` is the batch of one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.core.stages import Outcome, Status
from nextcall.core.validation import check_day, clean_text, quote
from nextcall.services.batches import chunks, expire, insert_many, insert_rows
from nextcall.services.follow_ups import recompute_many
from nextcall.services.progress import refresh_progress_many
from nextcall.store.models import Application, Stage, StageChange, StageEvent, UnusedStage

MAX_SCORE = 1000
INTERVIEWER_LIMIT = 200
FIRST_MILESTONE = "application"  # sending the application: where every pipeline starts


def stage_by_key(s: Session, key: str) -> Stage:
    stage = s.execute(select(Stage).where(Stage.key == key)).scalar_one_or_none()
    if stage is None:
        known = ", ".join(s.execute(select(Stage.key).order_by(Stage.position, Stage.id)).scalars())
        raise ValidationError(f"{quote(key)} is not a milestone; use one of: {known}", "milestone")
    return stage


@dataclass(frozen=True)
class OutcomeRecord:
    """What happened at one milestone of one (live) application."""

    application_id: int
    stage_key: str
    outcome: Outcome
    day: date
    scheduled_at: datetime | None = None
    score: float | None = None
    interviewer: str | None = None


def record_outcomes_in(s: Session, records: Sequence[OutcomeRecord], now: datetime) -> list[int]:
    """The one way milestone outcomes are recorded (``record_outcome``, the board, imports),
    inside the caller's session, in order, for any number of applications at once: the values
    checked, the history appended, the status, the rule-made follow-ups and the stored progress
    brought in line. Returns each record's event id."""
    if not records:
        return []
    s.flush()
    checked = []
    for r in records:
        check_event(r.score, r.day, r.scheduled_at)
        interviewer = r.interviewer
        if interviewer is not None:
            interviewer = clean_text(interviewer, field="interviewer", max_length=INTERVIEWER_LIMIT)
        checked.append((r, interviewer))
    stages = {st.key: st for st in s.execute(select(Stage)).scalars()}
    for r in records:
        if r.stage_key not in stages:
            stage_by_key(s, r.stage_key)  # raises, naming the milestones there are
    batch = _Batch.load(s, list(dict.fromkeys(r.application_id for r in records)), stages)
    events = [batch.record(r, interviewer, stages[r.stage_key], now) for r, interviewer in checked]
    batch.write(s, now)
    recompute_many(s, batch.apps, now)
    return [event.id for event in events]  # type: ignore[misc]  # all written now


_EVENT_FIELDS = ("outcome", "scheduled_at", "happened_on", "score", "interviewer")
_APP_FIELDS = ("status", "closing_reason", "last_contact_on")


@dataclass
class _Event:
    id: int | None
    application_id: int
    stage_id: int
    outcome: str
    scheduled_at: datetime | None = None
    happened_on: date | None = None
    score: float | None = None
    interviewer: str = ""
    stored: tuple[object, ...] = ()  # the fields as read, to write only what changed

    def fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in _EVENT_FIELDS)

    def values(self) -> dict[str, object]:
        return dict(zip(_EVENT_FIELDS, self.fields(), strict=True))


@dataclass
class _App:
    status: str
    closing_reason: str
    last_contact_on: date | None
    stored: tuple[object, ...] = ()

    def fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in _APP_FIELDS)

    def values(self) -> dict[str, object]:
        return dict(zip(_APP_FIELDS, self.fields(), strict=True))


@dataclass
class _Batch:
    """The applications a batch of outcomes touches, their events, and what to write."""

    apps: dict[int, _App]
    events: dict[int, list[_Event]]
    position: dict[int, float]
    changes: list[dict[str, object]] = field(default_factory=list)
    unused: list[dict[str, object]] = field(default_factory=list)

    @classmethod
    def load(cls, s: Session, app_ids: list[int], stages: dict[str, Stage]) -> _Batch:
        apps: dict[int, _App] = {}
        events: dict[int, list[_Event]] = {app_id: [] for app_id in app_ids}
        for part in chunks(app_ids):
            for app_id, status, reason, last_contact in s.execute(
                select(Application.id, *(getattr(Application, n) for n in _APP_FIELDS)).where(
                    Application.id.in_(part)
                )
            ):
                apps[app_id] = _App(status, reason, last_contact, (status, reason, last_contact))
            for row in s.execute(
                select(
                    StageEvent.id,
                    StageEvent.application_id,
                    StageEvent.stage_id,
                    *(getattr(StageEvent, n) for n in _EVENT_FIELDS),
                )
                .where(StageEvent.application_id.in_(part))
                .order_by(StageEvent.id)
            ):
                event = _Event(*row)
                event.stored = event.fields()
                events[event.application_id].append(event)
        missing = [app_id for app_id in app_ids if app_id not in apps]
        if missing:
            raise NotFoundError(f"there is no application with id {missing[0]}")
        return cls(apps, events, {st.id: st.position for st in stages.values()})

    def record(
        self, r: OutcomeRecord, interviewer: str | None, stage: Stage, now: datetime
    ) -> _Event:
        result, app_id = r.outcome, r.application_id
        found = [e for e in self.events[app_id] if e.stage_id == stage.id]
        event = found[-1] if found else None
        if event is None:
            event = _Event(None, app_id, stage.id, result.value)
            self.events[app_id].append(event)
        event.outcome = result.value
        if result in (Outcome.SCHEDULED, Outcome.PENDING) and r.scheduled_at is not None:
            event.scheduled_at = r.scheduled_at
        if result is not Outcome.SCHEDULED:
            event.happened_on = r.day
        if r.score is not None:
            event.score = r.score
        if interviewer is not None:
            event.interviewer = interviewer.strip()
        self.unused.append({"a": app_id, "s": stage.id})
        if result is not Outcome.SKIPPED:  # reaching it passes the earlier ones still waiting
            for earlier in sorted(self.events[app_id], key=lambda e: e.stage_id):
                if self.position[earlier.stage_id] < stage.position and earlier.outcome in (
                    Outcome.SCHEDULED.value,
                    Outcome.PENDING.value,
                ):
                    earlier.outcome = Outcome.PASSED.value
                    self._change(app_id, earlier.stage_id, Outcome.PASSED.value, now)
        self._change(app_id, stage.id, result.value, now)
        app = self.apps[app_id]
        follow_status(app, stage, result)
        if result is not Outcome.SCHEDULED:
            app.last_contact_on = max(app.last_contact_on or r.day, r.day)
        return event

    def _change(self, app_id: int, stage_id: int, outcome: str, now: datetime) -> None:
        self.changes.append(
            {"application_id": app_id, "stage_id": stage_id, "outcome": outcome, "changed_at": now}
        )

    def write(self, s: Session, now: datetime) -> None:
        """Everything recorded, in a few statements stamped ``now`` (the one clock)."""
        everything = [e for events in self.events.values() for e in events]
        new = [e for e in everything if e.id is None]
        if new:
            ids = insert_rows(
                s,
                StageEvent,
                [
                    {
                        "application_id": e.application_id,
                        "stage_id": e.stage_id,
                        "checks": "[]",
                        "created_at": now,
                        "updated_at": now,
                        **e.values(),
                    }
                    for e in new
                ],
            )
            for event, event_id in zip(new, ids, strict=True):
                event.id = event_id
        changed = [e for e in everything if e.stored and e.fields() != e.stored]
        if changed:
            s.execute(
                update(StageEvent),
                [{"id": e.id, "updated_at": now, **e.values()} for e in changed],
            )
            expire(s, StageEvent, (e.id for e in changed if e.id is not None))
        if self.unused:
            s.connection().execute(
                delete(UnusedStage).where(
                    UnusedStage.application_id == bindparam("a"),
                    UnusedStage.stage_id == bindparam("s"),
                ),
                self.unused,
            )
        if self.changes:
            insert_many(s, StageChange, self.changes)
        apps = [(app_id, app) for app_id, app in self.apps.items() if app.fields() != app.stored]
        if apps:
            s.execute(
                update(Application),
                [{"id": i, "updated_at": now, **a.values()} for i, a in apps],
            )
            expire(s, Application, (app_id for app_id, _app in apps))


def check_event(score: float | None, day: date | None, scheduled_at: datetime | None) -> None:
    if score is not None and not (0 <= score <= MAX_SCORE):
        raise ValidationError(f"A score must be between 0 and {MAX_SCORE}.", "score")
    if day is not None:
        check_day(day, "date")
    if scheduled_at is not None:
        check_day(scheduled_at, "scheduled_at")


def start_pipelines_in(s: Session, apps: Sequence[tuple[int, date | None]], now: datetime) -> None:
    """New applications' first milestone, the application itself, waiting for an answer
    (``apps``: each new application's id and date applied); sending it is the first contact.
    Only ``applications.create_applications_in`` calls it: it stores the date applied as the
    last contact and computes the stored progress after it."""
    if not apps:
        return
    stage = stage_by_key(s, FIRST_MILESTONE)
    pending = Outcome.PENDING.value
    insert_many(
        s,
        StageEvent,
        [
            {
                "application_id": app_id,
                "stage_id": stage.id,
                "outcome": pending,
                "happened_on": applied_on,
                "checks": "[]",
                "created_at": now,
                "updated_at": now,
            }
            for app_id, applied_on in apps
        ],
    )
    insert_many(
        s,
        StageChange,
        [
            {"application_id": app_id, "stage_id": stage.id, "outcome": pending, "changed_at": now}
            for app_id, _ in apps
        ],
    )


class _Status(Protocol):
    status: str
    closing_reason: str


def follow_status(app: _Status, stage: Stage, result: Outcome) -> None:
    if result is Outcome.FAILED:
        app.status = Status.REJECTED.value
        app.closing_reason = f"Stopped at the {stage.name.lower()}"
    elif stage.key == "job-offer" and result is Outcome.PASSED:
        app.status = Status.ACCEPTED.value
    elif stage.key == "job-offer" and result in (Outcome.PENDING, Outcome.SCHEDULED):
        app.status = Status.OFFER.value
    elif result in (Outcome.PASSED, Outcome.SCHEDULED, Outcome.PENDING) and app.status in (
        Status.REJECTED.value,
        Status.GHOSTED.value,
    ):
        app.status = Status.ACTIVE.value
        app.closing_reason = ""


def parse_outcome(text: str) -> Outcome:
    try:
        return Outcome(text.strip().lower())
    except ValueError:
        choices = ", ".join(o.value for o in Outcome)
        raise ValidationError(
            f"{quote(text)} is not an outcome; use one of: {choices}", "outcome"
        ) from None


@dataclass(frozen=True)
class EventRecord:
    """A milestone event recorded elsewhere (a NextCall file, the sample data), kept as it was."""

    stage_key: str
    outcome: str
    scheduled_at: datetime | None = None
    happened_on: date | None = None
    score: float | None = None
    interviewer: str = ""
    contact_id: int | None = None
    checks: tuple[str, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class ChangeRecord:
    """One line of a milestone's recorded history."""

    stage_key: str
    outcome: str
    changed_at: datetime | None = None


def restore_events_many(
    s: Session,
    items: Sequence[tuple[int, Sequence[EventRecord], Sequence[ChangeRecord], Sequence[str]]],
    now: datetime,
) -> list[list[int]]:
    """Milestone events, their history and the unused stages of new applications exactly as
    recorded elsewhere (a NextCall file, the sample data): (application id, events, history,
    unused stage keys) each, checked as ``record_outcomes_in`` checks them, written at once
    (times a record lacks are ``now``); the stored progress follows. Returns each item's event
    ids in the order given."""
    s.flush()
    stages = {key: stage_id for stage_id, key in s.execute(select(Stage.id, Stage.key))}

    def stage_id(key: str) -> int:
        return stages[key] if key in stages else stage_by_key(s, key).id  # raises, naming them

    events, changes, unused = [], [], []
    for app_id, records, history, unused_keys in items:
        for record in records:
            outcome = parse_outcome(record.outcome)
            check_event(record.score, record.happened_on, record.scheduled_at)
            events.append(
                {
                    "application_id": app_id,
                    "stage_id": stage_id(record.stage_key),
                    "outcome": outcome.value,
                    "scheduled_at": record.scheduled_at,
                    "happened_on": record.happened_on,
                    "score": record.score,
                    "interviewer": clean_text(
                        record.interviewer, field="interviewer", max_length=INTERVIEWER_LIMIT
                    ),
                    "contact_id": record.contact_id,
                    "checks": json.dumps(list(record.checks)),
                    "created_at": record.created_at or now,
                    "updated_at": record.updated_at or now,
                }
            )
        changes += [
            {
                "application_id": app_id,
                "stage_id": stage_id(change.stage_key),
                "outcome": parse_outcome(change.outcome).value,
                "changed_at": change.changed_at or now,
            }
            for change in history
        ]
        unused += [{"application_id": app_id, "stage_id": stage_id(key)} for key in unused_keys]
    ids: list[int] = []
    if events:
        ids = insert_rows(s, StageEvent, events)
    if changes:
        insert_many(s, StageChange, changes)
    if unused:
        insert_many(s, UnusedStage, unused)
    refresh_progress_many(s, [item[0] for item in items], now)
    result, start = [], 0
    for _app_id, records, _history, _unused in items:
        result.append(ids[start : start + len(records)])
        start += len(records)
    return result
