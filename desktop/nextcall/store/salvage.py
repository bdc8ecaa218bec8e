"""After a backup replaced a damaged file: bring back from the damaged file what the backup lacks.

The damaged file is read by SQLite itself (attached read-only), table by table and row by row,
so a damaged page costs only the rows on it. A row is copied when the restored file has no row
with its id; a note whose text changed after the backup is updated. Rows whose parents cannot
be found (a note of an application the backup lacks and the damage took) are counted as not
recovered: they stay in the damaged file, which is kept.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from nextcall.store.engine import wal_pending

# Parents before children, so foreign keys hold while rows are copied. Tables not listed here
# (settings, the search index, the schema version) are not salvaged.
TABLES = (
    "companies",
    "contacts",
    "stages",
    "applications",
    "unused_stages",
    "stage_events",
    "stage_changes",
    "tags",
    "notes",
    "note_tags",
    "follow_ups",
    "questions",
    "practice_sessions",
    "test_scores",
)
# What the user is told about, in these words.
NAMED = {"applications": "application", "notes": "note", "contacts": "contact"}


@dataclass
class Salvage:
    recovered: Counter[str] = field(default_factory=Counter)  # table: rows brought back
    updated: Counter[str] = field(default_factory=Counter)  # table: rows brought up to date
    lost: Counter[str] = field(default_factory=Counter)  # table: rows that could not be
    unreadable: set[str] = field(default_factory=set)  # tables with pages that could not be read

    def describe(self, kept_in: Path) -> list[str]:
        """Plain sentences about applications, notes and contacts (empty: nothing to say)."""
        lines = []
        brought = _counts(self.recovered + self.updated)
        if brought:
            lines.append(
                f"{brought} written after the backup {_were(brought)} recovered from the "
                "damaged file."
            )
        lost = _counts(self.lost)
        if lost:
            lines.append(
                f"{lost} written after the backup could not be recovered; the damaged file "
                f"that still holds them is kept at {kept_in}."
            )
        unread = [f"{NAMED[t]}s" for t in NAMED if t in self.unreadable and not self.lost[t]]
        if unread:
            lines.append(
                f"Part of the damaged file could not be read ({', '.join(unread)}): anything "
                f"written there after the backup could not be recovered. The file is kept at "
                f"{kept_in}."
            )
        return lines


def _counts(counter: Counter[str]) -> str:
    parts = []
    for table, word in NAMED.items():
        n = counter[table]
        if n:
            parts.append(f"{n} {word}" + ("" if n == 1 else "s"))
    return ", ".join(parts)


def _were(text: str) -> str:
    return "was" if text.startswith("1 ") and "," not in text else "were"


def _columns(con: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [row[1] for row in con.execute(f'PRAGMA {schema}.table_info("{table}")')]


def _readable_ids(con: sqlite3.Connection, table: str, result: Salvage) -> Iterator[int]:
    """The rowids of ``damaged.table`` that can be read, skipping past damaged pages."""
    last = -(2**63)
    misses = 0
    while misses < 1000:
        try:
            row = con.execute(
                f'SELECT rowid FROM damaged."{table}" WHERE rowid > ? ORDER BY rowid LIMIT 1',
                (last,),
            ).fetchone()
        except sqlite3.DatabaseError:
            result.unreadable.add(table)
            last += 1  # a damaged page: step over it one id at a time
            misses += 1
            continue
        if row is None:
            return
        misses = 0
        last = int(row[0])
        yield last


def salvage_into(target: Path, damaged: Path) -> Salvage:
    """Copy into the database at ``target`` the rows of ``damaged`` it lacks (see module)."""
    result = Salvage()
    # Immutable when no log is pending beside it: nothing is created next to the kept file.
    how = "mode=ro" if wal_pending(damaged) else "immutable=1"
    uri = f"{damaged.resolve().as_uri()}?{how}"
    with contextlib.closing(sqlite3.connect(target, isolation_level=None)) as con:
        con.execute("PRAGMA foreign_keys=ON")
        try:
            con.execute("ATTACH DATABASE ? AS damaged", (uri,))
            present = {
                row[0]
                for row in con.execute("SELECT name FROM damaged.sqlite_master WHERE type='table'")
            }
        except sqlite3.DatabaseError:
            return result  # not even its list of tables can be read
        con.execute("BEGIN")
        for table in TABLES:
            if table in present:
                _salvage_table(con, table, result)
        con.execute("COMMIT")
    return result


def _salvage_table(con: sqlite3.Connection, table: str, result: Salvage) -> None:
    try:
        mine = _columns(con, "main", table)
        theirs = set(_columns(con, "damaged", table))
    except sqlite3.DatabaseError:
        return
    columns = [c for c in mine if c in theirs]
    if not columns:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    existing = {row[0] for row in con.execute(f'SELECT rowid FROM main."{table}"')}
    newer = "updated_at" in columns
    for rowid in list(_readable_ids(con, table, result)):
        if rowid in existing:
            if newer and table == "notes":
                _bring_up_to_date(con, table, rowid, columns, result)
            continue
        try:
            con.execute("SAVEPOINT one")
            con.execute(
                f'INSERT INTO main."{table}" (rowid, {names}) '
                f'SELECT rowid, {names} FROM damaged."{table}" WHERE rowid = ?',
                (rowid,),
            )
            con.execute("RELEASE one")
            result.recovered[table] += 1
        except sqlite3.Error:  # a damaged row, or a parent that could not be brought back
            con.execute("ROLLBACK TO one")
            con.execute("RELEASE one")
            result.lost[table] += 1


def _bring_up_to_date(
    con: sqlite3.Connection, table: str, rowid: int, columns: list[str], result: Salvage
) -> None:
    try:
        theirs = con.execute(
            f'SELECT updated_at FROM damaged."{table}" WHERE rowid = ?', (rowid,)
        ).fetchone()
        mine = con.execute(
            f'SELECT updated_at FROM main."{table}" WHERE rowid = ?', (rowid,)
        ).fetchone()
        if not theirs or not mine or str(theirs[0]) <= str(mine[0]):
            return
        assignments = ", ".join(
            f'"{c}" = (SELECT "{c}" FROM damaged."{table}" WHERE rowid = :id)'
            for c in columns
            if c != "id"
        )
        con.execute(f'UPDATE main."{table}" SET {assignments} WHERE rowid = :id', {"id": rowid})
        result.updated[table] += 1
    except sqlite3.Error:
        result.lost[table] += 1
