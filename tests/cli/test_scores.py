"""`nextcall scores [--json]`: test scores newest first, with exactly the documented keys."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from cli_helpers import one_error, run
from nextcall.core import typing_test as tt
from nextcall.core.paths import DataPaths
from nextcall.services import practice
from nextcall.services.database import Database
from nextcall.services.typing_test import record_typing_test

BASE = {"kind", "taken_at", "score", "unit"}
TYPING = BASE | {"gross_wpm", "net_wpm", "accuracy", "seconds"}
PASSAGE = "Thanks for waiting. Your refund was approved and will reach your card within a week."


def _fill(paths: DataPaths) -> None:
    db = Database.open(paths)
    try:
        practice.add_test_score(
            db, practice.ScoreInput(kind="english", value="72", taken_on="2026-11-18")
        )
        practice.add_test_score(
            db, practice.ScoreInput(kind="typing", value="33", accuracy="91", taken_on="2026-11-19")
        )
        typed = PASSAGE[:60].replace("w", "v", 1)  # one wrong character
        record_typing_test(
            db, tt.score(PASSAGE, typed, 30), "refund-delay-email",
            taken_at=datetime(2026, 11, 20, 9, 30, 15),
        )  # fmt: skip
    finally:
        db.close()


def test_json_lists_newest_first_with_exactly_the_keys(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    _fill(isolated_profile)
    code, out, err = run(capsys, "scores", "--json")
    assert code == 0 and err == ""
    items = json.loads(out)
    assert [i["kind"] for i in items] == ["typing", "typing", "english"]
    taken, typed, english = items
    assert set(taken) == TYPING and set(typed) == TYPING and set(english) == BASE
    assert taken["taken_at"] == "2026-11-20T09:30:15"
    assert typed["taken_at"] == "2026-11-19T00:00:00"  # only the day known
    assert english == {
        "kind": "english",
        "taken_at": "2026-11-18T00:00:00",
        "score": 72.0,
        "unit": "points",
    }
    # 60 characters in 30 s: 24 gross; 1 error in half a minute: 22 net
    assert taken["gross_wpm"] == 24.0 and taken["net_wpm"] == 22.0
    assert taken["score"] == 22.0 and taken["unit"] == "wpm"
    assert taken["accuracy"] == round(59 / 60, 4) and taken["seconds"] == 30.0
    assert typed["net_wpm"] == 33.0 and typed["accuracy"] == 0.91
    assert typed["gross_wpm"] is None and typed["seconds"] is None


def test_plain_output_one_line_a_score(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    _fill(isolated_profile)
    code, out, err = run(capsys, "scores")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("2026-11-20 09:30") and "22 net wpm, 24 gross" in lines[0]
    assert "98.3% accuracy" in lines[0] and "30 s" in lines[0]
    assert lines[2].startswith("2026-11-18") and "72 points" in lines[2]


def test_an_empty_profile_and_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "scores", "--json")
    assert (code, json.loads(out), err) == (0, [], "")
    code, out, err = run(capsys, "scores")
    assert code == 0 and "No test scores yet" in out
    code, _out, err = run(capsys, "scores", "--bogus")
    assert code == 2 and "unrecognized arguments" in err


def test_a_damaged_file_is_one_clean_line(
    capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths
) -> None:
    isolated_profile.root.mkdir(parents=True, exist_ok=True)
    isolated_profile.database.write_bytes(b"this is not a database" * 100)
    code, _out, err = run(capsys, "scores")
    assert code == 1
    one_error(err)
