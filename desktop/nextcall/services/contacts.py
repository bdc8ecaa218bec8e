"""Contacts: the interviewers and recruiters met at each company, with a memory hook (what you
talked about, so they can place you when you call back).

Deleting a contact never deletes what mentions them: notes and milestone events keep their
text and lose only the link (the foreign keys are ON DELETE SET NULL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.services.database import Database
from nextcall.store.models import Application, Company, Contact, Note, Stage, StageEvent

NAME_MAX = 200
ROLE_MAX = 200
EMAIL_MAX = 320
PHONE_MAX = 64
HOOK_MAX = 5000

# Gentle on purpose: something, an @, a domain with a dot. No RFC police.
_UNSTORABLE = re.compile(r"[\ud800-\udfff]")  # lone surrogates: no UTF-8 form
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


@dataclass(frozen=True)
class ContactForm:
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    memory_hook: str = ""


@dataclass(frozen=True)
class ContactView:
    id: int
    company_id: int
    company: str
    name: str
    role: str
    email: str
    phone: str
    memory_hook: str

    @property
    def label(self) -> str:
        """'Maria Santos (Recruiter)'"""
        return f"{self.name} ({self.role})" if self.role else self.name


@dataclass(frozen=True)
class ContactUsage:
    notes: int
    events: int


@dataclass(frozen=True)
class LatestInterview:
    """The most recent milestone of an application, and who ran it."""

    event_id: int
    stage_key: str
    stage_name: str
    on: date | None
    interviewer: str  # the name typed on the milestone (kept even without a contact)
    contact: ContactView | None


def email_problem(email: str) -> str:
    """A friendly sentence when an email address does not look like one, else ''."""
    text = email.strip()
    if not text or _EMAIL.match(text):
        return ""
    if "@" not in text:
        return "That email address has no “@”: it should look like name@company.com."
    if " " in text:
        return "An email address cannot contain spaces: it should look like name@company.com."
    return "That email address looks incomplete: it should look like name@company.com."


def check_contact(form: ContactForm) -> tuple[ContactForm, dict[str, str]]:
    """The form tidied (outer spaces trimmed), and a message per field that cannot be stored."""
    clean = ContactForm(
        name=form.name.strip(),
        role=form.role.strip(),
        email=form.email.strip().removeprefix("mailto:"),
        phone=form.phone.strip(),
        memory_hook=form.memory_hook.strip(),
    )
    problems: dict[str, str] = {}
    if not clean.name:
        problems["name"] = "Add their name, even just a first name."
    for field, limit in (
        ("name", NAME_MAX),
        ("role", ROLE_MAX),
        ("email", EMAIL_MAX),
        ("phone", PHONE_MAX),
        ("memory_hook", HOOK_MAX),
    ):
        value = getattr(clean, field)
        if len(value) > limit and field not in problems:
            problems[field] = f"Keep this under {limit:,} characters (it has {len(value):,})."
        elif field not in problems and _UNSTORABLE.search(value):
            problems[field] = (
                "This has characters that cannot be stored (such as half of an emoji)."
            )
    if "email" not in problems and (message := email_problem(clean.email)):
        problems["email"] = message
    return clean, problems


def _validated(form: ContactForm) -> ContactForm:
    clean, problems = check_contact(form)
    if problems:
        field, message = next(iter(problems.items()))
        raise ValidationError(message, field)
    return clean


def contact_view(contact: Contact, company: str) -> ContactView:
    """A stored contact as the views show it, with its company's name."""
    return ContactView(
        id=contact.id,
        company_id=contact.company_id,
        company=company,
        name=contact.name,
        role=contact.role,
        email=contact.email,
        phone=contact.phone,
        memory_hook=contact.memory_hook,
    )


def company_of(db: Database, application_id: int) -> int:
    with db.session() as s:
        return _company_of(s, application_id)


def _company_of(s: Session, application_id: int) -> int:
    app = s.get(Application, application_id)
    if app is None or app.deleted_at is not None:
        raise NotFoundError(f"there is no application with id {application_id}")
    return app.company_id


def company_name(db: Database, company_id: int) -> str:
    with db.session() as s:
        company = s.get(Company, company_id)
        if company is None:
            raise NotFoundError(f"there is no company with id {company_id}")
        return company.name


def list_contacts(
    db: Database, *, company_id: int | None = None, application_id: int | None = None
) -> list[ContactView]:
    """The contacts of one company (or of the company of one application), by name."""
    with db.session() as s:
        if application_id is not None:
            company_id = _company_of(s, application_id)
        stmt = select(Contact, Company.name).join(Company, Company.id == Contact.company_id)
        if company_id is not None:
            stmt = stmt.where(Contact.company_id == company_id)
        stmt = stmt.order_by(Company.name, func.lower(Contact.name), Contact.id)
        return [contact_view(contact, company) for contact, company in s.execute(stmt)]


def get_contact(db: Database, contact_id: int) -> ContactView:
    with db.session() as s:
        contact = s.get(Contact, contact_id)
        if contact is None:
            raise NotFoundError(f"there is no contact with id {contact_id}")
        return contact_view(contact, contact.company.name)


def add_contact(
    db: Database,
    form: ContactForm,
    *,
    company_id: int | None = None,
    application_id: int | None = None,
) -> int:
    """Add a contact at a company, given directly or as the company of an application."""
    clean = _validated(form)
    with db.session() as s:
        if application_id is not None:
            company_id = _company_of(s, application_id)
        if company_id is None or s.get(Company, company_id) is None:
            raise NotFoundError(f"there is no company with id {company_id}")
        return create_contact_in(s, company_id, clean).id


def create_contact_in(s: Session, company_id: int, form: ContactForm) -> Contact:
    """The one way a contact is created (the dialogs, a NextCall file, the sample data), inside
    the caller's session, checked under the form's rules."""
    contact = Contact(company_id=company_id, **_validated(form).__dict__)
    s.add(contact)
    s.flush()
    return contact


def update_contact(db: Database, contact_id: int, form: ContactForm) -> None:
    clean = _validated(form)
    with db.session() as s:
        contact = s.get(Contact, contact_id)
        if contact is None:
            raise NotFoundError(f"there is no contact with id {contact_id}")
        for field, value in clean.__dict__.items():
            setattr(contact, field, value)


def contact_usage(db: Database, contact_id: int) -> ContactUsage:
    """How many notes and milestones point at this contact (they keep their text on delete)."""
    with db.session() as s:
        notes = s.execute(
            select(func.count(Note.id)).where(Note.contact_id == contact_id)
        ).scalar_one()
        events = s.execute(
            select(func.count(StageEvent.id)).where(StageEvent.contact_id == contact_id)
        ).scalar_one()
        return ContactUsage(notes=notes, events=events)


def delete_contact(db: Database, contact_id: int) -> None:
    """Remove the contact; notes and milestones that point at it keep everything else."""
    with db.session() as s:
        if s.get(Contact, contact_id) is None:
            raise NotFoundError(f"there is no contact with id {contact_id}")
        s.execute(delete(Contact).where(Contact.id == contact_id))


def link_event_contact(db: Database, event_id: int, contact_id: int | None) -> None:
    """Say who ran a milestone; the interviewer's name on it follows the contact's."""
    with db.session() as s:
        event = s.get(StageEvent, event_id)
        if event is None:
            raise NotFoundError(f"there is no milestone event with id {event_id}")
        if contact_id is not None:
            contact = s.get(Contact, contact_id)
            if contact is None:
                raise NotFoundError(f"there is no contact with id {contact_id}")
            event.interviewer = contact.name
        event.contact_id = contact_id


def latest_interview(db: Database, application_id: int) -> LatestInterview | None:
    """The latest milestone that has happened or is booked, and its interviewer: the one the
    scripts talk about. Milestones that were skipped are left out."""
    with db.session() as s:
        _company_of(s, application_id)
        row = s.execute(
            select(StageEvent, Stage.key, Stage.name)
            .join(Stage, Stage.id == StageEvent.stage_id)
            .where(StageEvent.application_id == application_id, StageEvent.outcome != "skipped")
            .order_by(Stage.position.desc(), StageEvent.id.desc())
            .limit(1)
        ).first()
        if row is None:
            return None
        event, key, name = row
        contact = None
        if event.contact_id is not None:
            found = s.get(Contact, event.contact_id)
            contact = contact_view(found, found.company.name) if found is not None else None
        on = event.happened_on or (event.scheduled_at.date() if event.scheduled_at else None)
        return LatestInterview(
            event_id=event.id,
            stage_key=key,
            stage_name=name,
            on=on,
            interviewer=event.interviewer,
            contact=contact,
        )


def contact_of_event(db: Database, event_id: int | None) -> ContactView | None:
    """Who ran this milestone, when a contact is linked to it."""
    if event_id is None:
        return None
    with db.session() as s:
        event = s.get(StageEvent, event_id)
        if event is None or event.contact_id is None:
            return None
        contact = s.get(Contact, event.contact_id)
        return contact_view(contact, contact.company.name) if contact is not None else None
