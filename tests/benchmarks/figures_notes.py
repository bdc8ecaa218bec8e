"""The Notes tab, driven for real: search as you type, opening a note, and typing while it saves.

Subject everywhere: the app's ``NotesTab`` (list panel on the left, ``NoteEditor`` on the
right), shown at the size of the Applications figures.

* Note search: the panel's search runs on its worker thread. One keystroke is timed from
  setting the search text (the panel's 200 ms debounce skipped, as the filter figure skips
  its own) to the result list repainted with the hits, waiting with ``processEvents()`` and
  short sleeps (so the worker is not starved of the GIL). Baseline: ``LIKE '%word%'`` over
  the notes table (SQL only, no painting).
* Open a note: ``NotesTab.show_note(id)``, ``processEvents()`` and a synchronous repaint of
  the editor. No baseline.
* Autosave stall: a 1 ms ``QTimer`` records the gaps between its ticks while ``QTest.keyClicks``
  types a word at a time into the open note (with pauses, so both autosave timers fire) inside
  a running ``QEventLoop``. Each sample is the longest gap of one typing session. The typed
  note and a temporary 1 MiB note are put back / deleted afterwards, so the cached profile
  keeps its content.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from figures_data import like_search
from harness import Samples, Settings, alternate
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from nextcall.services.database import Database
from nextcall.services.notes import NoteInput, add_note, delete_note
from nextcall.ui.notes.list_model import NOTE_ID_ROLE
from nextcall.ui.notes.tab import NotesTab

WIDTH, HEIGHT = 1180, 640
BIG_NOTE_CHARS = 1 << 20  # a 1 MiB note: above ui.common.plain_text.BIG, so it is read in slices
WORD_EVERY_MS = 60  # one word (a burst of key clicks) every 60 ms while typing
WORDS_PER_RUN = 8  # then a pause long enough for the 350 ms debounce save
PAUSE_MS = 450
PHRASE = (
    "speak slowly and clearly smile while you talk keep answers short practise the "
    "pronunciation of difficult words ask what they would improve"
)
TYPED = PHRASE.split(" ")
WAIT_LIMIT_S = 30.0


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0


def _settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def _wait(app: QApplication, done: Callable[[], bool]) -> None:
    """Process events until ``done()``; sleeping briefly lets the worker thread take the GIL."""
    deadline = time.perf_counter() + WAIT_LIMIT_S
    app.processEvents()
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the Notes tab's worker did not answer")
        time.sleep(0.0002)
        app.processEvents()


class Notes:
    """The app's Notes tab over the profile, shown."""

    def __init__(self, app: QApplication, db: Database) -> None:
        self.app = app
        self.tab = NotesTab(db)
        self.tab.resize(WIDTH, HEIGHT)
        self.tab.show()
        self.answered: set[int] = set()
        # Connected after the panel's own slot, so the results are set when a ticket lands here.
        self.tab.panel.worker.finished.connect(lambda ticket, *_: self.answered.add(ticket))
        self.idle()

    def idle(self) -> None:
        """Let the panel's pending count/search jobs finish and their results show."""
        _wait(self.app, lambda: not self.tab.panel.worker.busy())
        _settle(self.app)

    def search(self, typed: str) -> None:
        panel = self.tab.panel
        panel.search.setText(typed)  # the keystroke (starts the debounce timer)
        panel.run_search()  # what the debounce timer does when it fires
        ticket = panel._search_ticket
        _wait(self.app, lambda: ticket in self.answered)
        panel.current_view().viewport().repaint()

    def clear_search(self) -> None:
        self.tab.panel.search.clear()
        self.tab.panel.run_search()  # an empty search shows the list again (and counts)
        self.idle()

    def listed_note_ids(self, wanted: int) -> list[int]:
        model = self.tab.panel.model
        ids = []
        for r in range(model.rowCount()):
            note_id = model.index(r, 0).data(NOTE_ID_ROLE)
            if note_id is not None:
                ids.append(int(note_id))
            if len(ids) >= wanted:
                break
        return ids

    def close(self) -> None:
        self.tab.flush()
        self.tab.shutdown()
        self.tab.close()
        self.tab.deleteLater()
        _settle(self.app)


# -- autosave stall ------------------------------------------------------------------------------


class Typing:
    """One typing session: words typed in bursts, a 1 ms timer recording its gaps."""

    def __init__(self, app: QApplication, notes: Notes) -> None:
        self.app = app
        self.tab = notes.tab
        self.gaps: list[float] = []
        self.bursts: list[float] = []
        self.saves = 0
        self._last = 0.0
        self._word = 0
        self._pause_until = 0.0
        self.tab.editor.autosave.committed.connect(self._saved)

    def _saved(self, _result: object) -> None:
        self.saves += 1

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000.0)
        self._last = now

    def _type(self) -> None:
        now = time.perf_counter()
        if now < self._pause_until:
            return
        word = TYPED[self._word % len(TYPED)] + " "
        self._word += 1
        started = time.perf_counter()
        QTest.keyClicks(self.tab.editor.body, word)
        self.bursts.append(_ms(started))
        if self._word % WORDS_PER_RUN == 0:
            self._pause_until = time.perf_counter() + PAUSE_MS / 1000.0

    def run(self, seconds: float) -> float:
        body = self.tab.editor.body
        body.setFocus()
        body.moveCursor(QTextCursor.MoveOperation.End)
        ticker = QTimer(interval=1)
        ticker.setTimerType(Qt.TimerType.PreciseTimer)
        ticker.timeout.connect(self._tick)
        typist = QTimer(interval=WORD_EVERY_MS)
        typist.setTimerType(Qt.TimerType.PreciseTimer)
        typist.timeout.connect(self._type)
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        gc.collect()
        self._last = time.perf_counter()
        ticker.start()
        typist.start()
        loop.exec()
        typist.stop()
        ticker.stop()
        self.tab.editor.autosave.committed.disconnect(self._saved)
        return max(self.gaps[1:] or self.gaps or [0.0])


def _big_text(db: Database) -> str:
    """About 1 MiB of the profile's own note text, in paragraphs."""
    with db.session() as s:
        bodies = [r[0] for r in s.execute(text("SELECT body FROM notes LIMIT 2000"))]
    out: list[str] = []
    size = 0
    while size < BIG_NOTE_CHARS:
        for body in bodies or ["Speak slowly and clearly."]:
            out.append(body)
            size += len(body) + 1
            if size >= BIG_NOTE_CHARS:
                break
    return "\n".join(out)[:BIG_NOTE_CHARS]


def _typed_note(db: Database) -> tuple[int, int | None]:
    """A recent note linked to an application (its milestone and contact lists load too)."""
    with db.session() as s:
        found = s.execute(
            text(
                "SELECT id, application_id FROM notes WHERE application_id IS NOT NULL "
                "ORDER BY id DESC LIMIT 1"
            )
        ).first()
    assert found is not None, "the profile has no notes"
    return int(found[0]), int(found[1])


def measure(
    app: QApplication, db: Database, word: str, settings: Settings, *, stalls: bool
) -> dict[str, Any]:
    """Note search, open a note, and (``stalls``) the autosave stall figures."""
    out: dict[str, Any] = {}
    notes = Notes(app, db)
    try:
        # -- note search keystroke ---------------------------------------------------------------
        typed = [word[:n] for n in range(1, len(word) + 1)]

        def search_subject(n: int) -> float:
            gc.collect()
            started = time.perf_counter()
            notes.search(typed[n % len(typed)])
            return _ms(started)

        def search_like(n: int) -> float:
            return like_search(db, typed[n % len(typed)])

        out["note_search"] = alternate(
            search_subject, search_like, replace(settings, runs=max(settings.runs, len(typed)))
        )
        notes.clear_search()

        # -- open a note -------------------------------------------------------------------------
        ids = notes.listed_note_ids(12)
        if len(ids) < 2:
            with db.session() as s:
                ids = [r[0] for r in s.execute(text("SELECT id FROM notes ORDER BY id LIMIT 12"))]
        tab = notes.tab

        def open_note(n: int) -> float:
            note_id = ids[n % len(ids)]
            if note_id == tab.editor.note_id:
                note_id = ids[(n + 1) % len(ids)]
            gc.collect()
            started = time.perf_counter()
            tab.show_note(note_id)
            app.processEvents()
            tab.editor.repaint()
            return _ms(started)

        out["note_open"] = alternate(open_note, None, settings)
        _settle(app)

        if stalls:
            out.update(_stalls(app, db, notes, ids, settings))
    finally:
        notes.close()
    gc.collect()
    return out


def _stalls(
    app: QApplication, db: Database, notes: Notes, ids: list[int], settings: Settings
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    info: dict[str, Any] = {}
    tab = notes.tab
    typed_id, app_id = _typed_note(db)
    with db.session() as s:
        saved = s.execute(
            text("SELECT body, fix, updated_at FROM notes WHERE id = :id"), {"id": typed_id}
        ).one()
    big_id = add_note(db, NoteInput(body=_big_text(db), application_id=app_id))
    other = next(i for i in ids if i not in (typed_id, big_id))
    runs = replace(settings, runs=min(settings.runs, 3), min_runs=min(settings.min_runs, 2))
    try:
        for key, note_id in (("stall", typed_id), ("stall_big", big_id)):
            details: dict[str, float] = {"saves": 0, "burst": 0.0}

            def session(
                n: int, note_id: int = note_id, details: dict[str, float] = details
            ) -> float:
                tab.show_note(other)  # reopen it: the note as saved, cursor at its end
                tab.show_note(note_id)
                _settle(app)
                typing = Typing(app, notes)
                longest = typing.run(settings.session_s if n else min(settings.session_s, 1.0))
                tab.flush()
                _settle(app)
                if n:  # not the warm-up
                    details["saves"] += typing.saves
                    details["burst"] = max(details["burst"], max(typing.bursts or [0.0]))
                return longest

            out[key] = alternate(session, None, runs)
            info[key] = details
        tab.show_note(other)
        _settle(app)
    finally:
        tab.flush()
        with db.session() as s:
            s.execute(
                text("UPDATE notes SET body = :b, fix = :f, updated_at = :u WHERE id = :id"),
                {"b": saved[0], "f": saved[1], "u": saved[2], "id": typed_id},
            )
        delete_note(db, big_id)
    info["every_ms"] = WORD_EVERY_MS
    out["stall_info"] = info
    return out


__all__ = ["Samples", "measure"]
