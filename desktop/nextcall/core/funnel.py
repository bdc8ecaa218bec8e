"""The funnel: at which milestone do applications usually stop, and what to work on there.

Pure functions over small aggregates, so the same arithmetic serves ten applications or a
hundred thousand: the services layer counts in SQL and hands over a :class:`FunnelData` (counts
per stage and outcome, how many applications have each stage as their furthest, and two small
corrections); :func:`tally_paths` builds the same aggregates from individual application
histories, for tests and small data.

Semantics, per milestone of the catalogue, in pipeline order:

* An application **reached** a milestone when it has an event there whose outcome is
  scheduled, pending, passed, failed or no-show. Skipped is not reached.
* ``pending`` counts scheduled and pending; ``failed`` counts failed and no-show (the
  application stopped there); ``passed`` counts passed. So reached = passed + failed + pending.
* **Implied passes**: an application that reached a *later* milestone (any stage with a higher
  position, including account-dependent tests and the user's own stages) but has no event at
  all at an earlier built-in milestone counts as reached and passed there, unless the milestone
  is account-dependent (sales, customer-service and tech-support tests) or marked unused for
  that application. You cannot sit the exam without having sent the application. An explicit
  event always wins: a skipped milestone stays skipped. Account-dependent tests and the user's
  own stages only count when recorded.
* **Rejected after passing**: each event counts where it happened. Passed the phone interview
  and failed the exam counts passed at the phone interview and failed at the exam; the
  application's status (rejected) changes nothing.
* ``pass_rate`` is passed / (passed + failed), or None when both are 0 (pending ones are not
  decided yet).
* The **stop milestone** is the one with the most failed (ties: the earlier one); none when
  nothing failed. With it come the check items ticked most often on its failed and no-show
  events, and the improvement tags of notes on the applications that stopped there (each tag
  counted once per application, so one interviewer's five notes do not outweigh three
  interviewers saying the same thing).
* ``stopped`` is the number of stops: failed and no-show outcomes over all milestones (one per
  application that stopped, unless an application was reopened and stopped again).

The implied passes follow from the aggregates without looking at single applications. For a
built-in, not account-dependent milestone m: the applications whose furthest stage lies beyond
m, minus those of them with an event at m (reached there but not furthest there, plus skipped
there), minus those of them that marked m unused. The aggregates assume at most one event per
application and stage, which recording an outcome guarantees (it updates the existing event).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from nextcall.core.playbook_model import ACCOUNT_DEPENDENT_KEYS, Milestone
from nextcall.core.stages import Outcome

REACHED = frozenset(
    {Outcome.SCHEDULED, Outcome.PENDING, Outcome.PASSED, Outcome.FAILED, Outcome.NO_SHOW}
)
PENDING = frozenset({Outcome.SCHEDULED, Outcome.PENDING})
STOPPED = frozenset({Outcome.FAILED, Outcome.NO_SHOW})
SUMMARY_ITEMS = 3  # how many checks / tags the sentence names


@dataclass(frozen=True)
class FunnelStage:
    """One stage of the catalogue, as the funnel needs it."""

    key: str
    name: str
    position: float
    builtin: bool

    @property
    def implied(self) -> bool:
        """Whether reaching a later milestone implies having passed this one."""
        return self.builtin and self.key not in ACCOUNT_DEPENDENT_KEYS


@dataclass(frozen=True)
class PathCount:
    """``count`` applications sharing one history: stage key → outcome, and unused stages."""

    count: int
    outcomes: Mapping[str, str]
    unused: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FunnelData:
    """What the funnel is computed from; every figure counts applications.

    ``outcomes``: (stage key, outcome) → applications with that outcome recorded there.
    ``furthest``: stage key → applications whose furthest reached stage it is.
    ``skipped_short``: stage key → applications that skipped it and reached a later stage.
    ``unused_short``: stage key → applications that marked it unused, have no event there and
    reached a later stage. Both corrections only matter for milestones that can be implied.
    """

    outcomes: Mapping[tuple[str, str], int]
    furthest: Mapping[str, int]
    skipped_short: Mapping[str, int] = field(default_factory=dict)
    unused_short: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FunnelRow:
    key: str
    name: str
    builtin: bool
    reached: int = 0
    passed: int = 0
    failed: int = 0
    pending: int = 0
    implied: int = 0  # of ``passed``: applications with no event here that got further

    @property
    def pass_rate(self) -> float | None:
        decided = self.passed + self.failed
        return self.passed / decided if decided else None


@dataclass(frozen=True)
class FunnelCounts:
    rows: tuple[FunnelRow, ...]
    applications: int  # applications that reached at least one milestone
    stopped: int  # applications with at least one failed or no-show event


@dataclass(frozen=True)
class Tally:
    """Something counted at the stop milestone: a ticked check or a note tag."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class StopMilestone:
    row: FunnelRow
    checks: tuple[Tally, ...] = ()  # most ticked first
    tags: tuple[Tally, ...] = ()  # most frequent first


@dataclass(frozen=True)
class FunnelResult:
    rows: tuple[FunnelRow, ...]
    applications: int
    stopped: int
    stop: StopMilestone | None
    summary: str


# -- counting --------------------------------------------------------------------------------


def _outcome(text: str) -> Outcome:
    try:
        return Outcome(text)
    except ValueError:
        raise ValueError(f"unknown outcome {text!r}") from None


def _furthest_key(path: PathCount, position: Mapping[str, float]) -> str | None:
    reached = [key for key, text in path.outcomes.items() if _outcome(text) in REACHED]
    return max(reached, key=lambda key: position[key], default=None)


def tally_paths(stages: Sequence[FunnelStage], paths: Iterable[PathCount]) -> FunnelData:
    """The aggregates of individual histories (what the services count in SQL)."""
    position = {st.key: st.position for st in stages}
    outcomes: dict[tuple[str, str], int] = {}
    furthest: dict[str, int] = {}
    skipped: dict[str, int] = {}
    unused: dict[str, int] = {}
    for path in paths:
        for key in path.outcomes:
            if key not in position:
                raise ValueError(f"stage {key!r} is not in the catalogue given")
        n = path.count
        for key, text in path.outcomes.items():
            pair = (key, _outcome(text).value)
            outcomes[pair] = outcomes.get(pair, 0) + n
        last = _furthest_key(path, position)
        if last is None:
            continue
        furthest[last] = furthest.get(last, 0) + n
        beyond = position[last]
        for key, text in path.outcomes.items():
            if text == Outcome.SKIPPED.value and position[key] < beyond:
                skipped[key] = skipped.get(key, 0) + n
        for key in path.unused:
            if key in position and key not in path.outcomes and position[key] < beyond:
                unused[key] = unused.get(key, 0) + n
    return FunnelData(outcomes, furthest, skipped, unused)


def count_funnel(stages: Sequence[FunnelStage], data: FunnelData) -> FunnelCounts:
    """Reached / passed / failed / pending per stage of ``stages`` (in the order given).

    ``stages`` must name every stage the data mentions (positions decide what "later" means).
    """
    position = {st.key: st.position for st in stages}
    for key in [k for k, _ in data.outcomes] + list(data.furthest):
        if key not in position:
            raise ValueError(f"stage {key!r} is not in the catalogue given")

    def recorded(key: str, kinds: frozenset[Outcome]) -> int:
        return sum(data.outcomes.get((key, o.value), 0) for o in kinds)

    for _key, text in data.outcomes:
        _outcome(text)
    rows = []
    for st in stages:
        passed = recorded(st.key, frozenset({Outcome.PASSED}))
        failed = recorded(st.key, STOPPED)
        pending = recorded(st.key, PENDING)
        implied = 0
        if st.implied:
            beyond = sum(n for key, n in data.furthest.items() if position[key] > st.position)
            # Of those, the ones with an event here: reached here without stopping here for
            # good (not furthest here), or skipped it.
            with_event = (
                passed
                + failed
                + pending
                - data.furthest.get(st.key, 0)
                + data.skipped_short.get(st.key, 0)
            )
            implied = max(0, beyond - with_event - data.unused_short.get(st.key, 0))
        rows.append(
            FunnelRow(
                key=st.key,
                name=st.name,
                builtin=st.builtin,
                reached=passed + implied + failed + pending,
                passed=passed + implied,
                failed=failed,
                pending=pending,
                implied=implied,
            )
        )
    return FunnelCounts(
        tuple(rows),
        applications=sum(data.furthest.values()),
        stopped=sum(r.failed for r in rows),
    )


def ordered(stages: Iterable[FunnelStage]) -> list[FunnelStage]:
    """Stages in pipeline order (position, then key for a stable tie-break)."""
    return sorted(stages, key=lambda st: (st.position, st.key))


def stop_row(rows: Sequence[FunnelRow]) -> FunnelRow | None:
    """The milestone with the most failed; the earlier one on a tie; None when none failed."""
    best: FunnelRow | None = None
    for row in rows:
        if row.failed and (best is None or row.failed > best.failed):
            best = row
    return best


# -- what to work on -------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    """'Voice volume' → 'voice volume', but 'HR call' stays 'HR call'."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _humanize(key: str) -> str:
    return key.replace("-", " ").replace("_", " ")


def check_label(milestone: Milestone | None, key: str) -> str:
    """How the sentence names a ticked check: its playbook label ("posture and smile").

    A key the milestone does not list (a check since removed from the playbook, or no playbook
    milestone at all) falls back to the key in words ("own check").
    """
    if milestone is not None:
        for item in milestone.checks:
            if item.key == key:
                return item.label
    return _humanize(key)


def _most_first(items: Iterable[Tally]) -> tuple[Tally, ...]:
    return tuple(sorted((t for t in items if t.count > 0), key=lambda t: (-t.count, t.label)))


def tally_checks(milestone: Milestone | None, ticked: Mapping[str, int]) -> tuple[Tally, ...]:
    """Ticked check keys with their counts, labelled and most ticked first."""
    return _most_first(
        Tally(key, check_label(milestone, key), count) for key, count in ticked.items()
    )


def tally_tags(tags: Iterable[tuple[str, str, int]]) -> tuple[Tally, ...]:
    """(tag key, tag name, count) rows, labelled and most frequent first."""
    return _most_first(Tally(key, _lower_first(name), count) for key, name, count in tags)


# -- the sentence ----------------------------------------------------------------------------


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def milestone_phrase(row: FunnelRow) -> str:
    """How the sentence names a milestone: 'the phone interview'."""
    if row.key == "application":
        return "the application stage, before any interview"
    return "the " + _lower_first(row.name)


def _joined(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _listed(items: Sequence[Tally]) -> str:
    return ", ".join(f"{t.label} ({t.count:,})" for t in items[:SUMMARY_ITEMS])


def summarize(counts: FunnelCounts, stop: StopMilestone | None, *, filtered: bool = False) -> str:
    """One or more plain sentences answering "where do I stop, and what should I work on?"."""
    if counts.applications == 0:
        if filtered:
            return "No milestone outcomes are recorded for the applications in this selection."
        return (
            "No milestone outcomes recorded yet. Record what happened at each step to see where "
            "your applications usually stop."
        )
    if stop is None:
        furthest = next((r for r in reversed(counts.rows) if r.reached), None)
        text = (
            f"None of your {_count(counts.applications, 'application')} has stopped at a "
            "milestone yet."
            if counts.applications > 1
            else "Your application has not stopped at a milestone yet."
        )
        if furthest is not None:
            text += f" The furthest reached is {milestone_phrase(furthest)}."
        return text
    row, total = stop.row, counts.stopped
    if total <= 1:
        share = "the only one that stopped"
    elif row.failed >= total:
        share = f"all {total:,} that stopped"
    else:
        share = f"{row.failed:,} of the {total:,} that stopped"
    tied = [r for r in counts.rows if r.failed == row.failed and r.key != row.key]
    if tied:  # the earlier milestone was chosen; say that the others are level with it
        names = [milestone_phrase(r) for r in tied[:2]]
        if len(tied) > 2:
            names.append(_count(len(tied) - 2, "other milestone"))
        share += f"; as many stopped at {_joined(names)}"
    parts = [f"Your applications stop most often at {milestone_phrase(row)} ({share})."]
    if stop.checks:
        parts.append(f"The checks you ticked most there: {_listed(stop.checks)}.")
    elif row.builtin:
        parts.append(
            "Tick the “if it stopped here” checks on those applications to see what to work on."
        )
    if stop.tags:
        parts.append(f"Your notes on them point to: {_listed(stop.tags)}.")
    return " ".join(parts)


def finish(
    counts: FunnelCounts,
    *,
    milestone: Milestone | None = None,
    ticked: Mapping[str, int] | None = None,
    tags: Iterable[tuple[str, str, int]] = (),
    area_names: Mapping[str, str] | None = None,
    filtered: bool = False,
) -> FunnelResult:
    """The result: counts, the stop milestone with what was ticked and tagged there, and the
    sentence. ``milestone`` is the playbook entry of the stop milestone (None for own stages).

    ``area_names`` is no longer used (checks are named by their playbook labels); it is still
    accepted so existing callers keep working.
    """
    row = stop_row(counts.rows)
    stop = (
        StopMilestone(
            row=row,
            checks=tally_checks(milestone, ticked or {}),
            tags=tally_tags(tags),
        )
        if row is not None
        else None
    )
    return FunnelResult(
        rows=counts.rows,
        applications=counts.applications,
        stopped=counts.stopped,
        stop=stop,
        summary=summarize(counts, stop, filtered=filtered),
    )
