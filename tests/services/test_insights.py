"""services/insights.py: which improvement areas interviewers keep naming, from the real file."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import update

from nextcall.core.insights import Trend
from nextcall.services.applications import ApplicationForm, add_application, delete_application
from nextcall.services.database import Database
from nextcall.services.insights import recurring_areas
from nextcall.services.notes import NoteInput, add_note
from nextcall.services.stages import record_outcome
from nextcall.store.models import Note


def note(
    db: Database,
    body: str,
    on: date,
    *,
    kind: str = "tip",
    app: int | None = None,
    event: int | None = None,
    tags: tuple[str, ...] = (),
) -> int:
    note_id = add_note(
        db, NoteInput(body, kind=kind, application_id=app, stage_event_id=event, tags=tags)
    )
    stamp = datetime.combine(on, datetime.min.time().replace(hour=18))
    with db.session() as s:
        s.execute(update(Note).where(Note.id == note_id).values(created_at=stamp))
    return note_id


@pytest.fixture
def apps(db: Database) -> tuple[int, int]:
    a = add_application(db, ApplicationForm(company="Bluewave", applied_on="2026-08-02"))
    b = add_application(db, ApplicationForm(company="Harborline", applied_on="2026-08-02"))
    return a, b


def test_ranked_by_distinct_interviews_with_trend_and_quotes(
    db: Database, apps: tuple[int, int]
) -> None:
    a, b = apps
    phone_a = record_outcome(db, a, "phone-interview", "passed")
    final_a = record_outcome(db, a, "final-interview", "failed")
    phone_b = record_outcome(db, b, "phone-interview", "failed")
    # Confidence: three interviews (two notes on the same one count once).
    note(db, "Sound surer.", date(2026, 9, 1), app=a, event=phone_a, tags=("confidence",))
    note(
        db,
        "You said 'I think' a lot.",
        date(2026, 11, 10),
        app=a,
        event=final_a,
        kind="feedback",
        tags=("confidence", "english-grammar"),
    )
    note(
        db,
        "Nervous at the start.",
        date(2026, 11, 10),
        app=a,
        event=final_a,
        kind="debrief",
        tags=("confidence",),
    )
    note(db, "Look at the panel.", date(2026, 11, 18), app=b, event=phone_b, tags=("Confidence",))
    # Grammar: one event, plus two notes without an event on one day of application b (one
    # interview) and one on another day (another).
    note(db, "Past tense.", date(2026, 11, 12), app=b, tags=("english-grammar",))
    note(db, "Prepositions.", date(2026, 11, 12), app=b, tags=("english-grammar",))
    note(db, "Articles.", date(2026, 7, 1), app=b, tags=("english-grammar",))
    # Not counted: own observations, questions; untagged tips.
    note(
        db, "I felt rushed.", date(2026, 11, 19), app=a, kind="observation", tags=("speaking-pace",)
    )
    note(db, "Untagged tip.", date(2026, 11, 19), app=a)

    ranked = recurring_areas(db)
    assert [r.area for r in ranked] == ["confidence", "english-grammar"]
    confidence, grammar = ranked
    assert confidence.name == "Confidence"
    assert (confidence.interviews, confidence.recent, confidence.earlier) == (3, 2, 1)
    assert confidence.trend is Trend.RISING
    assert [q.text for q in confidence.quotes] == [
        "Look at the panel.",
        "Nervous at the start.",
        "You said 'I think' a lot.",
    ]
    assert confidence.quotes[0].company == "Harborline"
    assert confidence.quotes[0].on == date(2026, 11, 18)
    assert (grammar.interviews, grammar.recent, grammar.earlier) == (3, 2, 1)
    assert grammar.last_on == date(2026, 11, 12)
    # "today" moves the window: seen from March, nothing is recent any more.
    later = {r.area: r for r in recurring_areas(db, today=date(2027, 3, 1))}
    assert later["confidence"].trend is Trend.QUIET


def test_debrief_fix_is_kept_and_notes_without_an_application_count(db: Database) -> None:
    note(
        db,
        "Forgot to ask about the account.",
        date(2026, 11, 19),
        kind="debrief",
        tags=("product-knowledge",),
    )
    with db.session() as s:
        s.execute(update(Note).values(fix="Read the company site the night before."))
    [area] = recurring_areas(db)
    assert area.area == "product-knowledge"
    assert area.quotes[0].company is None
    assert area.quotes[0].fix == "Read the company site the night before."
    assert area.trend is Trend.NEW


def test_the_users_own_tags_count_and_trashed_applications_do_not(
    db: Database, apps: tuple[int, int]
) -> None:
    a, b = apps
    note(db, "Headset etiquette.", date(2026, 11, 1), app=a, tags=("Headset use",))
    note(db, "Volume.", date(2026, 11, 1), app=b, tags=("voice-volume",))
    delete_application(db, b)
    [area] = recurring_areas(db)
    assert (area.area, area.name) == ("headset-use", "Headset use")


def test_empty_profile(db: Database) -> None:
    assert recurring_areas(db) == []
