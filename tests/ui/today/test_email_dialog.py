"""Writing the email for a follow-up: edit, open in the mail app (patched), copy, mark done,
and the template editor that names a placeholder it cannot fill."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMessageBox

from nextcall.core.stages import FollowUpState
from nextcall.services import messages
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.stages import record_outcome
from nextcall.store.models import Contact, FollowUp, StageEvent
from nextcall.ui.today.email_dialog import EmailDialog
from nextcall.ui.today.panel import TodayPanel
from nextcall.ui.today.template_dialog import TemplateDialog


@pytest.fixture
def app_id(db: Database) -> int:
    app = add_application(
        db, ApplicationForm(company="Harborline BPO", position="CSR", applied_on="2026-11-02")
    )
    event = record_outcome(db, app, "phone-interview", "passed", on=date(2026, 11, 19))
    with db.session() as s:
        row = s.get(StageEvent, event)
        assert row is not None
        contact = Contact(
            company_id=row.application.company_id,
            name="Maria Santos",
            email="maria@harborline.example",
            memory_hook="the long commute to Ortigas",
        )
        s.add(contact)
        s.flush()
        row.contact_id = contact.id
    return app


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []

    def fake_open(url) -> bool:  # type: ignore[no-untyped-def]
        urls.append(bytes(url.toEncoded()).decode("ascii"))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", fake_open)
    return urls


def panel_dialog(qtbot, db: Database) -> tuple[TodayPanel, EmailDialog]:  # type: ignore[no-untyped-def]
    panel = TodayPanel(db)
    qtbot.addWidget(panel)
    panel.show()
    row = next(r for r in panel.rows if r.email_button is not None)
    row.email_button.click()  # type: ignore[union-attr]
    dialog = panel.email_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    return panel, dialog


def test_write_email_drafts_it_and_opens_the_mail_app(
    qtbot, db: Database, app_id: int, opened: list[str]
) -> None:  # type: ignore[no-untyped-def]
    _panel, dialog = panel_dialog(qtbot, db)
    assert dialog.to.text() == "maria@harborline.example"
    assert dialog.body.toPlainText().startswith("Dear Maria Santos,")
    assert "[your name]" in dialog.hint.text()
    assert "the long commute to Ortigas" in dialog.hint.text()
    # The user fills in their name (saved for next time) and edits the text.
    assert dialog.name is not None
    qtbot.keyClicks(dialog.name, "Jo Reyes")
    dialog.name.editingFinished.emit()
    assert messages.applicant_name(db) == "Jo Reyes"
    assert dialog.body.toPlainText().rstrip().endswith("Jo Reyes")
    assert "[your name]" not in dialog.hint.text()
    dialog.body.setPlainText(dialog.body.toPlainText() + "P.S. Ahead & on time!\n")
    dialog.open_button.click()
    assert len(opened) == 1
    parts = urlsplit(opened[0])
    assert parts.scheme == "mailto" and parts.path == "maria@harborline.example"
    fields = parse_qs(parts.query)
    assert fields["subject"] == [dialog.subject.text()]
    assert fields["body"][0].endswith("P.S. Ahead & on time!\r\n")
    assert "Opened in your mail app" in dialog.status.text()


def test_mark_done_from_the_dialog(qtbot, db: Database, app_id: int, opened: list[str]) -> None:  # type: ignore[no-untyped-def]
    panel, dialog = panel_dialog(qtbot, db)
    follow_up_id = dialog.follow_up_id
    dialog.done_button.click()
    with db.session() as s:
        row = s.get(FollowUp, follow_up_id)
        assert row is not None and row.state == FollowUpState.DONE.value
    assert not any(r.item.id == follow_up_id for r in panel.rows)


def test_no_mail_app_says_to_copy(
    qtbot, db: Database, app_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    _panel, dialog = panel_dialog(qtbot, db)
    assert dialog.open_in_mail_app() is False
    assert "Press Copy" in dialog.status.text()
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"Subject: {dialog.subject.text()}\n\nDear Maria Santos,")


def test_template_editor_names_the_unknown_placeholder_and_keeps_the_text(
    qtbot, db: Database, app_id: int
) -> None:  # type: ignore[no-untyped-def]
    dialog = TemplateDialog(db, "thank-you-email")
    qtbot.addWidget(dialog)
    dialog.body.setPlainText("Dear {interviewer},\nSee you, {nickname}!")
    assert dialog.save() is False
    assert "{nickname}" in dialog.error.text() and "{company}" in dialog.error.text()
    assert dialog.body.toPlainText() == "Dear {interviewer},\nSee you, {nickname}!"
    assert not messages.template_text(db, "thank-you-email").edited
    dialog.body.setPlainText("Dear {interviewer},\nSee you soon.\n{applicant}")
    assert dialog.save() is True
    assert messages.template_text(db, "thank-you-email").edited
    # Back to the original wording, stored when saved.
    again = TemplateDialog(db, "thank-you-email")
    qtbot.addWidget(again)
    assert again.reset_button.isEnabled()
    again.reset_button.click()
    assert again.save() is True
    assert not messages.template_text(db, "thank-you-email").edited


def test_edit_template_from_the_email_redrafts_after_asking(
    qtbot, db: Database, app_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _panel, dialog = panel_dialog(qtbot, db)
    dialog.body.setPlainText("My own words")

    def edit_and_save(self) -> int:  # type: ignore[no-untyped-def]
        self.body.setPlainText("Hello {interviewer}!")
        return 1 if self.save() else 0

    monkeypatch.setattr(TemplateDialog, "exec", edit_and_save)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    dialog.edit_template.click()
    assert dialog.body.toPlainText() == "My own words"  # kept: the user said no
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    dialog.edit_template.click()
    assert dialog.body.toPlainText() == "Hello Maria Santos!\n"
