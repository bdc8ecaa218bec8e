"""Which backups to keep: a pure rule over (label, time taken) pairs and a ``now``.

- Everything taken in the last 2 days.
- Older than that and younger than 2 weeks: the newest backup of each calendar day.
- Older than 2 weeks and younger than 3 months (92 days): the newest of each ISO week.
- Older: nothing, except the two guarantees below.

Buckets (days, weeks) hold every backup, whatever its age, and only a bucket's newest backup
can stand for it; so the day that straddles the 2-day line keeps its recent backups, and its
older ones give way to the newest. Backups taken "in the future" (a clock set back) count as
recent.

Guarantees, whatever the age: the newest backup of all is kept (after months without use, the
last copy is still there), and so is the newest backup of each ``before-…`` label (the copy
taken before the last migration, restore, import or repair). Other ``before-…`` copies age
out by the same rule as the automatic ones: they are full copies like any other.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

KEEP_ALL = timedelta(days=2)
KEEP_DAILY = timedelta(days=14)
KEEP_WEEKLY = timedelta(days=92)
PROTECTED_PREFIX = "before-"


@dataclass(frozen=True, order=True)
class Snapshot:
    taken: datetime
    label: str


def _newest_per(
    snapshots: Iterable[Snapshot], bucket: Callable[[Snapshot], Hashable]
) -> set[Snapshot]:
    newest: dict[Hashable, Snapshot] = {}
    for snap in snapshots:
        key = bucket(snap)
        if key not in newest or snap.taken > newest[key].taken:
            newest[key] = snap
    return set(newest.values())


def to_keep(snapshots: Iterable[Snapshot], now: datetime) -> set[Snapshot]:
    """The snapshots the rule keeps (see the module's docstring)."""
    items = list(snapshots)
    if not items:
        return set()
    keep = {s for s in items if now - s.taken < KEEP_ALL}
    daily = _newest_per(items, lambda s: s.taken.date())
    keep |= {s for s in daily if now - s.taken < KEEP_DAILY}
    weekly = _newest_per(items, lambda s: s.taken.isocalendar()[:2])
    keep |= {s for s in weekly if now - s.taken < KEEP_WEEKLY}
    keep.add(max(items))
    protected = [s for s in items if s.label.startswith(PROTECTED_PREFIX)]
    keep |= _newest_per(protected, lambda s: s.label)
    return keep


def to_prune(snapshots: Iterable[Snapshot], now: datetime) -> list[Snapshot]:
    """The snapshots the rule lets go, oldest first."""
    items = list(snapshots)
    keep = to_keep(items, now)
    return sorted(s for s in items if s not in keep)
