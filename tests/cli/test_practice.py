"""`nextcall practice [--json]`: the drills proposed first, with the reason for each."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from cli_helpers import one_error, run
from nextcall.core.paths import DataPaths
from nextcall.core.playbook import RUBRIC_KEYS
from nextcall.services import practice
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.demo import fill_demo
from nextcall.services.stages import record_outcome

KEYS = {
    "rank",
    "kind",
    "key",
    "title",
    "reason",
    "score",
    "last_practised",
    "times",
    "milestone",
    "areas",
}


def test_a_new_profile_gets_the_basics(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "practice")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("No stops or interviewer tips recorded yet")
    numbered = [line for line in lines if line[:2] in {"1.", "2.", "3.", "4.", "5."}]
    assert len(numbered) == 5
    body = [line for line in lines[lines.index(numbered[0]) :] if line]
    assert all(line in numbered or line.startswith("   ") for line in body)  # reasons indented


def test_json_on_the_demo_profile(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    db = Database.open(isolated_profile)
    try:
        fill_demo(db)
    finally:
        db.close()
    code, out, err = run(capsys, "practice", "--json")
    assert code == 0 and err == ""
    items = json.loads(out)
    assert [item["rank"] for item in items] == [1, 2, 3, 4, 5]
    for item in items:
        assert set(item) == KEYS
        assert item["kind"] in {"scenario", "question", "voice", "test"}
        assert isinstance(item["reason"], str) and item["reason"].endswith(".")
        assert item["score"] is None or 1 <= item["score"] <= 5
        assert item["last_practised"] is None or len(item["last_practised"]) == 10
        assert isinstance(item["times"], int) and isinstance(item["areas"], list)
    assert any(item["milestone"] for item in items)
    code, text, _err = run(capsys, "practice")
    assert code == 0
    assert items[0]["title"] in text and items[0]["reason"][:40] in text.replace("\n   ", " ")


def test_a_failed_mock_call_moves_the_lowest_scored_drill_first(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    db = Database.open(isolated_profile)
    try:
        for scenario, values in (("irate-customer", 2), ("inbound-request", 4)):
            practice.record_session(
                db,
                practice.SessionInput(
                    scenario, datetime(2026, 11, 10, 19), 300, dict.fromkeys(RUBRIC_KEYS, values)
                ),
            )
        app = add_application(db, ApplicationForm(company="Pacific Crest BPO"))
        record_outcome(db, app, "mock-call", "failed")
    finally:
        db.close()
    code, out, _err = run(capsys, "practice", "--json")
    assert code == 0
    first = json.loads(out)[0]
    assert (first["kind"], first["key"], first["milestone"]) == (
        "scenario",
        "irate-customer",
        "mock-call",
    )
    assert first["score"] == 2.0 and first["times"] == 1
    assert "scored lowest (2.0 / 5)" in first["reason"]
    code, out, _err = run(capsys, "practice")
    assert out.startswith("You stop most at the mock call.")
    assert "1. Calm an irate customer  (mock call, self-score 2.0 / 5)" in out


def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    code, _out, err = run(capsys, "--data-dir", str(not_a_folder), "practice", "--json")
    assert code == 1
    one_error(err)
    code, _out, err = run(capsys, "practice", "--all")
    assert code == 2 and "unrecognized arguments: --all" in err
