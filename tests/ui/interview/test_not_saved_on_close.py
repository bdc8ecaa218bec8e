"""Interview mode on a full disk: closing it or starting a new note never throws the typed note
away. Closing asks first (Cancel keeps the window open, the text on screen, the autosave
trying); once there is room the note is saved by itself and the window closes without asking."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from nextcall.services.database import Database
from nextcall.services.notes import list_notes
from nextcall.ui.interview.window import InterviewWindow
from storage_helpers import simulated

BIG = "The panel asked how I would calm an angry caller. " * 5000  # the file has to grow


@pytest.fixture
def window(qtbot: QtBot, db: Database, app_id: int) -> InterviewWindow:
    w = InterviewWindow(db, app_id)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.autosave._retry.setInterval(150)  # the real wait is seconds
    return w


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The questions asked, each answered Cancel."""
    questions: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> object:
        questions.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", answer)
    return questions


def bodies(db: Database, app_id: int) -> list[str]:
    return [note.body for note in list_notes(db, application_id=app_id)]


def test_closing_on_a_full_disk_asks_and_cancel_keeps_the_note(
    qtbot: QtBot, db: Database, app_id: int, window: InterviewWindow, asked: list[str]
) -> None:
    with simulated("full", db.engine):
        window.note.setPlainText(BIG)
        qtbot.waitUntil(lambda: window.saved.text().startswith("Not saved"), timeout=3000)
        assert window.saved.text() == (
            "Not saved: the disk is full; free some space and it is saved by itself — "
            "your text is kept"
        )
        assert window.close() is False  # kept open
        assert window.isVisible()
        assert asked == [
            "The interview note you are writing could not be saved: the disk is full; free "
            "some space and it is saved by itself.\n\nClose anyway and lose the latest "
            "changes? (Copy the text first if you need it.)"
        ]
        assert window.note.toPlainText() == BIG
        assert BIG not in bodies(db, app_id)
    qtbot.waitUntil(lambda: window.saved.text().startswith("Saved at"), timeout=3000)
    assert bodies(db, app_id) == [BIG]
    assert window.close() is True  # saved: no question
    assert len(asked) == 1


def test_a_new_note_on_a_full_disk_keeps_the_unsaved_one(
    qtbot: QtBot, db: Database, app_id: int, window: InterviewWindow, asked: list[str]
) -> None:
    with simulated("full", db.engine):
        window.note.setPlainText(BIG)
        qtbot.waitUntil(lambda: window.saved.text().startswith("Not saved"), timeout=3000)
        window.new_note()
        assert window.note.toPlainText() == BIG  # not cleared
        assert window.saved.text().startswith("Not saved")
    qtbot.waitUntil(lambda: bodies(db, app_id) == [BIG], timeout=3000)
    window.new_note()
    assert window.note.toPlainText() == ""
    assert asked == []
