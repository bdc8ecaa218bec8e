"""Small figures the tabs show before their full features exist: counts and what is next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from nextcall.core.stages import Outcome, Status
from nextcall.services.database import Database
from nextcall.store.models import Application, Company, Note, Stage, StageEvent


@dataclass(frozen=True)
class NextInterview:
    application_id: int
    company: str
    milestone: str
    when: datetime


@dataclass(frozen=True)
class Overview:
    applications: int
    open_applications: int
    notes: int
    next_interview: NextInterview | None


def overview(db: Database) -> Overview:
    live = Application.deleted_at.is_(None)
    now = datetime.combine(db.clock.today(), datetime.min.time())
    with db.session() as s:
        total = s.execute(select(func.count(Application.id)).where(live)).scalar_one()
        open_count = s.execute(
            select(func.count(Application.id)).where(
                live, Application.status.in_([Status.ACTIVE.value, Status.OFFER.value])
            )
        ).scalar_one()
        notes = s.execute(
            select(func.count(Note.id))
            .join(Application, Application.id == Note.application_id)
            .where(live)
        ).scalar_one()
        row = s.execute(
            select(Application.id, Company.name, Stage.name, StageEvent.scheduled_at)
            .join(Application, Application.id == StageEvent.application_id)
            .join(Company, Company.id == Application.company_id)
            .join(Stage, Stage.id == StageEvent.stage_id)
            .where(
                live,
                StageEvent.outcome == Outcome.SCHEDULED.value,
                StageEvent.scheduled_at >= now,
            )
            .order_by(StageEvent.scheduled_at)
            .limit(1)
        ).first()
    upcoming = NextInterview(row[0], row[1], row[2], row[3]) if row and row[3] else None
    return Overview(int(total), int(open_count), int(notes), upcoming)
