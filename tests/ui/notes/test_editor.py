"""The note editor: text shown and stored exactly as typed, plain-text paste, and every
detail (kind, application, milestone, contact, tags, fix) saved."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QMimeData
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.notes import NoteInput, add_note, get_note
from nextcall.services.stages import record_outcome
from nextcall.store.models import Application, Contact
from nextcall.ui.notes.editor import NoteEditor, when_text
from nextcall.ui.notes.text import highlighted_html

SAMPLES = {
    "emoji": "Great call 😀👩‍💻🇵🇭 keep going 👍🏽",
    "rtl": "שלום עולם — مرحبا بالعالم (mixed with English)",
    "combining": "e\u0301 a\u0308 n\u0303 — Z\u0351\u0325a\u0352l\u0353go",
    "markup": "<b>bold</b> &amp; &lt;i&gt; S&P <img src=x> <!-- c -->",
    "spaces": "  leading\ttab\u00a0no-break\u2002en-space trailing  ",
    "lines": "first\n\nthird\n",
    "cyrillic": "Говорите громче, пожалуйста",
    "zero-width": "zero\u200bwidth\u200djoiner\ufeffbom",
}


def _app(db: Database, company: str) -> int:
    return add_application(db, ApplicationForm(company=company, position="Agent"))


def _load(editor: NoteEditor, db: Database, body: str = "", **kw: object) -> int:
    note_id = add_note(db, NoteInput(body, **kw))  # type: ignore[arg-type]
    editor.load(get_note(db, note_id))
    return note_id


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_text_is_shown_exactly_as_stored(editor: NoteEditor, db: Database, name: str) -> None:
    _load(editor, db, SAMPLES[name])
    assert editor.text() == SAMPLES[name]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_typed_text_is_stored_exactly(
    qtbot: QtBot, editor: NoteEditor, db: Database, name: str
) -> None:
    note_id = _load(editor, db)
    editor.body.insertPlainText(SAMPLES[name])
    assert editor.flush()
    assert get_note(db, note_id).body == SAMPLES[name]
    editor.load(get_note(db, note_id))
    assert editor.text() == SAMPLES[name]


def test_multi_megabyte_text_round_trips(qtbot: QtBot, editor: NoteEditor, db: Database) -> None:
    text = "".join(f"line {n} 😀 שלום e\u0301 <b>&amp;</b>\u00a0\n" for n in range(80_000))
    assert len(text.encode("utf-8")) > 3_000_000
    note_id = _load(editor, db, text)
    assert editor.text() == text
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.body, "end")
    with qtbot.waitSignal(editor.autosave.committed, timeout=10_000):
        pass
    assert get_note(db, note_id).body == text + "end"


def test_pasted_rich_text_arrives_as_plain_text(editor: NoteEditor, db: Database) -> None:
    note_id = _load(editor, db)
    rich = QMimeData()
    rich.setHtml("<p><b>Bold</b> and <i>italic</i> &amp; more</p>")
    rich.setText("Bold and italic & more")
    editor.body.insertFromMimeData(rich)
    html_only = QMimeData()
    html_only.setHtml("<ul><li>one <b>two</b></li></ul>")
    assert editor.body.canInsertFromMimeData(html_only)
    editor.body.insertFromMimeData(html_only)
    assert editor.flush()
    body = get_note(db, note_id).body
    assert body.startswith("Bold and italic & more")
    assert "one two" in body
    assert "<" not in body


def test_details_are_saved(qtbot: QtBot, editor: NoteEditor, db: Database) -> None:
    harbor = _app(db, "Harborline BPO")
    _app(db, "Bluewave Contact")
    event = record_outcome(db, harbor, "phone-interview", "passed")
    with db.session() as s:
        company_id = s.execute(
            select(Application.company_id).where(Application.id == harbor)
        ).scalar_one()
        person = Contact(company_id=company_id, name="Maria Santos", role="Recruiter")
        s.add(person)
        s.flush()
        contact_id = person.id
    editor.reload_choices()
    note_id = _load(editor, db, "text")
    assert not editor.milestone.isEnabled()
    editor.application.setCurrentIndex(editor.application.findData(harbor))
    assert editor.milestone.isEnabled()
    assert editor.milestone.itemText(editor.milestone.findData(event)).startswith(
        "Phone interview — passed"
    )
    editor.milestone.setCurrentIndex(editor.milestone.findData(event))
    editor.contact.setCurrentIndex(editor.contact.findData(contact_id))
    assert editor.contact.currentText() == "Maria Santos (Recruiter)"
    editor.kind.setCurrentIndex(editor.kind.findData("question"))
    editor.tags.set_expanded(True)
    editor.tags.chips["voice-volume"].click()
    editor.tags.add_field.setText("Night shifts")
    qtbot.keyClick(editor.tags.add_field, "\r")
    assert editor.flush()
    stored = get_note(db, note_id)
    assert stored.application_id == harbor
    assert stored.stage_event_id == event
    assert stored.contact_id == contact_id
    assert stored.kind == "question"
    assert set(stored.tags) == {"voice-volume", "night-shifts"}
    assert "Night shifts" in stored.tag_names
    # Another application: the milestone and contact no longer apply.
    editor.application.setCurrentIndex(0)
    assert editor.flush()
    stored = get_note(db, note_id)
    assert (stored.application_id, stored.stage_event_id, stored.contact_id) == (None, None, None)


def test_a_debrief_has_a_fix(qtbot: QtBot, editor: NoteEditor, db: Database) -> None:
    note_id = _load(editor, db, "Froze on the salary question")
    assert editor.fix.isHidden()
    editor.kind.setCurrentIndex(editor.kind.findData("debrief"))
    assert not editor.fix.isHidden()
    editor.fix.insertPlainText("Prepare a range 😀 <b>")
    assert editor.flush()
    stored = get_note(db, note_id)
    assert (stored.kind, stored.fix) == ("debrief", "Prepare a range 😀 <b>")


def test_a_bad_tag_is_explained_and_nothing_is_lost(
    qtbot: QtBot, editor: NoteEditor, db: Database
) -> None:
    _load(editor, db, "text")
    editor.tags.set_expanded(True)
    editor.tags.add_field.setText("!!!")
    qtbot.keyClick(editor.tags.add_field, "\r")
    assert not editor.tags.problem.isHidden()
    assert "cannot be a tag" in editor.tags.problem.text()
    assert editor.tags.add_field.text() == "!!!"


def test_tags_fold_to_the_chosen_ones(editor: NoteEditor, db: Database) -> None:
    _load(editor, db, "text", tags=("confidence",))
    visible = [k for k, chip in editor.tags.chips.items() if not chip.isHidden()]
    assert visible == ["confidence"]
    assert editor.tags.toggle.text() == "Change tags…"
    editor.tags.toggle.click()
    assert all(not chip.isHidden() for chip in editor.tags.chips.values())
    assert editor.tags.toggle.text() == "Done"


def test_highlighted_html_escapes_user_text() -> None:
    text = "<b>x</b> & speak louder"
    start = text.index("louder")
    html = highlighted_html(text, [(start, start + 6)])
    assert html == "&lt;b&gt;x&lt;/b&gt; &amp; speak <b>louder</b>"
    assert highlighted_html("a&b", []) == "a&amp;b"


def test_when_text() -> None:
    today = date(2026, 11, 20)
    assert when_text(datetime(2026, 11, 20, 9, 5), today) == "today at 09:05"
    assert when_text(datetime(2026, 11, 19, 18, 0), today) == "yesterday at 18:00"
    assert when_text(datetime(2026, 11, 3, 19, 20), today) == "Tue 3 Nov, 19:20"
    assert when_text(datetime(2025, 11, 3, 19, 20), today) == "Mon 3 Nov 2025, 19:20"
