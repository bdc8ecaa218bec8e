"""The funnel use case: count in SQL, hand the few resulting numbers to
:mod:`nextcall.core.funnel` for the arithmetic and the sentence.

What is counted (see :class:`nextcall.core.funnel.FunnelData`), over the live applications (not
in the trash) that match the filters:

1. how many applications have each stage as their furthest reached one, from the progress
   stored on each application (``applications.furthest_stage_id`` / ``furthest_position``, which
   services/progress.py keeps current in the same transaction as every change to events);
2. outcomes per stage. Without filters, or when the filters keep more than half of the
   applications: every (stage, outcome) range of the index counted, minus the events of the
   applications left out (the trash, and those the filters leave out); otherwise the kept
   applications' events counted directly;
3. two small corrections for implied passes: skipped milestones and milestones marked unused
   below an application's furthest stage;
4. at the stop milestone only: the ticked checks and the note tags.

Nothing here reads one row per event into Python; the slowest part at 100,000 applications and
a million events is counting the index ranges (about 30 ms).

Filters: ``since`` / ``until`` on the application date (inclusive; applications without a date
are left out when either is set) and ``account_type`` on the exact account type ("" selects
applications without one).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from nextcall.core.errors import ValidationError
from nextcall.core.funnel import (
    FunnelData,
    FunnelResult,
    FunnelStage,
    Tally,
    count_funnel,
    finish,
    ordered,
    stop_row,
    tally_checks,
)
from nextcall.core.playbook import Playbook, load_playbook
from nextcall.core.stages import Outcome
from nextcall.services.database import Database

__all__ = ["FunnelResult", "account_types", "funnel", "stops_at"]

STOPPED = f"('{Outcome.FAILED.value}', '{Outcome.NO_SHOW.value}')"

# Applications per furthest stage: all of them (from the index alone), or the kept ones.
FURTHEST_ALL = "SELECT furthest_position, count(*) FROM applications GROUP BY furthest_position"
FURTHEST_ALL_BY_ID = "SELECT furthest_stage_id, count(*) FROM applications GROUP BY 1"
FURTHEST_KEPT = "SELECT a.furthest_stage_id, count(*) FROM applications a WHERE {where} GROUP BY 1"
# The trash, plus the applications the filters leave out (a NULL date fails a date filter).
LEFT_OUT = "SELECT a.id, a.furthest_stage_id FROM applications a WHERE a.deleted_at IS NOT NULL"
LEFT_OUT_FILTERED = LEFT_OUT + " OR NOT coalesce(({filters}), 0)"
# Every event's (stage, outcome), trash included: kept counted by triggers
# (store/outcome_counts.py), so no pass over the events.
ALL_OUTCOMES = "SELECT stage_id, outcome, events FROM stage_outcome_counts WHERE events <> 0"
# The events of a list of applications: looked up one application at a time, or, for a long
# list, one ordered pass over the (stage, outcome) index that tests each event's application
# (sorting a long lookup result by stage and outcome costs more than that pass).
OUTCOMES_OF_IDS = """
SELECT e.stage_id, e.outcome, count(*)
FROM json_each(:ids) j CROSS JOIN stage_events e ON e.application_id = j.value
GROUP BY 1, 2
"""
OUTCOMES_OF_MANY_IDS = """
SELECT stage_id, outcome, count(*)
FROM stage_events
WHERE +application_id IN (SELECT value FROM json_each(:ids))
GROUP BY stage_id, outcome
"""
MANY_IDS = 5000
OUTCOMES_KEPT = """
SELECT e.stage_id, e.outcome, count(*)
FROM applications a CROSS JOIN stage_events e ON e.application_id = a.id
WHERE {where}
GROUP BY 1, 2
"""
SKIPPED_SHORT = f"""
SELECT s.id, count(*)
FROM stages s
CROSS JOIN stage_events e ON e.stage_id = s.id AND e.outcome = '{Outcome.SKIPPED.value}'
CROSS JOIN applications a ON a.id = e.application_id
WHERE s.id IN ({{stage_ids}}) AND a.furthest_position > s.position AND {{where}}
GROUP BY s.id
"""
UNUSED_SHORT = """
SELECT s.id, count(*)
FROM unused_stages u
CROSS JOIN stages s ON s.id = u.stage_id
CROSS JOIN applications a ON a.id = u.application_id
WHERE u.stage_id IN ({stage_ids}) AND a.furthest_position > s.position AND {where}
  AND NOT EXISTS (
    SELECT 1 FROM stage_events e WHERE e.application_id = u.application_id AND e.stage_id = s.id
  )
GROUP BY s.id
"""
USED_OWN_STAGES = """
SELECT s.id FROM stages s
WHERE NOT s.builtin AND EXISTS (
    SELECT 1 FROM stage_events e JOIN applications a ON a.id = e.application_id
    WHERE e.stage_id = s.id AND a.deleted_at IS NULL
)
"""
TICKED = f"""
SELECT j.value, count(*)
FROM stage_events e
CROSS JOIN applications a ON a.id = e.application_id, json_each(e.checks) j
WHERE e.stage_id = :stage_id AND e.outcome IN {STOPPED}
  AND e.checks <> '[]' AND json_valid(e.checks) AND {{where}}
GROUP BY j.value
"""
TAGS = f"""
SELECT t.key, t.name, count(DISTINCT n.application_id)
FROM stage_events e
CROSS JOIN applications a ON a.id = e.application_id
CROSS JOIN notes n ON n.application_id = e.application_id
CROSS JOIN note_tags nt ON nt.note_id = n.id
CROSS JOIN tags t ON t.id = nt.tag_id
WHERE e.stage_id = :stage_id AND e.outcome IN {STOPPED} AND {{where}}
GROUP BY t.id
"""


@dataclass(frozen=True)
class _Stage:
    id: int
    stage: FunnelStage


@functools.cache
def _playbook() -> Playbook:
    return load_playbook()


_CLAUSES = {
    "since": "a.applied_on >= :since",
    "until": "a.applied_on <= :until",
    "account_type": "a.account_type = :account_type",
}


def _filters(
    since: date | None, until: date | None, account_type: str | None
) -> tuple[str, dict[str, Any]]:
    """The WHERE clause on ``applications a`` (live ones matching the filters), and its values."""
    params: dict[str, Any] = {}
    if since is not None:
        params["since"] = since.isoformat()
    if until is not None:
        params["until"] = until.isoformat()
    if account_type is not None:
        params["account_type"] = account_type
    clauses = ["a.deleted_at IS NULL", *(_CLAUSES[name] for name in params)]
    return " AND ".join(clauses), params


def _id_list(ids: Iterable[int]) -> str:
    return ", ".join(str(int(i)) for i in ids) or "NULL"


def _add(totals: dict[tuple[int, str], int], rows: Iterable[Any], sign: int = 1) -> None:
    """Add (stage id, outcome, count) rows into ``totals`` (or subtract them)."""
    for stage_id, outcome, n in rows:
        key = (int(stage_id), str(outcome))
        totals[key] = totals.get(key, 0) + sign * int(n)


def _count_kept_directly(s: Session, params: dict[str, Any]) -> bool:
    """Whether to count the kept applications directly (the filters keep at most half of them,
    judged from the indexed filters alone) rather than everything minus the left-out ones
    (always, without filters: only the trash is left out)."""
    clauses = [_CLAUSES[name] for name in params if name in _CLAUSES]
    if not clauses:
        return False
    total = s.execute(text("SELECT count(*) FROM applications")).scalar_one()
    kept = s.execute(
        text("SELECT count(*) FROM applications a WHERE " + " AND ".join(clauses)), params
    ).scalar_one()
    return bool(kept * 2 <= total)


def _furthest_all(s: Session, catalogue: Sequence[_Stage]) -> dict[int | None, int]:
    """Applications per furthest stage id (None: nothing reached), trash included."""
    stage_at = {st.stage.position: st.id for st in catalogue}
    counts: dict[int | None, int] = {}
    for position, n in s.execute(text(FURTHEST_ALL)):
        if len(stage_at) < len(catalogue) or (
            position is not None and float(position) not in stage_at
        ):
            # Two stages at one position, or a stored position no stage has (neither happens
            # today): count by stage id, from the table rather than the index.
            return {i: int(m) for i, m in s.execute(text(FURTHEST_ALL_BY_ID))}
        counts[None if position is None else stage_at[float(position)]] = int(n)
    return counts


def _count(
    s: Session, catalogue: Sequence[_Stage], where: str, params: dict[str, Any]
) -> FunnelData:
    key_of = {st.id: st.stage.key for st in catalogue}
    outcomes: dict[tuple[int, str], int] = {}
    if _count_kept_directly(s, params):
        per_stage_id = {
            i: int(n) for i, n in s.execute(text(FURTHEST_KEPT.format(where=where)), params)
        }
        _add(outcomes, s.execute(text(OUTCOMES_KEPT.format(where=where)), params))
    else:
        per_stage_id = _furthest_all(s, catalogue)
        filters = " AND ".join(_CLAUSES[name] for name in params)
        left_sql = LEFT_OUT_FILTERED.format(filters=filters) if filters else LEFT_OUT
        left_out = s.execute(text(left_sql), params).all()
        for _app_id, stage_id in left_out:
            per_stage_id[stage_id] = per_stage_id.get(stage_id, 0) - 1
        _add(outcomes, s.execute(text(ALL_OUTCOMES)))
        if left_out:
            ids = "[" + ",".join(str(int(app_id)) for app_id, _ in left_out) + "]"
            sql = OUTCOMES_OF_MANY_IDS if len(left_out) > MANY_IDS else OUTCOMES_OF_IDS
            _add(outcomes, s.execute(text(sql), {"ids": ids}), sign=-1)
    furthest = {key_of[i]: n for i, n in per_stage_id.items() if i is not None and n > 0}
    implied_ids = _id_list(st.id for st in catalogue if st.stage.implied)

    def per_stage(sql: str) -> dict[str, int]:
        if not furthest:
            return {}
        rows = s.execute(text(sql.format(stage_ids=implied_ids, where=where)), params)
        return {key_of[int(stage_id)]: int(n) for stage_id, n in rows}

    return FunnelData(
        outcomes={(key_of[i], outcome): n for (i, outcome), n in outcomes.items() if n},
        furthest=furthest,
        skipped_short=per_stage(SKIPPED_SHORT),
        unused_short=per_stage(UNUSED_SHORT),
    )


def _ticked(s: Session, stage_id: int, where: str, params: dict[str, Any]) -> dict[str, int]:
    bound = {**params, "stage_id": stage_id}
    return {str(key): int(n) for key, n in s.execute(text(TICKED.format(where=where)), bound)}


def _stop_details(
    s: Session, stage_id: int, where: str, params: dict[str, Any]
) -> tuple[dict[str, int], list[tuple[str, str, int]]]:
    bound = {**params, "stage_id": stage_id}
    ticked = _ticked(s, stage_id, where, params)
    tags = [
        (str(key), str(name), int(n))
        for key, name, n in s.execute(text(TAGS.format(where=where)), bound)
    ]
    return ticked, tags


def _catalogue(s: Session) -> list[_Stage]:
    rows = s.execute(text("SELECT id, key, name, position, builtin FROM stages"))
    return [_Stage(int(i), FunnelStage(k, n, float(p), bool(b))) for i, k, n, p, b in rows]


def funnel(
    db: Database,
    *,
    since: date | None = None,
    until: date | None = None,
    account_type: str | None = None,
) -> FunnelResult:
    """The funnel over the live applications matching the filters (all of them by default).

    Rows: the ten built-in milestones plus the user's own stages that any live application
    used (whatever the filters), in pipeline order.
    """
    if since is not None and until is not None and since > until:
        raise ValidationError("The start date is after the end date.", "since")
    where, params = _filters(since, until, account_type)
    with db.session() as s:
        catalogue = _catalogue(s)
        used = {int(i) for (i,) in s.execute(text(USED_OWN_STAGES))}
        data = _count(s, catalogue, where, params)
        mentioned = {key for key, _ in data.outcomes} | set(data.furthest)
        shown = ordered(
            st.stage
            for st in catalogue
            if st.stage.builtin or st.id in used or st.stage.key in mentioned
        )
        counts = count_funnel(shown, data)
        stop = stop_row(counts.rows)
        ticked: dict[str, int] = {}
        tags: list[tuple[str, str, int]] = []
        if stop is not None:
            stop_id = next(st.id for st in catalogue if st.stage.key == stop.key)
            ticked, tags = _stop_details(s, stop_id, where, params)
    playbook = _playbook()
    milestone = None
    if stop is not None and stop.builtin:
        milestone = next((m for m in playbook.milestones if m.key == stop.key), None)
    return finish(
        counts,
        milestone=milestone,
        ticked=ticked,
        tags=tags,
        area_names={a.key: a.name for a in playbook.areas},
        filtered=bool(params),
    )


def account_types(db: Database) -> list[str]:
    """The account types of live applications, sorted ("" included when some have none)."""
    with db.session() as s:
        rows = s.execute(
            text(
                "SELECT DISTINCT account_type FROM applications "
                "WHERE deleted_at IS NULL ORDER BY account_type COLLATE NOCASE"
            )
        )
        return [str(r[0] or "") for r in rows]


STOPS_AT = f"""
SELECT count(*) FROM stage_events e CROSS JOIN applications a ON a.id = e.application_id
WHERE e.stage_id = :stage_id AND e.outcome IN {STOPPED} AND a.deleted_at IS NULL
"""


def stops_at(db: Database, stage_key: str) -> tuple[int, tuple[Tally, ...]]:
    """How many live applications stopped at this stage, and the checks ticked when they did
    (most ticked first). Unknown stages count nothing."""
    where, params = _filters(None, None, None)
    with db.session() as s:
        stage_id = s.execute(
            text("SELECT id FROM stages WHERE key = :key"), {"key": stage_key}
        ).scalar()
        if stage_id is None:
            return 0, ()
        count = int(s.execute(text(STOPS_AT), {"stage_id": stage_id}).scalar_one())
        ticked = _ticked(s, int(stage_id), where, params)
    milestone = next((m for m in _playbook().milestones if m.key == stage_key), None)
    return count, tally_checks(milestone, ticked)
