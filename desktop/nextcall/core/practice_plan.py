"""Which drills to propose first, and why, in plain sentences.

Three things decide, in this order of weight:

1. **where applications stop**: drills that prepare for the milestone where the applicant most
   often stops (the funnel's stop milestone) come first ("You stop most at the mock call");
2. **what interviewers keep saying**: drills that work on the improvement areas named by the
   most interviews, and on the areas of the checks ticked at the stop milestone;
3. **need**: drills never tried, scored low, answered with little confidence, or not practised
   for a while.

Pure functions over small frozen records; services/practice_plan.py gathers them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from nextcall.core.practice import STALE_DAYS
from nextcall.core.stages import MILESTONE_KEYS

Kind = Literal["scenario", "question", "voice", "test", "drill"]
KINDS: tuple[Kind, ...] = ("scenario", "question", "voice", "test", "drill")
LIMIT = 5
PER_KIND = 3  # at most this many of one kind among the first proposals, when others exist

STOP_WEIGHT = 4.0
FOCUS_WEIGHT = 3.0
CHECK_WEIGHT, CHECK_CAP = 1.0, 2.0
AREA_WEIGHTS = (1.5, 1.2, 1.0, 0.8, 0.6)  # the most named area first
AREA_CAP = 2.5
NEVER_WEIGHT = 1.25  # untried: less than a drill scored 2 / 5, which is known to be weak
LOWEST_BONUS = 0.25  # the scenario scored lowest, among those tried
UNPREPARED_WEIGHT = 0.5
STALE_WEIGHT = 0.5
TODAY_PENALTY = 1.0
BELOW_TARGET_WEIGHT, GAP_WEIGHT, GAP_CAP = 1.0, 5.0, 1.5  # a test result under its target
DRILL_PASS = 80.0  # percent correct in a drill set that no longer adds need
DRILL_WEAK = 0.75  # a set below DRILL_PASS: this much need...
DRILL_WEIGHT = 1.5  # ...plus up to this much more as the score falls to 0 %


@dataclass(frozen=True)
class DrillState:
    """One drill and how the applicant has done on it so far."""

    kind: Kind
    key: str
    title: str
    milestones: tuple[str, ...]
    areas: tuple[str, ...]
    score: float | None = None  # 1..5: the latest self-score (scenario), the confidence (question)
    # (a timed drill set: the latest percent correct, 0..100)
    last: date | None = None  # last practised (or logged, for a test)
    count: int = 0  # sessions, drills, scores logged
    detail: str = ""  # the weakest rubric item ("empathy 2 / 5"), or the last result of a test
    prepared: bool = True  # a question: has a prepared answer
    figure: float | None = None  # a typing test: the latest net words a minute
    target: float | None = None  # a typing test: the net words a minute to aim for (Settings)
    dead_air: int = 0  # a speech analysis: stretches of dead air (3 s or more of silence)


@dataclass(frozen=True)
class Focus:
    """What the tracker and the notes say about where to work."""

    stop: str | None = None  # the milestone key where applications stop most
    stop_phrase: str = ""  # "the mock call"
    stopped: int = 0  # applications that stopped there
    stopped_total: int = 0  # applications that stopped anywhere
    # (area key, check label, times ticked) for the checks ticked at the stop milestone
    checks: tuple[tuple[str, str, int], ...] = ()
    # (area key, area name, interviews that named it), most named first
    areas: tuple[tuple[str, str, int], ...] = ()
    milestone_phrases: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Proposal:
    drill: DrillState
    reason: str
    weight: float
    milestone: str | None  # the milestone that made it relevant (the stop, or the focus)
    areas: tuple[str, ...]  # the areas that made it relevant
    need: str = ""  # the part of the reason about the drill itself ("you have not tried …")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _joined(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _days_since(last: date | None, today: date) -> int | None:
    return None if last is None else (today - last).days


def _need(drill: DrillState, today: date, lowest: set[str]) -> tuple[float, str]:
    """The weight for how much this drill needs practice, and the words for it."""
    days = _days_since(drill.last, today)
    weight = 0.0
    if days is not None and days >= STALE_DAYS:
        weight += STALE_WEIGHT
    if days == 0:
        weight -= TODAY_PENALTY
    if drill.kind == "voice":
        if drill.count == 0:
            return weight + NEVER_WEIGHT - 0.5, "you have not run a voice check yet"
        when = f"{days} days ago" if days and days > 1 else ("yesterday" if days else "today")
        return weight, f"you last recorded a practice call {when}"
    if drill.kind == "drill":
        return _drill_need(drill, weight, days)
    if drill.kind == "test" and drill.key == "typing" and drill.target is not None:
        return _typing_need(drill, weight, days)
    if drill.kind == "test" and drill.key == "speech":
        return _speech_need(drill, weight, days)
    if drill.kind == "test":
        if drill.count == 0:
            return weight + NEVER_WEIGHT - 0.5, f"you have not logged a {drill.title.lower()} yet"
        when = f"{days} days ago" if days and days > 1 else ("yesterday" if days else "today")
        return weight, f"your last result was {drill.detail}, {when}"
    if drill.kind == "question" and not drill.prepared:
        weight += UNPREPARED_WEIGHT
    if drill.count == 0 and drill.score is None:
        weight += NEVER_WEIGHT
        if drill.kind == "scenario":
            return weight, "you have not tried this drill yet"
        if not drill.prepared:
            return weight, "you have no prepared answer yet"
        return weight, "you have not rated your answer yet"
    score = drill.score if drill.score is not None else 0.0
    weight += (5 - score) * 0.5
    if drill.kind == "scenario":
        text = f"your last self-score was {score:.1f} / 5"
        if drill.key in lowest:
            weight += LOWEST_BONUS
            text = f"it is the drill you have scored lowest ({score:.1f} / 5)"
        if drill.detail and score < 4.5:
            text += f", weakest on {drill.detail}"
    else:
        text = f"your confidence in your answer is {score:.0f} / 5"
        if not drill.prepared:
            text = "you have no prepared answer yet"
        elif drill.count == 0:
            text += " and you have not drilled it aloud yet"
    if days is not None and days >= STALE_DAYS:
        text += f"; last practised {days} days ago"
    return weight, text


def _drill_need(drill: DrillState, weight: float, days: int | None) -> tuple[float, str]:
    """A timed drill set (grammar, reading, ...): never done, or how the last one went."""
    noun = drill.title[:1].lower() + drill.title[1:]
    if drill.count == 0:
        return weight + NEVER_WEIGHT - 0.25, f"you have not done a {noun} yet"
    when = f"{days} days ago" if days and days > 1 else ("yesterday" if days else "today")
    percent = drill.score if drill.score is not None else 0.0
    if percent < DRILL_PASS:  # known weak: above an untried set, more the lower it is
        weight += DRILL_WEAK + (DRILL_PASS - percent) / DRILL_PASS * DRILL_WEIGHT
    return weight, f"your last {noun}: {drill.detail}, {when}"


def _typing_need(drill: DrillState, weight: float, days: int | None) -> tuple[float, str]:
    """The typing test against the user's target, in the user's own numbers."""
    target = drill.target or 0.0
    if drill.count == 0 or drill.figure is None:
        return (
            weight + NEVER_WEIGHT - 0.5,
            f"you have not taken a typing test yet, and chat accounts ask about {target:.0f} "
            "net words a minute",
        )
    when = f"{days} days ago" if days and days > 1 else ("yesterday" if days else "today")
    figure = drill.figure
    if figure < target:
        gap = (target - figure) / target if target else 0.0
        weight += BELOW_TARGET_WEIGHT + min(GAP_CAP, gap * GAP_WEIGHT)
        return weight, (
            f"your typing is {figure:.0f} net words a minute and chat accounts ask about "
            f"{target:.0f} (your last test, {when})"
        )
    return weight, (
        f"your typing is {figure:.0f} net words a minute, at or above the {target:.0f} chat "
        f"accounts ask about (your last test, {when})"
    )


def _lowest_scenarios(drills: Sequence[DrillState]) -> set[str]:
    scored = [d for d in drills if d.kind == "scenario" and d.score is not None]
    if len(scored) < 2:
        return set()
    low = min(d.score for d in scored if d.score is not None)
    return {d.key for d in scored if d.score == low}


def _area_part(drill: DrillState, focus: Focus, stop_matched: bool) -> tuple[float, list[str], str]:
    weight = 0.0
    matched: list[str] = []
    words: list[str] = []
    if stop_matched:
        ticked = list(
            dict.fromkeys(label for area, label, _n in focus.checks if area in drill.areas)
        )
        if ticked:
            weight += min(CHECK_CAP, CHECK_WEIGHT * len(ticked))
            matched += dict.fromkeys(a for a, _label, _n in focus.checks if a in drill.areas)
            quoted = [f"“{label}”" for label in ticked[:2]]
            words.append(f"you ticked {_joined(quoted)} there")
    named = [
        (rank, area, name, n)
        for rank, (area, name, n) in enumerate(focus.areas[: len(AREA_WEIGHTS)])
        if area in drill.areas
    ]
    if named:
        weight += min(AREA_CAP, sum(AREA_WEIGHTS[rank] for rank, *_rest in named))
        matched += [area for _rank, area, _name, _n in named if area not in matched]
        names = [
            f"{name.lower()} ({_plural(n, 'interview') if i == 0 else n})"
            for i, (_r, _a, name, n) in enumerate(named[:2])
        ]
        words.append(f"interviewers keep naming {_joined(names)}")
    return weight, matched, "; ".join(words)


def _earliest(drill: DrillState) -> int:
    """The pipeline position of the earliest milestone the drill prepares for."""
    positions = [MILESTONE_KEYS.index(m) for m in drill.milestones if m in MILESTONE_KEYS]
    return min(positions, default=len(MILESTONE_KEYS))


def _sentence(parts: Sequence[str]) -> str:
    text = "; ".join(p for p in parts if p)
    return text[:1].upper() + text[1:] + "." if text else ""


def weigh(
    drill: DrillState,
    focus: Focus,
    today: date,
    *,
    milestone: str | None = None,
    lowest: set[str] | None = None,
) -> Proposal:
    """How strongly to propose ``drill``, and the reason in one sentence."""
    weight = 0.0
    parts: list[str] = []
    matched_milestone: str | None = None
    stop_matched = focus.stop is not None and focus.stop in drill.milestones
    if stop_matched:
        weight += STOP_WEIGHT
        matched_milestone = focus.stop
        share = (
            f"{focus.stopped} of your {focus.stopped_total} stops"
            if focus.stopped_total > 1
            else "your only stop so far"
        )
        parts.append(f"you stop most at {focus.stop_phrase} ({share})")
    if milestone is not None and milestone in drill.milestones:
        weight += FOCUS_WEIGHT
        if not stop_matched:
            matched_milestone = milestone
            phrase = focus.milestone_phrases.get(milestone, "this milestone")
            parts.append(f"it prepares you for {phrase}")
    area_weight, areas, area_words = _area_part(drill, focus, stop_matched)
    weight += area_weight
    parts.append(area_words)
    need_weight, need_words = _need(drill, today, lowest or set())
    weight += need_weight
    parts.append(need_words)
    return Proposal(
        drill, _sentence(parts), round(weight, 3), matched_milestone, tuple(areas), need_words
    )


def propose(
    drills: Sequence[DrillState],
    focus: Focus,
    today: date,
    *,
    milestone: str | None = None,
    only_milestone: bool = False,
    limit: int = LIMIT,
    per_kind: int = PER_KIND,
) -> list[Proposal]:
    """The drills to propose first, strongest first; ``milestone`` (a milestone the user is
    looking at, e.g. in the tracker) adds weight to the drills that prepare for it, and with
    ``only_milestone`` only those are proposed (all of them when none prepares for it). At
    most ``per_kind`` of one kind unless there are too few of the others."""
    lowest = _lowest_scenarios(drills)
    if only_milestone and milestone is not None:
        preparing = [d for d in drills if milestone in d.milestones]
        drills = preparing or drills
    weighed = [weigh(d, focus, today, milestone=milestone, lowest=lowest) for d in drills]
    # On equal weight, the basics first: drills for earlier milestones, then the given order.
    ranked = [
        p
        for _key, p in sorted(
            enumerate(weighed), key=lambda ip: (-ip[1].weight, _earliest(ip[1].drill), ip[0])
        )
    ]
    chosen: list[Proposal] = []
    held: list[Proposal] = []
    counts = dict.fromkeys(KINDS, 0)
    for proposal in ranked:
        if len(chosen) >= limit:
            break
        if counts[proposal.drill.kind] >= per_kind:
            held.append(proposal)
            continue
        counts[proposal.drill.kind] += 1
        chosen.append(proposal)
    chosen += held[: max(0, limit - len(chosen))]
    return chosen


def headline(focus: Focus, proposals: Sequence[Proposal]) -> str:
    """One or two sentences above the proposals: where the applicant stops, what interviewers
    say, and which drill to start with."""
    if not proposals:
        return "Nothing to practise yet."
    top = proposals[0]
    parts: list[str] = []
    if focus.stop is not None:
        parts.append(f"You stop most at {focus.stop_phrase}.")
    if focus.areas:
        names = [name.lower() for _area, name, _n in focus.areas[:3]]
        parts.append(f"Interviewers keep naming {_joined(names)}.")
    if not parts:
        parts.append("No stops or interviewer tips recorded yet, so this starts with the basics.")
    parts.append(f"Start with “{top.drill.title}”: {top.need}.")
    return " ".join(parts)


PACE_BAND = (140.0, 170.0)  # words a minute easy to follow on a call (core/speech.py)
DEAD_AIR_WEIGHT, DEAD_AIR_CAP = 0.5, 1.5


def _speech_need(drill: DrillState, weight: float, days: int | None) -> tuple[float, str]:
    """The latest speech coach analysis: pace against the band, and dead air, in the user's
    numbers (``detail`` says where: "at the phone interview you spoke at 196 words a minute
    with 4 stretches of dead air")."""
    low, high = PACE_BAND
    if drill.count == 0 or drill.figure is None:
        return (
            weight + NEVER_WEIGHT - 0.5,
            "you have not run the speech coach yet: it measures your pace and dead air",
        )
    when = f"{days} days ago" if days and days > 1 else ("yesterday" if days else "today")
    pace = drill.figure
    gap = (pace - high) / high if pace > high else (low - pace) / low if pace < low else 0.0
    if gap > 0:
        weight += BELOW_TARGET_WEIGHT + min(GAP_CAP, gap * GAP_WEIGHT)
    weight += min(DEAD_AIR_CAP, drill.dead_air * DEAD_AIR_WEIGHT)
    aims = []
    if gap > 0:
        aims.append(f"about {low:.0f}–{high:.0f} words a minute is easy to follow")
    if drill.dead_air:
        aims.append("a call should have no dead air")
    aim = "; ".join(aims) if aims else "within the targets"
    return weight, f"{drill.detail} ({aim}; {when})"
