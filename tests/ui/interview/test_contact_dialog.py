"""The contact dialog: add with a gentle email check, edit, delete keeping what mentions them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from nextcall.services.contacts import get_contact, list_contacts
from nextcall.services.database import Database
from nextcall.services.notes import NoteInput, add_note, get_note
from nextcall.ui.interview.contact_dialog import ContactDialog, ContactsBox


def test_add_from_an_application(qtbot, db: Database, app_id: int) -> None:  # type: ignore[no-untyped-def]
    d = ContactDialog(db, application_id=app_id)
    qtbot.addWidget(d)
    d.show()
    assert d.windowTitle() == "New contact at Bluewave"
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert d.errors["name"].text() == "Add their name, even just a first name."
    qtbot.keyClicks(d.inputs["name"], "Anna Cruz")
    qtbot.keyClicks(d.inputs["email"], "anna at bluewave")
    d.inputs["email"].editingFinished.emit()  # leaving the field shows the hint
    assert "@" in d.errors["email"].text()
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert d.isVisible() and list_contacts(db) == []  # nothing stored, nothing lost
    assert d.inputs["name"].text() == "Anna Cruz"
    d.inputs["email"].setText("anna@bluewave.ph")
    qtbot.keyClicks(d.inputs["phone"], "0917 555 0101 after 2pm")
    qtbot.keyClicks(d.hook, "my printed resume and pen")
    with qtbot.waitSignal(d.saved):
        qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    view = get_contact(db, d.contact_id)  # type: ignore[arg-type]
    assert (view.name, view.email, view.phone, view.memory_hook) == (
        "Anna Cruz",
        "anna@bluewave.ph",
        "0917 555 0101 after 2pm",
        "my printed resume and pen",
    )


def test_edit_and_delete_keeps_the_notes(qtbot, db: Database, app_id: int, maria: int) -> None:  # type: ignore[no-untyped-def]
    note = add_note(
        db, NoteInput("Smile on the phone", kind="tip", application_id=app_id, contact_id=maria)
    )
    d = ContactDialog(db, contact_id=maria)
    qtbot.addWidget(d)
    assert d.inputs["name"].text() == "Maria Santos"
    d.inputs["role"].setText("HR lead")
    d.accept()
    assert get_contact(db, maria).role == "HR lead"

    d = ContactDialog(db, contact_id=maria)
    qtbot.addWidget(d)
    asked = []
    d.confirm_delete = lambda name, usage: asked.append((name, usage.notes)) or True  # type: ignore[method-assign]
    assert d.delete_button is not None
    with qtbot.waitSignal(d.deleted):
        qtbot.mouseClick(d.delete_button, Qt.MouseButton.LeftButton)
    assert asked == [("Maria Santos", 1)]
    assert list_contacts(db) == []
    kept = get_note(db, note)
    assert (kept.body, kept.contact_id) == ("Smile on the phone", None)


def test_contacts_box_lists_the_company_people(
    qtbot, db: Database, app_id: int, maria: int
) -> None:  # type: ignore[no-untyped-def]
    box = ContactsBox(db)
    qtbot.addWidget(box)
    box.show_application(app_id)
    assert box.list.count() == 1
    assert box.list.item(0).text() == "Maria Santos (Recruiter)"
    assert box.list.item(0).toolTip() == "the long commute from Iloilo."
