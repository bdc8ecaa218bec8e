"""The scripts panel: filled for the application and its interviewer, blanks instead of crashes,
copy in one click, their answer saved as a feedback note in one step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from nextcall.core.playbook import load_playbook
from nextcall.services.contacts import ContactForm, add_contact
from nextcall.services.database import Database
from nextcall.services.notes import list_notes
from nextcall.services.stages import record_outcome
from nextcall.ui.interview.common import fill
from nextcall.ui.interview.scripts import ScriptsPanel


@pytest.fixture
def panel(qtbot, db: Database) -> ScriptsPanel:  # type: ignore[no-untyped-def]
    p = ScriptsPanel(db)
    qtbot.addWidget(p)
    p.resize(560, 720)
    p.show()
    return p


def test_every_template_renders_with_no_values_at_all() -> None:
    for template in load_playbook().templates:
        text = fill(template, {}).text
        assert "{" not in text
    closing = fill(load_playbook().template("keep-cv-on-file"), {"interviewer": "  "}).text
    assert "[interviewer's name]" in closing and "[company]" in closing


def test_feedback_call_after_a_rejection_names_the_interviewer_and_the_hook(
    panel: ScriptsPanel, db: Database, app_id: int, final_booked: int, maria: int
) -> None:
    record_outcome(db, app_id, "final-interview", "failed")
    panel.show_application(app_id)
    assert panel.script_key == "feedback-call"  # rejected: the call comes first
    assert panel.chosen_contact() is not None and panel.chosen_contact().id == maria  # type: ignore[union-attr]
    text = panel.script.toPlainText()
    assert "Hello Maria Santos" in text
    assert "We talked about the long commute from Iloilo, in case" in text
    assert "final interview" in text and "Customer Service Rep" in text
    assert "[your name]" in text  # no applicant name stored: a visible blank
    assert "the long commute from Iloilo" in panel.hook.text()
    panel.show_script("keep-cv-on-file")
    assert "Thank you so much for your time and your honesty, Maria Santos" in (
        panel.script.toPlainText()
    )
    assert "working at Bluewave" in panel.script.toPlainText()


def test_without_a_contact_the_blanks_show(panel: ScriptsPanel, db: Database, app_id: int) -> None:
    panel.show_application(app_id)
    assert panel.script_key == "closing-question"
    panel.show_script("feedback-call")
    text = panel.script.toPlainText()
    assert "[interviewer's name]" in text and "[something you talked about]" in text
    assert "Choose or add who you are talking to" in panel.blanks.text()


def test_the_name_typed_on_a_milestone_is_used_when_no_contact_is_saved(
    panel: ScriptsPanel, db: Database, app_id: int
) -> None:
    record_outcome(db, app_id, "phone-interview", "failed", interviewer="Mr. Reyes")
    panel.show_application(app_id)
    assert panel.contact.currentText() == "Mr. Reyes (named on the phone interview)"
    assert "Hello Mr. Reyes" in panel.script.toPlainText()


def test_choosing_another_contact_refills_the_script(
    panel: ScriptsPanel, db: Database, app_id: int, final_booked: int
) -> None:
    other = add_contact(db, ContactForm(name="James Reyes"), application_id=app_id)
    panel.show_application(app_id)
    panel.show_script("keep-cv-on-file")
    panel.contact.setCurrentIndex(panel.contact.findData(other))
    assert "honesty, James Reyes" in panel.script.toPlainText()
    assert "No memory hook for James Reyes yet" in panel.hook.text()


def test_copy_puts_the_plain_script_on_the_clipboard(
    qtbot,
    panel: ScriptsPanel,
    app_id: int,
    final_booked: int,  # type: ignore[no-untyped-def]
) -> None:
    panel.show_application(app_id)
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied == panel.rendered_text()
    assert copied.startswith('"Before we finish, may I ask one more thing?"')


def test_save_their_answer_in_one_step(
    qtbot,
    panel: ScriptsPanel,
    db: Database,
    app_id: int,
    final_booked: int,
    maria: int,  # type: ignore[no-untyped-def]
) -> None:
    panel.show_application(app_id)
    qtbot.mouseClick(panel.save_answer_button, Qt.MouseButton.LeftButton)
    assert "Write what they said first" in panel.answer_status.text()
    assert list_notes(db, application_id=app_id) == []
    qtbot.keyClicks(panel.answer, "Your answers were too short; give an example each time.")
    panel.answer_tags.set_tags(("confidence",))
    with qtbot.waitSignal(panel.answer_saved):
        qtbot.mouseClick(panel.save_answer_button, Qt.MouseButton.LeftButton)
    [note] = list_notes(db, application_id=app_id)
    assert note.kind == "feedback"
    assert note.body == "Your answers were too short; give an example each time."
    assert (note.stage_event_id, note.contact_id, note.tags) == (
        final_booked,
        maria,
        ("confidence",),
    )
    assert panel.answer.toPlainText() == ""
    assert panel.answer_status.text().startswith("Saved")


def test_the_applicants_own_name_fills_in_when_set(
    panel: ScriptsPanel, db: Database, app_id: int, final_booked: int
) -> None:
    settings = pytest.importorskip("nextcall.services.settings")
    if not hasattr(settings, "set_text"):
        pytest.skip("no text settings in this build")
    settings.set_text(db, "applicant_name", "Rina Dizon")
    panel.show_application(app_id)
    panel.show_script("feedback-call")
    assert "this is Rina Dizon" in panel.script.toPlainText()
