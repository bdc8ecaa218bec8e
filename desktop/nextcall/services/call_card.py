"""The call card: everything to have in front of you when a recruiter calls about an
application (what you applied for, where it stands, who they are and what you talked about, the
introduction you prepared), and the note that starts the call.

Read in one short session; plain values only. The note goes through the one write path for
notes (``services.notes.add_note_in``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased

from nextcall.core.errors import NotFoundError
from nextcall.core.practice import INTERVIEW, bank_key
from nextcall.core.stages import FollowUpState, NoteKind, Outcome, Status
from nextcall.services.contacts import ContactView, contact_view
from nextcall.services.database import Database
from nextcall.services.notes import NoteInput, add_note_in
from nextcall.store.models import (
    Application,
    Company,
    Contact,
    FollowUp,
    Note,
    Question,
    Stage,
    StageEvent,
)

INTRODUCTION_KEY = bank_key(INTERVIEW, "introduce-yourself")  # the question bank's key
OTHERS_SHOWN = 5  # other live applications at the same company
APPLICATION_STAGE = "application"  # the first milestone: the application was sent


@dataclass(frozen=True)
class OtherApplication:
    id: int
    position: str
    status: str


@dataclass(frozen=True)
class CallCard:
    application_id: int | None  # None: a company known only through its contacts
    company_id: int
    company: str
    position: str
    account_type: str
    status: str  # "" without an application
    applied_on: date | None
    furthest_name: str | None
    furthest_outcome: str | None
    current_name: str | None
    current_key: str | None
    current_state: str | None  # scheduled, pending, next, closed (core.progress)
    scheduled_at: datetime | None  # when current_state is "scheduled"
    last_contact_on: date | None
    follow_up: str  # the next open follow-up's title ("" when none)
    follow_up_due: datetime | None
    contacts: tuple[ContactView, ...]  # the chosen contact first, then the others A to Z
    introduction: str  # the prepared answer to "Please introduce yourself" ("" when none)
    why_them: str  # the application's own answer: why this company (motivation)
    others: tuple[OtherApplication, ...]  # the company's other live applications

    @property
    def title(self) -> str:
        return f"{self.company} — {self.position}" if self.position else self.company

    def where_it_stands(self) -> str:
        """One plain line: what is waiting or next, or how it ended."""
        if self.application_id is None:
            return "No application to this company yet."
        status = Status(self.status)
        current, furthest = self.current_name, self.furthest_name
        if self.current_state == "scheduled" and current:
            when = f" on {self.scheduled_at:%a %d %b at %H:%M}" if self.scheduled_at else ""
            return f"{current} scheduled{when}."
        if self.current_state == "pending" and self.current_key == APPLICATION_STAGE:
            sent = f" on {self.applied_on.day} {self.applied_on:%b}" if self.applied_on else ""
            return f"Applied{sent}; no reply yet."
        if self.current_state == "pending" and current:
            return f"Waiting for the result of: {current}."
        if not status.is_open:
            return f"{status.label}; got as far as: {furthest}." if furthest else f"{status.label}."
        if status is Status.OFFER:
            return "An offer is on the table."
        if self.current_state == "next" and current:
            return (
                f"Next: {current} (furthest so far: {furthest})."
                if furthest
                else f"Next: {current}."
            )
        return "Applied; no reply yet."

    def furthest_text(self) -> str:
        if not self.furthest_name:
            return "Nothing yet"
        if self.furthest_outcome in (None, Outcome.PASSED.value):
            return self.furthest_name
        label = Outcome(self.furthest_outcome).label.lower()
        return f"{self.furthest_name} ({label})"


def _contacts(
    s: Session, company_id: int, company: str, first: int | None
) -> tuple[ContactView, ...]:
    rows = s.scalars(
        select(Contact)
        .where(Contact.company_id == company_id)
        .order_by(case((Contact.id == (first or -1), 0), else_=1), Contact.name, Contact.id)
    )
    return tuple(contact_view(contact, company) for contact in rows)


def _introduction(s: Session) -> str:
    answer = s.execute(
        select(Question.answer).where(Question.playbook_key == INTRODUCTION_KEY)
    ).scalar_one_or_none()
    return answer or ""


def _others(
    s: Session, company_id: int, application_id: int | None
) -> tuple[OtherApplication, ...]:
    rows = s.execute(
        select(Application.id, Application.position, Application.status)
        .where(
            Application.company_id == company_id,
            Application.deleted_at.is_(None),
            Application.id != (application_id or -1),
        )
        .order_by(
            case((Application.status.in_((Status.ACTIVE.value, Status.OFFER.value)), 0), else_=1),
            Application.applied_on.desc().nulls_last(),
            Application.id.desc(),
        )
        .limit(OTHERS_SHOWN)
    )
    return tuple(OtherApplication(*row) for row in rows)


def _follow_up(s: Session, application_id: int) -> tuple[str, datetime | None]:
    due = func.coalesce(FollowUp.snoozed_until, FollowUp.due_at)
    row = s.execute(
        select(FollowUp.title, due)
        .where(
            FollowUp.application_id == application_id,
            FollowUp.state == FollowUpState.OPEN.value,
        )
        .order_by(due, FollowUp.id)
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else ("", None)


def call_card(
    db: Database,
    application_id: int | None,
    contact_id: int | None = None,
    company_id: int | None = None,
) -> CallCard:
    """The card for an application (and the contact who calls, shown first), or for a company
    without an application (``company_id``, or the contact's company)."""
    with db.session() as s:
        if application_id is not None:
            return _application_card(s, application_id, contact_id)
        if contact_id is not None:
            contact = s.get(Contact, contact_id)
            if contact is None:
                raise NotFoundError(f"there is no contact with id {contact_id}")
            company_id = contact.company_id
        company = s.get(Company, company_id) if company_id is not None else None
        if company is None:
            raise NotFoundError("that company no longer exists")
        return CallCard(
            None, company.id, company.name, "", "", "", None, None, None, None, None, None,
            None, None, "", None, _contacts(s, company.id, company.name, contact_id),
            _introduction(s), "", _others(s, company.id, None),
        )  # fmt: skip


def _application_card(s: Session, application_id: int, contact_id: int | None) -> CallCard:
    furthest = aliased(Stage)
    current = aliased(Stage)
    row = s.execute(
        select(
            Application,
            Company.name,
            furthest.name,
            current.name,
            current.key,
            StageEvent.scheduled_at,
        )
        .join(Company, Company.id == Application.company_id)
        .outerjoin(furthest, furthest.id == Application.furthest_stage_id)
        .outerjoin(current, current.id == Application.current_stage_id)
        .outerjoin(
            StageEvent,
            (StageEvent.application_id == Application.id)
            & (StageEvent.stage_id == Application.current_stage_id)
            & (StageEvent.outcome == Outcome.SCHEDULED.value),
        )
        .where(Application.id == application_id, Application.deleted_at.is_(None))
    ).first()
    if row is None:
        raise NotFoundError(f"there is no application with id {application_id}")
    app, company, furthest_name, current_name, current_key, scheduled_at = row
    follow_up, due = _follow_up(s, app.id)
    return CallCard(
        application_id=app.id,
        company_id=app.company_id,
        company=company,
        position=app.position,
        account_type=app.account_type,
        status=app.status,
        applied_on=app.applied_on,
        furthest_name=furthest_name,
        furthest_outcome=app.furthest_outcome,
        current_name=current_name,
        current_key=current_key,
        current_state=app.current_state,
        scheduled_at=scheduled_at,
        last_contact_on=app.last_contact_on,
        follow_up=follow_up,
        follow_up_due=due,
        contacts=_contacts(s, app.company_id, company, contact_id),
        introduction=_introduction(s),
        why_them=app.answer_motivation,
        others=_others(s, app.company_id, app.id),
    )


def call_note_heading(card: CallCard, contact: ContactView | None, now: datetime) -> str:
    """The note's first line: who called and when, so the call is on record even before a
    word is typed."""
    who = f"Call from {contact.label}" if contact else f"Call from {card.company}"
    about = f" about {card.position}" if card.position and contact else ""
    return f"{who}{about}, {now:%a %d %b %Y at %H:%M}"


def start_call_note(db: Database, card: CallCard, contact_id: int | None = None) -> int:
    """Create the note for this call (linked to the application and the contact who called)
    through the one write path; returns its id. Its text starts with the heading and a blank
    line, ready to type under."""
    contact = next((c for c in card.contacts if c.id == contact_id), None)
    now = db.clock.now()
    note = NoteInput(
        body=call_note_heading(card, contact, now) + "\n\n",
        kind=NoteKind.OBSERVATION.value,
        application_id=card.application_id,
        contact_id=contact.id if contact else None,
    )
    with db.session() as s:
        return add_note_in(s, note, now).id


def call_note_exists(db: Database, note_id: int) -> bool:
    """Whether the call's note is still there (it may be deleted in the Notes tab)."""
    with db.session() as s:
        return s.execute(select(Note.id).where(Note.id == note_id)).first() is not None
