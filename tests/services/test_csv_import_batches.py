"""The CSV import writes in batches through the write paths, with progress and Cancel; what it
writes is what the import wrote when it went one row at a time through the milestone service.

fixtures/csv_import_mix.json was written by that earlier import (one row at a time) from
fixtures/csv_import_mix.csv: every status, stages with and without a status, the same company
spelt twice, no date, recent interviews that make follow-ups."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from import_snapshot import load, snapshot
from nextcall.core.clock import Clock
from nextcall.export.csv_read import read_csv
from nextcall.services import data_import
from nextcall.services.data_import import ImportCancelledError, import_csv, preview_csv
from nextcall.services.database import Database

FIXTURES = Path(__file__).parent / "fixtures"
ROWS = 18


@pytest.fixture
def fixed(db: Database) -> Database:
    db.clock = Clock.fixed(datetime(2026, 11, 20, 10, 0))  # the stamps of the fixture
    return db


def plan(db: Database) -> data_import.CsvPreview:
    return preview_csv(db, read_csv((FIXTURES / "csv_import_mix.csv").read_bytes()))


def test_the_batched_import_writes_what_the_row_by_row_import_wrote(fixed: Database) -> None:
    result = import_csv(fixed, plan(fixed))
    assert len(result.added) == ROWS
    assert snapshot(fixed) == load(FIXTURES / "csv_import_mix.json")


def test_batch_boundaries_change_nothing(fixed: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_import, "_CHUNK", 4)  # the same company in two batches, too
    import_csv(fixed, plan(fixed))
    assert snapshot(fixed) == load(FIXTURES / "csv_import_mix.json")


def test_progress_is_told_after_each_batch(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_import, "_CHUNK", 5)
    told: list[tuple[int, int]] = []
    import_csv(db, plan(db), progress=lambda done, total: told.append((done, total)))
    assert told == [(5, ROWS), (10, ROWS), (15, ROWS), (18, ROWS)]


def test_cancel_leaves_the_data_as_it_was(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data_import, "_CHUNK", 5)
    before = snapshot(db)
    told: list[int] = []
    p = plan(db)
    with pytest.raises(ImportCancelledError, match="nothing was imported"):
        import_csv(
            db,
            p,
            progress=lambda done, _total: told.append(done),
            cancelled=lambda: len(told) == 2,  # after two batches were written
        )
    assert told == [5, 10]
    assert snapshot(db) == before
    result = import_csv(db, p)  # and the same file imports in full afterwards
    assert len(result.added) == ROWS


def test_cancel_before_the_first_batch(db: Database) -> None:
    before = snapshot(db)
    with pytest.raises(ImportCancelledError):
        import_csv(db, plan(db), cancelled=lambda: True)
    assert snapshot(db) == before
