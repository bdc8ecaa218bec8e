"""Use cases for applications: add, edit, delete (the list itself is in application_list)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.core.stages import Outcome, Status
from nextcall.core.validation import clean_text, parse_amount, parse_date, quote
from nextcall.services.application_list import (  # re-exported: the list is part of this API
    SORT_COLUMNS,
    ApplicationQuery,
    ApplicationRow,
    count_applications,
    list_applications,
)
from nextcall.services.database import Database
from nextcall.services.progress import refresh_progress
from nextcall.store.models import Application, Company, Stage, StageChange, StageEvent


@dataclass(frozen=True)
class ApplicationForm:
    """What the add/edit dialog and the CLI send, as typed; validated by ``validate``."""

    company: str
    position: str = ""
    account_type: str = ""
    source: str = ""
    url: str = ""
    applied_on: str = ""
    site: str = ""
    shift: str = ""
    salary_expected: str = ""
    status: str = Status.ACTIVE.value
    notes: str = ""


@dataclass(frozen=True)
class ApplicationValues:
    company: str
    position: str
    account_type: str
    source: str
    url: str
    applied_on: date | None
    site: str
    shift: str
    salary_expected: float | None
    status: str
    notes: str


@dataclass(frozen=True)
class FormErrors:
    """Every problem in a form at once, by field, so a dialog can show each beside its field."""

    by_field: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.by_field)


def validate(form: ApplicationForm, today: date) -> tuple[ApplicationValues | None, FormErrors]:
    errors: dict[str, str] = {}

    def run(name: str, fn: object) -> object:
        try:
            return fn()  # type: ignore[operator]
        except ValidationError as exc:
            errors[name] = str(exc)
            return None

    def text(name: str, label: str, limit: int, required: bool = False) -> str:
        value = run(
            name,
            lambda: clean_text(
                getattr(form, name), field=label, max_length=limit, required=required
            ),
        )
        return value if isinstance(value, str) else ""

    values = {
        "company": text("company", "company", 200, required=True),
        "position": text("position", "position", 200),
        "account_type": text("account_type", "account type", 100),
        "source": text("source", "source", 200),
        "url": text("url", "link", 2000),
        "site": text("site", "site", 200),
        "shift": text("shift", "shift", 100),
        "notes": text("notes", "notes", 100_000),
        "applied_on": run(
            "applied_on",
            lambda: parse_date(
                form.applied_on, today=today, field="applied_on", allow_future=False
            ),
        ),
        "salary_expected": run(
            "salary_expected", lambda: parse_amount(form.salary_expected, field="salary_expected")
        ),
    }
    if form.status not in {s.value for s in Status}:
        errors["status"] = f"{quote(form.status)} is not a status: use one of " + ", ".join(
            s.value for s in Status
        )
    values["status"] = form.status
    if errors:
        return None, FormErrors(errors)
    return ApplicationValues(**values), FormErrors()  # type: ignore[arg-type]


# -- reading ---------------------------------------------------------------------------------


def get_form(db: Database, application_id: int) -> ApplicationForm:
    """The stored application as the form shows it (for editing)."""
    with db.session() as s:
        app = _get(s, application_id)
        return ApplicationForm(
            company=app.company.name,
            position=app.position,
            account_type=app.account_type,
            source=app.source,
            url=app.url,
            applied_on=app.applied_on.isoformat() if app.applied_on else "",
            site=app.site,
            shift=app.shift,
            salary_expected=_amount_text(app.salary_expected),
            status=app.status,
            notes=app.notes,
        )


def _amount_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else f"{value:.2f}"


def company_names(db: Database) -> list[str]:
    with db.session() as s:
        return list(s.execute(select(Company.name).order_by(Company.name)).scalars())


def account_types(db: Database) -> list[str]:
    with db.session() as s:
        rows = s.execute(
            select(Application.account_type)
            .where(Application.account_type != "")
            .distinct()
            .order_by(Application.account_type)
        )
        return [r[0] for r in rows]


# -- writing ---------------------------------------------------------------------------------


def _get(s: Session, application_id: int) -> Application:
    app = s.get(Application, application_id)
    if app is None or app.deleted_at is not None:
        raise NotFoundError(f"there is no application with id {application_id}")
    return app


def company_for(s: Session, name: str) -> Company:
    """The company of that name (case-insensitive), created when new."""
    company = s.execute(select(Company).where(Company.name == name)).scalar_one_or_none()
    if company is None:
        company = Company(name=name, notes="")
        s.add(company)
        s.flush()
    return company


def _apply(s: Session, app: Application, values: ApplicationValues) -> None:
    app.company = company_for(s, values.company)
    for name in (
        "position",
        "account_type",
        "source",
        "url",
        "applied_on",
        "site",
        "shift",
        "salary_expected",
        "status",
        "notes",
    ):
        setattr(app, name, getattr(values, name))


def _checked(db: Database, form: ApplicationForm) -> ApplicationValues:
    values, errors = validate(form, db.clock.today())
    if values is None:
        name, message = next(iter(errors.by_field.items()))
        raise ValidationError(message, name)
    return values


def add_application(db: Database, form: ApplicationForm) -> int:
    """Add one application; its first milestone (the application itself) waits for an answer."""
    values = _checked(db, form)
    with db.session() as s:
        app = Application()
        _apply(s, app, values)
        s.add(app)
        s.flush()
        start_pipeline(s, app)
        return app.id


def start_pipeline(s: Session, app: Application) -> None:
    """Record the application milestone as pending (sent, no answer yet) and its progress."""
    stage = s.execute(select(Stage).where(Stage.key == "application")).scalar_one()
    s.add(
        StageEvent(
            application_id=app.id,
            stage_id=stage.id,
            outcome=Outcome.PENDING.value,
            happened_on=app.applied_on,
            checks="[]",
        )
    )
    s.add(StageChange(application_id=app.id, stage_id=stage.id, outcome=Outcome.PENDING.value))
    app.last_contact_on = app.applied_on  # sending it is the first contact
    refresh_progress(s, app.id)


def update_application(db: Database, application_id: int, form: ApplicationForm) -> None:
    values = _checked(db, form)
    with db.session() as s:
        _apply(s, _get(s, application_id), values)
        refresh_progress(s, application_id)


def delete_application(db: Database, application_id: int) -> None:
    """Move to the trash: hidden everywhere, restorable with ``restore_application``."""
    with db.session() as s:
        _get(s, application_id).deleted_at = db.clock.now()


def restore_application(db: Database, application_id: int) -> None:
    with db.session() as s:
        app = s.get(Application, application_id)
        if app is None:
            raise NotFoundError(f"there is no application with id {application_id}")
        app.deleted_at = None


def with_status(form: ApplicationForm, status: Status) -> ApplicationForm:
    return replace(form, status=status.value)


__all__ = [
    "SORT_COLUMNS",
    "ApplicationForm",
    "ApplicationQuery",
    "ApplicationRow",
    "ApplicationValues",
    "FormErrors",
    "add_application",
    "count_applications",
    "delete_application",
    "list_applications",
    "restore_application",
    "update_application",
    "validate",
]
