"""The improvement-area counts kept in ``area_mentions`` (store/area_index.py) always equal a
recount from the notes themselves: after adding, editing, deleting, trashing and restoring,
importing, and cascades that bypass the services."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import delete, select, update

from nextcall.core.insights import AreaInsight, rank_areas
from nextcall.services import insights
from nextcall.services.applications import (
    ApplicationForm,
    add_application,
    delete_application,
    restore_application,
)
from nextcall.services.database import Database
from nextcall.services.insights import mentions, recurring_areas
from nextcall.services.json_export import json_bytes
from nextcall.services.json_import import import_json
from nextcall.services.notes import NoteInput, add_note, delete_note, save_note
from nextcall.services.stages import record_outcome
from nextcall.store import area_index
from nextcall.store.models import Application, AreaMention, Note, StageEvent


def recount(db: Database, today: date | None = None) -> list[AreaInsight]:
    """The ranking computed from scratch: every tagged note read and ranked in Python."""
    found, names = mentions(db)
    ranked = rank_areas(found, today=today or db.clock.today(), names=names)
    return insights._quotes(db, ranked)


def stored_rows(db: Database) -> set[tuple[object, ...]]:
    with db.session() as s:
        return {
            tuple(r)
            for r in s.execute(
                select(
                    AreaMention.note_id,
                    AreaMention.tag_id,
                    AreaMention.application_id,
                    AreaMention.interview,
                    AreaMention.day,
                )
            )
        }


def fresh_rows(db: Database) -> set[tuple[object, ...]]:
    """What a fill from scratch would hold."""
    with db.engine.begin() as c:
        c.exec_driver_sql("CREATE TEMP TABLE fill AS SELECT * FROM area_mentions WHERE 0")
        c.exec_driver_sql(area_index.FILL.replace("INTO area_mentions", "INTO temp.fill"))
        rows: set[tuple[object, ...]] = {
            (n, t, a, i, date.fromisoformat(d))
            for n, t, a, i, d in c.exec_driver_sql("SELECT * FROM temp.fill")
        }
        c.exec_driver_sql("DROP TABLE temp.fill")
    return rows


def check(db: Database) -> list[AreaInsight]:
    ranked = recurring_areas(db)
    assert ranked == recount(db)
    assert stored_rows(db) == fresh_rows(db)
    for day in (date(2026, 10, 1), date(2027, 3, 1)):  # other windows too
        assert recurring_areas(db, today=day) == recount(db, day)
    return ranked


def dated(db: Database, note_id: int, on: date) -> None:
    stamp = datetime.combine(on, datetime.min.time().replace(hour=18))
    with db.session() as s:
        s.execute(update(Note).where(Note.id == note_id).values(created_at=stamp))


@pytest.fixture
def filled(db: Database) -> dict[str, int]:
    a = add_application(db, ApplicationForm(company="Bluewave", applied_on="2026-08-02"))
    b = add_application(db, ApplicationForm(company="Harborline", applied_on="2026-08-03"))
    phone = record_outcome(db, a, "phone-interview", "passed")
    final = record_outcome(db, a, "final-interview", "failed")
    exam = record_outcome(db, b, "exam", "failed")
    ids = {"a": a, "b": b, "phone": phone, "final": final, "exam": exam}
    plan = [
        ("Sound surer.", "tip", a, phone, ("confidence",), date(2026, 9, 1)),
        ("Say less 'I think'.", "feedback", a, final, ("confidence", "english-grammar"), None),
        ("Nervous at first.", "debrief", a, final, ("confidence",), date(2026, 11, 10)),
        ("Look at the panel.", "tip", b, exam, ("Confidence",), date(2026, 11, 18)),
        ("Past tense.", "tip", b, None, ("english-grammar",), date(2026, 11, 12)),
        ("Prepositions.", "tip", b, None, ("english-grammar",), date(2026, 11, 12)),
        ("Articles.", "feedback", b, None, ("english-grammar", "voice-volume"), date(2026, 7, 1)),
        ("Speak up.", "tip", None, None, ("voice-volume",), date(2026, 11, 19)),
        ("I felt rushed.", "observation", a, final, ("speaking-pace",), None),
    ]
    for n, (body, kind, app, event, tags, on) in enumerate(plan):
        note_id = add_note(
            db, NoteInput(body, kind=kind, application_id=app, stage_event_id=event, tags=tags)
        )
        if on is not None:
            dated(db, note_id, on)
        ids[f"n{n}"] = note_id
    return ids


def test_the_stored_counts_match_a_recount(db: Database, filled: dict[str, int]) -> None:
    ranked = check(db)
    assert [(r.area, r.interviews, r.recent) for r in ranked] == [
        ("confidence", 3, 2),
        ("english-grammar", 3, 2),
        ("voice-volume", 2, 1),
    ]


def test_editing_a_note_moves_its_counts(db: Database, filled: dict[str, int]) -> None:
    save_note(db, filled["n0"], kind="observation")  # no longer counted
    check(db)
    save_note(db, filled["n8"], kind="tip")  # now counted, under its own area
    assert "speaking-pace" in {r.area for r in check(db)}
    save_note(db, filled["n3"], tags=("voice-volume", "typing"))  # other tags
    check(db)
    save_note(db, filled["n4"], stage_event_id=filled["exam"])  # now about the exam
    check(db)
    save_note(db, filled["n5"], application_id=filled["a"], stage_event_id=None)  # moved
    check(db)
    dated(db, filled["n1"], date(2026, 6, 1))  # an older day
    check(db)
    save_note(db, filled["n6"], tags=())
    assert "voice-volume" in {r.area for r in check(db)}


def test_deleting_notes_and_trashing_applications(db: Database, filled: dict[str, int]) -> None:
    delete_note(db, filled["n2"])
    check(db)
    delete_application(db, filled["b"])  # in the trash: left out
    ranked = check(db)
    assert {r.area for r in ranked} == {"confidence", "english-grammar", "voice-volume"}
    restore_application(db, filled["b"])  # back
    check(db)


def test_cascades_that_bypass_the_services(db: Database, filled: dict[str, int]) -> None:
    with db.session() as s:  # a milestone removed: its notes lose their event
        s.execute(delete(StageEvent).where(StageEvent.id == filled["final"]))
    check(db)
    with db.session() as s:  # an application purged: its notes go with it
        s.execute(delete(Application).where(Application.id == filled["b"]))
    check(db)


def test_a_json_import_counts_its_notes(db: Database, filled: dict[str, int]) -> None:
    before = recurring_areas(db)
    data = json_bytes(db)
    import_json(db, data)  # the same file again: nothing added
    assert check(db) == before
    with db.session() as s:
        s.execute(delete(Note))
    assert check(db) == []
    import_json(db, data)  # the notes come back, counted as before
    assert [(r.area, r.interviews) for r in check(db)] == [(r.area, r.interviews) for r in before]


def test_a_missing_trigger_is_put_back_and_the_table_refilled(
    db: Database, filled: dict[str, int]
) -> None:
    with db.engine.begin() as c:
        c.exec_driver_sql("DROP TRIGGER area_mentions_tag_ai")
    add_note(db, NoteInput("Slow down.", kind="tip", tags=("speaking-pace",)))
    assert stored_rows(db) != fresh_rows(db)  # drifted while the trigger was gone
    with db.engine.begin() as c:
        area_index.ensure(c)
    check(db)
