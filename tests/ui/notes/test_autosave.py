"""Autosave in the note editor: debounced, one transaction per save, off the GUI thread, honest
status line. (The mechanism on its own: tests/ui/common/test_autosave.py.)"""

from __future__ import annotations

import sqlite3
import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from pytestqt.qtbot import QtBot

from nextcall.services import notes as notes_service
from nextcall.services.database import Database
from nextcall.services.notes import NoteInput, add_note, delete_note, get_note
from nextcall.ui.common import autosave
from nextcall.ui.common.autosave import Saved
from nextcall.ui.notes.editor import NoteEditor, save_fields


def _open(editor: NoteEditor, db: Database, body: str = "") -> int:
    note_id = add_note(db, NoteInput(body))
    editor.load(get_note(db, note_id))
    return note_id


def _type_at_end(qtbot: QtBot, editor: NoteEditor, text: str) -> None:
    cursor = editor.body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.body.setTextCursor(cursor)
    qtbot.keyClicks(editor.body, text)


class Recorder:
    """Wraps the editor's save to see when, where and what it saved."""

    def __init__(self, db: Database, delay: float = 0.0) -> None:
        self.db = db
        self.calls: list[tuple[float, str, dict[str, Any]]] = []
        self.delay = delay

    def __call__(self, note_id: int, fields: dict[str, Any]) -> Saved:
        self.calls.append((time.perf_counter(), threading.current_thread().name, dict(fields)))
        if self.delay:
            time.sleep(self.delay)
        return save_fields(self.db, note_id, fields)


def test_typing_saves_within_half_a_second_after_the_last_key(
    qtbot: QtBot, editor: NoteEditor, db: Database
) -> None:
    note_id = _open(editor, db)
    assert editor.status.text() == "Changes are saved as you type"
    _type_at_end(qtbot, editor, "Smile on the phone")
    typed_at = time.perf_counter()
    assert editor.status.text() == "Saving…"
    with qtbot.waitSignal(editor.autosave.committed, timeout=2000):
        pass
    took = time.perf_counter() - typed_at
    assert took < 0.5 + 0.15, f"saved {took:.3f} s after the last key"
    qtbot.waitUntil(lambda: editor.status.text().startswith("Saved at "))
    assert get_note(db, note_id).body == "Smile on the phone"


def test_one_save_per_pause_on_a_worker_thread(
    qtbot: QtBot, editor: NoteEditor, db: Database
) -> None:
    recorder = Recorder(db)
    editor.autosave.save = recorder
    _open(editor, db)
    _type_at_end(qtbot, editor, "quick burst of typing")
    qtbot.waitUntil(lambda: editor.status.text().startswith("Saved at "), timeout=2000)
    qtbot.wait(450)  # no second save follows
    assert len(recorder.calls) == 1
    _, thread, fields = recorder.calls[0]
    assert thread != threading.main_thread().name
    assert fields == {"body": "quick burst of typing"}  # only what changed


def test_continuous_typing_still_saves_every_second(
    qtbot: QtBot, editor: NoteEditor, db: Database
) -> None:
    recorder = Recorder(db)
    editor.autosave.save = recorder
    note_id = _open(editor, db)
    keys = iter("steady typing never pauses long enough for the debounce " * 3)
    typed: list[str] = []

    def one_key() -> None:
        char = next(keys, None)
        if char is None:
            timer.stop()
            return
        _type_at_end(qtbot, editor, char)
        typed.append(char)

    timer = QTimer(interval=40)
    timer.timeout.connect(one_key)
    start = time.perf_counter()
    timer.start()
    qtbot.waitUntil(lambda: time.perf_counter() - start > 2.5, timeout=5000)
    timer.stop()
    saves_while_typing = len(recorder.calls)
    assert saves_while_typing >= 2, "the max-wait timer should save during steady typing"
    gaps = [b[0] - a[0] for a, b in zip(recorder.calls, recorder.calls[1:], strict=False)]
    assert max(gaps, default=0) < 1.2
    editor.flush()
    assert get_note(db, note_id).body == "".join(typed)


def test_latest_text_wins_when_saves_are_slow(
    qtbot: QtBot, editor: NoteEditor, db: Database
) -> None:
    recorder = Recorder(db, delay=0.4)
    editor.autosave.save = recorder
    note_id = _open(editor, db)
    _type_at_end(qtbot, editor, "first")
    qtbot.waitUntil(lambda: len(recorder.calls) == 1, timeout=2000)
    _type_at_end(qtbot, editor, " second")  # while the first save is still running
    qtbot.wait(100)
    _type_at_end(qtbot, editor, " third")
    assert editor.status.text() == "Saving…"
    qtbot.waitUntil(lambda: editor.status.text().startswith("Saved at "), timeout=4000)
    assert len(recorder.calls) == 2  # the in-between text was never saved on its own
    assert recorder.calls[-1][2]["body"] == "first second third"
    assert get_note(db, note_id).body == "first second third"


def test_flush_saves_at_once(qtbot: QtBot, editor: NoteEditor, db: Database) -> None:
    note_id = _open(editor, db)
    _type_at_end(qtbot, editor, "closing the window right now")
    assert editor.flush() is True
    assert get_note(db, note_id).body == "closing the window right now"
    assert editor.status.text().startswith("Saved at ")


def test_a_failed_save_keeps_the_text_and_says_why(
    qtbot: QtBot, editor: NoteEditor, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    note_id = _open(editor, db)
    monkeypatch.setattr(notes_service, "MAX_BODY", 10)
    _type_at_end(qtbot, editor, "this is far too long")
    qtbot.waitUntil(lambda: editor.status.text().startswith("Not saved"), timeout=2000)
    assert editor.status.text() == (
        "Not saved: the note is 20 characters long; keep it under 10 — your text is kept"
    )
    assert editor.text() == "this is far too long"
    assert editor.flush() is False
    assert get_note(db, note_id).body == ""
    monkeypatch.setattr(notes_service, "MAX_BODY", 1000)
    _type_at_end(qtbot, editor, "!")
    qtbot.waitUntil(lambda: editor.status.text().startswith("Saved at "), timeout=2000)
    assert get_note(db, note_id).body == "this is far too long!"


def test_a_busy_database_is_retried(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(autosave, "RETRY_MS", 300)
    editor = NoteEditor(db)
    qtbot.addWidget(editor)
    failures = [sqlite3.OperationalError("database is locked")]

    def flaky(note_id: int, fields: dict[str, Any]) -> Saved:
        if failures:
            raise failures.pop()
        return save_fields(db, note_id, fields)

    editor.autosave.save = flaky
    note_id = _open(editor, db)
    _type_at_end(qtbot, editor, "keep me")
    qtbot.waitUntil(lambda: editor.status.text().startswith("Not saved"), timeout=2000)
    assert "the database is busy" in editor.status.text()
    qtbot.waitUntil(lambda: editor.status.text().startswith("Saved at "), timeout=3000)
    assert get_note(db, note_id).body == "keep me"
    editor.autosave.shutdown()


def test_a_note_deleted_elsewhere_is_reported(
    qtbot: QtBot, editor: NoteEditor, db: Database
) -> None:
    note_id = _open(editor, db)
    delete_note(db, note_id)
    _type_at_end(qtbot, editor, "still typing")
    qtbot.waitUntil(lambda: editor.status.text().startswith("Not saved"), timeout=2000)
    assert f"there is no note with id {note_id}" in editor.status.text()
    assert editor.status.text().endswith("— your text is kept")
    assert editor.text() == "still typing"


def test_metadata_changes_are_saved_too(qtbot: QtBot, editor: NoteEditor, db: Database) -> None:
    note_id = _open(editor, db, "body")
    editor.kind.setCurrentIndex(editor.kind.findData("feedback"))
    editor.tags.chips["confidence"].click()
    qtbot.waitUntil(lambda: editor.status.text().startswith("Saved at "), timeout=2000)
    stored = get_note(db, note_id)
    assert (stored.kind, stored.tags, stored.body) == ("feedback", ("confidence",), "body")


@pytest.mark.slow
def test_a_five_megabyte_note_saves_without_stalling_the_editor(
    qtbot: QtBot, editor: NoteEditor, db: Database
) -> None:
    line = "The interviewer said to speak louder — дякую 😀\u00a0ok. " * 2 + "\n"
    text = line * (5_000_000 // len(line))
    note_id = _open(editor, db, text)
    assert editor.text() == text
    clock = QElapsedTimer()
    clock.start()
    gaps: list[float] = []
    last = [clock.nsecsElapsed()]

    def beat() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    heartbeat = QTimer(interval=1)
    heartbeat.timeout.connect(beat)
    worst = []
    for round_ in range(3):
        _type_at_end(qtbot, editor, str(round_))
        heartbeat.start()
        gaps.clear()
        last[0] = clock.nsecsElapsed()
        with qtbot.waitSignal(editor.autosave.committed, timeout=10_000):
            pass
        heartbeat.stop()
        worst.append(max(gaps))
    # The gap is reported, not asserted: a time limit fails on a loaded machine without anything
    # being wrong (16 ms is the goal; 6-11 ms measured on a quiet one).
    print(f"\nGUI thread: longest gap while saving 5 MB: {min(worst):.1f}-{max(worst):.1f} ms")
    assert get_note(db, note_id).body == text + "012"
