"""The note editor on a full disk or a read-only folder: it says so in red, keeps every typed
character on screen, keeps trying, and saves by itself once there is room again."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from nextcall.services.database import Database
from nextcall.services.notes import NoteInput, add_note, get_note
from nextcall.ui.common.theme.roles import TONE
from nextcall.ui.notes.editor import NoteEditor
from nextcall.ui.notes.tab import NotesTab
from storage_helpers import simulated

BIG = "What the trainer said about call control. " * 6000


@pytest.fixture
def note_id(editor: NoteEditor, db: Database) -> int:
    note = add_note(db, NoteInput("The saved part."))
    editor.load(get_note(db, note))
    editor.autosave._retry.setInterval(150)  # the real wait is seconds
    return note


def test_a_full_disk_keeps_the_text_on_screen_and_saves_once_there_is_room(
    qtbot: QtBot, editor: NoteEditor, db: Database, note_id: int
) -> None:
    with simulated("full", db.engine):
        editor.body.setPlainText(BIG)
        qtbot.waitUntil(lambda: editor.status.text().startswith("Not saved"), timeout=3000)
        assert editor.status.text() == (
            "Not saved: the disk is full; free some space and it is saved by itself — "
            "your text is kept"
        )
        assert editor.status.property(TONE) == "danger"  # shown as a problem
        assert editor.text() == BIG  # nothing typed is thrown away
        assert get_note(db, note_id).body == "The saved part."  # the last save is intact
        editor.grab().save("/tmp/nc/notes-disk-full.png")
        qtbot.wait(400)  # it keeps trying meanwhile, and keeps failing
        assert editor.status.text().startswith("Not saved")
        assert editor.autosave.pending
    qtbot.waitUntil(lambda: editor.status.text().startswith("Saved at"), timeout=3000)
    assert get_note(db, note_id).body == BIG


def test_a_read_only_folder_is_named_and_the_text_kept(
    qtbot: QtBot, editor: NoteEditor, db: Database, note_id: int
) -> None:
    with simulated("read-only", db.engine):
        editor.body.setPlainText("A tip I must not lose")
        qtbot.waitUntil(lambda: editor.status.text().startswith("Not saved"), timeout=3000)
        assert editor.status.text() == (
            "Not saved: the data folder is read-only — your text is kept"
        )
        assert not editor.flush()  # closing now would lose it: the tab asks first
    qtbot.waitUntil(lambda: editor.status.text().startswith("Saved at"), timeout=3000)
    assert get_note(db, note_id).body == "A tip I must not lose"


def test_closing_with_an_unsaved_note_asks_first(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    tab = NotesTab(db)
    qtbot.addWidget(tab)
    note = add_note(db, NoteInput("x"))
    tab.editor.load(get_note(db, note))
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", answer)
    with simulated("full", db.engine):
        tab.editor.body.setPlainText(BIG)
        assert tab.confirm_close() is False
    assert "could not be saved: the disk is full; free some space and it is saved by" in asked[0]
    assert tab.editor.text() == BIG
    assert tab.flush()
    tab.shutdown()
