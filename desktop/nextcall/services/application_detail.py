"""One application in depth: the panel answers, offer details, and offers side by side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.core.stages import Status
from nextcall.core.validation import clean_text, parse_date
from nextcall.services.database import Database
from nextcall.store.models import Application, Company

ANSWER_FIELDS = {
    "ability": "answer_ability",
    "motivation": "answer_motivation",
    "fit": "answer_fit",
    "confidence": "answer_confidence",
}
OFFER_FIELDS = ("offer_pay", "offer_shift", "offer_site", "offer_notes")


@dataclass(frozen=True)
class ApplicationDetail:
    id: int
    company: str
    position: str
    account_type: str
    status: str
    applied_on: date | None
    closing_reason: str
    answers: dict[str, str]
    offer_pay: str
    offer_shift: str
    offer_site: str
    offer_start_on: date | None
    offer_notes: str
    salary_expected: float | None


@dataclass(frozen=True)
class OfferForm:
    pay: str = ""
    shift: str = ""
    site: str = ""
    start_on: str = ""
    notes: str = ""


def _get(s: Session, application_id: int) -> Application:
    app = s.get(Application, application_id)
    if app is None or app.deleted_at is not None:
        raise NotFoundError(f"there is no application with id {application_id}")
    return app


def _detail(app: Application) -> ApplicationDetail:
    return ApplicationDetail(
        id=app.id,
        company=app.company.name,
        position=app.position,
        account_type=app.account_type,
        status=app.status,
        applied_on=app.applied_on,
        closing_reason=app.closing_reason,
        answers={key: getattr(app, column) for key, column in ANSWER_FIELDS.items()},
        offer_pay=app.offer_pay,
        offer_shift=app.offer_shift,
        offer_site=app.offer_site,
        offer_start_on=app.offer_start_on,
        offer_notes=app.offer_notes,
        salary_expected=app.salary_expected,
    )


def get_detail(db: Database, application_id: int) -> ApplicationDetail:
    with db.session() as s:
        return _detail(_get(s, application_id))


def save_answer(db: Database, application_id: int, key: str, text: str) -> datetime:
    """The applicant's one-line answer to one of the four things a panel weighs (saved as
    typed); returns when it was saved."""
    if key not in ANSWER_FIELDS:
        raise ValidationError(f"“{key}” is not one of {', '.join(ANSWER_FIELDS)}", "answer")
    value = clean_text(text, field="answer", max_length=2000)
    with db.session(write=True) as s:
        setattr(_get(s, application_id), ANSWER_FIELDS[key], value)
    return db.clock.now()


def save_offer(db: Database, application_id: int, form: OfferForm) -> None:
    values = {
        "offer_pay": clean_text(form.pay, field="pay", max_length=200),
        "offer_shift": clean_text(form.shift, field="shift", max_length=200),
        "offer_site": clean_text(form.site, field="site", max_length=200),
        "offer_notes": clean_text(form.notes, field="notes", max_length=20_000),
        "offer_start_on": parse_date(form.start_on, today=db.clock.today(), field="start date"),
    }
    with db.session() as s:
        app = _get(s, application_id)
        for name, value in values.items():
            setattr(app, name, value)


def open_offers(db: Database) -> list[ApplicationDetail]:
    """Applications holding an offer not yet accepted or declined, for side-by-side comparison."""
    with db.session() as s:
        apps = s.execute(
            select(Application)
            .join(Company, Company.id == Application.company_id)
            .where(Application.deleted_at.is_(None), Application.status == Status.OFFER.value)
            .order_by(Company.name)
        ).scalars()
        return [_detail(app) for app in apps]
