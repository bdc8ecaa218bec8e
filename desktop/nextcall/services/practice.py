"""Practice use cases: the question bank with the user's prepared answers, mock-call sessions
with their self-scores, and test scores.

A playbook question gets a database row the first time something is stored for it (an answer,
a rating); until then it exists only in the playbook. Job-fit answers are stored under the
job-fit key itself, which is what the PDF prep packet reads.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nextcall.core import practice as core
from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.core.playbook import load_playbook
from nextcall.core.validation import clean_text, parse_amount, parse_date
from nextcall.services.database import Database
from nextcall.services.recordings import delete_recording
from nextcall.store.models import (
    Application,
    Company,
    PracticeSession,
    Question,
    Stage,
    StageEvent,
    TestScore,
)

EXAM = "exam"


# -- the question bank ----------------------------------------------------------------------


@dataclass(frozen=True)
class BankQuestion:
    key: str
    category: str
    text: str
    why: str
    answer: str
    confidence: int | None
    last_practised_at: datetime | None
    milestones: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()

    @property
    def own(self) -> bool:
        return self.category == core.OWN


def _entries() -> dict[str, core.BankEntry]:
    return {e.key: e for e in core.playbook_bank(load_playbook())}


def _from(entry: core.BankEntry | None, row: Question | None) -> BankQuestion:
    if entry is not None:
        return BankQuestion(
            key=entry.key,
            category=entry.category,
            text=entry.text,
            why=entry.why,
            answer=row.answer if row else "",
            confidence=row.confidence if row else None,
            last_practised_at=row.last_practised_at if row else None,
            milestones=entry.milestones,
            areas=entry.areas,
        )
    assert row is not None
    return BankQuestion(
        key=core.bank_key(core.OWN, row.id),
        category=core.OWN,
        text=row.text,
        why="",
        answer=row.answer,
        confidence=row.confidence,
        last_practised_at=row.last_practised_at,
    )


def question_bank(db: Database) -> list[BankQuestion]:
    """Every question: the playbook's in playbook order, then the user's own, oldest first.
    Stored rows whose playbook question was since removed are left out."""
    entries = _entries()
    with db.session() as s:
        rows = list(s.execute(select(Question).order_by(Question.id)).scalars())
    by_key = {r.playbook_key: r for r in rows if r.playbook_key is not None}
    bank = [_from(entry, by_key.get(key)) for key, entry in entries.items()]
    bank += [_from(None, r) for r in rows if r.playbook_key is None]
    return bank


def get_question(db: Database, key: str) -> BankQuestion:
    entry = _entries().get(key)
    with db.session() as s:
        row = _row(s, key, entry, create=False)
        return _from(entry, row)


def _own_row(s: Session, key: str) -> Question:
    row = s.get(Question, core.own_id(key))
    if row is None or row.playbook_key is not None:
        raise NotFoundError("That question no longer exists; it may have been deleted.")
    return row


def _row(s: Session, key: str, entry: core.BankEntry | None, *, create: bool) -> Question | None:
    """The stored row for ``key`` (created from the playbook entry when asked)."""
    if core.category_of(key) == core.OWN:
        return _own_row(s, key)
    if entry is None:
        raise NotFoundError(f"“{key}” is not a question of the bank.")
    row = s.execute(select(Question).where(Question.playbook_key == key)).scalar_one_or_none()
    if row is None and create:
        row = Question(playbook_key=key, category=entry.category, text=entry.text, answer="")
        s.add(row)
        s.flush()
    return row


def save_answer(db: Database, key: str, answer: str) -> datetime:
    """Store the prepared answer as typed (autosave); returns when it was saved."""
    text = answer.replace("\r\n", "\n")
    if len(text) > core.ANSWER_MAX:
        raise ValidationError(
            f"The answer is {len(text):,} characters long; keep it under {core.ANSWER_MAX:,}.",
            "answer",
        )
    entry = _entries().get(key)
    with db.session(write=True) as s:
        row = _row(s, key, entry, create=True)
        assert row is not None
        row.answer = text
    return db.clock.now()


def set_confidence(db: Database, key: str, confidence: int | None) -> None:
    """Rate how sure the user feels about the answer, without counting it as practised."""
    value = core.check_confidence(confidence)
    entry = _entries().get(key)
    with db.session() as s:
        row = _row(s, key, entry, create=True)
        assert row is not None
        row.confidence = value


def record_drill(
    db: Database, key: str, confidence: int, *, at: datetime | None = None
) -> BankQuestion:
    """After answering aloud in a drill: store the self-rating and when it was practised."""
    value = core.check_confidence(confidence)
    if value is None:
        raise ValidationError("Rate your answer from 1 to 5.", "confidence")
    entry = _entries().get(key)
    with db.session() as s:
        row = _row(s, key, entry, create=True)
        assert row is not None
        row.confidence = value
        row.last_practised_at = at or db.clock.now()
        return _from(entry, row)


def add_own_question(db: Database, text: str) -> str:
    """Add a question of the user's own; returns its bank key."""
    value = clean_text(text, field="question", max_length=core.QUESTION_MAX, required=True)
    with db.session(write=True) as s:
        row = Question(playbook_key=None, category=core.OWN, text=value, answer="")
        s.add(row)
        s.flush()
        return core.bank_key(core.OWN, row.id)


def rename_own_question(db: Database, key: str, text: str) -> None:
    value = clean_text(text, field="question", max_length=core.QUESTION_MAX, required=True)
    with db.session() as s:
        _own_row(s, key).text = value


def delete_own_question(db: Database, key: str) -> None:
    with db.session() as s:
        s.delete(_own_row(s, key))


# -- mock-call sessions ---------------------------------------------------------------------


@dataclass(frozen=True)
class SessionInput:
    scenario_key: str
    started_at: datetime
    duration_s: int | None
    scores: Mapping[str, int]
    comment: str = ""
    notes: str = ""
    recording: str = ""  # path relative to the profile folder


@dataclass(frozen=True)
class SessionRow:
    id: int
    scenario_key: str
    scenario_title: str
    started_at: datetime
    duration_s: int | None
    scores: Mapping[str, int] = field(default_factory=dict)
    comment: str = ""
    notes: str = ""
    recording: str = ""

    @property
    def average(self) -> float | None:
        return core.average(self.scores)


def _titles() -> dict[str, str]:
    return {sc.key: sc.title for sc in load_playbook().scenarios}


def record_session(db: Database, data: SessionInput) -> int:
    """Store a finished practice call with its self-scores; returns the session id."""
    playbook = load_playbook()
    if data.scenario_key not in {sc.key for sc in playbook.scenarios}:
        raise ValidationError(f"“{data.scenario_key}” is not a practice scenario.", "scenario")
    scores = core.check_scores(data.scores, [item.key for item in playbook.rubric])
    if data.duration_s is not None and not 0 <= data.duration_s <= 24 * 3600:
        raise ValidationError("The duration of the call is out of range.", "duration")
    comment = clean_text(data.comment, field="comment", max_length=core.COMMENT_MAX)
    if len(data.notes) > core.NOTES_MAX:
        raise ValidationError(f"Notes are limited to {core.NOTES_MAX:,} characters.", "notes")
    with db.session() as s:
        row = PracticeSession(
            scenario_key=data.scenario_key,
            started_at=data.started_at.replace(microsecond=0),
            duration_s=data.duration_s,
            scores=json.dumps(scores),
            comment=comment,
            notes=data.notes.replace("\r\n", "\n"),
            recording=data.recording,
        )
        s.add(row)
        s.flush()
        return row.id


def sessions(db: Database, scenario_key: str | None = None) -> list[SessionRow]:
    """Practice calls, oldest first (one scenario's, or all)."""
    titles = _titles()
    stmt = select(PracticeSession).order_by(PracticeSession.started_at, PracticeSession.id)
    if scenario_key is not None:
        stmt = stmt.where(PracticeSession.scenario_key == scenario_key)
    with db.session() as s:
        rows = list(s.execute(stmt).scalars())
        return [
            SessionRow(
                id=r.id,
                scenario_key=r.scenario_key,
                scenario_title=titles.get(r.scenario_key, r.scenario_key),
                started_at=r.started_at,
                duration_s=r.duration_s,
                scores=core.read_scores(r.scores),
                comment=r.comment,
                notes=r.notes,
                recording=r.recording,
            )
            for r in rows
        ]


def delete_session(db: Database, session_id: int) -> None:
    """Forget a practice call, and its recording when the app made one."""
    with db.session() as s:
        row = s.get(PracticeSession, session_id)
        if row is None:
            raise NotFoundError("That practice call no longer exists.")
        recording = row.recording
        s.delete(row)
    delete_recording(db, recording)


# -- test scores ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreInput:
    kind: str
    value: str
    accuracy: str = ""
    taken_on: str = "today"
    application_id: int | None = None
    notes: str = ""
    # When the moment is known (a test taken in the app): taken_on is its day.
    taken_at: datetime | None = None
    # Figures beside the value, e.g. a typing test's gross_wpm, net_wpm, accuracy (0-1),
    # seconds and passage; stored as a JSON object.
    details: Mapping[str, object] | None = None


@dataclass(frozen=True)
class ScoreRow:
    id: int
    kind: str
    label: str
    value: float
    accuracy: float | None
    taken_on: date
    application_id: int | None
    company: str
    notes: str
    taken_at: datetime | None = None
    details: Mapping[str, object] = field(default_factory=dict)

    @property
    def moment(self) -> datetime:
        """When it was taken: the time when known, else the start of the day."""
        return self.taken_at or datetime.combine(self.taken_on, datetime.min.time())

    @property
    def result(self) -> str:
        net, gross = self.details.get("net_wpm"), self.details.get("gross_wpm")
        typing = self.kind == "typing"
        if typing and isinstance(net, int | float) and isinstance(gross, int | float):
            text = f"{net:g} net wpm ({gross:g} gross)"  # a test taken in the app
            return text + (f" at {self.accuracy:g}% accuracy" if self.accuracy is not None else "")
        kind = next((k for k in core.TEST_KINDS if k.key == self.kind), None)
        return kind.describe(self.value, self.accuracy) if kind else f"{self.value:g}"


def _number(text: str, field: str, label: str) -> float | None:
    raw = text.strip().rstrip("%").strip()
    if not raw:
        return None
    try:
        return parse_amount(raw, field=field)
    except ValidationError:
        raise ValidationError(f"{label}: “{text.strip()}” is not a number.", field) from None


def _details(data: ScoreInput) -> str:
    if data.details is None:
        return "{}"
    return core.check_details(data.details)


@contextmanager
def _within(db: Database, session: Session | None) -> Iterator[Session]:
    """The caller's transaction when it passes one (a drill set stores its item statistics
    with its score), else a short one of our own."""
    if session is not None:
        yield session
        return
    with db.session() as s:
        yield s


def add_test_score(db: Database, data: ScoreInput, *, session: Session | None = None) -> int:
    """Log a test result (typed in, or a test taken in the app with its moment and details);
    tied to the application's exam milestone when it has one."""
    kind = core.score_kind(data.kind)
    today = db.clock.today()
    value = _number(data.value, "value", kind.value_label)
    accuracy = _number(data.accuracy, "accuracy", "Accuracy")
    taken_at = data.taken_at.replace(microsecond=0) if data.taken_at is not None else None
    if taken_at is not None:
        if taken_at > db.clock.now():
            raise ValidationError(f"{taken_at:%Y-%m-%d %H:%M} is in the future.", "taken_on")
        taken_on: date | None = taken_at.date()
    else:
        taken_on = parse_date(data.taken_on, today=today, field="taken_on", allow_future=False)
    details = _details(data)
    core.check_test_score(kind, value, accuracy, taken_on, today)
    assert value is not None and taken_on is not None
    notes = clean_text(data.notes, field="notes", max_length=core.COMMENT_MAX)
    with _within(db, session) as s:
        event_id = None
        if data.application_id is not None:
            app = s.get(Application, data.application_id)
            if app is None or app.deleted_at is not None:
                raise NotFoundError("That application no longer exists.")
            event_id = s.execute(
                select(StageEvent.id)
                .join(Stage, Stage.id == StageEvent.stage_id)
                .where(StageEvent.application_id == app.id, Stage.key == EXAM)
                .order_by(StageEvent.id.desc())
                .limit(1)
            ).scalar_one_or_none()
        row = TestScore(
            kind=kind.key,
            value=value,
            accuracy=accuracy,
            taken_on=taken_on,
            application_id=data.application_id,
            stage_event_id=event_id,
            notes=notes,
            taken_at=taken_at,
            details=details,
        )
        s.add(row)
        s.flush()
        return row.id


def logged_scores(db: Database, kind: str | None = None) -> list[ScoreRow]:
    """Logged scores, oldest first (one kind's, or all); on one day, those without a time
    first."""
    labels = {k.key: k.label for k in core.TEST_KINDS}
    stmt = (
        select(TestScore, Company.name)
        .outerjoin(Application, Application.id == TestScore.application_id)
        .outerjoin(Company, Company.id == Application.company_id)
        .order_by(TestScore.taken_on, TestScore.taken_at, TestScore.id)
    )
    if kind is not None:
        stmt = stmt.where(TestScore.kind == kind)
    with db.session() as s:
        return [
            ScoreRow(
                id=t.id,
                kind=t.kind,
                label=labels.get(t.kind, t.kind),
                value=t.value,
                accuracy=t.accuracy,
                taken_on=t.taken_on,
                application_id=t.application_id,
                company=company or "",
                notes=t.notes,
                taken_at=t.taken_at,
                details=core.read_details(t.details),
            )
            for t, company in s.execute(stmt)
        ]


def delete_test_score(db: Database, score_id: int) -> None:
    with db.session() as s:
        row = s.get(TestScore, score_id)
        if row is None:
            raise NotFoundError("That score no longer exists.")
        s.delete(row)
