"""Gathering the prep packet: the right next milestone, past stops, answers, notes, plan."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from nextcall.core.errors import NotFoundError
from nextcall.services.application_detail import save_answer
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.contacts import ContactForm, add_contact, link_event_contact
from nextcall.services.database import Database
from nextcall.services.notes import NoteInput, add_note
from nextcall.services.packet import gather_packet, packet_step
from nextcall.services.stages import record_outcome, set_checks


def _app(db: Database, company: str = "Acme BPO", position: str = "CSR") -> int:
    return add_application(
        db, ApplicationForm(company=company, position=position, applied_on="2026-11-02")
    )


def test_next_scheduled_interview_with_contact_and_memory_hook(db: Database) -> None:
    app = _app(db)
    record_outcome(db, app, "phone-interview", "passed", on=date(2026, 11, 5))
    when = datetime(2026, 11, 24, 10, 30)
    event = record_outcome(db, app, "in-person-interview", "scheduled", scheduled_at=when)
    contact = add_contact(
        db,
        ContactForm("Maria Santos", "Recruiter", memory_hook="Loves basketball"),
        application_id=app,
    )
    link_event_contact(db, event, contact)
    data = gather_packet(db, app)
    assert data.company == "Acme BPO"
    assert data.step.stage_key == "in-person-interview"
    assert data.step.when == when
    assert data.step.contact_name == "Maria Santos"
    assert data.step.memory_hook == "Loves basketball"
    assert data.milestone is not None and data.milestone.key == "in-person-interview"
    assert packet_step(db, app) == ("Acme BPO", data.step)  # the light lookup agrees


def test_without_a_schedule_the_next_milestone_after_the_furthest_passed(db: Database) -> None:
    app = _app(db)
    record_outcome(db, app, "phone-interview", "passed", on=date(2026, 11, 5))
    data = gather_packet(db, app)
    assert data.step.stage_key == "in-person-interview"
    assert data.step.when is None
    assert data.follow_ups == ()


def test_past_stops_at_the_same_milestone_with_ticked_checks(db: Database) -> None:
    for name in ("Old One", "Old Two"):
        old = _app(db, name)
        event = record_outcome(db, old, "phone-interview", "failed", on=date(2026, 10, 1))
        set_checks(db, event, ["volume"])
    app = _app(db)
    record_outcome(
        db, app, "phone-interview", "scheduled", scheduled_at=datetime(2026, 11, 23, 9, 0)
    )
    data = gather_packet(db, app)
    assert data.stopped_before == 2
    assert [(t.key, t.count) for t in data.stop_checks] == [("volume", 2)]
    assert data.focus and data.focus[0][0] == "Voice volume"


def test_answers_fixes_and_company_notes(db: Database) -> None:
    app = _app(db)
    other = _app(db, "Other Co")
    save_answer(db, app, "motivation", "I like solving problems on the phone.")
    add_note(
        db, NoteInput(body="Spoke too fast", kind="debrief", application_id=other, fix="Pause")
    )
    add_note(db, NoteInput(body="Ask about the night differential", kind="tip", application_id=app))
    add_note(db, NoteInput(body="Not about Acme", kind="tip", application_id=other))
    data = gather_packet(db, app)
    answers = {p.factor.key: p.answer for p in data.panel}
    assert answers["motivation"] == "I like solving problems on the phone."
    assert answers["ability"] == ""
    assert [(n.text, n.fix) for n in data.fixes] == [("Spoke too fast", "Pause")]
    assert [n.text for n in data.company_notes] == ["Ask about the night differential"]
    assert len(data.job_fit) >= 5 and all(q.answer == "" for q in data.job_fit)
    assert 1 <= len(data.to_ask) <= 4


def test_follow_up_plan_after_a_scheduled_interview(db: Database) -> None:
    app = _app(db)
    record_outcome(
        db, app, "phone-interview", "scheduled", scheduled_at=datetime(2026, 11, 23, 9, 0)
    )
    plan = gather_packet(db, app).follow_ups
    titles = [(p.when.date(), p.title, p.condition) for p in plan]
    assert titles[0][0] == date(2026, 11, 24) and "thank-you" in titles[0][1].lower()
    assert any("feedback" in t.lower() and c for _d, t, c in titles)
    assert all(d >= date(2026, 11, 24) for d, _t, _c in titles)


def test_unknown_or_deleted_application(db: Database) -> None:
    with pytest.raises(NotFoundError):
        gather_packet(db, 999)
