"""SQLAlchemy 2 models: the whole data model, typed.

Enumerated columns are plain strings guarded by CHECK constraints so the file stays readable by
any SQLite tool; the vocabularies live in nextcall.core.stages.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from nextcall.core.companies import company_key
from nextcall.core.stages import FollowUpKind, FollowUpState, NoteKind, Outcome, Status

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _in(column: str, values: type) -> str:
    return f"{column} IN ({', '.join(repr(str(v.value)) for v in values)})"  # type: ignore[attr-defined]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Company(Base):
    __tablename__ = "companies"
    # One company per name as core.companies.company_key compares them (migration 0003).
    __table_args__ = (Index("ix_companies_name_key", "name_key", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200, collation="NOCASE"))
    # company_key(name), set whenever the name is: what makes two names the same company.
    name_key: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    reapply_after: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    applications: Mapped[list[Application]] = relationship(
        back_populates="company", passive_deletes=True
    )
    contacts: Mapped[list[Contact]] = relationship(back_populates="company", passive_deletes=True)

    @validates("name")
    def _keep_key(self, _attribute: str, value: str) -> str:
        self.name_key = company_key(value)
        return value


class Contact(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    memory_hook: Mapped[str] = mapped_column(Text, default="")

    company: Mapped[Company] = relationship(back_populates="contacts")


class Application(Base):
    __tablename__ = "applications"
    __table_args__ = (
        CheckConstraint(_in("status", Status), name="status"),
        CheckConstraint("salary_expected IS NULL OR salary_expected >= 0", name="salary_expected"),
        CheckConstraint("salary_offered IS NULL OR salary_offered >= 0", name="salary_offered"),
        Index("ix_applications_applied_on", "applied_on"),
        Index("ix_applications_status", "status"),
        Index(
            "ix_applications_deleted",
            "deleted_at",
            sqlite_where=text("deleted_at IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="RESTRICT"), index=True
    )
    position: Mapped[str] = mapped_column(String(200), default="")
    account_type: Mapped[str] = mapped_column(String(100), default="", index=True)
    source: Mapped[str] = mapped_column(String(200), default="")
    url: Mapped[str] = mapped_column(Text, default="")
    applied_on: Mapped[date | None] = mapped_column(Date)
    site: Mapped[str] = mapped_column(String(200), default="")
    shift: Mapped[str] = mapped_column(String(100), default="")
    salary_expected: Mapped[float | None] = mapped_column(Float)
    salary_offered: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16), default=Status.ACTIVE.value)
    closing_reason: Mapped[str] = mapped_column(Text, default="")
    last_contact_on: Mapped[date | None] = mapped_column(Date, index=True)
    # Offer details, filled at the job-offer milestone.
    offer_pay: Mapped[str] = mapped_column(String(200), default="")
    offer_shift: Mapped[str] = mapped_column(String(200), default="")
    offer_site: Mapped[str] = mapped_column(String(200), default="")
    offer_start_on: Mapped[date | None] = mapped_column(Date)
    offer_notes: Mapped[str] = mapped_column(Text, default="")
    # The applicant's one-line answers to the four things a panel weighs.
    answer_ability: Mapped[str] = mapped_column(Text, default="")
    answer_motivation: Mapped[str] = mapped_column(Text, default="")
    answer_fit: Mapped[str] = mapped_column(Text, default="")
    answer_confidence: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Progress, derived from the stage events and follow-ups and kept here so the table can
    # sort and filter 100,000 applications in SQL (services/progress.py maintains it).
    furthest_stage_id: Mapped[int | None] = mapped_column(Integer)
    furthest_position: Mapped[float | None] = mapped_column(Float, index=True)
    furthest_outcome: Mapped[str | None] = mapped_column(String(16))
    current_stage_id: Mapped[int | None] = mapped_column(Integer)
    current_position: Mapped[float | None] = mapped_column(Float, index=True)
    current_state: Mapped[str | None] = mapped_column(String(16))
    next_follow_up_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )

    company: Mapped[Company] = relationship(back_populates="applications")
    events: Mapped[list[StageEvent]] = relationship(
        back_populates="application", passive_deletes=True, cascade="all, delete-orphan"
    )


class Stage(Base):
    """The stage catalogue: the ten built-in milestones plus the user's own stages."""

    __tablename__ = "stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[float] = mapped_column(Float)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    guidance: Mapped[str] = mapped_column(Text, default="")


class UnusedStage(Base):
    """A stage this application's company does not use (e.g. no sales test)."""

    __tablename__ = "unused_stages"

    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    stage_id: Mapped[int] = mapped_column(
        ForeignKey("stages.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class StageEvent(Base):
    __tablename__ = "stage_events"
    __table_args__ = (
        CheckConstraint(_in("outcome", Outcome), name="outcome"),
        Index("ix_stage_events_application_stage", "application_id", "stage_id", "outcome"),
        Index("ix_stage_events_stage_outcome", "stage_id", "outcome", "application_id"),
        # The next scheduled interview without scanning every event (migration 0002).
        Index(
            "ix_stage_events_scheduled_at",
            "scheduled_at",
            sqlite_where=text("outcome = 'scheduled'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id", ondelete="RESTRICT"), index=True)
    outcome: Mapped[str] = mapped_column(String(16), default=Outcome.SCHEDULED.value)
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime)
    happened_on: Mapped[date | None] = mapped_column(Date)
    score: Mapped[float | None] = mapped_column(Float)
    interviewer: Mapped[str] = mapped_column(String(200), default="")
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    # Keys of the playbook's "if it stopped here, check" items the applicant ticked (JSON list).
    checks: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )

    application: Mapped[Application] = relationship(back_populates="events")
    stage: Mapped[Stage] = relationship()


class StageChange(Base):
    """Append-only history: every outcome recorded for a stage, with its time."""

    __tablename__ = "stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id", ondelete="RESTRICT"))
    outcome: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64, collation="NOCASE"), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)


class Note(Base):
    __tablename__ = "notes"
    __table_args__ = (
        CheckConstraint(_in("kind", NoteKind), name="kind"),
        Index("ix_notes_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    stage_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("stage_events.id", ondelete="SET NULL"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16), default=NoteKind.OBSERVATION.value)
    body: Mapped[str] = mapped_column(Text, default="")
    # For debrief items: the fix paired with what went wrong (the body).
    fix: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )

    tags: Mapped[list[Tag]] = relationship(secondary="note_tags")


class NoteTag(Base):
    __tablename__ = "note_tags"

    note_id: Mapped[int] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class AreaMention(Base):
    """One improvement-area tag on one tip, feedback or debrief note, with the interview the
    note belongs to: derived data, written only by the triggers in store/area_index.py
    (migration 0005), read to rank the areas without a pass over every note."""

    __tablename__ = "area_mentions"
    __table_args__ = (
        Index("ix_area_mentions_interview", "tag_id", "interview", "day", "application_id"),
        Index("ix_area_mentions_day", "tag_id", "day", "note_id", "application_id"),
    )

    note_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tag_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int | None] = mapped_column(Integer)
    interview: Mapped[str] = mapped_column(Text)  # "e<event id>" or "d<application id> <day>"
    day: Mapped[date] = mapped_column(Date)


class StageOutcomeCount(Base):
    """How many events of one milestone have one outcome (trash included): derived data,
    written only by the triggers in store/outcome_counts.py (migration 0006), read by the
    funnel instead of a pass over every event."""

    __tablename__ = "stage_outcome_counts"

    stage_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16), primary_key=True)
    events: Mapped[int] = mapped_column(Integer)


class FollowUp(Base):
    __tablename__ = "follow_ups"
    __table_args__ = (
        CheckConstraint(_in("kind", FollowUpKind), name="kind"),
        CheckConstraint(_in("state", FollowUpState), name="state"),
        UniqueConstraint("application_id", "rule_key"),
        Index("ix_follow_ups_state_due", "state", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    stage_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("stage_events.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(300))
    due_at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(16), default=FollowUpState.OPEN.value)
    snoozed_until: Mapped[datetime | None] = mapped_column(DateTime)
    # Identifies the rule that generated it, so rules never create the same follow-up twice.
    rule_key: Mapped[str | None] = mapped_column(String(120))
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class Question(Base):
    """The question bank: playbook questions and the user's own, with the prepared answer."""

    __tablename__ = "questions"
    __table_args__ = (
        CheckConstraint("confidence IS NULL OR confidence BETWEEN 1 AND 5", name="confidence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    playbook_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    category: Mapped[str] = mapped_column(String(64), default="own")
    text: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[int | None] = mapped_column(Integer)
    last_practised_at: Mapped[datetime | None] = mapped_column(DateTime)


class PracticeSession(Base):
    """A mock-call drill: the scenario, rubric self-scores (JSON object) and notes."""

    __tablename__ = "practice_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    scenario_key: Mapped[str] = mapped_column(String(64), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    duration_s: Mapped[int | None] = mapped_column(Integer)
    scores: Mapped[str] = mapped_column(Text, default="{}")
    comment: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    recording: Mapped[str] = mapped_column(Text, default="")


class TestScore(Base):
    __tablename__ = "test_scores"
    __test__ = False  # not a pytest class, despite the name

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[float] = mapped_column(Float)
    accuracy: Mapped[float | None] = mapped_column(Float)
    taken_on: Mapped[date] = mapped_column(Date)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="SET NULL"), index=True
    )
    stage_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("stage_events.id", ondelete="SET NULL")
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    taken_at: Mapped[datetime | None] = mapped_column(DateTime)  # None: only the day is known
    details: Mapped[str] = mapped_column(Text, default="{}", server_default=text("'{}'"))  # JSON


class DrillStat(Base):
    """How often a drill item was answered and missed, so missed items come back."""

    __tablename__ = "drill_stats"

    item_key: Mapped[str] = mapped_column(String(80), primary_key=True)
    seen: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    missed: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    last_seen: Mapped[datetime | None] = mapped_column(DateTime)
    last_missed: Mapped[datetime | None] = mapped_column(DateTime)


class Setting(Base):
    """Small key/value preferences that belong with the data (weekly target, thresholds)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
