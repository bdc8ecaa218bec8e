"""The Practice tab: suggestions first, pages built when first shown, and each suggestion's
button starting the right drill."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pytestqt.qtbot import QtBot

from nextcall.core.playbook import RUBRIC_KEYS
from nextcall.services import practice
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.stages import record_outcome
from nextcall.ui.practice.call_drill import CallDrillDialog
from nextcall.ui.practice.question_drill import QuestionDrillDialog
from nextcall.ui.practice.tab import ANSWERS, CALLS, NEXT, PAGES, SCORES, VOICE, PracticeTab

MakeTab = Callable[..., PracticeTab]


def loaded(qtbot: QtBot, tab: PracticeTab) -> None:
    qtbot.waitUntil(lambda: tab.suggestions.plan is not None and bool(tab.suggestions.cards))


def test_opens_on_the_suggestions_with_the_other_pages_built_later(
    qtbot: QtBot, make_tab: MakeTab
) -> None:
    tab = make_tab()
    assert [tab.pages.tabText(i) for i in range(tab.pages.count())] == list(PAGES)
    assert tab.pages.currentIndex() == NEXT and not tab.banner.isVisible()
    assert (tab._calls, tab._voice, tab._scores) == (None, None, None)
    loaded(qtbot, tab)
    assert len(tab.suggestions.cards) == 5
    assert tab.suggestions.headline.text().startswith("No stops or interviewer tips")
    first = tab.suggestions.cards[0]
    assert (first.kind, first.key) == ("question", "interview:introduce-yourself")
    tab.pages.setCurrentIndex(CALLS)
    assert tab._calls is not None and tab.pages.widget(CALLS) is tab._calls
    assert tab.banner.isVisible() and "Practise next." in tab.banner_text.text()


def test_the_suggestions_change_after_a_failed_mock_call(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    practice.record_session(
        db,
        practice.SessionInput(
            "irate-customer", datetime(2026, 11, 12, 19), 300, dict.fromkeys(RUBRIC_KEYS, 2)
        ),
    )
    tab = make_tab()
    loaded(qtbot, tab)
    assert tab.suggestions.cards[0].key != "irate-customer"
    app = add_application(db, ApplicationForm(company="Pacific Crest BPO"))
    record_outcome(db, app, "mock-call", "failed")
    tab.hide()
    tab.show()  # shown again: suggestions are read again
    qtbot.waitUntil(
        lambda: tab.suggestions.cards and tab.suggestions.cards[0].key == "irate-customer"
    )
    assert tab.suggestions.headline.text().startswith("You stop most at the mock call.")
    assert "your last self-score was 2.0 / 5" in tab.suggestions.cards[0].reason.text()


def test_a_question_suggestion_starts_the_drill_with_that_question(
    qtbot: QtBot, make_tab: MakeTab
) -> None:
    tab = make_tab()
    loaded(qtbot, tab)
    tab.suggestions.cards[1].button.click()
    assert tab.pages.currentIndex() == ANSWERS
    dialog = tab.drill_dialog
    assert isinstance(dialog, QuestionDrillDialog) and dialog.isVisible()
    dialog.start_button.click()
    assert dialog.queue[0].key == tab.suggestions.cards[1].key
    dialog.reject()


def test_the_other_kinds_open_their_page(qtbot: QtBot, make_tab: MakeTab) -> None:
    tab = make_tab()
    tab.open_drill("scenario", "computer-task")
    assert tab.pages.currentIndex() == CALLS
    dialog = tab.calls.dialog
    assert isinstance(dialog, CallDrillDialog) and dialog.scenario.key == "computer-task"
    dialog.reject()
    tab.open_drill("test", "english")
    assert tab.pages.currentIndex() == SCORES
    assert (
        tab.scores.kind.currentData() == "english" and tab.scores.filter.currentData() == "english"
    )
    tab.open_drill("voice", "voice-check")
    assert tab.pages.currentIndex() == VOICE


def test_the_banner_starts_the_first_suggestion(qtbot: QtBot, make_tab: MakeTab) -> None:
    tab = make_tab()
    loaded(qtbot, tab)
    tab.show_page(SCORES)
    assert tab.banner.isVisible() and tab.banner_button.text() == "Drill it…"
    tab.banner_button.click()
    assert isinstance(tab.drill_dialog, QuestionDrillDialog)
    assert tab.pages.currentIndex() == ANSWERS


def test_reload_after_a_restore_reads_everything_again(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    tab = make_tab()
    tab.show_page(SCORES)
    practice.add_test_score(db, practice.ScoreInput("typing", "44", "96"))
    practice.save_answer(db, "weekends", "Yes, any weekend.")
    tab.reload()
    assert tab.scores.table.topLevelItemCount() == 1
    tab.answers.select("weekends")
    assert tab.answers.answer.toPlainText() == "Yes, any weekend."


def test_changes_made_elsewhere_are_read_when_shown_again(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    tab = make_tab()
    tab.hide()
    practice.save_answer(db, "weekends", "Yes, from an import.")
    tab.mark_stale()
    assert tab.answers.questions["weekends"].answer == ""  # not read while hidden
    tab.show()
    assert tab.answers.questions["weekends"].answer == "Yes, from an import."
