"""services/data_import.py: a CSV from another tracker, previewed, then imported all or none."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from nextcall.core.errors import ValidationError
from nextcall.export.csv_read import read_csv
from nextcall.services import data_import
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.data_import import CsvPreview, import_csv, preview_csv
from nextcall.services.database import Database
from nextcall.services.stages import stage_states
from nextcall.store.models import Application, Company, Stage

FIXTURES = Path(__file__).parents[1] / "export" / "fixtures"


def plan(db: Database, name: str, chosen: dict[str, str] | None = None) -> CsvPreview:
    return preview_csv(db, read_csv((FIXTURES / name).read_bytes()), chosen, source=name)


def plan_text(db: Database, text: str, chosen: dict[str, str] | None = None) -> CsvPreview:
    return preview_csv(db, read_csv(text.encode()), chosen)


def count(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(select(func.count(Application.id))).scalar_one())


def by_company(db: Database) -> dict[str, Application]:
    with db.session() as s:
        rows = s.execute(select(Application, Company.name).join(Company)).all()
        return {name: app for app, name in rows}


def furthest(db: Database, app: Application) -> str | None:
    with db.session() as s:
        return s.execute(
            select(Stage.key).where(Stage.id == app.furthest_stage_id)
        ).scalar_one_or_none()


def backups(db: Database) -> list[Path]:
    folder = db.paths.backups
    return sorted(folder.glob("*before-import*")) if folder.is_dir() else []


def test_the_other_trackers_file_is_mapped_and_previewed(db: Database) -> None:
    p = plan(db, "other_tracker.csv")
    assert [(c.heading, c.target) for c in p.mapping.used()] == [
        ("Employer", "company"),
        ("Job Title", "position"),
        ("Status", "status"),
        ("Date Applied", "applied"),
        ("Link", "url"),
        ("Location", "location"),
        ("Salary", "salary"),
        ("Notes", "notes"),
    ]
    assert [c.heading for c in p.mapping.ignored] == ["Excitement"]
    assert p.clean
    assert [r.line for r in p.new] == [2, 3, 4, 6, 7, 8]
    assert p.describe(p.rows[1]) == (
        "Northstar Customer Care — Technical Support Agent "
        "(applied 2026-10-05, phone interview, active)"
    )
    assert p.summary() == "6 to import"
    assert count(db) == 0  # a preview writes nothing


def test_importing_records_milestones_and_statuses(db: Database) -> None:
    result = import_csv(db, plan(db, "other_tracker.csv"))
    assert [line for line, _id in result.added] == [2, 3, 4, 6, 7, 8]
    apps = by_company(db)
    assert len(apps) == 6
    harbor = apps["Harborline BPO"]
    assert (harbor.status, harbor.site, harbor.salary_expected) == ("active", "Makati", 18000.0)
    assert harbor.url == "https://jobs.example.com/harborline/123"
    assert furthest(db, harbor) == "application"

    north = apps["Northstar Customer Care"]
    assert north.status == "active"
    assert furthest(db, north) == "phone-interview"
    outcomes = {st.stage.key: st.outcome for st in stage_states(db, north.id)}
    assert outcomes["application"] == "passed"  # reaching an interview means it was passed
    assert outcomes["phone-interview"] == "pending"
    assert north.salary_expected == 20000.0
    assert 'Recruiter said: "call back Monday"' in north.notes
    assert "Salary: $20k - 22k" in north.notes  # the range is kept in the notes

    pinnacle = apps["Pinnacle Connect"]
    assert pinnacle.status == "rejected"
    assert pinnacle.notes == "Stopped at the exam.\nGrammar part was hard."
    assert furthest(db, pinnacle) == "application"

    sunrise = apps["Sunrise Teleservices"]
    assert sunrise.status == "offer"
    assert furthest(db, sunrise) == "job-offer"
    assert apps["Meridian Support Hub"].status == "active"
    assert apps["Lakeside CX Solutions"].status == "ghosted"
    assert result.backup is not None and result.backup in backups(db)


def test_importing_the_same_file_again_adds_nothing(db: Database) -> None:
    import_csv(db, plan(db, "other_tracker.csv"))
    again = plan(db, "other_tracker.csv")
    assert again.new == []
    assert len(again.skipped) == 6
    assert again.rows[0].duplicate_of is not None
    assert again.summary() == "0 to import, 6 already in your profile"
    result = import_csv(db, again)
    assert result.added == () and result.backup is None
    assert count(db) == 6


def test_bad_rows_are_listed_and_nothing_is_written(db: Database) -> None:
    p = plan(db, "other_tracker_bad.csv")
    assert not p.clean
    problems = {r.line: r.problems for r in p.bad}
    assert list(problems) == [3, 4, 5]
    assert problems[3] == ("empty company",)
    assert problems[4][0].startswith("Date Applied: unknown date format “the 12th”")
    assert "Maybe later" in problems[5][0] and "Ghosted" in problems[5][0]
    assert p.summary() == "1 to import, 3 bad rows"
    with pytest.raises(ValidationError, match="3 rows cannot be imported"):
        import_csv(db, p)
    assert count(db) == 0
    assert backups(db) == []


def test_a_row_with_undecodable_bytes_is_a_bad_row(db: Database) -> None:
    data = "Company,Role\nCafé Uno,Agent\n".encode() + b"Bad \xff Co,Agent\n"
    p = preview_csv(db, read_csv(data))
    assert [(r.line, r.problems[0][:14]) for r in p.bad] == [(3, "wrong encoding")]


def test_a_failure_half_way_leaves_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    p = plan(db, "other_tracker.csv")
    calls = []
    real = data_import.record_outcomes_in

    def fail_on_third(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 3:  # the third batch of two rows
            raise RuntimeError("disk full")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(data_import, "_CHUNK", 2)
    monkeypatch.setattr(data_import, "record_outcomes_in", fail_on_third)
    with pytest.raises(RuntimeError):
        import_csv(db, p)
    assert len(calls) == 3  # two batches were written before the failure
    assert count(db) == 0


def test_chosen_columns_and_repeats_in_the_file(db: Database) -> None:
    text = (
        "Client,Gig,When,Where,Pay,Label\n"
        "Alpha CX,Agent,2026-11-02,Remote,,night\n"
        "alpha cx,Agent,2026-11-02,Remote,,\n"
    )
    chosen = {"Client": "company", "gig": "position", "When": "applied", "Label": "tags"}
    p = plan_text(db, text, chosen)
    assert [c.heading for c in p.mapping.ignored] == ["Where"]  # "Pay" is a salary
    assert [r.repeat_of for r in p.rows] == [None, 2]
    result = import_csv(db, p)
    assert len(result.added) == 1
    app = by_company(db)["Alpha CX"]
    assert (app.position, app.notes) == ("Agent", "Tags: night")


def test_a_known_application_is_a_duplicate_but_another_position_is_new(db: Database) -> None:
    add_application(
        db, ApplicationForm(company="Alpha CX", position="Agent", applied_on="2026-11-02")
    )
    p = plan_text(
        db, "Company,Role,Applied\nALPHA CX,Agent,2 Nov 2026\nAlpha CX,Team lead,2026-11-02\n"
    )
    assert [r.duplicate_of is not None for r in p.rows] == [True, False]
    import_csv(db, p)
    assert count(db) == 2
    with db.session() as s:
        assert s.execute(select(func.count(Company.id))).scalar_one() == 1


def test_status_words_choose_the_milestone_outcome(db: Database) -> None:
    text = (
        "Company,Stage,Status\n"
        "Final Co,Final interview,Rejected\n"
        "Hired Co,,Accepted\n"
        "Gone Co,Exam,Withdrawn\n"
    )
    import_csv(db, plan_text(db, text))
    apps = by_company(db)
    final = apps["Final Co"]
    assert (final.status, furthest(db, final)) == ("rejected", "final-interview")
    assert final.closing_reason == "Stopped at the final interview"
    assert (apps["Hired Co"].status, furthest(db, apps["Hired Co"])) == ("accepted", "job-offer")
    assert (apps["Gone Co"].status, furthest(db, apps["Gone Co"])) == ("withdrawn", "exam")


def test_form_rules_apply_to_every_row(db: Database) -> None:
    long_name = "x" * 201
    p = plan_text(db, f"Company,Salary,Extra\n{long_name},-5,\nOk Co,abc,,surplus\n")
    problems = {r.line: r.problems for r in p.bad}
    assert any("Company" in m and "200" in m for m in problems[2])
    assert any(m.startswith("Salary:") for m in problems[2])
    assert any("4 cells but 3 headings" in m for m in problems[3])


UNDECIDED = "Company,Date Applied\nAlpha CX,11/05/2026\nBeta BPO,03/04/2026\nGamma,2026-10-01\n"


def applied(p: CsvPreview) -> list[str]:
    return [str(r.values.applied_on) for r in p.rows if r.values is not None]


def test_dates_that_never_show_their_order_are_asked_about(db: Database) -> None:
    p = plan_text(db, UNDECIDED)
    assert (p.undecided_date, p.date_heading, p.date_order) == ("11/05/2026", "Date Applied", None)
    assert [r.line for r in p.bad] == [2, 3] and p.bad_lines() == "lines 2 and 3"
    day_first = preview_csv(db, read_csv(UNDECIDED.encode()), date_order="dmy")
    assert day_first.clean and day_first.undecided_date == ""
    assert applied(day_first) == [
        "2026-05-11",
        "2026-04-03",
        "2026-10-01",
    ]
    month_first = preview_csv(db, read_csv(UNDECIDED.encode()), date_order="mdy")
    assert applied(month_first)[:2] == [
        "2026-11-05",
        "2026-03-04",
    ]
    import_csv(db, day_first)
    assert count(db) == 3


def test_a_day_above_12_settles_the_order_without_asking(db: Database) -> None:
    p = plan_text(db, UNDECIDED + "Delta,25/10/2026\n")
    assert (p.undecided_date, p.date_order) == ("", "dmy")
    assert p.clean


def test_bad_lines_are_named() -> None:
    assert data_import.lines_phrase([4]) == "line 4"
    assert data_import.lines_phrase([4, 9, 12]) == "lines 4, 9 and 12"
    assert data_import.lines_phrase(list(range(2, 12)), 3) == "lines 2, 3, 4 and 7 more"
