"""The Grammar and reading page: a set answered by keyboard against a fake countdown, the review
with every right answer and its explanation, the score saved; time running out; missed items
coming back."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from nextcall.core.drills import load_drills
from nextcall.services import drills, practice
from nextcall.services.database import Database
from nextcall.ui.common.theme.roles import TONE
from nextcall.ui.practice import drills_page
from nextcall.ui.practice.drills_page import QUESTION, REVIEW, SETUP, DrillsPage
from nextcall.ui.practice.tab import DRILLS, PracticeTab

MakeTab = Callable[..., PracticeTab]
KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def fast_ticks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(drills_page, "TICK_MS", 1)


def open_page(qtbot: QtBot, tab: PracticeTab) -> tuple[DrillsPage, FakeClock]:
    tab.show_page(DRILLS)
    page = tab.drills
    clock = FakeClock()
    page.monotonic = clock
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab.window())
    return page, clock


def press(qtbot: QtBot, page: DrillsPage, key: Qt.Key) -> None:
    target = QApplication.focusWidget() or page.question_page
    qtbot.keyClick(target, key)


def test_a_set_answered_by_keyboard_is_reviewed_and_saved(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    page, clock = open_page(qtbot, make_tab())
    assert page.stack.currentIndex() == SETUP
    assert page.history.text() == "No sets done yet."
    page.select("grammar", 10)
    page.start_button.click()
    assert page.stack.currentIndex() == QUESTION
    assert page.countdown.text() == "Time left 7:30"
    assert page.progress_label.text() == "Item 1 of 10"
    items = list(page.items)
    assert len(items) == 10 and len({i.key for i in items}) == 10
    wrong = {items[2].key, items[5].key}
    for n, item in enumerate(items):
        assert page.prompt.text() == item.prompt
        assert not page.passage_box.isVisibleTo(page)  # grammar has no passage
        right = item.choices.index(item.answer)
        pick = (right + 1) % len(item.choices) if item.key in wrong else right
        press(qtbot, page, Qt.Key.Key_Return)  # nothing chosen yet: stays
        assert page.progress_label.text() == f"Item {n + 1} of 10"
        press(qtbot, page, KEYS[pick])
        assert page.choice_group.checkedId() == pick
        clock.now += 20  # twenty seconds an item
        page.tick()
        press(qtbot, page, Qt.Key.Key_Return)
    assert page.stack.currentIndex() == REVIEW
    assert page.result_title.text() == "8 of 10 right (80%)"
    assert page.result_line.text() == (
        "Done in 3:20. Saved with your test scores. "
        "The 2 you missed come back first in your next sets."
    )
    review = page.review.toPlainText()
    for item in items:
        assert item.explanation in review and item.answer in review
    assert review.count("Your answer:") == 2  # shown for the wrong ones
    [row] = practice.logged_scores(db)
    assert (row.kind, row.value, row.details["seconds"]) == ("grammar", 80.0, 200)
    assert [d["right"] for d in row.details["items"]] == [i.key not in wrong for i in items]  # type: ignore[union-attr, index]
    # The missed two open the next set.
    page.again_button.click()
    assert {i.key for i in page.items[:2]} == wrong
    page.show_setup()
    assert "Grammar: 8 of 10 (80%) on 20 Nov 2026" in page.history.text()


def test_time_running_out_ends_the_set_and_saves_what_was_answered(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    page, clock = open_page(qtbot, make_tab())
    page.select("numbers", 10)
    page.start_button.click()
    first = page.items[0]
    press(qtbot, page, KEYS[first.choices.index(first.answer)])
    press(qtbot, page, Qt.Key.Key_Enter)
    clock.now += 7 * 60 + 1
    page.tick()
    assert "Time left 0:29" in page.countdown.text()
    assert page.countdown.property(TONE) == "danger"  # the last minute in the warning colour
    clock.now += 29
    qtbot.waitUntil(lambda: page.stack.currentIndex() == REVIEW)
    assert page.result_title.text() == "1 of 10 right (10%)"
    assert page.result_line.text().startswith("Time ran out with 1 of 10 answered.")
    assert page.review.toPlainText().count("Not answered") == 9
    [row] = practice.logged_scores(db)
    assert (row.kind, row.value, row.details["seconds"]) == ("numbers", 10.0, 450)
    assert sum(1 for s in drills.drill_stats(db).values() if s.missed) == 9


def test_a_reading_item_shows_its_passage_beside_it(qtbot: QtBot, make_tab: MakeTab) -> None:
    page, _clock = open_page(qtbot, make_tab())
    page.select("reading", 10)
    page.start_button.click()
    item = page.items[0]
    assert page.passage_box.isVisibleTo(page)
    passage = load_drills().passages[item.passage or ""]
    assert page.passage_title.text() == passage.title
    assert passage.text.split("\n")[0] in page.passage.toPlainText()
    page.end_button.click()  # stop early: scored, unanswered count as wrong
    assert page.stack.currentIndex() == REVIEW
    assert page.result_title.text() == "0 of 10 right (0%)"


def test_a_proposal_opens_the_page_with_its_kind(make_tab: MakeTab) -> None:
    tab = make_tab()
    tab.open_drill("drill", "reading")
    assert tab.pages.currentIndex() == DRILLS
    assert tab.drills.kind_box.currentData() == "reading"
