"""The NextCall JSON import writes in batches (applications, milestone events, notes,
follow-ups); what it writes is what the import wrote when it went one record at a time.

fixtures/json_import_demo.json is the sample data's export; json_import_demo.snapshot.json is
what the record-at-a-time import wrote from it (every record, without ids)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from import_snapshot import load, snapshot
from nextcall.core.clock import Clock
from nextcall.core.insights import rank_areas
from nextcall.services.database import Database
from nextcall.services.insights import _quotes, mentions, recurring_areas
from nextcall.services.json_import import import_json
from nextcall.services.note_search import search_notes
from nextcall.store import bulk_notes

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixed(db: Database) -> Database:
    db.clock = Clock.fixed(datetime(2026, 11, 20, 10, 0))  # the stamps of the snapshot
    return db


@pytest.mark.parametrize("bulk", [bulk_notes.BULK, 1], ids=["row-by-row index", "batch index"])
def test_the_import_writes_what_the_record_at_a_time_import_wrote(
    fixed: Database, monkeypatch: pytest.MonkeyPatch, bulk: int
) -> None:
    monkeypatch.setattr(bulk_notes, "BULK", bulk)
    data = (FIXTURES / "json_import_demo.json").read_bytes()
    result = import_json(fixed, data)
    assert result.added["notes"] == 56
    assert snapshot(fixed) == load(FIXTURES / "json_import_demo.snapshot.json")
    again = import_json(fixed, data)  # nothing twice
    assert again.total_added == 0
    assert snapshot(fixed) == load(FIXTURES / "json_import_demo.snapshot.json")


def test_notes_written_in_a_batch_are_searchable_and_counted(
    fixed: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_notes, "BULK", 1)
    import_json(fixed, (FIXTURES / "json_import_demo.json").read_bytes())
    with fixed.engine.begin() as c:  # the full-text index matches the notes exactly
        c.exec_driver_sql("INSERT INTO notes_fts(notes_fts) VALUES ('integrity-check')")
        triggers = {
            row[0]
            for row in c.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
    assert {"notes_fts_ai", "area_mentions_tag_ai"} <= triggers  # put back after the batch
    assert search_notes(fixed, "interview")
    found, names = mentions(fixed)
    assert recurring_areas(fixed) == _quotes(
        fixed, rank_areas(found, today=fixed.clock.today(), names=names)
    )
    assert recurring_areas(fixed)


def test_a_failed_batch_leaves_no_notes_and_keeps_the_triggers(
    fixed: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_notes, "BULK", 1)
    # The batch fails after its triggers were dropped and its notes written.
    monkeypatch.setattr(bulk_notes.area_index, "FILL", "INSERT INTO no_such_table SELECT 1 WHERE 1")
    before = snapshot(fixed)
    with pytest.raises(OperationalError):
        import_json(fixed, (FIXTURES / "json_import_demo.json").read_bytes())
    assert snapshot(fixed) == before
    with fixed.engine.connect() as c:
        triggers = {
            row[0]
            for row in c.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
    assert {"notes_fts_ai", "area_mentions_tag_ai"} <= triggers
