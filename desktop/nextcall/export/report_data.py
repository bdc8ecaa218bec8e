"""What the job-search report holds: plain values gathered by services/report.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nextcall.core.funnel import FunnelResult
from nextcall.core.insights import AreaInsight
from nextcall.export.packet_data import SpeechFigure


@dataclass(frozen=True)
class MilestoneEntry:
    name: str
    outcome: str  # an Outcome value
    on: date | None
    key: str = ""  # the stage key ("application" is the application itself, not a meeting)


@dataclass(frozen=True)
class ReportApplication:
    company: str
    position: str
    account_type: str
    source: str
    applied_on: date | None
    status: str
    closing_reason: str
    milestones: tuple[MilestoneEntry, ...]


@dataclass(frozen=True)
class PracticeEntry:
    scenario: str
    on: date
    average: float | None  # mean of the rubric scores, 1 to 5
    comment: str


@dataclass(frozen=True)
class ScoreEntry:
    kind: str
    value: float
    accuracy: float | None
    on: date
    label: str = ""  # "Grammar drill" (the kind's name; the key when unknown)
    # "38 net / 41 gross wpm" for a typing test, "6 of 10 (60%)" for a drill set; empty: the
    # value as it is
    result: str = ""


@dataclass(frozen=True)
class ReportData:
    today: date
    applications: tuple[ReportApplication, ...]
    notes: int
    funnel: FunnelResult
    areas: tuple[AreaInsight, ...]
    practice: tuple[PracticeEntry, ...]
    scores: tuple[ScoreEntry, ...]
    applicant: str = ""  # the applicant's name (Settings), printed above the signature
    speech: SpeechFigure | None = None  # the latest speech coach figures (None: not gathered)
