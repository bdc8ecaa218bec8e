"""A typist for the crash tests: the real note editor under offscreen Qt, typing a known stream
of text (seeded, with accents, emoji and right-to-left letters) at a fast typist's pace, in
bursts with pauses, until it is killed.

Run as ``python typing_child.py DATA_DIR SEED``. It warms up (imports, database, editor),
prints ``READY`` and waits for ``GO`` on stdin, so the next typist can start while the current
one types. Then it prints, one line each: ``NOTE id``; ``T length monotonic`` after every key;
``S length crc`` whenever the status line says "Saved at" (the database then holds exactly the
text the editor shows).
"""

from __future__ import annotations

import os
import random
import sys
import time
import zlib

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ALPHABET = "abcdefghijklmnopqrstuvwxyz      .,\néñßçøĳ😀🎧中文שלוםمرحبا"
KEY_MS = 25  # 40 characters a second
BURST = 30
PAUSE_MS = 450


def stream(seed: int, length: int = 20_000) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(ALPHABET) for _ in range(length))


def main() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from nextcall.core.paths import resolve
    from nextcall.services.database import Database
    from nextcall.services.notes import NoteInput, add_note, get_note
    from nextcall.ui.notes.editor import NoteEditor

    root, seed = sys.argv[1], int(sys.argv[2])
    text = stream(seed)
    app = QApplication([])
    db = Database.open(resolve(root))
    editor = NoteEditor(db)
    editor.show()
    print("READY", flush=True)
    if sys.stdin.readline().strip() != "GO":
        return
    note_id = add_note(db, NoteInput(""))
    editor.load(get_note(db, note_id))
    print(f"NOTE {note_id}", flush=True)
    typed = [0]

    def status(line: str) -> None:
        if line.startswith("Saved at"):
            shown = editor.text()
            print(f"S {len(shown)} {zlib.crc32(shown.encode())}", flush=True)

    def key() -> None:
        editor.body.insertPlainText(text[typed[0]])
        typed[0] += 1
        print(f"T {typed[0]} {time.monotonic():.4f}", flush=True)
        timer.start(PAUSE_MS if typed[0] % BURST == 0 else KEY_MS)

    editor.status_changed.connect(status)
    timer = QTimer(singleShot=True)
    timer.timeout.connect(key)
    timer.start(KEY_MS)
    app.exec()


if __name__ == "__main__":
    main()
