"""services/data_export.py: applications as CSV, interviews as iCalendar, chosen by extension."""

from __future__ import annotations

import codecs
import csv
import io
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from nextcall.core.errors import ValidationError
from nextcall.export.csv_read import read_csv
from nextcall.services import data_export
from nextcall.services.applications import (
    ApplicationForm,
    add_application,
    delete_application,
)
from nextcall.services.data_export import export_file, suggested_name
from nextcall.services.data_import import preview_csv
from nextcall.services.database import Database
from nextcall.services.stages import record_outcome, set_unused


@pytest.fixture
def profile(db: Database) -> Database:
    first = add_application(
        db,
        ApplicationForm(
            company="Harborline BPO",
            position='=HYPERLINK("x")',
            applied_on="2026-11-02",
            salary_expected="18000",
            site="Makati",
            notes='Said "call me", then hung up',
        ),
    )
    record_outcome(db, first, "phone-interview", "passed", on=date(2026, 11, 5))
    record_outcome(
        db, first, "in-person-interview", "scheduled", scheduled_at=datetime(2026, 11, 24, 14, 30)
    )
    set_unused(db, first, "sales-test", True)
    gone = add_application(db, ApplicationForm(company="Deleted Co", applied_on="2026-11-01"))
    record_outcome(db, gone, "phone-interview", "scheduled", scheduled_at=datetime(2026, 11, 25, 9))
    delete_application(db, gone)
    add_application(db, ApplicationForm(company="Nimbus Support Co.", applied_on="2026-10-30"))
    return db


def read_back(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def test_csv_has_one_row_per_live_application_with_its_milestones(
    profile: Database, tmp_path: Path
) -> None:
    done = export_file(profile, tmp_path / "apps.csv")
    assert done.count == 2
    assert done.message() == f"Saved 2 applications to {tmp_path / 'apps.csv'}"
    rows = read_back(tmp_path / "apps.csv")
    head = rows[0]
    assert head[:5] == ["Company", "Position", "Account", "Status", "Applied"]
    assert head[-1] == "Notes"
    assert head[12:14] == ["Application sent", "Phone interview"]
    assert [r[0] for r in rows[1:]] == ["Nimbus Support Co.", "Harborline BPO"]  # by date
    harbor = dict(zip(head, rows[2], strict=True))
    assert harbor["Position"] == '\'=HYPERLINK("x")'  # never a formula
    assert harbor["Status"] == "Active"
    assert harbor["Salary expected"] == "18000"
    assert harbor["Location"] == "Makati"
    assert harbor["Furthest milestone"] == "In-person interview"
    assert harbor["Application sent"] == "2026-11-02 passed"
    assert harbor["Phone interview"] == "2026-11-05 passed"
    assert harbor["In-person interview"] == "2026-11-24 14:30 scheduled"
    assert harbor["Sales test"] == "not used"
    assert harbor["Exam"] == ""
    assert harbor["Notes"] == 'Said "call me", then hung up'
    assert b"\r\n" in (tmp_path / "apps.csv").read_bytes()


def test_our_own_csv_imports_back(profile: Database, tmp_path: Path) -> None:
    export_file(profile, tmp_path / "apps.csv")
    plan = preview_csv(profile, read_csv((tmp_path / "apps.csv").read_bytes()))
    assert plan.clean
    assert len(plan.skipped) == 2  # both already in this profile


def test_ics_holds_the_scheduled_interviews_of_live_applications(
    profile: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Manila")
    done = export_file(profile, tmp_path / "interviews.ics")
    assert (done.count, done.what) == (1, "interviews")
    assert done.message().startswith("Saved 1 interview to")
    calendar = Calendar.from_ical((tmp_path / "interviews.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "In-person interview — Harborline BPO"
    start = event.decoded("DTSTART")
    assert start == datetime(2026, 11, 24, 14, 30, tzinfo=ZoneInfo("Asia/Manila"))
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Manila"]
    assert str(event["UID"]).startswith("nextcall-event-")


def test_json_goes_through_the_same_door(profile: Database, tmp_path: Path) -> None:
    done = export_file(profile, tmp_path / "all.JSON")
    assert done.count == 3  # the deleted application travels too
    assert (tmp_path / "all.JSON").read_bytes().startswith(b'{\n  "format": "nextcall"')


@pytest.mark.parametrize("name", ["data.txt", "data", "data.csv.bak"])
def test_an_unknown_extension_is_refused(profile: Database, tmp_path: Path, name: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ValidationError, match=r"\.csv .* \.json .* \.ics"):
        export_file(profile, folder / name)
    assert list(folder.iterdir()) == []


def test_an_existing_file_is_replaced_whole(
    profile: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "apps.csv"
    target.write_text("old")

    def broken(*args: object) -> int:
        raise RuntimeError("crash while writing")

    monkeypatch.setattr(data_export, "write_table", broken)
    with pytest.raises(RuntimeError):
        export_file(profile, target)
    assert target.read_text() == "old"


def test_suggested_names_are_safe_and_dated() -> None:
    assert suggested_name(".ics", date(2026, 11, 20)) == "nextcall-interviews-2026-11-20.ics"
    assert suggested_name(".csv", date(2026, 11, 20)).endswith(".csv")
