"""A real process types into the note editor and is killed without warning: everything the
status line called saved is in the database, and at most about a second of typing is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from nextcall.core.paths import DataPaths
from nextcall.services.database import Database
from nextcall.services.notes import get_note

KEY_MS = 25  # one key every 25 ms: 40 characters a second, a fast typist
SAVES_BEFORE_KILL = 3

CHILD = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from nextcall.core.paths import resolve
    from nextcall.services.database import Database
    from nextcall.services.notes import NoteInput, add_note, get_note
    from nextcall.ui.notes.editor import NoteEditor

    KEY_MS, BURST, PAUSE_MS = int(sys.argv[2]), 30, 550
    db = Database.open(resolve(sys.argv[1]))
    note_id = add_note(db, NoteInput(""))
    app = QApplication([])
    editor = NoteEditor(db)
    editor.show()
    editor.load(get_note(db, note_id))
    TEXT = "".join(f"w{n:04d} " for n in range(5000))
    typed = [0]

    def status(text):
        if text.startswith("Saved"):
            print(f"SAVED {len(editor.text())} {text}", flush=True)

    editor.status_changed.connect(status)

    def key():
        QTest.keyClick(editor.body, TEXT[typed[0]])
        typed[0] += 1
        print(f"TYPED {typed[0]}", flush=True)
        timer.start(PAUSE_MS if typed[0] % BURST == 0 else KEY_MS)

    timer = QTimer(singleShot=True)
    timer.timeout.connect(key)
    print(f"NOTE {note_id}", flush=True)
    timer.start(KEY_MS)
    app.exec()
    """
)
TEXT = "".join(f"w{n:04d} " for n in range(5000))


@pytest.mark.slow
def test_killed_while_typing_keeps_what_was_reported_saved(
    tmp_path: Path, isolated_profile: DataPaths
) -> None:
    script = tmp_path / "typist.py"
    script.write_text(CHILD, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, str(script), str(isolated_profile.root), str(KEY_MS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    saved: list[int] = []
    typed = 0
    note_id = None
    typed_at_last_save = 0
    try:
        assert child.stdout is not None
        for line in child.stdout:
            word, _, rest = line.strip().partition(" ")
            if word == "NOTE":
                note_id = int(rest)
            elif word == "TYPED":
                typed = int(rest)
            elif word == "SAVED":
                length, _, status = rest.partition(" ")
                assert status.startswith("Saved at ")
                saved.append(int(length))
                typed_at_last_save = typed
            # Kill in the middle of a burst of typing, a few keys after the last "Saved".
            if len(saved) >= SAVES_BEFORE_KILL and typed >= typed_at_last_save + 12:
                child.kill()
                break
            assert time.monotonic() - started < 30, "the typist never got going"
    finally:
        child.kill()
        _, err = child.communicate(timeout=10)
    assert note_id is not None, err
    assert len(saved) >= SAVES_BEFORE_KILL, err
    db = Database.open(isolated_profile)
    try:
        body = get_note(db, note_id).body
    finally:
        db.close()
    assert body == TEXT[: len(body)], "the stored text is exactly what was typed"
    assert len(body) >= max(saved), "everything reported saved is in the database"
    assert saved == sorted(saved)
    lost = typed - len(body)
    print(f"\nsaved {saved}, typed {typed}, stored {len(body)}, lost {lost}")
    per_second = 1000 / KEY_MS
    assert lost <= 1.2 * per_second, f"lost {lost} characters ({lost / per_second:.2f} s)"
    assert time.monotonic() - started < 15
