"""Prepared answers on a full disk: choosing another question does not throw the unsaved
answer away (the page stays on it, the text on screen); once there is room it is saved by
itself and the next question can be chosen."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from nextcall.services import practice
from nextcall.services.database import Database
from nextcall.ui.practice.tab import ANSWERS, PracticeTab
from storage_helpers import simulated

# Near the longest answer kept (20,000 characters): the file has to grow to hold it.
BIG = "I have worked nights before and I sleep well in the day. " * 300


def test_another_question_is_not_shown_over_an_unsaved_answer(
    qtbot: QtBot, make_tab: Callable[..., PracticeTab], db: Database
) -> None:
    tab = make_tab()
    tab.show_page(ANSWERS)
    page = tab.answers
    page.autosave._retry.setInterval(150)  # the real wait is seconds
    page.select("night-shifts")
    with simulated("full", db.engine):
        page.answer.setPlainText(BIG)
        qtbot.waitUntil(lambda: page.status.text().startswith("Not saved"), timeout=3000)
        page.select("weekends")
        assert page.current is not None and page.current.key == "night-shifts"
        assert page.answer.toPlainText() == BIG
        page.reload()  # after a drill: the stored (older) answer is not shown over it
        assert page.answer.toPlainText() == BIG
        assert practice.get_question(db, "night-shifts").answer == ""
    qtbot.waitUntil(lambda: page.status.text().startswith("Saved at"), timeout=3000)
    assert practice.get_question(db, "night-shifts").answer == BIG
    page.select("weekends")
    assert page.current is not None and page.current.key == "weekends"
