"""`nextcall due [--json]`: overdue and due-today follow-ups, in the exact output contract."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

import pytest

from cli_helpers import run
from nextcall.core.clock import Clock
from nextcall.core.paths import DataPaths
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.follow_ups import add_custom, mark_done
from nextcall.services.stages import record_outcome

KEYS = {"application", "company", "kind", "due", "overdue"}


@pytest.fixture
def profile(isolated_profile: DataPaths) -> dict[str, int]:
    """The CLI runs on the real date, so the data is placed around it."""
    today = Clock.from_env().today()
    db = Database.open(isolated_profile)
    try:
        harbor = add_application(db, ApplicationForm(company="Harborline BPO", position="CSR"))
        crest = add_application(db, ApplicationForm(company="Crestview Contact Ñ"))
        # Failed yesterday: the thank-you is due today; the feedback call tomorrow.
        record_outcome(db, harbor, "phone-interview", "failed", on=today - timedelta(days=1))
        late = add_custom(db, crest, "Send my transcript", today - timedelta(days=2))
        add_custom(db, crest, "Ask about the start date", today + timedelta(days=3))
        done = add_custom(db, crest, "Already done", today)
        mark_done(db, done)
    finally:
        db.close()
    return {"harbor": harbor, "crest": crest, "late": late}


def test_due_json_has_exactly_the_contract_keys(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int]
) -> None:
    code, out, err = run(capsys, "due", "--json")
    assert code == 0 and err == ""
    items = json.loads(out)
    assert all(set(item) == KEYS for item in items)
    today = Clock.from_env().today()
    assert items == [
        {
            "application": profile["crest"],
            "company": "Crestview Contact Ñ",
            "kind": "custom",
            "due": (today - timedelta(days=2)).isoformat(),
            "overdue": True,
        },
        {
            "application": profile["harbor"],
            "company": "Harborline BPO",
            "kind": "thank-you",
            "due": today.isoformat(),
            "overdue": False,
        },
    ]
    assert isinstance(items[0]["application"], int)


def test_due_plain_prints_one_line_per_item(
    capsys: pytest.CaptureFixture[str], profile: dict[str, int]
) -> None:
    code, out, _err = run(capsys, "due")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("overdue since ")
    assert "Send my transcript (Crestview Contact Ñ)" in lines[0]
    assert f"#{profile['crest']}" in lines[0]
    assert lines[1].startswith("today 10:00")
    assert lines[1].endswith("Send a thank-you email to Harborline BPO")


def test_nothing_due(capsys: pytest.CaptureFixture[str], isolated_profile: DataPaths) -> None:
    db = Database.open(isolated_profile)
    try:
        app = add_application(db, ApplicationForm(company="Later Inc"))
        later = Clock.from_env().today() + timedelta(days=2)
        add_custom(db, app, "Not yet", datetime.combine(later, time(9)))
    finally:
        db.close()
    assert run(capsys, "due") == (0, "Nothing due today.\n", "")
    code, out, _err = run(capsys, "due", "--json")
    assert code == 0 and json.loads(out) == []


def test_due_rejects_unknown_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "due", "--yaml")
    assert code == 2
    assert "unrecognized arguments" in err
