"""services/demo.py: the sample profile covers every milestone and status, once only."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from sqlalchemy import Date, DateTime, func, select

from nextcall.core.clock import Clock
from nextcall.core.stages import MILESTONE_KEYS, REACHED_OUTCOMES, Status
from nextcall.services.applications import ApplicationQuery, count_applications, list_applications
from nextcall.services.database import Database
from nextcall.services.demo import DemoSummary, ProfileNotEmptyError, fill_demo
from nextcall.store.migrate import integrity_problems
from nextcall.store.models import (
    Application,
    Base,
    Company,
    Contact,
    FollowUp,
    Note,
    NoteTag,
    Stage,
    StageEvent,
    Tag,
    UnusedStage,
)

TABLES = (Application, Company, Contact, FollowUp, Note, NoteTag, StageEvent, Tag)


def table_counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {
            model.__tablename__: s.execute(select(func.count()).select_from(model)).scalar_one()
            for model in TABLES
        }


@pytest.fixture
def demo(db: Database) -> DemoSummary:
    return fill_demo(db)


def test_about_forty_applications(db: Database, demo: DemoSummary) -> None:
    counts = table_counts(db)
    assert 35 <= demo.applications <= 45
    assert counts["applications"] == demo.applications
    assert counts["stage_events"] == demo.events
    assert counts["notes"] == demo.notes
    assert counts["follow_ups"] == demo.follow_ups
    assert count_applications(db, ApplicationQuery()) == demo.applications


def test_every_milestone_is_reached(db: Database, demo: DemoSummary) -> None:
    reached = [o.value for o in REACHED_OUTCOMES]
    with db.session() as s:
        keys = set(
            s.execute(
                select(Stage.key)
                .join(StageEvent, StageEvent.stage_id == Stage.id)
                .where(StageEvent.outcome.in_(reached))
            ).scalars()
        )
    assert keys == set(MILESTONE_KEYS)
    # And the list shows a good spread of furthest milestones, including the last one.
    rows = list_applications(db, ApplicationQuery(), limit=1000)
    furthest = {row.furthest_key for row in rows}
    assert "job-offer" in furthest
    assert None not in furthest  # every sample application has at least one milestone
    assert len(furthest) >= 8


def test_every_status_is_used(db: Database, demo: DemoSummary) -> None:
    with db.session() as s:
        statuses = set(s.execute(select(Application.status)).scalars())
    assert statuses == {s.value for s in Status}


def test_rejected_applications_keep_their_milestone(db: Database, demo: DemoSummary) -> None:
    rows = list_applications(db, ApplicationQuery(statuses=("rejected",)), limit=1000)
    assert rows
    assert all(row.furthest_key for row in rows)
    assert {row.furthest_outcome for row in rows} == {"failed"}
    assert len({row.furthest_key for row in rows}) >= 5


def test_notes_carry_tags(db: Database, demo: DemoSummary) -> None:
    with db.session() as s:
        tagged = s.execute(select(func.count(func.distinct(NoteTag.note_id)))).scalar_one()
        tag_keys = set(s.execute(select(Tag.key)).scalars())
        searchable = s.execute(
            select(func.count()).select_from(Note).where(Note.body != "")
        ).scalar_one()
    assert demo.notes > 0
    assert tagged > demo.notes // 2
    assert len(tag_keys) >= 3
    assert searchable == demo.notes


def test_notes_are_in_the_full_text_index(db: Database, demo: DemoSummary) -> None:
    with db.session() as s:
        notes = s.execute(select(Note.id, Note.body)).all()
        connection = s.connection()
        for note_id, body in notes:
            word = max(re.findall(r"[A-Za-z]+", body), key=len)
            found = connection.exec_driver_sql(
                "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?", (f'"{word}"',)
            ).scalars()
            assert note_id in set(found), (word, body)


def test_each_story_follows_the_catalogue(db: Database, demo: DemoSummary) -> None:
    """Events happen in milestone order, and never on a stage marked unused for that
    application; so the furthest milestone is where each sample story really stopped."""
    with db.session() as s:
        events = s.execute(
            select(StageEvent.application_id, Stage.key, Stage.position, StageEvent.outcome)
            .join(Stage, Stage.id == StageEvent.stage_id)
            .order_by(StageEvent.id)
        ).all()
        unused = set(s.execute(select(UnusedStage.application_id, Stage.key).join(Stage)).all())
    stories: dict[int, list[tuple[str, float, str]]] = {}
    for app_id, key, position, outcome in events:
        stories.setdefault(app_id, []).append((key, position, outcome))
        assert (app_id, key) not in unused
    for app_id, story in stories.items():
        positions = [position for _, position, _ in story]
        assert positions == sorted(positions), (app_id, story)
        assert all(outcome == "passed" for _, _, outcome in story[:-1]), (app_id, story)


def test_a_second_fill_is_refused_and_adds_nothing(db: Database, demo: DemoSummary) -> None:
    before = table_counts(db)
    with pytest.raises(ProfileNotEmptyError, match="already has"):
        fill_demo(db)
    assert table_counts(db) == before


def test_a_profile_with_one_application_is_not_filled(db: Database) -> None:
    from nextcall.services.applications import ApplicationForm, add_application

    add_application(db, ApplicationForm(company="Mine"))
    with pytest.raises(ProfileNotEmptyError):
        fill_demo(db)
    assert table_counts(db)["applications"] == 1


def test_the_sample_profile_is_sound(db: Database, demo: DemoSummary) -> None:
    assert integrity_problems(db.engine, db.paths.database) == []


def test_dates_are_relative_to_today(db: Database, demo: DemoSummary, today: date) -> None:
    with db.session() as s:
        latest = s.execute(select(func.max(Application.applied_on))).scalar_one()
        first = s.execute(select(func.min(Application.applied_on))).scalar_one()
    assert latest is not None and first is not None
    assert latest <= today
    assert (today - first).days <= 180


# Columns that may lie ahead: what is planned, not what happened.
AHEAD = {
    ("companies", "reapply_after"),
    ("applications", "offer_start_on"),
    ("applications", "next_follow_up_at"),
    ("follow_ups", "due_at"),
    ("follow_ups", "snoozed_until"),
}


@pytest.mark.parametrize("moment", ["2026-11-20T00:20", "2026-11-20T08:05", "2026-11-20T15:50",
                                    "2026-11-20T23:50"])  # fmt: skip
def test_nothing_recorded_lies_in_the_future(db: Database, moment: str) -> None:
    now = datetime.fromisoformat(moment)
    db.clock = Clock.fixed(now)
    fill_demo(db)
    ahead: list[str] = []
    with db.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if not isinstance(column.type, Date | DateTime) or (
                    (table.name, column.name) in AHEAD
                ):
                    continue
                limit = now if isinstance(column.type, DateTime) else now.date()
                query = select(column).where(column > limit)
                if (table.name, column.name) == ("stage_events", "scheduled_at"):
                    query = query.where(table.c.outcome != "scheduled")  # planned, not held
                for (value,) in connection.execute(query):
                    ahead.append(f"{table.name}.{column.name} = {value}")
    assert ahead == []


@pytest.mark.parametrize("moment", ["2026-11-20T08:05", "2026-11-20T23:50"])
def test_notes_and_milestones_follow_each_other(db: Database, moment: str) -> None:
    now = datetime.fromisoformat(moment)
    db.clock = Clock.fixed(now)
    fill_demo(db)
    with db.session() as s:
        notes = s.execute(
            select(Note.created_at, StageEvent.outcome, StageEvent.scheduled_at, Stage.key)
            .join(StageEvent, StageEvent.id == Note.stage_event_id)
            .join(Stage, Stage.id == StageEvent.stage_id)
        ).all()
        assert notes
        for written, outcome, held, key in notes:
            assert outcome != "scheduled", f"a note about the {key} still to come"
            assert key != "application" and held is not None
            assert held < written <= now, (key, held, written)
        events = s.execute(
            select(StageEvent.application_id, Stage.position, StageEvent.scheduled_at,
                   StageEvent.happened_on, StageEvent.outcome)
            .join(Stage, Stage.id == StageEvent.stage_id)
            .order_by(StageEvent.application_id, Stage.position)
        ).all()  # fmt: skip
    last: dict[int, datetime] = {}
    for app_id, _position, at, happened, outcome in events:
        assert at is not None
        if outcome != "scheduled":
            assert happened == at.date()
        else:
            assert at > now and happened is None
        if app_id in last:
            assert at > last[app_id], "milestones in the order of the catalogue"
        last[app_id] = at
