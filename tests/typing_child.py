"""A typist for the crash tests: a real view that saves as you type (the note editor, interview
mode, or prepared answers) under offscreen Qt, typing a known stream of text (seeded, with
accents, emoji and right-to-left letters) at a fast typist's pace, in bursts with pauses, until
it is killed. The bursts are of random length: short ones end in a pause longer than the
autosave's debounce, long ones (over two seconds) only save through its maximum wait.

Run as ``python typing_child.py TARGET DATA_DIR SEED``. It warms up (imports, database, the
view, the record to type into), prints ``KEY id`` (which record: see typing_helpers.TARGETS)
and ``READY``, and waits for ``GO`` on stdin, so the next typist can start while the current
one types. Then it prints, one line each: ``T length monotonic`` after every key; ``S length
crc`` whenever the status line says "Saved at" (the database then holds exactly the text the
view shows); ``B length`` when the view hands a save to the background thread (the text it
read) and ``C length`` once that save has returned (committed); ``E`` when the status line says
"Not saved". Lines from the two threads are written whole, in the order they happened.
"""

from __future__ import annotations

import os
import random
import sys
import threading
import time
import zlib
from collections.abc import Callable
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ALPHABET = "abcdefghijklmnopqrstuvwxyz      .,\néñßçøĳ😀🎧中文שלוםمرحبا"
KEY_MS = 25  # 40 characters a second
BURSTS = (8, 90)  # characters typed between two pauses
PAUSE_MS = 450
TYPED_PART = {"notes": "body", "interview": "body", "answers": "answer"}
_say_lock = threading.Lock()


def say(line: str) -> None:
    with _say_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def stream(seed: int, length: int = 20_000) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(ALPHABET) for _ in range(length))


def main() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

    from nextcall.core.paths import resolve
    from nextcall.services.database import Database
    from nextcall.ui.common.autosave import Autosave, joined
    from nextcall.ui.common.plain_text import raw_text

    target, root, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    text = stream(seed)
    app = QApplication([])
    db = Database.open(resolve(root))
    view: QWidget
    field: QPlainTextEdit
    autosave: Autosave
    start: Callable[[], None] = lambda: None  # noqa: E731
    if target == "notes":
        from nextcall.services.notes import NoteInput, add_note, get_note
        from nextcall.ui.notes.editor import NoteEditor

        editor = NoteEditor(db)
        key = add_note(db, NoteInput(""))
        view, field, autosave = editor, editor.body, editor.autosave

        def start() -> None:
            editor.load(get_note(db, key))

    elif target == "interview":
        from nextcall.services.applications import ApplicationForm, add_application
        from nextcall.ui.interview.window import InterviewWindow

        key = add_application(db, ApplicationForm(company=f"Typist {seed}", position="CSR"))
        window = InterviewWindow(db, key)
        view, field, autosave = window, window.note, window.autosave
    elif target == "answers":
        from nextcall.core.practice import own_id
        from nextcall.services.practice import add_own_question
        from nextcall.ui.practice.answers import AnswersPage

        page = AnswersPage(db)
        question = add_own_question(db, f"Typist {seed}: why this company?")
        key = own_id(question)
        view, field, autosave = page, page.answer, page.autosave

        def start() -> None:
            page.reload(select=question)

    else:
        raise SystemExit(f"unknown target {target!r}")
    _trace(autosave, TYPED_PART[target], joined)
    view.show()
    say(f"KEY {key}")
    say("READY")
    if sys.stdin.readline().strip() != "GO":
        return
    start()
    typed = [0]
    bursts = random.Random(f"bursts {seed}")
    pause_after = [bursts.randint(*BURSTS)]

    def status(line: str) -> None:
        if line.startswith("Saved at"):
            shown = raw_text(field.document())
            say(f"S {len(shown)} {zlib.crc32(shown.encode())}")
        elif line.startswith("Not saved"):
            say("E")

    def key_press() -> None:
        field.insertPlainText(text[typed[0]])
        typed[0] += 1
        say(f"T {typed[0]} {time.monotonic():.4f}")
        if typed[0] < pause_after[0]:
            timer.start(KEY_MS)
            return
        pause_after[0] += bursts.randint(*BURSTS)
        timer.start(PAUSE_MS)

    autosave.status_changed.connect(status)
    timer = QTimer(singleShot=True)
    timer.timeout.connect(key_press)
    timer.start(KEY_MS)
    app.exec()


def _trace(autosave: Any, part: str, joined: Callable[[Any], str]) -> None:
    """Report each save the autosave begins (on the GUI thread, as it hands it over) and each
    that returned (on the background thread, after its commit)."""
    save, submit = autosave.save, autosave.worker.submit

    def length(fields: dict[str, Any]) -> int:
        return len(joined(fields[part])) if part in fields else -1

    def traced_save(key: Any, fields: dict[str, Any]) -> Any:
        result = save(key, fields)
        say(f"C {length(fields)}")
        return result

    def traced_submit(job: Any) -> int:
        say(f"B {length(job.args[1])}")
        return submit(job)

    autosave.save = traced_save
    autosave.worker.submit = traced_submit


if __name__ == "__main__":
    main()
