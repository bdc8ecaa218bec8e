"""export/csv_mapping.py: recognised headings, --map text, and stage or status words."""

from __future__ import annotations

from datetime import date

import pytest

from nextcall.core.errors import ValidationError
from nextcall.export.csv_mapping import (
    Progress,
    build_mapping,
    cell_date,
    combine,
    date_order,
    parse_map,
    parse_salary,
    progress_words,
    reading,
    recognise,
    undecided_date,
)

MILESTONES = [
    ("application", "Application sent"),
    ("phone-interview", "Phone interview"),
    ("exam", "Exam"),
    ("final-interview", "Final interview"),
    ("job-offer", "Job offer"),
]
ORDER = [key for key, _ in MILESTONES]
TODAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("heading", "target"),
    [
        ("Company", "company"),
        ("EMPLOYER", "company"),
        ("Organization", "company"),
        ("Job Title", "position"),
        ("job_title", "position"),
        ("Role", "position"),
        ("Title", "position"),
        ("Stage", "stage"),
        ("Status", "status"),
        ("Date Applied", "applied"),
        ("Application Date", "applied"),
        ("Applied", "applied"),
        ("URL", "url"),
        ("Link", "url"),
        ("Location", "location"),
        ("Salary", "salary"),
        ("Source", "source"),
        ("Notes", "notes"),
        ("Tags", "tags"),
        ("Excitement", None),
    ],
)
def test_common_headings_are_recognised(heading: str, target: str | None) -> None:
    assert recognise(heading) == target


def test_map_text_names_headings_and_targets() -> None:
    assert parse_map("Employer=company, Job Title = position,,Pay=salary") == {
        "Employer": "company",
        "Job Title": "position",
        "Pay": "salary",
    }


@pytest.mark.parametrize("text", ["Employer", "=company", "Employer=boss"])
def test_bad_map_text_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_map(text)


def test_the_users_choice_beats_recognition_and_unknown_columns_are_listed() -> None:
    mapping = build_mapping(
        ["Organisation", "Title", "Pay band", "Mood"], {"title": "ignore", "PAY BAND": "salary"}
    )
    assert [(c.heading, c.target, c.how) for c in mapping.columns] == [
        ("Organisation", "company", "recognised"),
        ("Title", "ignore", "mapped"),
        ("Pay band", "salary", "mapped"),
        ("Mood", "ignore", "unknown"),
    ]
    assert [c.heading for c in mapping.ignored] == ["Mood"]


def test_two_columns_for_one_target_are_refused_but_notes_may_join() -> None:
    with pytest.raises(ValidationError, match="both"):
        build_mapping(["Company", "Client"], {"Client": "company"})
    mapping = build_mapping(["Company", "Notes", "Comments"])
    assert [c.target for c in mapping.used()] == ["company", "notes", "notes"]


def test_a_file_without_a_company_column_says_how_to_map_one() -> None:
    with pytest.raises(ValidationError, match="Employer=company"):
        build_mapping(["Business", "Role"])


def test_a_mapped_heading_missing_from_the_file_is_named() -> None:
    with pytest.raises(ValidationError, match="“Boss”"):
        build_mapping(["Company"], {"Boss": "notes"})


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Phone interview", Progress("phone-interview", None)),
        ("final-interview", Progress("final-interview", None)),
        ("Offer", Progress("job-offer", "offer")),
        ("Job offer", Progress("job-offer", "offer")),
        ("Applied", Progress("application", "active")),
        ("Rejected", Progress(None, "rejected")),
        ("not selected", Progress(None, "rejected")),
        ("Ghosted", Progress(None, "ghosted")),
        ("No response", Progress(None, "ghosted")),
        ("I withdrew", Progress(None, "withdrawn")),
        ("Accepted", Progress("job-offer", "accepted")),
        ("Interviewing", Progress(None, "active")),
        ("", None),
    ],
)
def test_stage_and_status_words(word: str, expected: Progress | None) -> None:
    assert progress_words(word, MILESTONES) == expected


def test_an_unknown_word_lists_the_accepted_ones() -> None:
    with pytest.raises(ValidationError) as caught:
        progress_words("Maybe later", MILESTONES)
    message = str(caught.value)
    assert "Maybe later" in message
    assert "Phone interview" in message
    assert "Ghosted" in message


def test_wishlist_rows_are_not_applications() -> None:
    with pytest.raises(ValidationError, match="not applied yet"):
        progress_words("Wishlist", MILESTONES)


def test_stage_and_status_combine() -> None:
    stage = Progress("final-interview", None)
    status = Progress(None, "rejected")
    assert combine(stage, status, ORDER) == Progress("final-interview", "rejected")
    assert combine(Progress("exam", None), Progress("application", "active"), ORDER) == Progress(
        "exam", "active"
    )
    assert combine(None, status, ORDER) == status


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-12", date(2026, 10, 12)),
        ("2026-10-12T09:30:00Z", date(2026, 10, 12)),
        ("2026-10-12 09:30", date(2026, 10, 12)),
        ("Oct 5, 2026", date(2026, 10, 5)),
        ("14/10/2026", date(2026, 10, 14)),
        ("", None),
    ],
)
def test_dates_in_cells(text: str, expected: date | None) -> None:
    assert cell_date(text, "Date Applied", TODAY) == expected


def test_an_unreadable_date_is_an_unknown_date_format_with_the_heading() -> None:
    for text in ("the 12th", "soon", "12.10"):
        with pytest.raises(ValidationError, match="Date Applied: unknown date format"):
            cell_date(text, "Date Applied", TODAY)
    with pytest.raises(ValidationError, match="in the future"):
        cell_date("2027-01-01", "Date Applied", TODAY)


def test_a_columns_numeric_dates_settle_the_order() -> None:
    assert date_order(["10/25/2026", "03/04/2026"]) == "mdy"
    assert date_order(["25/10/2026", "03/04/2026", ""]) == "dmy"
    assert date_order(["03/04/2026"]) is None
    assert date_order(["25/10/2026", "10/25/2026"]) is None
    assert cell_date("03/04/2026", "Applied", TODAY, "mdy") == date(2026, 3, 4)
    assert cell_date("03/04/2026", "Applied", TODAY, "dmy") == date(2026, 4, 3)
    with pytest.raises(ValidationError, match="day/month or month/day"):
        cell_date("03/04/2026", "Applied", TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18,000", (18000.0, False)),
        ("$20k - 22k", (20000.0, True)),
        ("PHP 19000", (19000.0, False)),
        ("19000 PHP", (19000.0, False)),
        ("25,000 / month", (25000.0, False)),
        ("18000 to 22000", (18000.0, True)),
        ("", (None, False)),
    ],
)
def test_salaries(text: str, expected: tuple[float | None, bool]) -> None:
    assert parse_salary(text) == expected


def test_a_salary_that_is_not_an_amount_is_refused() -> None:
    with pytest.raises(ValidationError):
        parse_salary("competitive")


def test_a_column_that_never_shows_its_order_names_a_date_to_ask_about() -> None:
    assert undecided_date(["11/05/2026", "", "2026-10-01", "03/04/2026"]) == "11/05/2026"
    assert undecided_date(["11/05/2026", "25/10/2026"]) == ""  # a day above 12 settles it
    assert undecided_date(["04/04/2026", "2026-10-01"]) == ""  # the same either way
    assert (
        undecided_date(["10/25/2026", "25/10/2026", "03/04/2026"]) == ""
    )  # both: asking won't mend it
    assert reading("11/05/2026", "dmy") == "11 May 2026"
    assert reading("11/05/2026", "mdy") == "5 November 2026"
    with pytest.raises(ValidationError) as caught:
        cell_date("11/05/2026", "Applied", TODAY)
    assert "11 May 2026" in str(caught.value) and "5 November 2026" in str(caught.value)
