"""Many notes written at once, with their full-text index and improvement-area rows filled in
one statement each instead of row by row.

The triggers that keep ``notes_fts`` (store/search_index.py) and ``area_mentions``
(store/area_index.py) in step cost a statement per inserted row; for a file's 50,000 notes the
full-text one alone took 4.4 s, where one INSERT ... SELECT over the same rows takes 0.2 s.
So for a batch the two insert triggers are dropped, the rows written, the batch indexed, and
the triggers created again, all inside the caller's transaction: SQLite's DDL is transactional,
so a failure anywhere rolls the triggers back with the rows, and no other connection ever sees
the notes without their index.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert

from nextcall.store import area_index, search_index
from nextcall.store.models import Note, NoteTag

BULK = 200  # notes from which a batch is indexed at once
_PAUSED = {
    "notes_fts_ai": search_index.NOTES_TRIGGERS[0],
    "area_mentions_tag_ai": area_index.TRIGGERS[0],
}


COLUMNS = (
    "id",
    "application_id",
    "stage_event_id",
    "contact_id",
    "kind",
    "body",
    "fix",
    "created_at",
    "updated_at",
)


def _stored(value: Any) -> Any:
    """A value as SQLAlchemy's DateTime stores it in SQLite ("2026-11-20 10:00:00.000000");
    the rows go straight to the driver here, without SQLAlchemy's conversion per value."""
    if isinstance(value, datetime):
        return value.isoformat(" ", "microseconds")
    return value


def insert_notes(
    connection: Connection,
    notes: Sequence[dict[str, Any]],
    tags: Sequence[dict[str, Any]],
) -> None:
    """Insert ``notes`` (each with its ``id`` and every column in ``COLUMNS``, ids one after
    another) and their ``tags`` (note_id, tag_id pairs), the index and area rows following as
    the triggers would."""
    if len(notes) < BULK:
        connection.execute(insert(Note), list(notes))
        if tags:
            connection.execute(insert(NoteTag), list(tags))
        return
    for name in _PAUSED:
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    connection.exec_driver_sql(
        f"INSERT INTO notes ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
        [tuple(_stored(note[name]) for name in COLUMNS) for note in notes],
    )
    if tags:
        connection.exec_driver_sql(
            "INSERT INTO note_tags (note_id, tag_id) VALUES (?, ?)",
            [(tag["note_id"], tag["tag_id"]) for tag in tags],
        )
    first, last = notes[0]["id"], notes[-1]["id"]
    assert last - first + 1 == len(notes), "the batch's ids follow one another"
    connection.exec_driver_sql(
        "INSERT INTO notes_fts(rowid, body, fix)"
        " SELECT id, body, fix FROM notes WHERE id BETWEEN ? AND ?",
        (first, last),
    )
    connection.exec_driver_sql(area_index.FILL + " AND n.id BETWEEN ? AND ?", (first, last))
    for statement in _PAUSED.values():
        connection.exec_driver_sql(statement)
