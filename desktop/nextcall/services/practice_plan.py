"""Which drills to propose first: gathers where applications stop (the funnel), what
interviewers keep naming (insights) and how each drill has gone so far, and hands them to
:mod:`nextcall.core.practice_plan` for the ranking and the reasons."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from nextcall.core import practice as core
from nextcall.core.funnel import FunnelRow, milestone_phrase
from nextcall.core.playbook import Playbook, load_playbook
from nextcall.core.practice_plan import LIMIT, DrillState, Focus, Proposal, headline, propose
from nextcall.services import insights
from nextcall.services.database import Database
from nextcall.services.drills import DRILL_KINDS
from nextcall.services.funnel import funnel
from nextcall.services.practice import (
    ScoreRow,
    SessionRow,
    logged_scores,
    question_bank,
    sessions,
)
from nextcall.services.typing_test import net_wpm, typing_target

__all__ = ["DrillState", "Focus", "PracticePlan", "Proposal", "practice_plan"]

VOICE_KEY = "voice-check"
VOICE_MILESTONES = ("phone-interview", "mock-call")
VOICE_AREAS = ("voice-volume", "pronunciation", "speaking-pace", "phone-manner")
TEST_TITLES = {"typing": "Typing test", "english": "English test", "exam": "Practice exam"}
DRILL_TITLES = {
    "grammar": "Grammar set",
    "vocabulary": "Vocabulary set",
    "reading": "Reading set",
    "numbers": "Numbers set",
    "logic": "Logic set",
    "aptitude": "Mixed aptitude set",
}
AREAS_CONSIDERED = 5


@dataclass(frozen=True)
class PracticePlan:
    focus: Focus
    drills: tuple[DrillState, ...]
    today: date

    def proposals(
        self, *, milestone: str | None = None, only_milestone: bool = False, limit: int = LIMIT
    ) -> list[Proposal]:
        return propose(
            self.drills,
            self.focus,
            self.today,
            milestone=milestone,
            only_milestone=only_milestone,
            limit=limit,
        )

    def headline(self, proposals: list[Proposal]) -> str:
        return headline(self.focus, proposals)

    def without(self, kind: str) -> PracticePlan:
        """The plan without one kind of drill (the voice check, where nothing can be recorded):
        the next drills in line take its place."""
        return replace(self, drills=tuple(d for d in self.drills if d.kind != kind))


def _focus(db: Database, playbook: Playbook) -> Focus:
    phrases = {
        m.key: milestone_phrase(FunnelRow(key=m.key, name=m.name, builtin=True))
        for m in playbook.milestones
    }
    result = funnel(db)
    areas = tuple(
        (a.area, a.name, a.interviews)
        for a in insights.recurring_areas(db, quotes=0)[:AREAS_CONSIDERED]
    )
    stop = result.stop
    if stop is None:
        return Focus(areas=areas, milestone_phrases=phrases)
    milestone = next((m for m in playbook.milestones if m.key == stop.row.key), None)
    check_areas = {c.key: c.area for c in milestone.checks} if milestone else {}
    checks = tuple(
        (area, tally.label, tally.count)
        for tally in stop.checks
        if (area := check_areas.get(tally.key)) is not None
    )
    return Focus(
        stop=stop.row.key,
        stop_phrase=milestone_phrase(stop.row),
        stopped=stop.row.failed,
        stopped_total=result.stopped,
        checks=checks,
        areas=areas,
        milestone_phrases=phrases,
    )


def _scenario_drills(runs: list[SessionRow], playbook: Playbook) -> list[DrillState]:
    counts: dict[str, int] = {}
    latest: dict[str, SessionRow] = {}
    for done in runs:  # oldest first: the last one seen is the latest
        counts[done.scenario_key] = counts.get(done.scenario_key, 0) + 1
        latest[done.scenario_key] = done
    names = {item.key: item.name.lower() for item in playbook.rubric}
    order = [item.key for item in playbook.rubric]
    drills = []
    for scenario in playbook.scenarios:
        row = latest.get(scenario.key)
        score: float | None = None
        last: date | None = None
        detail = ""
        if row is not None:
            score = row.average
            last = row.started_at.date()
            low = core.weakest(row.scores, order)
            if low is not None:
                detail = " and ".join(names.get(k, k) for k in low[0]) + f" ({low[1]} / 5)"
        drills.append(
            DrillState(
                kind="scenario",
                key=scenario.key,
                title=scenario.title,
                milestones=scenario.milestones,
                areas=scenario.areas,
                score=score,
                last=last,
                count=counts.get(scenario.key, 0),
                detail=detail,
            )
        )
    return drills


def _voice_drill(runs: list[SessionRow]) -> DrillState:
    """The voice check: how many practice calls were recorded, and the latest verdict."""
    recorded = [r for r in runs if r.recording]
    latest = recorded[-1] if recorded else None
    return DrillState(
        kind="voice",
        key=VOICE_KEY,
        title="Voice check",
        milestones=VOICE_MILESTONES,
        areas=VOICE_AREAS,
        last=latest.started_at.date() if latest else None,
        count=len(recorded),
    )


def _question_drills(db: Database) -> list[DrillState]:
    return [
        DrillState(
            kind="question",
            key=q.key,
            title=q.text,
            milestones=q.milestones,
            areas=q.areas,
            score=float(q.confidence) if q.confidence is not None else None,
            last=q.last_practised_at.date() if q.last_practised_at else None,
            count=1 if q.last_practised_at else 0,
            prepared=bool(q.answer.strip()),
        )
        for q in question_bank(db)
        if q.category != core.TO_ASK  # questions to ask the employer are chosen, not drilled
    ]


def _test_drills(db: Database) -> list[DrillState]:
    target = typing_target(db)
    counts: dict[str, int] = {}
    latest: dict[str, ScoreRow] = {}
    for row in logged_scores(db):  # oldest first
        counts[row.kind] = counts.get(row.kind, 0) + 1
        latest[row.kind] = row
    drills = []
    for kind in core.TEST_KINDS:
        if kind.key in DRILL_KINDS:
            drills.append(_drill_set(kind, counts.get(kind.key, 0), latest.get(kind.key)))
            continue
        last = latest.get(kind.key)
        if kind.key == "speech":
            drills.append(_speech_drill(kind, counts.get(kind.key, 0), last))
            continue
        drills.append(
            DrillState(
                kind="test",
                key=kind.key,
                title=TEST_TITLES.get(kind.key, kind.label),
                milestones=kind.milestones,
                areas=kind.areas,
                last=last.taken_on if last is not None else None,
                count=counts.get(kind.key, 0),
                detail=last.result if last is not None else "",
                figure=net_wpm(last) if kind.key == "typing" and last is not None else None,
                target=float(target) if kind.key == "typing" else None,
            )
        )
    return drills


def _drill_set(kind: core.TestKind, count: int, last: ScoreRow | None) -> DrillState:
    """A timed drill set of one kind, with the last one's result ("6 of 10")."""
    detail = ""
    if last is not None:
        right, total = last.details.get("correct"), last.details.get("total")
        detail = f"{right} of {total}" if isinstance(right, int) and isinstance(total, int) else ""
        detail = detail or f"{last.value:g}%"
    return DrillState(
        kind="drill",
        key=kind.key,
        title=DRILL_TITLES.get(kind.key, kind.label),
        milestones=kind.milestones,
        areas=kind.areas,
        score=last.value if last is not None else None,
        last=last.taken_on if last is not None else None,
        count=count,
        detail=detail,
    )


def practice_plan(db: Database) -> PracticePlan:
    """Everything the proposals need, read once (a few short queries plus the funnel)."""
    playbook = load_playbook()
    runs = sessions(db)
    drills = [
        *_scenario_drills(runs, playbook),
        *_question_drills(db),
        _voice_drill(runs),
        *_test_drills(db),
    ]
    return PracticePlan(_focus(db, playbook), tuple(drills), db.clock.today())


def speech_phrase(row: ScoreRow) -> str:
    """'at the phone interview you spoke at 196 words a minute with 4 stretches of dead air'."""
    details = row.details
    milestone = details.get("milestone")
    context = details.get("context")
    if isinstance(milestone, str) and milestone:
        where = f"at the {milestone.replace('-', ' ')}"
    elif isinstance(context, str) and context:
        where = f"in your last recording ({context})"
    else:
        where = "in your last recording"
    count = details.get("dead_air")
    count = count if isinstance(count, int) else 0
    air = (
        "no dead air" if count == 0 else f"{count} stretch{'es' if count != 1 else ''} of dead air"
    )
    return f"{where} you spoke at {row.value:.0f} words a minute with {air}"


def _speech_drill(kind: core.TestKind, count: int, last: ScoreRow | None) -> DrillState:
    """The speech coach: the latest pace and dead air, and where they were measured."""
    dead_air = last.details.get("dead_air") if last is not None else 0
    return DrillState(
        kind="test",
        key=kind.key,
        title="Speech coach",
        milestones=kind.milestones,
        areas=kind.areas,
        last=last.taken_on if last is not None else None,
        count=count,
        detail=speech_phrase(last) if last is not None else "",
        figure=last.value if last is not None else None,
        dead_air=dead_air if isinstance(dead_air, int) else 0,
    )
