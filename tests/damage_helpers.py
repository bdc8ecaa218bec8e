"""Damaging real database files on purpose, for the recovery tests (store, services, CLI, UI)."""

from __future__ import annotations

from nextcall.core.paths import DataPaths
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.notes import NoteInput, add_note

PAGE = 4096


def fill(paths: DataPaths, companies: tuple[str, ...], notes: int = 0) -> None:
    """Add an application per company (and ``notes`` notes on the first), then close."""
    db = Database.open(paths)
    try:
        ids = [
            add_application(db, ApplicationForm(company=name, position="Agent"))
            for name in companies
        ]
        for n in range(notes):
            add_note(db, NoteInput(body=f"Tip number {n}", application_id=ids[0]))
    finally:
        db.close()


def flip_bytes(paths: DataPaths, first_page: int = 2, pages: int = 30) -> None:
    """Invert every fifth byte of a run of pages: the b-tree structure no longer holds."""
    data = bytearray(paths.database.read_bytes())
    start, end = first_page * PAGE, min(len(data), (first_page + pages) * PAGE)
    assert end > start, "the database is too small to damage"
    for i in range(start, end, 5):
        data[i] ^= 0xFF
    paths.database.write_bytes(bytes(data))


def truncate(paths: DataPaths, keep: float = 0.5) -> None:
    """Cut the file off, as an interrupted copy or a full disk would."""
    data = paths.database.read_bytes()
    paths.database.write_bytes(data[: int(len(data) * keep) // PAGE * PAGE])


def application_count(paths: DataPaths) -> int:
    """Live applications in the profile's database, opened and closed again."""
    from nextcall.services.database import Database
    from nextcall.services.overview import overview

    db = Database.open(paths)
    try:
        return overview(db).applications
    finally:
        db.close()
