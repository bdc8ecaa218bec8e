"""Keep each application's stored progress (furthest, current, next follow-up) up to date.

Called inside the same transaction as every change to stage events, unused stages, status or
follow-ups, so the applications table can sort and filter on it in SQL. ``refresh_progress_many``
does it for a batch of applications in a few queries (an import); ``refresh_progress`` is the
batch of one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from nextcall.core.progress import CatalogueStage, Progress, compute_progress
from nextcall.core.stages import FollowUpState
from nextcall.services.batches import chunks, expire
from nextcall.store.models import Application, FollowUp, Stage, StageEvent, UnusedStage

_COLUMNS = (*Progress.__dataclass_fields__, "next_follow_up_at")


def catalogue(s: Session) -> list[CatalogueStage]:
    return [
        CatalogueStage(st.id, st.key, st.position, st.builtin)
        for st in s.execute(select(Stage)).scalars()
    ]


def refresh_progress(s: Session, application_id: int) -> None:
    refresh_progress_many(s, [application_id])


def refresh_progress_many(
    s: Session, application_ids: Iterable[int], now: datetime | None = None
) -> None:
    """Recompute the stored progress of these applications from their events, unused stages,
    status and open follow-ups; only the rows whose progress changed are written. With ``now``
    (a batch write path's time) they are written in one statement, changed at ``now``;
    without, through the session's objects (one application changed by hand)."""
    s.flush()
    ids = list(dict.fromkeys(application_ids))
    if not ids:
        return
    stages = catalogue(s)
    changed: list[dict[str, object]] = []
    for part in chunks(ids):
        stored = {
            row[0]: row[1:]
            for row in s.execute(
                select(Application.id, Application.status, *(_column(c) for c in _COLUMNS)).where(
                    Application.id.in_(part)
                )
            )
        }
        outcomes: dict[int, dict[int, str]] = {app_id: {} for app_id in stored}
        for app_id, stage_id, outcome in s.execute(
            select(StageEvent.application_id, StageEvent.stage_id, StageEvent.outcome)
            .where(StageEvent.application_id.in_(part))
            .order_by(StageEvent.id)
        ):
            outcomes[app_id][stage_id] = outcome
        unused: dict[int, list[int]] = {}
        for app_id, stage_id in s.execute(
            select(UnusedStage.application_id, UnusedStage.stage_id).where(
                UnusedStage.application_id.in_(part)
            )
        ):
            unused.setdefault(app_id, []).append(stage_id)
        next_at: dict[int, datetime | None] = dict(
            s.execute(
                select(
                    FollowUp.application_id,
                    func.min(func.coalesce(FollowUp.snoozed_until, FollowUp.due_at)),
                )
                .where(
                    FollowUp.application_id.in_(part),
                    FollowUp.state == FollowUpState.OPEN.value,
                )
                .group_by(FollowUp.application_id)
            ).all()
        )
        for app_id, row in stored.items():
            status, old = row[0], tuple[object, ...](row[1:])
            progress = compute_progress(stages, outcomes[app_id], unused.get(app_id, ()), status)
            new = (*astuple(progress), next_at.get(app_id))
            if new != old:
                changed.append({"id": app_id, **dict(zip(_COLUMNS, new, strict=True))})
    if changed and now is not None:
        s.execute(update(Application), [{**row, "updated_at": now} for row in changed])
        expire(s, Application, (int(row["id"]) for row in changed))  # type: ignore[call-overload]
    for values in changed if now is None else ():
        app = s.get(Application, values.pop("id"))
        for name, value in values.items():
            setattr(app, name, value)


def _column(name: str) -> object:
    return getattr(Application, name)
