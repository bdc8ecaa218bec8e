"""The answer drill: weakest first, a countdown the user sets, then a self-rating that is stored
with the date (timers run fast here: see conftest)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pytestqt.qtbot import QtBot

from nextcall.services import practice
from nextcall.services.database import Database
from nextcall.ui.practice.question_drill import clock
from nextcall.ui.practice.tab import PracticeTab

MakeTab = Callable[..., PracticeTab]


def test_weakest_and_least_recently_practised_first(make_tab: MakeTab, db: Database) -> None:
    for key in ("weekends", "holidays", "salary"):
        practice.record_drill(db, key, 5, at=datetime(2026, 11, 19, 9))
    practice.record_drill(db, "night-shifts", 1, at=datetime(2026, 11, 19, 9))
    practice.set_confidence(db, "commitment", 2)
    dialog = make_tab().drill_questions()
    dialog.count.setCurrentIndex(dialog.count.count() - 1)  # all of them
    dialog.start_button.click()
    keys = [q.key for q in dialog.queue]
    assert not any(k.startswith("ask:") for k in keys)  # those only when asked for
    rated_first = [k for k in keys if k in ("night-shifts", "commitment")]
    assert rated_first == ["night-shifts", "commitment"]
    assert keys.index("commitment") < keys.index("weekends")
    assert keys[-3:] == ["weekends", "holidays", "salary"]  # the surest come last
    assert keys[0] not in ("night-shifts", "commitment")  # unrated counts as weakest
    dialog.reject()


def test_the_countdown_runs_out_and_the_rating_is_stored(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    practice.save_answer(db, "interview:introduce-yourself", "I'm Ana, and I love helping people.")
    dialog = make_tab().drill_questions(start_with="interview:introduce-yourself")
    dialog.count.setCurrentIndex(0)  # 5, weakest first
    dialog.seconds.setValue(10)
    dialog.start_button.click()
    assert dialog.pages.currentIndex() == 1
    assert dialog.question.text() == "Please introduce yourself, in English."
    assert dialog.countdown.text() == clock(10) == "0:10"
    assert dialog.peek.isEnabled()
    dialog.peek.click()
    assert dialog.peek_answer.isVisible() and "Ana" in dialog.peek_answer.text()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2)  # time is up
    assert dialog.rate_title.text() == "Time is up. How did that go?"
    assert dialog.countdown.text() == "0:00" and not dialog.timer.isActive()
    assert [b.shortcut().toString() for b in dialog.rate_buttons] == ["1", "2", "3", "4", "5"]
    dialog.rate_buttons[2].click()
    stored = practice.get_question(db, "interview:introduce-yourself")
    assert stored.confidence == 3
    assert stored.last_practised_at is not None
    assert stored.last_practised_at.date() == db.clock.today()
    assert dialog.pages.currentIndex() == 1 and dialog.position == 1
    assert not dialog.peek_answer.isVisible()  # hidden again for the next question
    dialog.reject()


def test_done_answering_skip_and_the_summary(qtbot: QtBot, make_tab: MakeTab, db: Database) -> None:
    tab = make_tab()
    dialog = tab.drill_questions()
    dialog.seconds.setValue(600)
    dialog.count.setCurrentIndex(0)
    dialog.start_button.click()
    first, second = dialog.queue[0], dialog.queue[1]
    assert not dialog.peek.isEnabled()  # nothing prepared yet
    dialog.done_button.click()
    assert dialog.rate_title.text() == "How did that go?"
    dialog.rate_buttons[1].click()  # 2
    dialog.skip()
    for _ in range(len(dialog.queue) - 2):
        dialog.done_button.click()
        dialog.rate_buttons[4].click()  # 5
    assert dialog.pages.currentIndex() == 3
    assert dialog.summary_title.text() == f"You drilled {len(dialog.queue) - 1} questions"
    assert "Rework the answers you rated 1 or 2" in dialog.summary.text()
    assert practice.get_question(db, first.key).confidence == 2
    assert practice.get_question(db, second.key).confidence is None  # skipped
    dialog.accept()
    qtbot.waitUntil(lambda: tab.answers.questions[first.key].confidence == 2)


def test_including_the_questions_to_ask(make_tab: MakeTab) -> None:
    dialog = make_tab().drill_questions()
    without = dialog.count.itemData(dialog.count.count() - 1)
    dialog.include_ask.setChecked(True)
    with_ask = dialog.count.itemData(dialog.count.count() - 1)
    assert with_ask == without + 6
    assert dialog.count.itemText(0) == "5, weakest first"
    dialog.reject()
