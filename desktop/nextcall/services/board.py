"""The Tracker's board: one column per milestone, one card per open application.

An open application sits in the column of its current milestone (stored progress, kept by
services/progress.py): the one it waits on, or the next one to aim for. Moving a card to a later
column records the milestones in between as passed and schedules the target
(``stages.advance_to``); moving it back is refused, because that would erase recorded outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.core.progress import ACCOUNT_DEPENDENT
from nextcall.core.stages import Outcome, Status
from nextcall.services import stages
from nextcall.services.database import Database
from nextcall.store.models import Application, Company, Stage, StageEvent

OPEN_STATUSES = (Status.ACTIVE.value, Status.OFFER.value)
BACKWARDS_MESSAGE = "Moving back would erase recorded outcomes; change it in the stepper instead."


@dataclass(frozen=True)
class BoardCard:
    application_id: int
    company: str
    position: str
    account_type: str
    state: str  # 'scheduled' (a date is set or expected), 'pending' (waiting), 'next'
    scheduled_at: datetime | None
    days_since_contact: int | None  # None: no contact recorded yet


@dataclass(frozen=True)
class BoardColumn:
    stage: stages.StageInfo
    cards: tuple[BoardCard, ...]

    @property
    def key(self) -> str:
        return self.stage.key


def _is_open() -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """Only open applications (active or offer) outside the trash."""
    return Application.deleted_at.is_(None), Application.status.in_(OPEN_STATUSES)


def board(db: Database) -> list[BoardColumn]:
    """Every built-in milestone in order, plus the user's own stages where an open application
    uses them; each column with its cards (scheduled first by date, then by company)."""
    today = db.clock.today()
    scheduled = (
        select(StageEvent.scheduled_at)
        .where(
            StageEvent.application_id == Application.id,
            StageEvent.stage_id == Application.current_stage_id,
        )
        .order_by(StageEvent.id.desc())
        .limit(1)
        .correlate(Application)
        .scalar_subquery()
    )
    with db.session() as s:
        columns = _board_stages(s)
        rows = s.execute(
            select(
                Application.id,
                Company.name,
                Application.position,
                Application.account_type,
                Application.current_stage_id,
                Application.current_state,
                Application.last_contact_on,
                scheduled,
            )
            .join(Company, Company.id == Application.company_id)
            .where(*_is_open())
        ).all()
    by_stage: dict[int, list[BoardCard]] = {st.id: [] for st in columns}
    first = columns[0].id if columns else None
    for app_id, company, position, account, stage_id, state, contact, when in rows:
        card = BoardCard(
            application_id=app_id,
            company=company,
            position=position,
            account_type=account,
            state=state if state in ("scheduled", "pending") else "next",
            scheduled_at=when if state == "scheduled" else None,
            days_since_contact=_days(contact, today),
        )
        column = stage_id if stage_id in by_stage else first
        if column is not None:
            by_stage[column].append(card)
    return [BoardColumn(st, tuple(sorted(by_stage[st.id], key=_order))) for st in columns]


def _days(contact: date | None, today: date) -> int | None:
    return None if contact is None else max(0, (today - contact).days)


def _order(card: BoardCard) -> tuple[bool, datetime, str, int]:
    when = card.scheduled_at or datetime.max
    return (card.scheduled_at is None, when, card.company.casefold(), card.application_id)


def column_of(db: Database, application_id: int) -> stages.StageInfo:
    """The column an open application's card sits in."""
    with db.session() as s:
        app = s.get(Application, application_id)
        if app is None or app.deleted_at is not None:
            raise NotFoundError(f"there is no application with id {application_id}")
        if app.status not in OPEN_STATUSES:
            raise ValidationError(
                f"This application is {app.status}; only open applications are on the board.",
                "status",
            )
        current_id = app.current_stage_id
    catalogue = stages.catalogue(db)
    return next((st for st in catalogue if st.id == current_id), catalogue[0])


def move_targets(db: Database, application_id: int) -> list[stages.StageInfo]:
    """The columns a card can move to: every milestone after the last one with an outcome.

    Usually the columns to the right of the card; a card waiting for its next milestone may
    also go to an account-dependent test it skipped past (nothing is recorded there yet).
    """
    current = column_of(db, application_id)
    last = _last_recorded(stages.stage_states(db, application_id))
    return [
        st
        for st in _columns(db)
        if st.key != current.key and (last is None or _place(st) > _place(last))
    ]


def move(db: Database, application_id: int, stage_key: str) -> bool:
    """Move a card to the column of ``stage_key``; returns False when it is already there.

    Every used milestone before the target with nothing recorded is recorded as passed and the
    target as scheduled (``stages.advance_to``), except the account-dependent tests (sales,
    customer service, tech support), which are marked as not used by this company instead.
    A milestone at or before one with a recorded outcome is refused: that would erase it.
    """
    current = column_of(db, application_id)
    target = next((st for st in _columns(db) if st.key == stage_key), None)
    if target is None:
        raise ValidationError(f"“{stage_key}” is not a milestone on the board", "milestone")
    if target.key == current.key:
        return False
    states = stages.stage_states(db, application_id)
    last = _last_recorded(states)
    if last is not None and _place(target) <= _place(last):
        raise ValidationError(BACKWARDS_MESSAGE, "milestone")
    for state in states:
        if (
            state.stage.key in ACCOUNT_DEPENDENT
            and _place(state.stage) < _place(target)
            and state.outcome is None
            and not state.unused
        ):
            stages.set_unused(db, application_id, state.stage.key, True)
    if target.key not in {st.stage.key for st in states}:
        # A user-defined stage this application has not used yet: record it first so that
        # advance_to knows it.
        stages.record_outcome(db, application_id, target.key, Outcome.SCHEDULED)
    stages.advance_to(db, application_id, target.key)
    return True


def _columns(db: Database) -> list[stages.StageInfo]:
    with db.session() as s:
        return _board_stages(s)


def _board_stages(s: Session) -> list[stages.StageInfo]:
    """The built-in milestones and the user's stages some open application uses, in order."""
    used = (
        select(StageEvent.id)
        .join(Application, Application.id == StageEvent.application_id)
        .where(StageEvent.stage_id == Stage.id, *_is_open())
        .exists()
        .correlate(Stage)
    )
    return [
        stages.StageInfo(st.id, st.key, st.name, st.position, st.builtin)
        for st, in_use in s.execute(select(Stage, used).order_by(Stage.position, Stage.id))
        if st.builtin or in_use
    ]


def _place(stage: stages.StageInfo) -> tuple[float, int]:
    return stage.position, stage.id


def _last_recorded(states: list[stages.StageState]) -> stages.StageInfo | None:
    recorded = [st.stage for st in states if st.outcome is not None]
    return max(recorded, key=_place) if recorded else None


__all__ = [
    "BACKWARDS_MESSAGE",
    "BoardCard",
    "BoardColumn",
    "board",
    "column_of",
    "move",
    "move_targets",
]
