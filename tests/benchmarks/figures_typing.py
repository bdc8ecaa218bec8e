"""The typing test page, driven for real: keystroke to paint during a running test.

Subject: the Practice tab's ``TypingPage`` on a 5-minute test text (about 2,500 characters),
2,000 characters already typed, so a key lands deep in a long passage. One sample is the
median of ``KEYS_PER_SAMPLE`` keystrokes, each timed from ``QTest.keyClick`` on the typing box
(the page greys the typed character, moves the highlight, scrolls the passage and updates the
speed line) until a synchronous repaint of the whole page has finished.
Baseline: the same keystrokes into a bare ``QPlainTextEdit`` of the page's size, repainted the
same way (what any text box costs).
"""

from __future__ import annotations

import statistics
import string
import time

from harness import Samples, Settings, alternate
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from nextcall.services.database import Database
from nextcall.ui.practice.typing_page import TypingPage

WIDTH, HEIGHT = 1366, 700
TYPED_BEFORE = 2_000
KEYS_PER_SAMPLE = 40


def _keys(page_text: str, start: int) -> str:
    text = page_text[start : start + KEYS_PER_SAMPLE]
    return text if len(text) == KEYS_PER_SAMPLE else string.ascii_lowercase[:KEYS_PER_SAMPLE]


def _timed(
    app: QApplication, box: QPlainTextEdit, paint: QPlainTextEdit | TypingPage, keys: str
) -> float:
    times = []
    for char in keys:
        started = time.perf_counter()
        QTest.keyClicks(box, char)
        app.processEvents()
        paint.repaint()
        times.append((time.perf_counter() - started) * 1000.0)
    return statistics.median(times)


def measure(app: QApplication, db: Database, settings: Settings) -> dict[str, Samples]:
    page = TypingPage(db)
    page.resize(WIDTH, HEIGHT)
    page.show()
    page.length.setCurrentIndex(page.length.findData(300))  # 5 minutes: the longest text
    bare = QPlainTextEdit()
    bare.resize(WIDTH, HEIGHT)
    bare.show()
    app.processEvents()

    def subject(_n: int) -> float:
        page.reset()
        QTest.keyClicks(page.box, page.text[0])  # the clock starts on the first key
        page.box.insertPlainText(page.text[1:TYPED_BEFORE])  # typed so far (not timed)
        app.processEvents()
        assert page.running, "the test ended before the timed keys"
        return _timed(app, page.box, page, _keys(page.text, TYPED_BEFORE))

    def baseline(_n: int) -> float:
        bare.setPlainText(page.text[:TYPED_BEFORE])
        bare.moveCursor(bare.textCursor().MoveOperation.End)
        app.processEvents()
        return _timed(app, bare, bare, _keys(page.text, TYPED_BEFORE))

    try:
        samples = alternate(subject, baseline, settings)
    finally:
        page.shutdown()
        page.close()
        bare.close()
        page.deleteLater()
        bare.deleteLater()
        app.processEvents()
    return {"typing_key": samples}
