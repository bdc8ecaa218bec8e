"""The one autosave on its own: any text source, any save function, records created by their
first save, the same status lines everywhere. (Through the note editor, with the database:
tests/ui/notes/test_autosave*.py.)"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Hashable, Iterator
from datetime import datetime
from itertools import pairwise
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from nextcall.core.errors import ValidationError
from nextcall.ui.common.autosave import (
    DEBOUNCE_MS,
    MAX_WAIT_MS,
    Autosave,
    New,
    Saved,
    describe_error,
    joined,
)

AT = datetime(2026, 12, 7, 9, 41, 5)


class Store:
    """A save function that records what it got, where, and when."""

    def __init__(self) -> None:
        self.calls: list[tuple[Hashable, dict[str, Any], str, float]] = []
        self.rows: dict[Hashable, dict[str, Any]] = {}
        self.fail: BaseException | None = None
        self.next_id = 100

    def __call__(self, key: Hashable, fields: dict[str, Any]) -> Saved:
        self.calls.append((key, dict(fields), threading.current_thread().name, time.monotonic()))
        if self.fail is not None:
            raise self.fail
        if isinstance(key, New):
            key, self.next_id = self.next_id, self.next_id + 1
        row = self.rows.setdefault(key, {})
        row.update({k: joined(v) if isinstance(v, list) else v for k, v in fields.items()})
        return Saved(key, AT)


@pytest.fixture
def field(qtbot: QtBot) -> QLineEdit:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    return edit


@pytest.fixture
def store() -> Store:
    return Store()


@pytest.fixture
def saver(field: QLineEdit, store: Store) -> Iterator[Autosave]:
    autosave = Autosave(store, {"text": field.text}, details=lambda: {"kind": "tip"})
    field.textEdited.connect(lambda _t: autosave.mark("text"))
    yield autosave
    autosave.shutdown()


def test_a_typed_field_is_saved_after_a_pause_off_the_gui_thread(
    qtbot: QtBot, field: QLineEdit, store: Store, saver: Autosave
) -> None:
    saver.follow(7)
    assert saver.status == "Changes are saved as you type"
    qtbot.keyClicks(field, "Speak slowly")
    assert saver.status == "Saving…"
    typed = time.monotonic()
    qtbot.waitUntil(lambda: saver.status == "Saved at 09:41:05", timeout=2000)
    [(key, fields, thread, when)] = store.calls
    assert (key, fields) == (7, {"text": "Speak slowly"})  # only what changed, no details
    assert thread != threading.main_thread().name
    assert when - typed < DEBOUNCE_MS / 1000 + 0.15
    assert saver.saved_at == AT


def test_steady_typing_still_saves_about_every_second(
    qtbot: QtBot, field: QLineEdit, store: Store, saver: Autosave
) -> None:
    saver.follow(7)
    timer = QTimer(interval=40)  # never a pause as long as the debounce
    timer.timeout.connect(lambda: qtbot.keyClicks(field, "a"))
    start = time.monotonic()
    timer.start()
    qtbot.waitUntil(lambda: time.monotonic() - start > 2.6, timeout=5000)
    timer.stop()
    moments = [start] + [call[3] for call in store.calls]
    assert len(store.calls) >= 2
    assert max(b - a for a, b in pairwise(moments)) < (MAX_WAIT_MS / 1000 + 0.4)
    assert saver.flush()
    assert store.rows[7]["text"] == field.text()


def test_a_new_record_is_created_by_its_first_save_and_followed_after(
    qtbot: QtBot, field: QLineEdit, store: Store, saver: Autosave
) -> None:
    draft = New()
    saver.follow(draft)
    committed: list[Saved] = []
    saver.committed.connect(committed.append)
    qtbot.keyClicks(field, "Hi")
    assert saver.flush()
    assert store.calls[0][:2] == (draft, {"text": "Hi", "kind": "tip"})  # with the details
    assert saver.key == 100 and committed[0].key == 100
    qtbot.keyClicks(field, "!")
    assert saver.flush()
    assert store.calls[1][:2] == (100, {"text": "Hi!"})
    saver.mark("details")
    assert saver.flush()
    assert store.calls[2][:2] == (100, {"kind": "tip"})
    assert store.rows == {100: {"text": "Hi!", "kind": "tip"}}


def test_nothing_followed_nothing_saved(
    qtbot: QtBot, field: QLineEdit, store: Store, saver: Autosave
) -> None:
    qtbot.keyClicks(field, "ignored")
    assert saver.flush() and not saver.pending
    qtbot.wait(DEBOUNCE_MS + 100)
    assert store.calls == []


def test_a_failed_save_keeps_the_text_says_why_and_saves_with_the_next_edit(
    qtbot: QtBot, field: QLineEdit, store: Store, saver: Autosave
) -> None:
    saver.follow(3)
    store.fail = ValidationError("The answer is too long.", "answer")
    qtbot.keyClicks(field, "x")
    qtbot.waitUntil(lambda: saver.status.startswith("Not saved"), timeout=2000)
    assert saver.status == "Not saved: the answer is too long — your text is kept"
    assert saver.flush() is False and saver.pending
    store.fail = None
    qtbot.keyClicks(field, "y")
    qtbot.waitUntil(lambda: saver.status.startswith("Saved at"), timeout=2000)
    assert store.rows[3] == {"text": "xy"}


def test_switching_records_after_a_flush_keeps_each_text_with_its_own(
    qtbot: QtBot, field: QLineEdit, store: Store, saver: Autosave
) -> None:
    saver.follow("weekends")
    qtbot.keyClicks(field, "Yes")
    assert saver.flush()
    saver.follow("salary")
    field.setText("")  # loading the other record is no edit
    qtbot.keyClicks(field, "22k")
    assert saver.flush()
    assert store.rows == {"weekends": {"text": "Yes"}, "salary": {"text": "22k"}}


def test_describe_error_is_short_and_plain() -> None:
    assert describe_error(OSError(28, "No space left on device")) == "no space left on device"
    assert describe_error(sqlite3.OperationalError("database or disk is full")) == (
        "the disk is full"
    )
    assert describe_error(RuntimeError("boom")) == "an unexpected problem (RuntimeError)"
