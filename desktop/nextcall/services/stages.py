"""Use cases for milestones: record an outcome, tick checks, mark stages unused, history.

One event per application and stage; every recorded outcome is also appended to the stage
history. A failed milestone closes the application as rejected and keeps the milestone reached.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.core.stages import REACHED_OUTCOMES, Outcome
from nextcall.core.validation import quote
from nextcall.services.database import Database
from nextcall.services.outcomes import (
    ChangeRecord,
    EventRecord,
    OutcomeRecord,
    parse_outcome,
    record_outcomes_in,
    restore_events_many,
    stage_by_key,
)
from nextcall.services.progress import refresh_progress
from nextcall.store.models import Application, Stage, StageChange, StageEvent, UnusedStage


@dataclass(frozen=True)
class StageInfo:
    id: int
    key: str
    name: str
    position: float
    builtin: bool


@dataclass(frozen=True)
class StageState:
    """One milestone of one application, as the tracker's stepper shows it."""

    stage: StageInfo
    unused: bool
    event_id: int | None
    outcome: str | None  # None: nothing recorded yet (upcoming)
    on: date | None
    scheduled_at: datetime | None
    score: float | None
    interviewer: str
    checks: tuple[str, ...]


@dataclass(frozen=True)
class HistoryItem:
    stage_key: str
    stage_name: str
    outcome: str
    changed_at: datetime


def catalogue(db: Database) -> list[StageInfo]:
    with db.session() as s:
        return _catalogue(s)


def _catalogue(s: Session) -> list[StageInfo]:
    rows = s.execute(select(Stage).order_by(Stage.position, Stage.id)).scalars()
    return [StageInfo(st.id, st.key, st.name, st.position, st.builtin) for st in rows]


def _application(s: Session, application_id: int) -> Application:
    app = s.get(Application, application_id)
    if app is None or app.deleted_at is not None:
        raise NotFoundError(f"there is no application with id {application_id}")
    return app


def record_outcome(
    db: Database,
    application_id: int,
    stage_key: str,
    outcome: Outcome | str,
    *,
    on: date | None = None,
    scheduled_at: datetime | None = None,
    score: float | None = None,
    interviewer: str | None = None,
) -> int:
    """Record what happened at one milestone; returns the event id.

    Status follows: failed closes the application as rejected (the milestone reached stays);
    an offer makes it "offer", a passed offer "accepted"; recording progress on a closed
    application reopens it as active.
    """
    result = parse_outcome(outcome) if isinstance(outcome, str) else outcome
    with db.session(write=True) as s:
        app = _application(s, application_id)
        event = record_outcome_in(
            s,
            app,
            stage_key,
            result,
            day=on or db.clock.today(),
            now=db.clock.now(),
            scheduled_at=scheduled_at,
            score=score,
            interviewer=interviewer,
        )
        return event.id


def record_outcome_in(
    s: Session,
    app: Application,
    stage_key: str,
    result: Outcome,
    *,
    day: date,
    now: datetime,
    scheduled_at: datetime | None = None,
    score: float | None = None,
    interviewer: str | None = None,
) -> StageEvent:
    """``record_outcomes_in`` for one milestone of one application; returns its event."""
    record = OutcomeRecord(app.id, stage_key, result, day, scheduled_at, score, interviewer)
    [event_id] = record_outcomes_in(s, [record], now)
    event = s.get(StageEvent, event_id)
    assert event is not None
    return event


def restore_events_in(
    s: Session,
    app: Application,
    events: Sequence[EventRecord],
    history: Sequence[ChangeRecord] = (),
    unused: Sequence[str] = (),
    *,
    now: datetime,
) -> list[StageEvent]:
    """``restore_events_many`` for one application; returns its events in the order given."""
    [ids] = restore_events_many(s, [(app.id, events, history, unused)], now)
    return [s.get(StageEvent, event_id) for event_id in ids]  # type: ignore[misc]


def _event(s: Session, application_id: int, stage_id: int) -> StageEvent | None:
    return s.execute(
        select(StageEvent)
        .where(StageEvent.application_id == application_id, StageEvent.stage_id == stage_id)
        .order_by(StageEvent.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def advance_to(db: Database, application_id: int, stage_key: str) -> None:
    """The board's move: every used milestone before ``stage_key`` with no outcome yet is
    recorded as passed, and ``stage_key`` itself as scheduled."""
    states = stage_states(db, application_id)
    keys = [st.stage.key for st in states]
    if stage_key not in keys:
        raise ValidationError(f"{quote(stage_key)} is not a milestone", "milestone")
    for state in states[: keys.index(stage_key)]:
        if not state.unused and state.outcome is None:
            record_outcome(db, application_id, state.stage.key, Outcome.PASSED)
    target = states[keys.index(stage_key)]
    if target.outcome is None:
        record_outcome(db, application_id, stage_key, Outcome.SCHEDULED)


def set_unused(db: Database, application_id: int, stage_key: str, unused: bool) -> None:
    with db.session() as s:
        _application(s, application_id)
        stage = stage_by_key(s, stage_key)
        exists = s.get(UnusedStage, (application_id, stage.id))
        if unused and exists is None:
            if _event(s, application_id, stage.id) is not None:
                raise ValidationError(
                    f"The {stage.name.lower()} already has an outcome; it cannot be unused.",
                    "milestone",
                )
            s.add(UnusedStage(application_id=application_id, stage_id=stage.id))
        elif not unused and exists is not None:
            s.delete(exists)
        refresh_progress(s, application_id)


def set_checks(db: Database, event_id: int, keys: list[str]) -> None:
    """Store which "if it stopped here, check" items the applicant ticked for this event."""
    with db.session() as s:
        event = s.get(StageEvent, event_id)
        if event is None:
            raise NotFoundError(f"there is no milestone event with id {event_id}")
        event.checks = json.dumps(sorted(set(keys)))


def stage_states(db: Database, application_id: int) -> list[StageState]:
    with db.session() as s:
        _application(s, application_id)
        events = {
            e.stage_id: e
            for e in s.execute(
                select(StageEvent)
                .where(StageEvent.application_id == application_id)
                .order_by(StageEvent.id)
            ).scalars()
        }
        unused = set(
            s.execute(
                select(UnusedStage.stage_id).where(UnusedStage.application_id == application_id)
            ).scalars()
        )
        states = []
        for info in _catalogue(s):
            if not info.builtin and info.id not in events:
                continue  # the user's own stages show where an application uses them
            event = events.get(info.id)
            states.append(
                StageState(
                    stage=info,
                    unused=info.id in unused,
                    event_id=event.id if event else None,
                    outcome=event.outcome if event else None,
                    on=event.happened_on if event else None,
                    scheduled_at=event.scheduled_at if event else None,
                    score=event.score if event else None,
                    interviewer=event.interviewer if event else "",
                    checks=tuple(json.loads(event.checks or "[]")) if event else (),
                )
            )
        return states


def furthest_reached(states: list[StageState]) -> StageState | None:
    reached = [st for st in states if st.outcome in {o.value for o in REACHED_OUTCOMES}]
    return reached[-1] if reached else None


def history(db: Database, application_id: int) -> list[HistoryItem]:
    with db.session() as s:
        _application(s, application_id)
        rows = s.execute(
            select(Stage.key, Stage.name, StageChange.outcome, StageChange.changed_at)
            .join(Stage, Stage.id == StageChange.stage_id)
            .where(StageChange.application_id == application_id)
            .order_by(StageChange.changed_at.desc(), StageChange.id.desc())
        )
        return [HistoryItem(*row) for row in rows]


def add_stage(db: Database, name: str, after_key: str, key: str | None = None) -> StageInfo:
    """A user-defined stage (e.g. a second interview), placed right after ``after_key``."""
    label = name.strip()
    if not label:
        raise ValidationError("A stage needs a name.", "name")
    with db.session() as s:
        after = stage_by_key(s, after_key)
        following = s.execute(
            select(Stage.position)
            .where(Stage.position > after.position)
            .order_by(Stage.position)
            .limit(1)
        ).scalar_one_or_none()
        position = (
            (after.position + following) / 2 if following is not None else after.position + 10
        )
        slug = key or "custom-" + "-".join(label.lower().split())[:40]
        base, n = slug, 2
        while s.execute(select(Stage.id).where(Stage.key == slug)).first():
            slug, n = f"{base}-{n}", n + 1
        stage = Stage(key=slug, name=label, position=position, builtin=False, guidance="")
        s.add(stage)
        s.flush()
        return StageInfo(stage.id, stage.key, stage.name, stage.position, False)
