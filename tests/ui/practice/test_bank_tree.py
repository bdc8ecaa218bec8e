"""The question bank list: grouped by category, confidence as dots, muted when unanswered."""

from __future__ import annotations

from datetime import date, datetime

from pytestqt.qtbot import QtBot

from nextcall.core import practice as core
from nextcall.services import practice
from nextcall.services.database import Database
from nextcall.ui.practice.bank_tree import OWN_HINT, BankTree, dots, practised_words

TODAY = date(2026, 11, 20)


def test_grouped_with_confidence_and_last_practice(qtbot: QtBot, db: Database) -> None:
    practice.save_answer(db, "weekends", "Yes.")
    practice.record_drill(db, "weekends", 4, at=datetime(2026, 11, 17, 20))
    tree = BankTree()
    qtbot.addWidget(tree)
    tree.fill(practice.question_bank(db), TODAY)
    groups = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]  # type: ignore[union-attr]
    assert groups == [core.CATEGORY_LABELS[c] for c in core.CATEGORIES]
    weekends = tree.item("weekends")
    assert weekends is not None and tree.first_item() is weekends
    assert (weekends.text(1), weekends.text(2)) == ("●●●●○", "3 days ago")
    holidays = tree.item("holidays")
    assert holidays is not None and holidays.text(2) == "never"
    assert holidays.foreground(0).color() == tree.muted().color()
    assert weekends.foreground(0).color() != tree.muted().color()
    own = tree.topLevelItem(3)
    assert own is not None and own.child(0).text(0) == OWN_HINT  # type: ignore[union-attr]
    assert tree.item("nope") is None and tree.item(None) is None
    tree.mark_answered("holidays", True)
    assert holidays.foreground(0).color() != tree.muted().color()


def test_small_helpers() -> None:
    assert dots(None) == "" and dots(3) == "●●●○○"
    assert practised_words(None, TODAY) == "never"
    assert practised_words(datetime(2026, 11, 20, 8), TODAY) == "today"
    assert practised_words(datetime(2026, 11, 19, 8), TODAY) == "yesterday"
    assert practised_words(datetime(2026, 11, 10, 8), TODAY) == "10 days ago"
    assert practised_words(datetime(2026, 6, 1, 8), TODAY) == "01 Jun 2026"
