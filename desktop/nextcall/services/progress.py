"""Keep each application's stored progress (furthest, current, next follow-up) up to date.

Called inside the same transaction as every change to stage events, unused stages, status or
follow-ups, so the applications table can sort and filter on it in SQL.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nextcall.core.progress import CatalogueStage, compute_progress
from nextcall.core.stages import FollowUpState
from nextcall.store.models import Application, FollowUp, Stage, StageEvent, UnusedStage


def catalogue(s: Session) -> list[CatalogueStage]:
    return [
        CatalogueStage(st.id, st.key, st.position, st.builtin)
        for st in s.execute(select(Stage)).scalars()
    ]


def refresh_progress(s: Session, application_id: int) -> None:
    app = s.get(Application, application_id)
    if app is None:
        return
    s.flush()
    outcomes: dict[int, str] = {}
    for stage_id, outcome in s.execute(
        select(StageEvent.stage_id, StageEvent.outcome)
        .where(StageEvent.application_id == application_id)
        .order_by(StageEvent.id)
    ):
        outcomes[stage_id] = outcome
    unused = s.execute(
        select(UnusedStage.stage_id).where(UnusedStage.application_id == application_id)
    ).scalars()
    progress = compute_progress(catalogue(s), outcomes, unused, app.status)
    for name, value in progress.__dict__.items():
        setattr(app, name, value)
    app.next_follow_up_at = s.execute(
        select(func.min(func.coalesce(FollowUp.snoozed_until, FollowUp.due_at))).where(
            FollowUp.application_id == application_id,
            FollowUp.state == FollowUpState.OPEN.value,
        )
    ).scalar_one_or_none()
