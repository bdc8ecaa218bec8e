"""services/practice.py: the question bank with prepared answers, mock-call sessions and test
scores, through the real database."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.core.playbook import RUBRIC_KEYS
from nextcall.services import practice
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.packet import gather_packet
from nextcall.services.recordings import save_recording
from nextcall.services.stages import record_outcome
from nextcall.store.models import Question, TestScore

SCORES = dict(zip(RUBRIC_KEYS, (4, 3, 3, 2, 2, 4), strict=True))


def test_the_bank_lists_playbook_questions_before_any_are_stored(db: Database) -> None:
    bank = practice.question_bank(db)
    keys = [q.key for q in bank]
    assert keys[0] == "weekends" and "interview:introduce-yourself" in keys
    assert "ask:typical-day" in keys
    assert all(q.answer == "" and q.confidence is None for q in bank)
    with db.session() as s:
        assert s.execute(select(Question)).first() is None  # reading stores nothing


def test_a_job_fit_answer_is_stored_under_its_key_and_printed_in_the_packet(db: Database) -> None:
    saved = practice.save_answer(db, "night-shifts", "Yes, I worked nights before.\r\nAny shift.")
    assert isinstance(saved, datetime)
    practice.set_confidence(db, "night-shifts", 4)
    with db.session() as s:
        row = s.execute(select(Question)).scalar_one()
        assert (row.playbook_key, row.category) == ("night-shifts", "job-fit")
        assert "graveyard" in row.text
    question = practice.get_question(db, "night-shifts")
    assert question.answer == "Yes, I worked nights before.\nAny shift."
    assert question.confidence == 4 and question.last_practised_at is None
    app = add_application(db, ApplicationForm(company="Harborline BPO"))
    packet = gather_packet(db, app)
    night = next(p for p in packet.job_fit if "graveyard" in p.question)
    assert night.answer.startswith("Yes, I worked nights") and night.confidence == 4


def test_saving_again_updates_the_same_row(db: Database) -> None:
    practice.save_answer(db, "interview:introduce-yourself", "first")
    practice.save_answer(db, "interview:introduce-yourself", "second")
    with db.session() as s:
        rows = s.execute(select(Question)).scalars().all()
        assert [(r.playbook_key, r.category, r.answer) for r in rows] == [
            ("interview:introduce-yourself", "interview", "second")
        ]


def test_a_drill_stores_the_rating_and_the_time(db: Database) -> None:
    at = datetime(2026, 11, 20, 19, 30)
    result = practice.record_drill(db, "ask:perks", 3, at=at)
    assert (result.confidence, result.last_practised_at) == (3, at)
    assert practice.get_question(db, "ask:perks").last_practised_at == at
    now = practice.record_drill(db, "salary", 5)
    assert now.last_practised_at is not None
    assert now.last_practised_at.date() == date(2026, 11, 20)  # the database's today
    with pytest.raises(ValidationError, match="from 1 to 5"):
        practice.record_drill(db, "salary", 6)


def test_unknown_keys_fail_clearly(db: Database) -> None:
    with pytest.raises(NotFoundError, match="not a question of the bank"):
        practice.save_answer(db, "interview:nope", "x")
    with pytest.raises(NotFoundError, match="no longer exists"):
        practice.save_answer(db, "own:999", "x")
    with pytest.raises(ValidationError):
        practice.save_answer(db, "weekends", "x" * 20_001)


def test_own_questions(db: Database) -> None:
    key = practice.add_own_question(db, "  How would you handle a customer who talks fast?  ")
    assert key.startswith("own:")
    practice.save_answer(db, key, "Ask them kindly to slow down.")
    practice.rename_own_question(db, key, "What if a customer talks very fast?")
    own = practice.question_bank(db)[-1]
    assert (own.key, own.text, own.own) == (key, "What if a customer talks very fast?", True)
    assert own.answer == "Ask them kindly to slow down."
    packet = gather_packet(db, add_application(db, ApplicationForm(company="Acme")))
    assert [p.question for p in packet.own_questions] == ["What if a customer talks very fast?"]
    with pytest.raises(ValidationError, match="required"):
        practice.add_own_question(db, "   ")
    with pytest.raises(ValidationError, match="not one of your own"):
        practice.delete_own_question(db, "weekends")
    practice.delete_own_question(db, key)
    assert all(not q.own for q in practice.question_bank(db))
    with pytest.raises(NotFoundError):
        practice.delete_own_question(db, key)


# -- mock-call sessions ---------------------------------------------------------------------


def session(scenario: str = "irate-customer", **changes: object) -> practice.SessionInput:
    values: dict[str, object] = {
        "scenario_key": scenario,
        "started_at": datetime(2026, 11, 18, 19, 30, 12, 345),
        "duration_s": 330,
        "scores": SCORES,
        "comment": "  Interrupted twice.  ",
        "notes": "Ticket 4471",
    }
    values.update(changes)
    return practice.SessionInput(**values)  # type: ignore[arg-type]


def test_sessions_are_stored_and_listed_oldest_first(db: Database) -> None:
    later = practice.record_session(db, session(started_at=datetime(2026, 11, 19, 9, 0)))
    earlier = practice.record_session(db, session("inbound-request"))
    rows = practice.sessions(db)
    assert [r.id for r in rows] == [earlier, later]
    first = rows[0]
    assert first.scenario_title == "Take an inbound request and process it"
    assert first.started_at == datetime(2026, 11, 18, 19, 30, 12)
    assert first.comment == "Interrupted twice." and first.notes == "Ticket 4471"
    assert dict(first.scores) == SCORES and first.average == pytest.approx(3.0)
    assert [r.id for r in practice.sessions(db, "irate-customer")] == [later]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"scenario_key": "karaoke"}, "not a practice scenario"),
        ({"scores": {"greeting": 3}}, "Score every item"),
        ({"duration_s": -1}, "out of range"),
        ({"comment": "x" * 2001}, "under 2000"),
    ],
)
def test_bad_sessions_are_refused(db: Database, changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        practice.record_session(db, session(**changes))
    assert practice.sessions(db) == []


def test_deleting_a_session_removes_its_recording(db: Database) -> None:
    stored = save_recording(db, b"\x10\x00" * 1600, 16_000, datetime(2026, 11, 20, 9, 0))
    session_id = practice.record_session(db, session(recording=stored))
    path = db.paths.root / stored
    assert path.exists()
    practice.delete_session(db, session_id)
    assert not path.exists() and practice.sessions(db) == []
    with pytest.raises(NotFoundError):
        practice.delete_session(db, session_id)


# -- test scores ----------------------------------------------------------------------------


def test_scores_are_logged_and_tied_to_the_exam(db: Database) -> None:
    app = add_application(db, ApplicationForm(company="Seabright"))
    exam_event = record_outcome(db, app, "exam", "passed")
    practice.add_test_score(db, practice.ScoreInput("typing", "38", "93%", "2026-11-01"))
    exam_id = practice.add_test_score(
        db, practice.ScoreInput("exam", "86", taken_on="yesterday", application_id=app, notes="ok")
    )
    rows = practice.logged_scores(db)
    assert [(r.kind, r.value, r.accuracy, r.taken_on) for r in rows] == [
        ("typing", 38.0, 93.0, date(2026, 11, 1)),
        ("exam", 86.0, None, date(2026, 11, 19)),
    ]
    assert rows[0].result == "38 wpm at 93% accuracy" and rows[0].label == "Typing speed"
    assert (rows[1].company, rows[1].application_id, rows[1].notes) == ("Seabright", app, "ok")
    with db.session() as s:
        assert s.get(TestScore, exam_id).stage_event_id == exam_event  # type: ignore[union-attr]
    assert [r.kind for r in practice.logged_scores(db, "typing")] == ["typing"]
    practice.delete_test_score(db, rows[0].id)
    assert [r.kind for r in practice.logged_scores(db)] == ["exam"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (practice.ScoreInput("typing", ""), "value", "required"),
        (practice.ScoreInput("typing", "fast"), "value", "not a number"),
        (practice.ScoreInput("typing", "40", "150"), "accuracy", "percentage"),
        (practice.ScoreInput("typing", "40", taken_on="2026-12-01"), "taken_on", "future"),
        (practice.ScoreInput("exam", "140"), "value", "between 0 and 100"),
        (practice.ScoreInput("iq", "120"), "kind", "not a kind"),
    ],
)
def test_bad_scores_name_the_field(
    db: Database, data: practice.ScoreInput, field: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        practice.add_test_score(db, data)
    assert info.value.field == field


def test_a_score_for_a_missing_application(db: Database) -> None:
    with pytest.raises(NotFoundError):
        practice.add_test_score(db, practice.ScoreInput("typing", "40", application_id=99))
    with pytest.raises(NotFoundError):
        practice.delete_test_score(db, 99)
