"""Every released schema upgrades to the current one with its data intact.

tests/store/fixtures/schema-<revision>-demo.sqlite3 is a demo profile written by the NextCall
that introduced that revision; keep one per released schema.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from nextcall.core.paths import resolve
from nextcall.services.application_list import ApplicationQuery, list_applications
from nextcall.services.database import Database
from nextcall.store.migrate import HEAD_REVISION

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("schema-*-demo.sqlite3"))
TABLES = (
    "companies",
    "contacts",
    "applications",
    "stage_events",
    "stage_changes",
    "notes",
    "note_tags",
    "tags",
    "follow_ups",
    "unused_stages",
)


def counts(path: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(path)) as c:
        return {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_there_is_a_fixture_for_every_older_schema() -> None:
    assert [p.name for p in FIXTURES] == ["schema-0001-demo.sqlite3"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_fixture_upgrades_with_every_row_kept(fixture: Path, tmp_path: Path) -> None:
    paths = resolve(tmp_path / "profile").ensure()
    shutil.copy2(fixture, paths.database)
    before = counts(paths.database)
    db = Database.open(paths)
    try:
        with db.engine.connect() as c:
            assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
                HEAD_REVISION
            )
            assert c.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert c.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert counts(paths.database) == before
        assert len(list(paths.backups.glob("*.sqlite3"))) == 1
        rows = list_applications(db, ApplicationQuery(), 0, 1000)
        assert len(rows) == before["applications"]
        # The stored progress was filled in from the old events.
        assert all(row.furthest_key is not None for row in rows)
        exam_failed = [
            r for r in rows if (r.furthest_key, r.furthest_outcome) == ("exam", "failed")
        ]
        assert exam_failed and all(r.status == "rejected" for r in exam_failed)
        waiting = [r for r in rows if r.current_state in ("scheduled", "pending")]
        assert waiting and all(r.current_key is not None for r in waiting)
    finally:
        db.close()
