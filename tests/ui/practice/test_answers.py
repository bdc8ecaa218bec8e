"""Prepared answers: typed answers are saved without a button, ratings stick, own questions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from nextcall.services import practice
from nextcall.services.database import Database
from nextcall.ui.practice.answers import AnswersPage
from nextcall.ui.practice.bank_tree import KEY_ROLE
from nextcall.ui.practice.tab import ANSWERS, PracticeTab

MakeTab = Callable[..., PracticeTab]


def shown(tab: PracticeTab) -> AnswersPage:
    tab.show_page(ANSWERS)
    return tab.answers


def test_an_answer_is_saved_as_typed(qtbot: QtBot, make_tab: MakeTab, db: Database) -> None:
    page = shown(make_tab())
    page.select("night-shifts")
    assert page.question.text() == "Can you work night shifts, including the graveyard shift?"
    assert page.why.isVisible() and "time zones" in page.why.text()
    qtbot.keyClicks(page.answer, "Yes, I have worked nights.")
    qtbot.waitUntil(
        lambda: practice.get_question(db, "night-shifts").answer == "Yes, I have worked nights."
    )
    qtbot.waitUntil(lambda: page.status.text().startswith("Saved at"))
    # switching questions saves at once, and coming back shows the stored text
    qtbot.keyClicks(page.answer, " Any shift.")
    page.select("weekends")
    assert practice.get_question(db, "night-shifts").answer.endswith("Any shift.")
    assert page.answer.toPlainText() == ""
    page.select("night-shifts")
    assert page.answer.toPlainText() == "Yes, I have worked nights. Any shift."


def test_confidence_is_stored_and_shown_in_the_list(make_tab: MakeTab, db: Database) -> None:
    page = shown(make_tab())
    page.select("salary")
    page.rating_group.button(2).click()
    assert practice.get_question(db, "salary").confidence == 2
    assert page.rating_words.text() == "shaky"
    assert page.tree.currentItem().text(1) == "●●○○○"
    page.rating_group.button(4).click()
    assert practice.get_question(db, "salary").confidence == 4
    assert [b.isChecked() for b in page.rating_group.buttons()] == [
        False,
        False,
        False,
        True,
        False,
    ]


def test_unanswered_questions_are_muted_and_answered_ones_are_not(
    qtbot: QtBot, make_tab: MakeTab
) -> None:
    page = shown(make_tab())
    page.select("holidays")
    item = page.tree.currentItem()
    muted = item.foreground(0).color()
    qtbot.keyClicks(page.answer, "Yes.")
    page.flush()
    assert item.foreground(0).color() != muted


def test_own_questions_can_be_added_edited_and_deleted(
    monkeypatch: pytest.MonkeyPatch, make_tab: MakeTab, db: Database
) -> None:
    page = shown(make_tab())
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *a, **k: ("How do you stay calm with rude callers?", True)
    )
    page.add_button.click()
    key = page.current.key if page.current else ""
    assert key.startswith("own:") and page.delete_button.isEnabled()
    assert page.rename_button.isVisibleTo(page)
    assert page.tree.currentItem().data(0, KEY_ROLE) == key
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("How do you stay calm?", True))
    page.rename_button.click()
    assert page.question.text() == "How do you stay calm?"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page.delete_button.click()
    assert any(q.own for q in practice.question_bank(db))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_button.click()
    assert not any(q.own for q in practice.question_bank(db))
    assert page.current is not None and not page.current.own


def test_playbook_questions_cannot_be_deleted_or_renamed(make_tab: MakeTab) -> None:
    page = shown(make_tab())
    page.select("interview:introduce-yourself")
    assert not page.delete_button.isEnabled()
    assert not page.rename_button.isVisibleTo(page)
    assert page.category.text() == "FIRST INTERVIEWS: COMMON QUESTIONS"
