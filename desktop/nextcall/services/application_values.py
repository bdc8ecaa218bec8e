"""What an application's form holds, and the rules every way of adding one follows: the text
fields' limits, the date and amount checks, the status; ``validate`` for what a form typed,
``checked_values`` for values built elsewhere (bulk add, an import, the sample data)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from nextcall.core.errors import ValidationError
from nextcall.core.stages import Status
from nextcall.core.validation import (
    check_amount,
    check_date,
    check_day,
    clean_text,
    parse_amount,
    parse_date,
    quote,
)


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


# The application's text fields: (label in messages, longest allowed). One table for the form,
# the write path and every import.
TEXT_FIELDS: dict[str, tuple[str, int]] = {
    "company": ("company", 200),
    "position": ("position", 200),
    "account_type": ("account type", 100),
    "source": ("source", 200),
    "url": ("link", 2000),
    "site": ("site", 200),
    "shift": ("shift", 100),
    "notes": ("notes", 100_000),
}
# Columns only a restored file (NextCall JSON) or the sample data fill in when creating.
DETAIL_TEXT: dict[str, tuple[str, int]] = {
    "closing_reason": ("closing reason", 2000),
    "offer_pay": ("offer pay", 200),
    "offer_shift": ("offer shift", 200),
    "offer_site": ("offer site", 200),
    "offer_notes": ("offer notes", 100_000),
    "answer_ability": ("answer on ability", 100_000),
    "answer_motivation": ("answer on motivation", 100_000),
    "answer_fit": ("answer on fit", 100_000),
    "answer_confidence": ("answer on confidence", 100_000),
}
DETAIL_DAYS = ("last_contact_on", "offer_start_on", "deleted_at", "created_at", "updated_at")
DETAIL_AMOUNTS = ("salary_offered",)


_STATUSES = frozenset(s.value for s in Status)


def _status_problem(status: str) -> str | None:
    if status in _STATUSES:
        return None
    return f"{quote(status)} is not a status: use one of " + ", ".join(s.value for s in Status)


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
        **{
            name: text(name, label, limit, required=name == "company")
            for name, (label, limit) in TEXT_FIELDS.items()
        },
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
    if (problem := _status_problem(form.status)) is not None:
        errors["status"] = problem
    values["status"] = form.status
    if errors:
        return None, FormErrors(errors)
    return ApplicationValues(**values), FormErrors()  # type: ignore[arg-type]


def checked_values(values: ApplicationValues, today: date) -> ApplicationValues:
    """``values`` under the form's rules, whoever built them (the form, bulk add, an import,
    the sample data); raises ValidationError naming the first bad field."""
    cleaned = {
        name: clean_text(getattr(values, name), field=label, max_length=limit)
        for name, (label, limit) in TEXT_FIELDS.items()
    }
    if not cleaned["company"]:
        raise ValidationError("Company is required.", "company")
    if values.applied_on is not None:
        check_date(values.applied_on, today=today, field="applied_on", allow_future=False)
    if values.salary_expected is not None:
        check_amount(values.salary_expected, field="salary_expected")
    if (problem := _status_problem(values.status)) is not None:
        raise ValidationError(problem, "status")
    return replace(values, **cleaned)  # type: ignore[arg-type]  # the text fields only


def checked_details(details: Mapping[str, Any]) -> dict[str, Any]:
    checked: dict[str, Any] = {}
    for name, value in details.items():
        if name in DETAIL_TEXT:
            label, limit = DETAIL_TEXT[name]
            checked[name] = clean_text(value, field=label, max_length=limit)
        elif name in DETAIL_DAYS:
            checked[name] = None if value is None else check_day(value, name)
        elif name in DETAIL_AMOUNTS:
            checked[name] = None if value is None else check_amount(value, field=name)
        else:
            raise ValidationError(f"{quote(name)} is not a detail of an application.", name)
    return checked
