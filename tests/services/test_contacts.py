"""services/contacts.py: interviewers and recruiters per company, through the real file."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.contacts import (
    ContactForm,
    ContactUsage,
    add_contact,
    check_contact,
    company_of,
    contact_usage,
    delete_contact,
    email_problem,
    get_contact,
    latest_interview,
    link_event_contact,
    list_contacts,
    update_contact,
)
from nextcall.services.database import Database
from nextcall.services.notes import NoteInput, add_note, get_note
from nextcall.services.stages import record_outcome
from nextcall.store.models import StageEvent

MARIA = ContactForm(
    name="  Maria Santos ",
    role="Recruiter",
    email="maria@bluewave.ph",
    phone="+63 917 555 0101 (mobile, after 2 pm)",
    memory_hook="Also from Iloilo; we talked about the commute.",
)


@pytest.fixture
def app_id(db: Database) -> int:
    return add_application(db, ApplicationForm(company="Bluewave", applied_on="2026-11-02"))


def test_add_by_application_and_list_by_company_or_application(db: Database, app_id: int) -> None:
    other = add_application(db, ApplicationForm(company="Harborline", applied_on="2026-11-02"))
    maria = add_contact(db, MARIA, application_id=app_id)
    add_contact(db, ContactForm(name="zed"), application_id=app_id)
    add_contact(db, ContactForm(name="Anna"), application_id=app_id)
    add_contact(db, ContactForm(name="Paolo"), application_id=other)
    by_app = list_contacts(db, application_id=app_id)
    assert [c.name for c in by_app] == ["Anna", "Maria Santos", "zed"]
    assert by_app == list_contacts(db, company_id=company_of(db, app_id))
    view = get_contact(db, maria)
    assert view.company == "Bluewave"
    assert view.name == "Maria Santos"  # outer spaces trimmed
    assert view.phone == MARIA.phone  # phone is free text
    assert view.label == "Maria Santos (Recruiter)"
    assert len(list_contacts(db)) == 4


def test_edit(db: Database, app_id: int) -> None:
    maria = add_contact(db, MARIA, application_id=app_id)
    update_contact(db, maria, ContactForm(name="Maria S.", role="HR lead", memory_hook="Iloilo"))
    view = get_contact(db, maria)
    assert (view.name, view.role, view.email, view.memory_hook) == (
        "Maria S.",
        "HR lead",
        "",
        "Iloilo",
    )


@pytest.mark.parametrize(
    ("form", "field"),
    [
        (ContactForm(name="   "), "name"),
        (ContactForm(name="Ana", email="ana at bluewave"), "email"),
        (ContactForm(name="Ana", email="ana@bluewave"), "email"),
        (ContactForm(name="Ana", email="ana @bluewave.ph"), "email"),
        (ContactForm(name="x" * 201), "name"),
    ],
)
def test_refused_forms_name_the_field_and_store_nothing(
    db: Database, app_id: int, form: ContactForm, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        add_contact(db, form, application_id=app_id)
    assert caught.value.field == field
    assert list_contacts(db) == []


def test_email_is_checked_gently() -> None:
    for fine in ("", "ana@bluewave.ph", "ana.cruz+jobs@mail.example.com", " ana@x.co "):
        assert email_problem(fine) == ""
    assert "@" in email_problem("ana.bluewave.ph")
    assert "spaces" in email_problem("ana cruz@bluewave.ph")
    clean, problems = check_contact(ContactForm(name="Ana", email="mailto:ana@bluewave.ph"))
    assert clean.email == "ana@bluewave.ph" and problems == {}


def test_unknown_links_are_refused(db: Database) -> None:
    with pytest.raises(NotFoundError):
        add_contact(db, MARIA, company_id=999)
    with pytest.raises(NotFoundError):
        add_contact(db, MARIA, application_id=999)
    with pytest.raises(NotFoundError):
        update_contact(db, 999, MARIA)
    with pytest.raises(NotFoundError):
        delete_contact(db, 999)


def test_deleting_a_contact_keeps_notes_and_milestones_with_their_text(
    db: Database, app_id: int
) -> None:
    maria = add_contact(db, MARIA, application_id=app_id)
    event = record_outcome(db, app_id, "phone-interview", "passed", interviewer="Maria")
    link_event_contact(db, event, maria)
    note = add_note(
        db,
        NoteInput(
            "Speak up a little.",
            kind="tip",
            application_id=app_id,
            stage_event_id=event,
            contact_id=maria,
            tags=("voice-volume",),
        ),
    )
    assert contact_usage(db, maria) == ContactUsage(notes=1, events=1)
    delete_contact(db, maria)
    kept = get_note(db, note)
    assert (kept.body, kept.contact_id, kept.stage_event_id) == ("Speak up a little.", None, event)
    assert kept.tags == ("voice-volume",)
    with db.session() as s:
        row = s.execute(select(StageEvent).where(StageEvent.id == event)).scalar_one()
        assert (row.contact_id, row.interviewer) == (None, "Maria Santos")
    assert list_contacts(db) == []


def test_latest_interview_names_its_contact(db: Database, app_id: int) -> None:
    assert latest_interview(db, app_id) is not None  # the application milestone itself
    maria = add_contact(db, MARIA, application_id=app_id)
    record_outcome(db, app_id, "phone-interview", "passed", interviewer="Maria")
    final = record_outcome(db, app_id, "final-interview", "failed", interviewer="Mr. Reyes")
    record_outcome(db, app_id, "job-offer", "skipped")
    latest = latest_interview(db, app_id)
    assert latest is not None
    assert (latest.event_id, latest.stage_key, latest.interviewer) == (
        final,
        "final-interview",
        "Mr. Reyes",
    )
    assert latest.contact is None
    assert latest.on == db.clock.today()
    link_event_contact(db, final, maria)
    latest = latest_interview(db, app_id)
    assert latest is not None and latest.contact is not None
    assert latest.contact.memory_hook.startswith("Also from Iloilo")
    assert latest.interviewer == "Maria Santos"
