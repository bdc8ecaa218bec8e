"""Changing when the day-based follow-ups come due, and moving the open ones to match."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from nextcall.core.follow_ups import FollowUpTiming
from nextcall.services.database import Database
from nextcall.services.follow_ups import recompute
from nextcall.services.settings import check_int, timing_in
from nextcall.store.models import Application, Setting


def current_timing(db: Database) -> FollowUpTiming:
    with db.session() as s:
        return timing_in(s)


def set_timing(db: Database, timing: FollowUpTiming, now: datetime | None = None) -> int:
    """Store ``timing`` and recompute every application's rule-made follow-ups: open ones move
    to the new dates, done and dismissed ones stay as they are. Returns how many applications
    were recomputed (0 when nothing changed)."""
    values = {
        "thank_you_after_days": timing.thank_you_days,
        "feedback_after_days": timing.feedback_days,
    }
    for name, value in values.items():
        check_int(name, value)
    moment = now or db.clock.now()
    with db.session() as s:
        if timing_in(s) == timing:
            return 0
        for name, value in values.items():
            row = s.get(Setting, name)
            if row is None:
                s.add(Setting(key=name, value=str(value)))
            else:
                row.value = str(value)
        s.flush()
        ids = s.execute(select(Application.id).where(Application.deleted_at.is_(None))).scalars()
        count = 0
        for application_id in list(ids):
            recompute(s, application_id, moment)
            count += 1
        return count
