"""services/json_import.py: a NextCall JSON file in, all at once and never twice; the round trip
through an empty profile gives the same file back."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from nextcall.core.clock import Clock
from nextcall.core.paths import DataPaths
from nextcall.export.json_format import FormatError
from nextcall.services.database import Database
from nextcall.services.demo import fill_demo
from nextcall.services.json_export import json_bytes
from nextcall.services.json_import import import_json, preview_json
from nextcall.services.stages import stage_states
from nextcall.store.models import Application, FollowUp, Note, StageEvent

FIXTURE = Path(__file__).parents[1] / "export" / "fixtures" / "nextcall_v1.json"
STAMP = datetime(2026, 11, 20, 18, 30)


@pytest.fixture
def other(tmp_path: Path) -> Database:
    """A second, empty profile."""
    database = Database.open(DataPaths(tmp_path / "other"))
    database.clock = Clock.starting_at(datetime(2026, 11, 20, 10, 0))
    yield database  # type: ignore[misc]
    database.close()


def counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {
            m.__tablename__: s.execute(select(func.count()).select_from(m)).scalar_one()
            for m in (Application, StageEvent, Note, FollowUp)
        }


def test_round_trip_through_an_empty_profile_is_exact(db: Database, other: Database) -> None:
    fill_demo(db)
    first = json_bytes(db, exported_at=STAMP)
    result = import_json(other, first)
    assert result.added["applications"] == counts(db)["applications"]
    assert result.present == {}
    second = json_bytes(other, exported_at=STAMP)
    assert second == first
    assert counts(other) == counts(db)
    # Derived progress is recomputed the same way.
    with db.session() as s, other.session() as t:
        ours = s.execute(select(Application.furthest_position).order_by(Application.id)).all()
        theirs = t.execute(select(Application.furthest_position).order_by(Application.id)).all()
    assert ours == theirs


def test_importing_again_adds_nothing(db: Database, other: Database) -> None:
    fill_demo(db)
    data = json_bytes(db, exported_at=STAMP)
    import_json(other, data)
    before = counts(other)
    again = import_json(other, data)
    assert again.total_added == 0
    assert again.present["applications"] == before["applications"]
    assert counts(other) == before
    same = import_json(db, data)  # into the very profile it came from
    assert same.total_added == 0


def test_the_documented_example_imports(other: Database) -> None:
    result = import_json(other, FIXTURE.read_bytes())
    assert result.added == {
        "stages": 1,
        "tags": 1,
        "companies": 1,
        "contacts": 1,
        "applications": 1,
        "events": 2,
        "notes": 1,
        "follow_ups": 1,
        "questions": 1,
        "practice_sessions": 1,
        "test_scores": 1,
        "settings": 1,
    }
    (app_id,) = result.application_ids
    outcomes = {st.stage.key: st.outcome for st in stage_states(other, app_id)}
    assert outcomes["phone-interview"] == "pending"
    assert result.backup is not None and result.backup.is_file()
    exported = json.loads(json_bytes(other, exported_at=STAMP))
    example = json.loads(FIXTURE.read_text(encoding="utf-8"))
    example["exported_at"] = exported["exported_at"]
    assert exported == example


def test_a_preview_counts_but_keeps_nothing(other: Database) -> None:
    plan = preview_json(other, FIXTURE.read_bytes())
    assert plan.added["applications"] == 1
    assert counts(other)["applications"] == 0
    assert plan.describe(plan.added).startswith("1 own stage, 1 tag, 1 company")


def test_a_broken_or_newer_file_changes_nothing(other: Database) -> None:
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    doc["notes"][0]["created_at"] = "yesterday"
    with pytest.raises(FormatError, match=r"\$\.notes\[0\]\.created_at"):
        import_json(other, json.dumps(doc).encode())
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    doc["version"] = 2
    with pytest.raises(FormatError, match="newer NextCall"):
        import_json(other, json.dumps(doc).encode())
    with pytest.raises(FormatError, match="not valid JSON"):
        import_json(other, b"{")
    assert counts(other)["applications"] == 0
    assert not other.paths.backups.exists() or not any(other.paths.backups.iterdir())


def test_existing_settings_and_companies_are_kept(other: Database) -> None:
    from nextcall.services.settings import get_int, set_int

    set_int(other, "weekly_target", 40)
    import_json(other, FIXTURE.read_bytes())
    assert get_int(other, "weekly_target") == 40
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    doc["companies"][0]["name"] = "HARBORLINE BPO"
    doc["applications"][0]["company"] = "HARBORLINE BPO"
    doc["contacts"][0]["company"] = "HARBORLINE BPO"
    again = import_json(other, json.dumps(doc).encode())
    assert again.total_added == 0  # the same company, whatever the case


def test_two_identical_records_stay_two(other: Database) -> None:
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    twin = json.loads(json.dumps(doc["applications"][0]))
    twin["ref"] = 2
    for event in twin["events"]:
        event["ref"] += 10
    doc["applications"].append(twin)
    data = json.dumps(doc).encode()
    assert import_json(other, data).added["applications"] == 2
    assert import_json(other, data).total_added == 0
