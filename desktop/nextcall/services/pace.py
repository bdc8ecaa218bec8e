"""Keeping the pace: the weekly application target, and applications gone quiet (ghosted)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from nextcall.core.stages import Outcome, Status
from nextcall.services.applications import set_status_in
from nextcall.services.database import Database
from nextcall.services.settings import get_int
from nextcall.store.models import Application, Company, StageEvent


@dataclass(frozen=True)
class WeeklyProgress:
    week_start: date
    sent: int
    target: int

    @property
    def share(self) -> float:
        return min(1.0, self.sent / self.target) if self.target else 1.0


@dataclass(frozen=True)
class QuietApplication:
    id: int
    company: str
    position: str
    last_contact_on: date | None
    days: int


def weekly_progress(db: Database) -> WeeklyProgress:
    today = db.clock.today()
    start = today - timedelta(days=today.weekday())  # Monday
    with db.session() as s:
        sent = s.execute(
            select(func.count(Application.id)).where(
                Application.deleted_at.is_(None),
                Application.applied_on >= start,
                Application.applied_on <= today,
            )
        ).scalar_one()
    return WeeklyProgress(start, int(sent), get_int(db, "weekly_target"))


# When an application was last heard of: its last contact, else the day it was sent.
_last_heard = func.coalesce(Application.last_contact_on, Application.applied_on)


def _quiet_where(db: Database, today: date) -> tuple[Any, ...]:
    """What makes an application quiet: active, no contact for the ghosting threshold, and
    nothing scheduled ahead."""
    limit = today - timedelta(days=get_int(db, "ghost_after_days"))
    upcoming = (
        select(StageEvent.id)
        .where(
            StageEvent.application_id == Application.id,
            StageEvent.outcome == Outcome.SCHEDULED.value,
            StageEvent.scheduled_at >= datetime.combine(today, datetime.min.time()),
        )
        .exists()
    )
    return (
        Application.deleted_at.is_(None),
        Application.status == Status.ACTIVE.value,
        _last_heard < limit,
        ~upcoming,
    )


def quiet_applications(db: Database) -> list[QuietApplication]:
    """Active applications with no contact for the ghosting threshold and nothing scheduled
    ahead: candidates to mark as ghosted (never changed without the user's say-so)."""
    today = db.clock.today()
    where = _quiet_where(db, today)
    with db.session() as s:
        rows = s.execute(
            select(Application.id, Company.name, Application.position, _last_heard)
            .join(Company, Company.id == Application.company_id)
            .where(*where)
            .order_by(_last_heard)
        ).all()
    return [
        QuietApplication(id_, company, position, day, (today - day).days)
        for id_, company, position, day in rows
    ]


def count_quiet(db: Database) -> int:
    """How many applications ``quiet_applications`` lists, without reading them (the banner
    above the table shows the number; at 100,000 applications the list is thousands long)."""
    where = _quiet_where(db, db.clock.today())
    with db.session() as s:
        return int(s.execute(select(func.count(Application.id)).where(*where)).scalar_one())


def mark_ghosted(db: Database, application_ids: list[int]) -> int:
    if not application_ids:
        return 0
    with db.session() as s:
        active = s.execute(
            select(Application).where(
                Application.id.in_(application_ids), Application.status == Status.ACTIVE.value
            )
        ).scalars()
        count = 0
        for app in active:
            set_status_in(s, app, Status.GHOSTED, "No reply", db.clock.now())
            count += 1
        return count
