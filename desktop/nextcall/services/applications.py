"""Use cases for applications: add, edit, delete (the list itself is in application_list)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from nextcall.core.errors import NotFoundError, ValidationError
from nextcall.core.progress import compute_progress
from nextcall.core.stages import Outcome, Status
from nextcall.core.validation import (
    clean_text,
)
from nextcall.services.application_list import (  # re-exported: the list is part of this API
    SORT_COLUMNS,
    ApplicationQuery,
    ApplicationRow,
    count_applications,
    list_applications,
)
from nextcall.services.application_values import (
    DETAIL_TEXT,
    TEXT_FIELDS,
    ApplicationForm,
    ApplicationValues,
    FormErrors,
    checked_details,
    checked_values,
    validate,
)
from nextcall.services.batches import expire, insert_rows
from nextcall.services.companies import company_for, company_ids_for
from nextcall.services.database import Database
from nextcall.services.follow_ups import recompute, recompute_many
from nextcall.services.outcomes import FIRST_MILESTONE, start_pipelines_in
from nextcall.services.progress import catalogue
from nextcall.store.models import Application, Company

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


_FORM_COLUMNS = (
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
)


def _apply(s: Session, app: Application, values: ApplicationValues) -> None:
    app.company = company_for(s, values.company)
    for name in _FORM_COLUMNS:
        setattr(app, name, getattr(values, name))


@dataclass(frozen=True)
class NewApplication:
    """One application for ``create_applications_in``."""

    values: ApplicationValues
    company_id: int | None = None  # the company the caller already resolved for values.company
    details: Mapping[str, Any] = field(default_factory=dict)
    start: bool = True


def create_application_in(
    s: Session,
    values: ApplicationValues,
    now: datetime,
    *,
    company: Company | None = None,
    details: Mapping[str, Any] | None = None,
    start: bool = True,
) -> Application:
    """``create_applications_in`` for one application; returns it."""
    item = NewApplication(values, company.id if company else None, details or {}, start)
    [app_id] = create_applications_in(s, [item], now)
    app = s.get(Application, app_id)
    assert app is not None
    return app


def create_applications_in(
    s: Session,
    items: Sequence[NewApplication],
    now: datetime,
    *,
    companies: dict[str, int] | None = None,
) -> list[int]:
    """The one way applications are created (the form, the CLI, bulk add, both imports and
    the sample data), any number at once, inside the caller's session: the values checked
    under the form's rules, each company found or created by its key (``companies``: the
    lookups an import keeps across its batches, see ``company_ids_for``), the first milestone
    recorded as waiting for an answer (``start``; a restored file or the sample data bring
    their own milestones instead) and the stored progress computed. ``details`` are the
    columns only a restored file or the sample data set (offer, answers, closing reason,
    stored times), checked too. Returns the new ids in the order given."""
    s.flush()
    today = now.date()
    rows: list[dict[str, Any]] = []
    names: list[str] = []
    for item in items:
        values = checked_values(item.values, today)
        row = {name: getattr(values, name) for name in _FORM_COLUMNS}
        row.update(checked_details(item.details))
        if item.start:  # sending the application is the first contact
            row["last_contact_on"] = values.applied_on
        row.setdefault("created_at", now)
        row.setdefault("updated_at", now)
        rows.append(row)
        names.append(values.company)
    # The stored progress, from what the new rows hold: the first milestone waiting for an
    # answer (``start``), or nothing yet (the caller's own milestones refresh it).
    stages = catalogue(s)
    first = {st.id: Outcome.PENDING.value for st in stages if st.key == FIRST_MILESTONE}
    for row, item in zip(rows, items, strict=True):
        progress = compute_progress(stages, first if item.start else {}, (), row["status"])
        row.update(progress.__dict__)
    wanted = [i for i, item in enumerate(items) if item.company_id is None]
    found = company_ids_for(s, [names[i] for i in wanted], companies)
    for i, company_id in zip(wanted, found, strict=True):
        rows[i]["company_id"] = company_id
    for i, item in enumerate(items):
        if item.company_id is not None:
            rows[i]["company_id"] = item.company_id
    ids = [0] * len(rows)
    groups: dict[tuple[str, ...], list[int]] = {}
    for i, row in enumerate(rows):  # rows naming the same columns go in one statement
        groups.setdefault(tuple(sorted(row)), []).append(i)
    for indexes in groups.values():
        new_ids = insert_rows(s, Application, [rows[i] for i in indexes])
        for i, app_id in zip(indexes, new_ids, strict=True):
            ids[i] = app_id
    started = [(ids[i], rows[i]["applied_on"]) for i, item in enumerate(items) if item.start]
    start_pipelines_in(s, started, now)
    return ids


def update_application_in(
    s: Session, app: Application, values: ApplicationValues, now: datetime
) -> None:
    """The one way an application's form fields change; the rule-made follow-ups (the status
    and company name count) and the stored progress follow."""
    _apply(s, app, checked_values(values, now.date()))
    recompute(s, app.id, now)


def set_status_in(
    s: Session, app: Application, status: Status, closing_reason: str, now: datetime
) -> None:
    """``set_statuses_in`` for one application."""
    set_statuses_in(s, [(app.id, status, closing_reason)], now)


def set_statuses_in(s: Session, changes: Sequence[tuple[int, Status, str]], now: datetime) -> None:
    """Close or reopen applications without their form (marking them ghosted or withdrawn),
    any number at once: (id, status, closing reason) each; the rule-made follow-ups and the
    stored progress follow."""
    if not changes:
        return
    label, limit = DETAIL_TEXT["closing_reason"]
    rows = [
        {
            "id": app_id,
            "status": status.value,
            "closing_reason": clean_text(reason, field=label, max_length=limit),
            "updated_at": now,
        }
        for app_id, status, reason in changes
    ]
    s.flush()
    s.execute(update(Application), rows)
    ids = [app_id for app_id, _status, _reason in changes]
    expire(s, Application, ids)
    recompute_many(s, ids, now)


def _checked(db: Database, form: ApplicationForm) -> ApplicationValues:
    values, errors = validate(form, db.clock.today())
    if values is None:
        name, message = next(iter(errors.by_field.items()))
        raise ValidationError(message, name)
    return values


def add_application(db: Database, form: ApplicationForm) -> int:
    """Add one application; its first milestone (the application itself) waits for an answer."""
    values = _checked(db, form)
    with db.session(write=True) as s:
        return create_application_in(s, values, db.clock.now()).id


def update_application(db: Database, application_id: int, form: ApplicationForm) -> None:
    values = _checked(db, form)
    with db.session() as s:
        update_application_in(s, _get(s, application_id), values, db.clock.now())


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
    "TEXT_FIELDS",
    "ApplicationForm",
    "ApplicationQuery",
    "ApplicationRow",
    "ApplicationValues",
    "FormErrors",
    "NewApplication",
    "add_application",
    "checked_values",
    "company_for",
    "company_ids_for",
    "count_applications",
    "create_application_in",
    "create_applications_in",
    "delete_application",
    "list_applications",
    "restore_application",
    "set_status_in",
    "set_statuses_in",
    "update_application",
    "update_application_in",
    "validate",
]
