"""Where an application stands: the furthest milestone reached and the one that comes next.

Pure functions over plain values, shared by the services and the migration that introduced the
stored progress columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from nextcall.core.stages import REACHED_OUTCOMES, Outcome, Status

ACCOUNT_DEPENDENT = frozenset({"sales-test", "customer-service-test", "tech-support-test"})
WAITING = (Outcome.SCHEDULED.value, Outcome.PENDING.value)
REACHED = frozenset(o.value for o in REACHED_OUTCOMES)


@dataclass(frozen=True)
class CatalogueStage:
    id: int
    key: str
    position: float
    builtin: bool


@dataclass(frozen=True)
class Progress:
    furthest_stage_id: int | None = None
    furthest_position: float | None = None
    furthest_outcome: str | None = None
    current_stage_id: int | None = None
    current_position: float | None = None
    # "scheduled" / "pending": waiting on that milestone; "next": the next one to aim for;
    # "closed": the application is over (current is where it ended).
    current_state: str | None = None


def compute_progress(
    catalogue: Iterable[CatalogueStage],
    outcomes: Mapping[int, str],
    unused: Iterable[int],
    status: str,
) -> Progress:
    """``outcomes`` maps stage id to the recorded outcome; ``unused`` lists unused stage ids."""
    stages = sorted(catalogue, key=lambda st: (st.position, st.id))
    skip = set(unused)
    reached = [st for st in stages if outcomes.get(st.id) in REACHED]
    furthest = reached[-1] if reached else None
    waiting = [st for st in stages if outcomes.get(st.id) in WAITING]
    closed = status not in (Status.ACTIVE.value, Status.OFFER.value)
    base = Progress(
        furthest_stage_id=furthest.id if furthest else None,
        furthest_position=furthest.position if furthest else None,
        furthest_outcome=outcomes[furthest.id] if furthest else None,
    )
    if waiting and not closed:
        stage = waiting[0]
        state = outcomes[stage.id]
    elif closed:
        if furthest is None:
            return Progress(**{**base.__dict__, "current_state": "closed"})
        stage, state = furthest, "closed"
    else:
        after = furthest.position if furthest else float("-inf")
        candidates = [
            st
            for st in stages
            if st.position > after
            and st.builtin
            and st.id not in skip
            and st.key not in ACCOUNT_DEPENDENT
            and st.id not in outcomes
        ]
        if not candidates:
            return base
        stage, state = candidates[0], "next"
    return Progress(
        furthest_stage_id=base.furthest_stage_id,
        furthest_position=base.furthest_position,
        furthest_outcome=base.furthest_outcome,
        current_stage_id=stage.id,
        current_position=stage.position,
        current_state=state,
    )
