"""Timed drills: the next set for a kind (missed items first), and a finished set recorded in
one transaction: each item's statistics (seen, missed, when) and the set's score, saved as a
test score of the drill's kind ("grammar", ..., or "aptitude" for a mixed set) through the
one write path for test scores (:func:`nextcall.services.practice.add_test_score`)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from nextcall.core import drills as core
from nextcall.core.drills import DrillItem, ItemStat, SetScore
from nextcall.core.errors import ValidationError
from nextcall.services.database import Database
from nextcall.services.practice import ScoreInput, add_test_score, logged_scores
from nextcall.store.models import DrillStat

DRILL_KINDS: tuple[str, ...] = (*core.KINDS, core.MIXED)


@dataclass(frozen=True)
class DrillResult:
    """The latest set of one kind, for the plan, the packet and the report."""

    kind: str
    taken_at: datetime
    percent: float
    correct: int | None
    total: int | None

    @property
    def summary(self) -> str:
        """'6 of 10' when the counts are known, else '60%'."""
        if self.correct is not None and self.total:
            return f"{self.correct} of {self.total}"
        return f"{self.percent:g}%"


@dataclass(frozen=True)
class RecordedSet:
    score_id: int
    score: SetScore


def drill_titles() -> dict[str, str]:
    """'grammar' -> 'Grammar set', 'aptitude' -> 'Mixed aptitude set'."""
    return {k: core.kind_label(k)[:1].upper() + core.kind_label(k)[1:] for k in DRILL_KINDS}


def drill_stats(db: Database) -> dict[str, ItemStat]:
    with db.session() as s:
        return {
            row.item_key: ItemStat(row.seen, row.missed, row.last_seen, row.last_missed)
            for row in s.execute(select(DrillStat)).scalars()
        }


def next_set(
    db: Database, kind: str, size: int, *, rng: random.Random | None = None
) -> list[DrillItem]:
    """The items for a new set of ``kind`` (a drill kind or the mixed "aptitude")."""
    core.check_kind(kind)
    if size not in core.SET_SIZES:
        raise ValidationError(f"A set has {' or '.join(map(str, core.SET_SIZES))} items.", "size")
    items = core.load_drills().of_kind(kind)
    return core.pick_set(items, drill_stats(db), size, db.clock.now(), rng)


def record_set(
    db: Database,
    kind: str,
    items: Sequence[DrillItem],
    answers: Mapping[str, str | None],
    seconds_used: int,
) -> RecordedSet:
    """Store a finished (or timed-out) set: item statistics and the score, together."""
    core.check_kind(kind)
    if not items:
        raise ValidationError("A set without items cannot be saved.", "items")
    if len({i.key for i in items}) != len(items):
        raise ValidationError("A set lists an item twice.", "items")
    score = core.score_set(items, answers)
    limit = core.time_limit(len(items))
    details: dict[str, object] = {
        "correct": score.correct,
        "total": score.total,
        "seconds": max(0, min(int(seconds_used), limit)),
        "limit_seconds": limit,
        "items": [
            {
                "key": m.item.key,
                "given": m.item.choices.index(m.given) + 1 if m.given in m.item.choices else None,
                "right": m.correct,
            }
            for m in score.marked
        ],
    }
    now = db.clock.now().replace(microsecond=0)
    with db.session() as s:
        for marked in score.marked:
            row = s.get(DrillStat, marked.item.key)
            if row is None:
                row = DrillStat(item_key=marked.item.key, seen=0, missed=0)
                s.add(row)
            row.seen += 1
            row.last_seen = now
            if not marked.correct:
                row.missed += 1
                row.last_missed = now
        score_id = add_test_score(
            db,
            ScoreInput(kind=kind, value=f"{score.percent:g}", taken_at=now, details=details),
            session=s,
        )
    return RecordedSet(score_id, score)


def latest_results(db: Database) -> dict[str, DrillResult]:
    """The latest set of each drill kind that has one (in DRILL_KINDS order)."""
    latest: dict[str, DrillResult] = {}
    for row in logged_scores(db):  # oldest first: the last one seen is the latest
        if row.kind not in DRILL_KINDS:
            continue
        correct, total = row.details.get("correct"), row.details.get("total")
        latest[row.kind] = DrillResult(
            kind=row.kind,
            taken_at=row.moment,
            percent=row.value,
            correct=correct if isinstance(correct, int) else None,
            total=total if isinstance(total, int) else None,
        )
    return {k: latest[k] for k in DRILL_KINDS if k in latest}
