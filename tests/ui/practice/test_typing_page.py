"""The typing test page, driven by keys through qtbot with a fake monotonic clock: the clock
starts on the first key, live words a minute, the end at the time chosen with gross and net
words a minute, accuracy and errors in place, the result saved and in the trend; paste
refused; a test stopped before 15 seconds not saved."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from nextcall.core import typing_test as tt
from nextcall.services import practice, settings
from nextcall.services.database import Database
from nextcall.ui.practice.tab import SCORES, TYPING, PracticeTab
from nextcall.ui.practice.typing_page import TypingPage

MakeTab = Callable[..., PracticeTab]


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def open_page(make_tab: MakeTab) -> tuple[PracticeTab, TypingPage, FakeClock]:
    tab = make_tab()
    tab.open_drill("typing", "")
    assert tab.pages.currentIndex() == TYPING
    page = tab.typing
    clock = FakeClock()
    page.monotonic = clock
    return tab, page, clock


def test_a_one_minute_test_by_keyboard_is_saved_and_in_the_trend(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    tab, page, clock = open_page(make_tab)
    assert page.seconds == 60  # one minute unless chosen
    assert page.text.startswith(tt.load_passages()[0].text)
    assert page.status.text().startswith("1:00 on the clock")
    assert page.focusWidget() is page.box
    clock.now = 5000.0  # waiting before the first key does not count
    qtbot.keyClicks(page.box, page.text[:150])
    assert page.started == 5000.0
    clock.now += 30
    page.tick()
    assert page.result is None
    # 150 characters = 30 words in half a minute
    assert page.status.text().startswith("0:30 left · 60 words a minute")
    assert page.view.textCursor().position() == 150  # progress shown in the passage
    clock.now += 31  # past the minute: the next tick ends the test at exactly 60 s
    page.tick()
    result = page.result
    assert result is not None and result.seconds == 60
    assert (result.gross_wpm, result.net_wpm, result.accuracy) == (30.0, 30.0, 1.0)
    assert page.figures["net"].text() == "30" and page.figures["accuracy"].text() == "100.0%"
    assert "your target is 35" in page.verdict.text()
    assert page.box.isReadOnly() and page.results.isVisibleTo(page)
    [row] = practice.logged_scores(db)
    assert (row.kind, row.value, row.accuracy) == ("typing", 30.0, 100.0)
    assert row.taken_at is not None and row.taken_at.date() == db.clock.today()
    assert row.details == {
        "gross_wpm": 30.0,
        "net_wpm": 30.0,
        "accuracy": 1.0,
        "seconds": 60.0,
        "passage": tt.load_passages()[0].key,
    }
    qtbot.keyClick(page.trend_button, Qt.Key.Key_Space)  # "See the trend"
    assert tab.pages.currentIndex() == SCORES
    scores = tab.scores
    assert scores.filter.currentData() == "typing"
    assert scores.chart.point_count() == 2  # net words a minute and accuracy
    assert [g.name() for g in scores.chart.guides] == ["Target: 35 net wpm"]
    assert scores.chart.guides[0].at(0).y() == 35


def test_errors_corrections_and_the_figures(qtbot: QtBot, make_tab: MakeTab, db: Database) -> None:
    _tab, page, clock = open_page(make_tab)
    text = page.text
    qtbot.keyClicks(page.box, text[:10] + "q")
    qtbot.keyClick(page.box, Qt.Key.Key_Backspace)  # corrected: no error left
    qtbot.keyClicks(page.box, text[10:20] + text[21:40])  # one character left out
    qtbot.keyClicks(page.box, "zz" + text[40:60])  # two typed too many
    qtbot.keyClicks(page.box, "#" + text[61:80])  # one wrong
    typed = page.box.toPlainText()
    clock.now += 20
    qtbot.keyClick(page.box, Qt.Key.Key_Escape)  # stopped after 20 s: saved
    result = page.result
    assert result is not None and result.seconds == 20
    assert (result.wrong, result.extra, result.missing) == (1, 2, 1)
    minutes = 20 / 60
    assert result.gross_wpm == pytest.approx(len(typed) / 5 / minutes)
    assert result.net_wpm == pytest.approx(len(typed) / 5 / minutes - 4 / minutes)
    assert result.accuracy == pytest.approx(result.correct / (result.correct + 4))
    marks = [s.mark for s in result.segments]
    assert marks.count("missing") == 1 and marks.count("extra") == 1 and marks.count("wrong") == 1
    # errors shown in place: the document holds the marks in their own formats
    shown = page.view.toPlainText()
    assert shown.startswith(text[:20] + text[20] + text[21:40] + "zz")
    assert page.figures["errors"].text() == "4"
    assert len(practice.logged_scores(db)) == 1


def test_paste_is_refused_but_an_own_passage_may_be_pasted(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    _tab, page, _clock = open_page(make_tab)
    QGuiApplication.clipboard().setText(page.text[:30])
    qtbot.keyClick(page.box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.box, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    assert page.box.toPlainText() == "" and page.started is None
    assert page.notice.isVisibleTo(page) and "Pasting is turned off" in page.notice.text()
    own = "Thanks for your patience.\nI have refunded\tthe delivery fee to your card today."
    page.passage.setCurrentIndex(page.passage.findData(tt.OWN))
    assert page.own.isVisibleTo(page)
    QGuiApplication.clipboard().setText(own)
    page.own.setFocus()
    qtbot.keyClick(page.own, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert page.own.toPlainText() == own  # pasting here is fine
    assert page.text == tt.clean_own(own) and page.view.toPlainText() == page.text
    qtbot.keyClicks(page.box, page.text)  # the whole passage: the test ends there
    assert page.result is not None and page.result.seconds == 0
    assert practice.logged_scores(db) == []  # done in no time: not saved
    assert "too short" in page.verdict.text()


def test_a_test_stopped_before_15_seconds_is_not_saved(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    _tab, page, clock = open_page(make_tab)
    qtbot.keyClicks(page.box, page.text[:40])
    clock.now += 14.9
    qtbot.keyClick(page.box, Qt.Key.Key_Escape)
    assert page.result is None and page.box.toPlainText() == "" and page.started is None
    assert "not saved" in page.notice.text()
    assert practice.logged_scores(db) == []
    qtbot.keyClicks(page.box, page.text[:40])
    clock.now += 15
    qtbot.keyClick(page.box, Qt.Key.Key_Escape)
    assert page.result is not None
    [row] = practice.logged_scores(db)
    assert row.details["seconds"] == 15.0


def test_length_target_and_next_passage(qtbot: QtBot, make_tab: MakeTab, db: Database) -> None:
    settings.set_int(db, "typing_target", 40)
    _tab, page, _clock = open_page(make_tab)
    page.reload()
    assert "Your target: 40" in page.status.text()
    page.length.setCurrentIndex(page.length.findData(300))
    assert page.seconds == 300 and page.status.text().startswith("5:00 on the clock")
    assert len(page.text) >= 2_500  # a fast typist does not run out in 5 minutes
    first = page.passage_key
    qtbot.keyClicks(page.box, "Dear")
    page.next_passage()  # starts over on the next passage
    assert page.passage_key != first and page.box.toPlainText() == "" and page.started is None
