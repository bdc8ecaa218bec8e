"""`check --repair` repairs what `check` reports when only an index is out of step with its
table: the indexes are rebuilt from the rows, no backup is restored, nothing is lost."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from cli_helpers import run
from damage_helpers import fill
from nextcall.core.paths import DataPaths
from nextcall.services.health import check_database
from nextcall.store.reindex import only_index_problems

INDEX = "ix_notes_created_at"


def _schema_sql(con: sqlite3.Connection, name: str) -> str:
    return con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]


def _set_schema_sql(path: Path, name: str, sql: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute("PRAGMA writable_schema=ON")
        con.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (sql, name))
        con.commit()


def desync_index(path: Path) -> None:
    """Make INDEX miss a row while its table is intact: for a moment the index is declared
    over another column, a note is written (the index stores that other column's value), then
    the declaration is put back."""
    with contextlib.closing(sqlite3.connect(path)) as con:
        original = _schema_sql(con, INDEX)
    _set_schema_sql(path, INDEX, original.replace("(created_at)", "(updated_at)"))
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute(
            "UPDATE notes SET updated_at = '2031-01-01 00:00:00.000000' "
            "WHERE id = (SELECT max(id) FROM notes)"
        )
        con.execute(
            "INSERT INTO notes (application_id, kind, body, fix, created_at, updated_at) "
            "SELECT application_id, kind, 'late', '', '2026-11-01 09:00:00.000000', "
            "'2031-02-02 00:00:00.000000' FROM notes LIMIT 1"
        )
        con.commit()
    _set_schema_sql(path, INDEX, original)


def test_an_index_out_of_step_is_rebuilt_and_nothing_is_lost(
    isolated_profile: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(isolated_profile, ("Acme", "Beta"), notes=5)
    desync_index(isolated_profile.database)
    problems = check_database(isolated_profile)
    assert problems and only_index_problems(problems), problems
    code, out, _err = run(capsys, "check")
    assert code == 1 and INDEX in out
    with contextlib.closing(sqlite3.connect(isolated_profile.database)) as con:
        before = con.execute("SELECT count(*) FROM notes").fetchone()[0]
    code, out, err = run(capsys, "check", "--repair")
    assert (code, err) == (0, ""), out
    assert "Rebuilt the indexes" in out and out.strip().endswith("ok")
    assert not (
        isolated_profile.backups.exists()
        and any("before-restore" in p.name for p in isolated_profile.backups.iterdir())
    )  # repaired in place: no backup restored
    with contextlib.closing(sqlite3.connect(isolated_profile.database)) as con:
        assert con.execute("SELECT count(*) FROM notes").fetchone()[0] == before
    assert check_database(isolated_profile) == []


def test_other_problems_are_not_called_index_problems() -> None:
    assert not only_index_problems([])
    assert not only_index_problems(
        ["integrity: row 3 missing from index ix_a", "broken link: notes row 2 points to x"]
    )
    assert only_index_problems(["integrity: wrong # of entries in index ix_notes_created_at"])
