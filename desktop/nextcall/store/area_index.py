"""Which improvement area each counted note names, kept beside the notes for quick counting.

``area_mentions`` holds one row per area tag on a tip, feedback or debrief note: the note, the
tag, the note's application, the interview it belongs to and its day. SQL triggers on
``notes`` and ``note_tags`` keep it in step with every write, whatever code path makes it
(the editor, imports, undo, a deleted milestone setting a note's event to none, a purged
application's notes going with it), so "which areas do interviewers keep naming" is a few
index reads instead of a pass over every note (services/insights.py).

The interview of a note (core/insights.py ``interview_key``): its milestone event, else its
application and the day it was written. Here it is one text: ``e<event id>`` or
``d<application id> <day>``.

Batch migrations that recreate ``notes`` or ``note_tags`` drop their triggers; store/migrate.py
runs ``ensure`` after every upgrade, which puts them back and refills the table.
"""

from __future__ import annotations

from sqlalchemy import Connection

from nextcall.core.stages import NoteKind
from nextcall.store import kept_tables

COUNTED_KINDS: tuple[str, ...] = (
    NoteKind.TIP.value,
    NoteKind.FEEDBACK.value,
    NoteKind.DEBRIEF.value,
)
_KINDS = ", ".join(f"'{kind}'" for kind in COUNTED_KINDS)


def _interview(n: str) -> str:
    return (
        f"CASE WHEN {n}.stage_event_id IS NOT NULL THEN 'e' || {n}.stage_event_id "
        f"ELSE 'd' || ifnull({n}.application_id, '') || ' ' || substr({n}.created_at, 1, 10) END"
    )


def _select(n: str, tag: str) -> str:
    """The mention row of note ``n`` and tag id ``tag``."""
    return (
        f"SELECT {n}.id, {tag}, {n}.application_id, {_interview(n)}, substr({n}.created_at, 1, 10)"
    )


INSERT = "INSERT OR REPLACE INTO area_mentions (note_id, tag_id, application_id, interview, day) "

TRIGGERS = (
    # A tag put on a note.
    "CREATE TRIGGER IF NOT EXISTS area_mentions_tag_ai AFTER INSERT ON note_tags BEGIN "
    + INSERT
    + _select("n", "new.tag_id")
    + f" FROM notes n WHERE n.id = new.note_id AND n.kind IN ({_KINDS}); END",
    # A tag taken off a note (or the note deleted, which deletes its tags).
    "CREATE TRIGGER IF NOT EXISTS area_mentions_tag_ad AFTER DELETE ON note_tags BEGIN "
    "DELETE FROM area_mentions WHERE note_id = old.note_id AND tag_id = old.tag_id; END",
    "CREATE TRIGGER IF NOT EXISTS area_mentions_tag_au AFTER UPDATE ON note_tags BEGIN "
    "DELETE FROM area_mentions WHERE note_id = old.note_id AND tag_id = old.tag_id; "
    + INSERT
    + _select("n", "new.tag_id")
    + f" FROM notes n WHERE n.id = new.note_id AND n.kind IN ({_KINDS}); END",
    # A note's kind, application, milestone or day changed: its mentions are written anew.
    "CREATE TRIGGER IF NOT EXISTS area_mentions_note_au AFTER UPDATE OF id, kind, "
    "application_id, stage_event_id, created_at ON notes BEGIN "
    "DELETE FROM area_mentions WHERE note_id = old.id; "
    + INSERT
    + _select("new", "t.tag_id")
    + f" FROM note_tags t WHERE t.note_id = new.id AND new.kind IN ({_KINDS}); END",
    "CREATE TRIGGER IF NOT EXISTS area_mentions_note_ad AFTER DELETE ON notes BEGIN "
    "DELETE FROM area_mentions WHERE note_id = old.id; END",
)
NAMES = (
    "area_mentions_tag_ai",
    "area_mentions_tag_ad",
    "area_mentions_tag_au",
    "area_mentions_note_au",
    "area_mentions_note_ad",
)
FILL = (
    INSERT
    + _select("n", "t.tag_id")
    + f" FROM note_tags t JOIN notes n ON n.id = t.note_id WHERE n.kind IN ({_KINDS})"
)


def statements() -> list[str]:
    """The triggers and the first fill (the table and its indexes come from the migration)."""
    return [*TRIGGERS, "DELETE FROM area_mentions", FILL]


def ensure(connection: Connection) -> None:
    """Put back any trigger a table rebuild dropped, and refill the table then."""
    kept_tables.put_back(connection, "area_mentions", NAMES, statements())


def drop_statements() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name in NAMES]
