"""Keep the rule-made follow-ups in step with the stage events, for one application or many.

``recompute_many`` runs inside the caller's session, right after stage events changed. It only
ever creates, moves or removes *open* follow-ups that rules made; what the user marked done or
dismissed, and the follow-ups they added themselves, stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nextcall.core.follow_ups import ApplicationFacts, EventFacts, WantedFollowUp, wanted_follow_ups
from nextcall.core.stages import FollowUpState
from nextcall.services.batches import chunks, insert_many
from nextcall.services.progress import refresh_progress_many
from nextcall.services.settings import timing_in
from nextcall.store.models import Application, Company, FollowUp, Stage, StageEvent


def application_facts(s: Session, application_id: int) -> ApplicationFacts | None:
    return application_facts_many(s, [application_id]).get(application_id)


def application_facts_many(
    s: Session, application_ids: Sequence[int]
) -> dict[int, ApplicationFacts]:
    """What the rules need of each live application (those in the bin are left out)."""
    found: dict[int, ApplicationFacts] = {}
    for part in chunks(application_ids):
        heads = {
            app_id: (status, company, reapply_after)
            for app_id, status, company, reapply_after in s.execute(
                select(Application.id, Application.status, Company.name, Company.reapply_after)
                .join(Company, Company.id == Application.company_id)
                .where(Application.id.in_(part), Application.deleted_at.is_(None))
            )
        }
        events: dict[int, list[EventFacts]] = {app_id: [] for app_id in heads}
        for app_id, event_id, outcome, happened_on, scheduled_at, key, name, position in s.execute(
            select(
                StageEvent.application_id,
                StageEvent.id,
                StageEvent.outcome,
                StageEvent.happened_on,
                StageEvent.scheduled_at,
                Stage.key,
                Stage.name,
                Stage.position,
            )
            .join(Stage, Stage.id == StageEvent.stage_id)
            .where(StageEvent.application_id.in_(list(heads)))
            .order_by(StageEvent.id)
        ):
            events[app_id].append(
                EventFacts(
                    id=event_id,
                    stage_key=key,
                    stage_name=name,
                    position=position,
                    outcome=outcome,
                    happened_on=happened_on,
                    scheduled_at=scheduled_at,
                )
            )
        for app_id, (status, company, reapply_after) in heads.items():
            found[app_id] = ApplicationFacts(company, status, tuple(events[app_id]), reapply_after)
    return found


def recompute(s: Session, application_id: int, now: datetime) -> None:
    """Bring the application's rule-made follow-ups in line with its events, in session ``s``.

    Creates the missing ones, moves and renames the open ones, deletes open ones no rule wants
    any more; done and dismissed ones are never touched. Then refreshes the stored progress
    (next follow-up date)."""
    recompute_many(s, [application_id], now)


def recompute_many(s: Session, application_ids: Iterable[int], now: datetime) -> None:
    """``recompute`` for a batch of applications (an import), in a few queries. Applications
    in the bin keep their follow-ups as they are."""
    s.flush()
    ids = list(dict.fromkeys(application_ids))
    facts = application_facts_many(s, ids)
    if facts:
        timing = timing_in(s)
        existing: dict[int, dict[str, FollowUp]] = {app_id: {} for app_id in facts}
        for part in chunks(list(facts)):
            for row in s.execute(
                select(FollowUp).where(
                    FollowUp.application_id.in_(part), FollowUp.rule_key.is_not(None)
                )
            ).scalars():
                existing[row.application_id][row.rule_key or ""] = row
        new_rows: list[dict[str, object]] = []
        for app_id, app_facts in facts.items():
            wanted = {w.rule_key: w for w in wanted_follow_ups(app_facts, now, timing)}
            new_rows += _apply_rules(s, app_id, wanted, existing[app_id])
        if new_rows:
            insert_many(s, FollowUp, [{**row, "created_at": now} for row in new_rows])
    refresh_progress_many(s, ids, now)


def _apply_rules(
    s: Session,
    application_id: int,
    wanted: dict[str, WantedFollowUp],
    existing: dict[str, FollowUp],
) -> list[dict[str, object]]:
    """Move, rename or delete the open rule-made follow-ups; returns the ones to add."""
    for key, row in existing.items():
        if key not in wanted and row.state == FollowUpState.OPEN.value:
            s.delete(row)
    added = []
    for key, item in wanted.items():
        found = existing.get(key)
        if found is None:
            added.append(_new_row(application_id, item))
        elif found.state == FollowUpState.OPEN.value:
            _update_row(found, item)
    return added


def _new_row(application_id: int, item: WantedFollowUp) -> dict[str, object]:
    return {
        "application_id": application_id,
        "stage_event_id": item.event_id,
        "kind": item.kind.value,
        "title": item.title,
        "due_at": item.due,
        "state": FollowUpState.OPEN.value,
        "rule_key": item.rule_key,
    }


def _update_row(row: FollowUp, item: WantedFollowUp) -> None:
    if row.due_at != item.due:
        row.due_at = item.due
        row.snoozed_until = None  # a new date replaces an old snooze
    row.title = item.title
    row.kind = item.kind.value
    row.stage_event_id = item.event_id
