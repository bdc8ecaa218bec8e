"""What a prep packet holds: plain values gathered by services/packet.py, laid out by
export/packet.py. Nothing here touches the database or the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from nextcall.core.funnel import FunnelResult, Tally
from nextcall.core.insights import AreaInsight
from nextcall.core.playbook import Milestone, PanelFactor


@dataclass(frozen=True)
class NextStep:
    """The milestone the packet prepares for."""

    stage_key: str
    name: str
    when: datetime | None
    interviewer: str = ""
    contact_name: str = ""
    contact_role: str = ""
    memory_hook: str = ""


@dataclass(frozen=True)
class PreparedAnswer:
    question: str
    answer: str  # empty: not prepared yet (the packet leaves room to write one)
    why: str = ""
    confidence: int | None = None


@dataclass(frozen=True)
class PanelAnswer:
    factor: PanelFactor
    answer: str


@dataclass(frozen=True)
class PacketNote:
    kind: str  # a NoteKind value
    on: date
    text: str
    fix: str = ""
    position: str = ""
    milestone: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlannedFollowUp:
    when: datetime
    title: str
    condition: str = ""  # "" = always; otherwise e.g. "If the answer is no"


@dataclass(frozen=True)
class DrillLine:
    """The latest timed drill set of one kind, for a packet before a written test."""

    title: str  # "Grammar set"
    result: str  # "6 of 10"
    percent: float
    taken_on: date
    target: float  # percent to aim for


@dataclass(frozen=True)
class TypingFigure:
    """The latest typing test against the user's target, for a packet before a test."""

    target: int  # net words a minute to aim for (Settings)
    net_wpm: float | None = None  # None: no typing test yet
    gross_wpm: float | None = None  # None: a result logged by hand
    accuracy: float | None = None  # 0 to 1
    taken_on: date | None = None


@dataclass(frozen=True)
class SpeechFigure:
    """The latest speech coach analysis against its targets, for a packet before a call."""

    wpm: float | None = None  # None: no analysis yet
    dead_air: int = 0
    longest_pause_s: float = 0.0
    context: str = ""  # what was analysed ("Mock call", "Read-aloud: ...")
    taken_on: date | None = None
    # The latest read-aloud (it may be older than the analysis above); None: none yet.
    match_rate: float | None = None  # 0 to 1
    script_words: int = 0
    match_context: str = ""
    match_on: date | None = None


@dataclass(frozen=True)
class PacketData:
    application_id: int
    company: str
    position: str
    account_type: str
    site: str
    shift: str
    applied_on: date | None
    status: str
    step: NextStep
    milestone: Milestone | None  # the playbook's milestone, when the next step is one
    stopped_before: int  # earlier applications that stopped at this milestone
    stop_checks: tuple[Tally, ...]  # what the applicant ticked when they did
    areas: tuple[AreaInsight, ...]
    job_fit: tuple[PreparedAnswer, ...]
    own_questions: tuple[PreparedAnswer, ...]
    to_ask: tuple[str, ...]
    to_ask_note: str
    panel: tuple[PanelAnswer, ...]
    fixes: tuple[PacketNote, ...]  # debrief items with their fixes, newest first
    company_notes: tuple[PacketNote, ...]
    funnel: FunnelResult
    follow_ups: tuple[PlannedFollowUp, ...]
    today: date
    focus: tuple[tuple[str, str], ...] = ()  # (what, how to practise it) for the cover
    typing: TypingFigure | None = None  # before a test milestone typing tests prepare for
    speech: SpeechFigure | None = None  # before a call or interview: pace and dead air
    # Before a written test: the latest drill set of each kind (None: not a test milestone).
    drills: tuple[DrillLine, ...] | None = None
