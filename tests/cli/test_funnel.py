"""`nextcall funnel` and `nextcall record`: the output contract, lookups and clean errors."""

from __future__ import annotations

import json

import pytest

from cli_helpers import one_error, run
from nextcall.core.paths import DataPaths
from nextcall.core.stages import MILESTONE_KEYS
from nextcall.services.applications import ApplicationForm, add_application, delete_application
from nextcall.services.database import Database
from nextcall.services.lookup import (
    AmbiguousApplicationError,
    find_application,
    matching_applications,
)
from nextcall.services.stages import add_stage

KEYS = {"milestone", "reached", "passed", "failed", "pending", "pass_rate"}


@pytest.fixture
def profile(isolated_profile: DataPaths) -> dict[str, int]:
    db = Database.open(isolated_profile)
    try:
        ids = {
            name: add_application(
                db, ApplicationForm(company=name, position=position, applied_on=applied)
            )
            for name, position, applied in (
                ("Harborline BPO", "Customer service agent", "2026-10-01"),
                ("Bluewave Contact", "Sales agent", "2026-10-02"),
                ("Crestview Solutions", "Tech support", "2026-10-03"),
                ("Trashed Ltd", "", "2026-10-04"),
            )
        }
        ids["Harborline again"] = add_application(
            db,
            ApplicationForm(company="harborline bpo", position="Chat agent", applied_on=""),
        )
        delete_application(db, ids["Trashed Ltd"])
    finally:
        db.close()
    return ids


def test_funnel_json_has_exact_keys_in_pipeline_order(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int]
) -> None:
    assert run(capsys, "record", "Bluewave", "application", "passed")[0] == 0
    assert run(capsys, "record", "Bluewave", "phone-interview", "passed")[0] == 0
    assert run(capsys, "record", "Bluewave", "exam", "failed")[0] == 0
    capsys.readouterr()
    code, out, err = run(capsys, "funnel", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)  # nothing but the JSON list on stdout
    assert isinstance(rows, list)
    assert [r["milestone"] for r in rows] == list(MILESTONE_KEYS)
    assert all(set(r) == KEYS for r in rows)
    by_key = {r["milestone"]: r for r in rows}
    assert by_key["exam"] == {
        "milestone": "exam",
        "reached": 1,
        "passed": 0,
        "failed": 1,
        "pending": 0,
        "pass_rate": 0.0,
    }
    # Implied: reaching the exam means the in-person interview was passed.
    assert by_key["in-person-interview"]["passed"] == 1
    assert by_key["in-person-interview"]["pass_rate"] == 1.0
    assert by_key["job-offer"]["pass_rate"] is None
    assert isinstance(by_key["phone-interview"]["pass_rate"], float)


def test_funnel_json_lists_used_own_stages_in_place(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int], isolated_profile: DataPaths
) -> None:
    db = Database.open(isolated_profile)
    try:
        add_stage(db, "Second interview", "in-person-interview", key="second-interview")
        add_stage(db, "Never used", "exam", key="never-used")
    finally:
        db.close()
    assert run(capsys, "record", "Crestview", "second-interview", "passed")[0] == 0
    code, out, _ = run(capsys, "funnel", "--json")
    keys = [r["milestone"] for r in json.loads(out)]
    assert code == 0
    assert keys == [*MILESTONE_KEYS[:3], "second-interview", *MILESTONE_KEYS[3:]]


def test_funnel_table_and_sentence(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int]
) -> None:
    code, out, err = run(capsys, "funnel")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == [
        "Milestone",
        "Reached",
        "Passed",
        "Failed",
        "Pending",
        "Pass",
        "rate",
    ]
    assert lines[1].split()[:2] == ["Application", "sent"]
    assert len(lines) == 1 + 10 + 2
    run(capsys, "record", "Bluewave", "application", "passed")
    run(capsys, "record", "Bluewave", "phone-interview", "failed")
    code, out, _ = run(capsys, "funnel")
    phone = next(line for line in out.splitlines() if line.startswith("Phone interview"))
    assert phone.split() == ["Phone", "interview", "1", "0", "1", "0", "0%"]
    assert (
        out.rstrip()
        .splitlines()[-1]
        .startswith("Your applications stop most often at the phone interview")
    )


def test_record_prints_one_line_and_keeps_the_milestone_reached(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int]
) -> None:
    code, out, err = run(capsys, "record", "crestview", "application", "passed")
    assert (code, err) == (0, "")
    app_id = profile["Crestview Solutions"]
    assert out == (
        f"Recorded application: passed for Crestview Solutions (#{app_id}). "
        "Status: active; furthest milestone: application.\n"
    )
    code, out, err = run(
        capsys, "record", str(app_id), "exam", "failed", "--date", "2026-11-02", "--score", "61"
    )
    assert (code, err) == (0, "")
    assert out == (
        f"Recorded exam: failed for Crestview Solutions (#{app_id}). "
        "Status: rejected; furthest milestone: exam.\n"
    )


def test_record_by_unique_part_of_a_name_and_by_hash_id(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int]
) -> None:
    code, out, _ = run(
        capsys, "record", "BLUE", "phone-interview", "scheduled", "--date", "2026-12-01"
    )
    assert code == 0 and "for Bluewave Contact" in out
    code, out, _ = run(capsys, "record", f"#{profile['Crestview Solutions']}", "exam", "skipped")
    # Skipped is not reached: the application sent (pending since it was added) stays furthest.
    assert code == 0 and "Status: active; furthest milestone: application." in out


def test_record_lists_the_candidates_when_ambiguous(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int]
) -> None:
    code, out, err = run(capsys, "record", "Harborline BPO", "exam", "passed")
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert lines[0].startswith("nextcall: error: ")
    assert "matches 2 applications" in lines[0]
    first, second = profile["Harborline BPO"], profile["Harborline again"]
    assert lines[1:] == [
        f"  #{first}  Harborline BPO, Customer service agent, applied 2026-10-01",
        f"  #{second}  Harborline BPO, Chat agent, no date applied",
    ]
    # A part of two companies' names is ambiguous too.
    code, _, err = run(capsys, "record", "o", "exam", "passed")
    assert code == 1 and len(err.strip().splitlines()) == 1 + 4


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("Nobody Inc", "exam", "passed"), "no application for “Nobody Inc”"),
        (("Trashed", "exam", "passed"), "no application for “Trashed”"),
        (("999", "exam", "passed"), "no application for “999”"),
        (("Bluewave", "exams", "passed"), "“exams” is not a milestone; use one of: application"),
        (("Bluewave", "exam", "won"), "“won” is not an outcome"),
        (("Bluewave", "exam", "passed", "--date", "2026-02-30"), "--date: “2026-02-30”"),
        (("Bluewave", "exam", "passed", "--date", "2026-12-01"), "is in the future"),
        (("Bluewave", "exam", "passed", "--score", "lots"), "--score: “lots” is not a number"),
        (("Bluewave", "exam", "passed", "--score", "-5"), "between 0 and 1000"),
    ],
)
def test_record_errors_are_one_clean_line(
    capsys: pytest.CaptureFixture[str],
    profile: dict[str, int],
    argv: tuple[str, ...],
    message: str,
) -> None:
    code, out, err = run(capsys, "record", *argv)
    assert code == 1 and out == ""
    assert message in one_error(err)


def test_record_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "record", "Bluewave", "exam")
    assert code == 2
    assert "nextcall: error:" in err


def test_lookup_service(profile: dict[str, int], isolated_profile: DataPaths) -> None:
    db = Database.open(isolated_profile)
    try:
        with pytest.raises(AmbiguousApplicationError) as caught:
            find_application(db, "HARBORLINE BPO")
        assert [m.id for m in caught.value.matches] == [
            profile["Harborline BPO"],
            profile["Harborline again"],
        ]
        assert find_application(db, "crest").company == "Crestview Solutions"
        assert find_application(db, str(profile["Bluewave Contact"])).company == "Bluewave Contact"
        assert matching_applications(db, "Trashed") == []
    finally:
        db.close()
