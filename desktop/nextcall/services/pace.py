"""Keeping the pace: the weekly application target, and applications gone quiet (ghosted)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

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


def quiet_applications(db: Database) -> list[QuietApplication]:
    """Active applications with no contact for the ghosting threshold and nothing scheduled
    ahead: candidates to mark as ghosted (never changed without the user's say-so)."""
    today = db.clock.today()
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
    last = func.coalesce(Application.last_contact_on, Application.applied_on)
    with db.session() as s:
        rows = s.execute(
            select(Application.id, Company.name, Application.position, last)
            .join(Company, Company.id == Application.company_id)
            .where(
                Application.deleted_at.is_(None),
                Application.status == Status.ACTIVE.value,
                last < limit,
                ~upcoming,
            )
            .order_by(last)
        ).all()
    return [
        QuietApplication(id_, company, position, day, (today - day).days)
        for id_, company, position, day in rows
    ]


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
