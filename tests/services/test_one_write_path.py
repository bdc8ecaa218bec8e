"""One write path per record: every way in (the form, bulk add, a CSV import, a NextCall JSON
import) refuses exactly the values the application form refuses, and adds nothing when it does;
and what the write path derives (stored progress) is there whichever way came in."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from nextcall.core.clock import Clock
from nextcall.core.errors import NextCallError, ValidationError
from nextcall.core.paths import DataPaths
from nextcall.export.csv_read import read_csv
from nextcall.services import bulk
from nextcall.services.applications import (
    ApplicationForm,
    ApplicationValues,
    add_application,
    create_application_in,
    validate,
)
from nextcall.services.data_import import import_csv, preview_csv
from nextcall.services.database import Database
from nextcall.services.json_export import json_bytes
from nextcall.services.json_import import import_json
from nextcall.store.models import Application, Company

NOW = datetime(2026, 11, 20, 10, 0)
TOMORROW = (NOW.date() + timedelta(days=1)).isoformat()

# field -> (bad value as typed, the same value as a JSON file holds it)
BAD: dict[str, tuple[str, object]] = {
    "nul in the position": ("Agent\x00", "Agent\x00"),
    "bell in the position": ("Agent\x07", "Agent\x07"),
    "escape in the source": ("Job\x1bboard", "Job\x1bboard"),
    "position too long": ("P" * 201, "P" * 201),
    "source too long": ("S" * 201, "S" * 201),
    "applied tomorrow": (TOMORROW, TOMORROW),
    "applied before 1990": ("1989-12-31", "1989-12-31"),
}
FIELD = {
    "nul in the position": "position",
    "bell in the position": "position",
    "escape in the source": "source",
    "position too long": "position",
    "source too long": "source",
    "applied tomorrow": "applied_on",
    "applied before 1990": "applied_on",
}
# Values only the single form, CSV and JSON carry (bulk add shares position, source and date).
BAD_DETAILS: dict[str, tuple[str, object]] = {
    "negative salary": ("-5", -5.0),
    "company too long": ("C" * 201, "C" * 201),
    "nul in the company": ("Acme\x00", "Acme\x00"),
    "nul in the notes": ("a\x00b", "a\x00b"),
}
DETAIL_FIELD = {
    "negative salary": "salary_expected",
    "company too long": "company",
    "nul in the company": "company",
    "nul in the notes": "notes",
}


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(DataPaths(tmp_path / "other"))
    database.clock = Clock.starting_at(NOW)
    yield database
    database.close()


def applications(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(select(func.count(Application.id))).scalar_one())


def form_with(field: str, value: str) -> ApplicationForm:
    return ApplicationForm(**{"company": "Acme", "applied_on": "2026-11-02", field: value})


def via_form(db: Database, _other: Database, field: str, typed: str, _stored: object) -> None:
    add_application(db, form_with(field, typed))


def via_bulk(db: Database, _other: Database, field: str, typed: str, _stored: object) -> None:
    shared = {"position": "", "source": "", "applied_on": date(2026, 11, 2)}
    if field == "applied_on":
        shared["applied_on"] = date.fromisoformat(typed)
    else:
        shared[field] = typed
    preview = bulk.preview(db, "Acme\nBeta", **shared)  # type: ignore[arg-type]
    bulk.commit(db, preview)


CSV_HEADING = {
    "company": "Company",
    "position": "Position",
    "source": "Source",
    "applied_on": "Date applied",
    "salary_expected": "Salary",
    "notes": "Notes",
}


def via_csv(db: Database, _other: Database, field: str, typed: str, _stored: object) -> None:
    row = {"Company": "Acme", "Position": "Agent", "Date applied": "2026-11-02"}
    row[CSV_HEADING[field]] = typed
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    preview = preview_csv(db, read_csv(out.getvalue().encode()))
    import_csv(db, preview)


def via_json(db: Database, other: Database, field: str, _typed: str, stored: object) -> None:
    add_application(db, ApplicationForm(company="Acme", position="Agent", applied_on="2026-11-02"))
    doc = json.loads(json_bytes(db))
    app = doc["applications"][0]
    if field == "company":
        doc["companies"][0]["name"] = stored
        app["company"] = stored
    else:
        app[field] = stored
    import_json(other, json.dumps(doc).encode())


ENTRY_POINTS: dict[str, Callable[[Database, Database, str, str, object], None]] = {
    "form": via_form,
    "bulk add": via_bulk,
    "csv import": via_csv,
    "json import": via_json,
}


def refused_by_the_form(field: str, typed: str) -> bool:
    values, errors = validate(form_with(field, typed), NOW.date())
    return values is None and field in errors.by_field


def _cases() -> Iterator[object]:
    for entry in ENTRY_POINTS:
        for name in BAD:
            yield pytest.param(entry, FIELD[name], *BAD[name], id=f"{entry}-{name}")
        if entry == "bulk add":
            continue
        for name in BAD_DETAILS:
            yield pytest.param(entry, DETAIL_FIELD[name], *BAD_DETAILS[name], id=f"{entry}-{name}")


@pytest.mark.parametrize(("entry", "field", "typed", "stored"), list(_cases()))
def test_every_entry_point_refuses_what_the_form_refuses(
    db: Database, other: Database, entry: str, field: str, typed: str, stored: object
) -> None:
    assert refused_by_the_form(field, typed)
    target = other if entry == "json import" else db
    with pytest.raises(NextCallError):
        ENTRY_POINTS[entry](db, other, field, typed, stored)
    assert applications(target) == 0
    with target.session() as s:
        assert s.execute(select(func.count(Company.id))).scalar_one() == 0


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_every_entry_point_accepts_what_the_form_accepts(
    db: Database, other: Database, entry: str
) -> None:
    ENTRY_POINTS[entry](db, other, "position", "Agent", "Agent")
    target = other if entry == "json import" else db
    assert applications(target) >= 1
    with target.session() as s:
        # The stored progress comes from the write path, whichever way the record came in.
        rows = s.execute(select(Application)).scalars().all()
        assert rows and all(a.furthest_stage_id is not None for a in rows)
        assert all(a.current_state is not None for a in rows)


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("nul", {"position": "a\x00b"}),
        ("too long", {"site": "x" * 201}),
        ("future", {"applied_on": NOW.date() + timedelta(days=1)}),
        ("negative", {"salary_expected": -1.0}),
        ("not a number", {"salary_expected": float("nan")}),
        ("no company", {"company": "  "}),
        ("status", {"status": "hired"}),
    ],
)
def test_the_write_path_itself_refuses_bad_values(
    db: Database, name: str, values: dict[str, object]
) -> None:
    base = {
        "company": "Acme",
        "position": "",
        "account_type": "",
        "source": "",
        "url": "",
        "applied_on": None,
        "site": "",
        "shift": "",
        "salary_expected": None,
        "status": "active",
        "notes": "",
    }
    with pytest.raises(ValidationError), db.session() as s:
        create_application_in(s, ApplicationValues(**{**base, **values}), NOW)  # type: ignore[arg-type]
    assert applications(db) == 0
