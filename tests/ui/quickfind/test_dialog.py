"""Quick find through the keyboard: type, pick a result with the arrows, Enter shows the call
card (role, where it stands, memory hook, prepared introduction); the call's note is written
through the notes' write path and what is typed in it is saved by the autosave."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from nextcall.services import practice
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.call_card import INTRODUCTION_KEY
from nextcall.services.contacts import ContactForm, add_contact
from nextcall.services.database import Database
from nextcall.services.notes import delete_note, get_note, list_notes
from nextcall.services.stages import record_outcome
from nextcall.ui.common.operations import Change, announce
from nextcall.ui.quickfind.dialog import QuickFindDialog


@pytest.fixture
def ids(db: Database) -> dict[str, int]:
    bluewave = add_application(
        db,
        ApplicationForm(
            company="Bluewave", position="Customer service agent", applied_on="2026-11-02"
        ),
    )
    harbor = add_application(
        db, ApplicationForm(company="Harborline", position="Chat agent", applied_on="2026-11-03")
    )
    record_outcome(db, bluewave, "phone-interview", "passed")
    record_outcome(
        db, bluewave, "final-interview", "scheduled", scheduled_at=datetime(2026, 11, 23, 14, 0)
    )
    maria = add_contact(
        db,
        ContactForm(
            name="Maria Santos",
            role="Recruiter",
            phone="+63 917-555-1234",
            memory_hook="Also from Iloilo; we talked about the commute.",
        ),
        application_id=bluewave,
    )
    practice.save_answer(db, INTRODUCTION_KEY, "Good morning, I'm Joy Ramos from Iloilo.")
    return {"bluewave": bluewave, "harbor": harbor, "maria": maria}


@pytest.fixture
def dialog(qtbot: QtBot, db: Database, ids: dict[str, int]) -> QuickFindDialog:
    found = QuickFindDialog(db)
    qtbot.addWidget(found)
    found.show()
    qtbot.waitExposed(found)
    return found


def _type(qtbot: QtBot, dialog: QuickFindDialog, text: str) -> None:
    qtbot.keyClicks(dialog.box, text)
    qtbot.waitUntil(lambda: not dialog._timer.isActive())


def test_a_number_typed_another_way_finds_the_caller_and_enter_shows_the_card(
    qtbot: QtBot, dialog: QuickFindDialog, db: Database, ids: dict[str, int]
) -> None:
    assert dialog.pages.currentWidget() is dialog.search_page
    assert dialog.box.hasFocus()
    _type(qtbot, dialog, "0917 555 1234")
    assert dialog.results.count() == 1
    assert dialog.results.current_result().contact_id == ids["maria"]  # type: ignore[union-attr]
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert dialog.pages.currentWidget() is dialog.card_page
    card = dialog.card
    assert card.title.text() == "Bluewave — Customer service agent"
    assert card.status.text() == "Active"
    assert "Final interview scheduled on Mon 23 Nov at 14:00." in card.standing.text()
    assert "Furthest" not in card.standing.text()  # the same milestone, said once
    assert "Maria Santos (Recruiter)" in card.who.text()
    assert "+63 917-555-1234" in card.who.text()
    assert "You talked about: Also from Iloilo" in card.who.text()
    assert "Good morning, I&#x27;m Joy Ramos" in card.intro.text()  # escaped as typed
    assert card.start_button.hasFocus()  # Enter again starts the note


def test_arrows_choose_among_the_results(
    qtbot: QtBot, dialog: QuickFindDialog, ids: dict[str, int]
) -> None:
    _type(qtbot, dialog, "agent")
    assert dialog.results.count() == 2
    first = dialog.results.current_result()
    qtbot.keyClick(dialog.box, Qt.Key.Key_Down)
    second = dialog.results.current_result()
    assert first is not None and second is not None and first != second
    qtbot.keyClick(dialog.box, Qt.Key.Key_Down)  # stays on the last
    assert dialog.results.current_result() == second
    qtbot.keyClick(dialog.box, Qt.Key.Key_Enter)
    assert dialog.card.card is not None
    assert dialog.card.card.application_id == second.application_id


def test_no_match_says_what_to_try(qtbot: QtBot, dialog: QuickFindDialog) -> None:
    _type(qtbot, dialog, "zzzz")
    assert dialog.results.count() == 0
    assert "Nothing matches “zzzz”" in dialog.hint.text()
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert dialog.pages.currentWidget() is dialog.search_page


def test_the_call_note_is_started_and_saved_as_you_type(
    qtbot: QtBot, dialog: QuickFindDialog, db: Database, ids: dict[str, int]
) -> None:
    _type(qtbot, dialog, "maria")
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    card = dialog.card
    qtbot.keyClick(card.start_button, Qt.Key.Key_Space)
    assert card.note_id is not None
    note = get_note(db, card.note_id)
    assert (note.application_id, note.contact_id, note.kind) == (
        ids["bluewave"],
        ids["maria"],
        "observation",
    )
    assert note.body.startswith("Call from Maria Santos (Recruiter)")
    assert card.note_box.isVisible() and card.note_box.hasFocus()
    qtbot.keyClicks(card.note_box, "Final interview moved to Tuesday")
    qtbot.waitUntil(lambda: card.saved.text().startswith("Saved at "), timeout=3000)
    assert get_note(db, card.note_id).body.endswith("\n\nFinal interview moved to Tuesday")
    # Esc goes back to the results; the same card brings the same note back (not a second).
    qtbot.keyClick(card.note_box, Qt.Key.Key_Escape)
    assert dialog.pages.currentWidget() is dialog.search_page
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert card.note_box.toPlainText().endswith("moved to Tuesday")
    qtbot.keyClicks(card.note_box, ", 9 am")
    dialog.close()  # closing saves what was just typed
    assert get_note(db, card.note_id).body.endswith("moved to Tuesday, 9 am")
    assert len(list_notes(db, application_id=ids["bluewave"])) == 1


def test_a_note_deleted_elsewhere_lets_the_card_start_a_new_one(
    qtbot: QtBot, dialog: QuickFindDialog, db: Database
) -> None:
    _type(qtbot, dialog, "maria")
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    note_id = dialog.card.start_note()
    assert note_id is not None
    delete_note(db, note_id)
    announce(db, {Change.NOTES})  # as the Notes tab does
    assert dialog.card.note_id is None
    assert dialog.card.start_button.isVisible()


def test_another_application_at_the_company_opens_from_the_card(
    qtbot: QtBot, dialog: QuickFindDialog, db: Database, ids: dict[str, int]
) -> None:
    other = add_application(db, ApplicationForm(company="Bluewave", position="Team lead"))
    _type(qtbot, dialog, "maria")
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert "Team lead" in dialog.card.others.text()
    dialog.card.others.linkActivated.emit(str(other))
    assert dialog.card.card is not None and dialog.card.card.application_id == other
    assert "Maria Santos" in dialog.card.who.text()  # still the same caller


def test_an_empty_profile_says_there_is_nothing_to_find_yet(qtbot: QtBot, db: Database) -> None:
    dialog = QuickFindDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pages.currentWidget() is dialog.empty
    title = dialog.empty.findChild(QLabel, "emptyTitle")
    assert title is not None and title.text() == "Nothing to find yet"
    assert "New application (Ctrl+N)" in dialog.empty.points.text()
    with qtbot.waitSignal(dialog.add_requested):
        dialog.empty.buttons[0].click()
    assert not dialog.isVisible()
