"""What to say: the closing question, the feedback call after a rejection and the keep-my-CV-
on-file close, filled in for one application and its interviewer, large enough to read aloud.
Their answer is saved as a feedback note in one step."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.core.playbook import load_playbook
from nextcall.core.stages import NoteKind, Status
from nextcall.services import contacts, notes
from nextcall.services.application_detail import ApplicationDetail, get_detail
from nextcall.services.contacts import ContactView, LatestInterview
from nextcall.services.database import Database
from nextcall.ui.common import theme
from nextcall.ui.common.operations import Change, run_op
from nextcall.ui.interview.common import BLANKS, day_text, fill, script_html
from nextcall.ui.interview.contact_dialog import ContactDialog
from nextcall.ui.interview.tag_picker import TagPicker

SCRIPT_KEYS = ("closing-question", "feedback-call", "keep-cv-on-file")
NAMED_ONLY = -1  # picker entry: the name typed on the milestone, no contact saved


def applicant_name(db: Database) -> str:
    """The user's own name when the settings hold one (else the script shows a blank)."""
    try:
        from nextcall.services.settings import get_text

        return get_text(db, "applicant_name")
    except (ImportError, KeyError, NextCallError):
        return ""


class ScriptsPanel(QWidget):
    answer_saved = Signal(int)  # the new feedback note's id
    contacts_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.playbook = load_playbook()
        self.application_id: int | None = None
        self.detail: ApplicationDetail | None = None
        self.latest: LatestInterview | None = None
        self.people: dict[int, ContactView] = {}
        self.script_key = SCRIPT_KEYS[0]

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        who = QHBoxLayout()
        caption = QLabel(self.tr("&Talking to"))
        self.contact = QComboBox()
        self.contact.setAccessibleName(self.tr("Who you are talking to"))
        caption.setBuddy(self.contact)
        self.contact.currentIndexChanged.connect(lambda _i: self.update_script())
        self.add_contact = QPushButton(self.tr("Add…"))
        self.add_contact.setToolTip(self.tr("Add the person you talked to, with a memory hook"))
        self.add_contact.clicked.connect(self._add_contact)
        self.edit_contact = QPushButton(self.tr("Edit…"))
        self.edit_contact.setToolTip(self.tr("Change their details or the memory hook"))
        self.edit_contact.clicked.connect(self._edit_contact)
        who.addWidget(caption)
        who.addWidget(self.contact, 1)
        who.addWidget(self.add_contact)
        who.addWidget(self.edit_contact)
        layout.addLayout(who)
        self.hook = QLabel()
        self.hook.setWordWrap(True)
        theme.muted(self.hook)
        layout.addWidget(self.hook)

        picker = QHBoxLayout()
        self.script_buttons = QButtonGroup(self)
        self.script_buttons.setExclusive(True)
        for number, key in enumerate(SCRIPT_KEYS):
            button = QPushButton(self.playbook.template(key).title)
            button.setCheckable(True)
            button.setProperty("script_key", key)
            theme.choice(button)
            self.script_buttons.addButton(button, number)
            picker.addWidget(button)
        self.script_buttons.idClicked.connect(lambda n: self.show_script(SCRIPT_KEYS[n]))
        picker.addStretch(1)
        layout.addLayout(picker)
        self.when = QLabel()
        self.when.setWordWrap(True)
        theme.muted(self.when, small=True)
        layout.addWidget(self.when)
        self.script = QTextBrowser()
        self.script.setAccessibleName(self.tr("Script to read aloud"))
        self.script.setOpenLinks(False)
        layout.addWidget(self.script, 1)
        copy_row = QHBoxLayout()
        self.blanks = QLabel()
        self.blanks.setWordWrap(True)
        theme.caption(self.blanks)
        copy_row.addWidget(self.blanks, 1)
        self.copy_button = QPushButton(self.tr("&Copy script"))
        self.copy_button.clicked.connect(self.copy)
        copy_row.addWidget(self.copy_button)
        layout.addLayout(copy_row)

        answer_box = QGroupBox(self.tr("Save their answer"))
        answer = QVBoxLayout(answer_box)
        self.answer = QPlainTextEdit()
        self.answer.setPlaceholderText(self.tr("What did they say? Write it in their words."))
        self.answer.setTabChangesFocus(True)
        self.answer.setFixedHeight(72)
        self.answer.setAccessibleName(self.tr("Their answer"))
        answer.addWidget(self.answer)
        row = QHBoxLayout()
        self.answer_tags = TagPicker()
        row.addWidget(self.answer_tags)
        self.answer_status = QLabel()
        self.answer_status.setWordWrap(True)
        row.addWidget(self.answer_status, 1)
        self.save_answer_button = QPushButton(self.tr("&Save their answer"))
        self.save_answer_button.clicked.connect(self.save_answer)
        row.addWidget(self.save_answer_button)
        answer.addLayout(row)
        layout.addWidget(answer_box)
        self._set_enabled(False)
        self.script.setHtml("<p>Choose an application to see what to say.</p>")

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.contact,
            self.add_contact,
            self.edit_contact,
            self.copy_button,
            self.answer,
            self.save_answer_button,
            self.answer_tags,
        ):
            widget.setEnabled(enabled)

    # -- showing -------------------------------------------------------------------------------

    def show_application(self, application_id: int, contact_id: int | None = None) -> None:
        self.application_id = application_id
        self.detail = get_detail(self.db, application_id)
        self.latest = contacts.latest_interview(self.db, application_id)
        self._set_enabled(True)
        self.answer_status.setText("")
        rejected = self.detail.status == Status.REJECTED.value
        self._fill_contacts(contact_id)
        self.show_script("feedback-call" if rejected else "closing-question")

    def _fill_contacts(self, chosen: int | None = None) -> None:
        assert self.application_id is not None
        people = contacts.list_contacts(self.db, application_id=self.application_id)
        self.people = {p.id: p for p in people}
        latest = self.latest
        if chosen is None and latest is not None and latest.contact is not None:
            chosen = latest.contact.id
        self.contact.blockSignals(True)
        self.contact.clear()
        for person in people:
            self.contact.addItem(person.label, person.id)
        if latest is not None and latest.contact is None and latest.interviewer:
            self.contact.addItem(
                self.tr("{interviewer} (named on the {stage_name})").format(
                    interviewer=latest.interviewer, stage_name=latest.stage_name.lower()
                ),
                NAMED_ONLY,
            )
            if chosen is None:
                chosen = NAMED_ONLY
        self.contact.addItem(self.tr("Not sure who yet"), None)
        index = self.contact.findData(chosen) if chosen is not None else -1
        self.contact.setCurrentIndex(index if index >= 0 else self.contact.count() - 1)
        self.contact.blockSignals(False)

    def chosen_contact(self) -> ContactView | None:
        data = self.contact.currentData()
        return self.people.get(int(data)) if isinstance(data, int) and data >= 0 else None

    def values(self) -> dict[str, str]:
        """What the placeholders are filled with; blanks are left to ``fill``."""
        detail, latest, person = self.detail, self.latest, self.chosen_contact()
        interviewer = person.name if person else ""
        if not interviewer and self.contact.currentData() == NAMED_ONLY and latest is not None:
            interviewer = latest.interviewer
        values = {
            "applicant": applicant_name(self.db),
            "company": detail.company if detail else "",
            "position": (detail.position or detail.account_type) if detail else "",
            "interviewer": interviewer,
            "memory_hook": person.memory_hook if person else "",
        }
        if latest is not None and latest.stage_key != "application":
            values["milestone"] = latest.stage_name.lower()
            values["interview_date"] = day_text(latest.on, self.db.clock.today())
        return values

    def show_script(self, key: str) -> None:
        self.script_key = key
        button = self.script_buttons.button(SCRIPT_KEYS.index(key))
        button.setChecked(True)
        self.update_script()

    def rendered_text(self) -> str:
        return fill(self.playbook.template(self.script_key), self.values()).text

    def update_script(self) -> None:
        if self.application_id is None:
            return
        template = self.playbook.template(self.script_key)
        person = self.chosen_contact()
        self.edit_contact.setEnabled(person is not None)
        if person is None:
            self.hook.setText("")
        elif person.memory_hook:
            self.hook.setText(
                self.tr("You talked about: {memory_hook}").format(memory_hook=person.memory_hook)
            )
        else:
            self.hook.setText(
                self.tr(
                    "No memory hook for {name} yet. Add one (Edit…) so they can place you."
                ).format(name=person.name)
            )
        self.hook.setVisible(bool(self.hook.text()))
        self.when.setText(template.when)
        text = self.rendered_text()
        self.script.setHtml(script_html(text, size_pt=15))
        present = [name for name, value in BLANKS.items() if value in text]
        if not present:
            self.blanks.setText("")
        elif {"interviewer", "memory_hook"} & set(present):
            self.blanks.setText(
                self.tr(
                    "Say the highlighted blanks in your own words. Choose or add who you are "
                    "talking to, with a memory hook, to fill them in."
                )
            )
        else:
            self.blanks.setText(self.tr("Say the highlighted blanks in your own words."))

    # -- actions -------------------------------------------------------------------------------

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.rendered_text())
        self.answer_status.setText(self.tr("Script copied."))

    def save_answer(self) -> None:
        if self.application_id is None:
            return
        text = self.answer.toPlainText()
        if not text.strip():
            self._status("Write what they said first.", error=True)
            self.answer.setFocus()
            return
        person = self.chosen_contact()
        note = notes.NoteInput(
            text,
            kind=NoteKind.FEEDBACK.value,
            application_id=self.application_id,
            stage_event_id=self.latest.event_id if self.latest else None,
            contact_id=person.id if person else None,
            tags=self.answer_tags.tags(),
        )
        done = run_op(
            self,
            self.db,
            lambda: notes.add_note(self.db, note),
            {Change.NOTES},
            self.tr("Not saved: your text is still here"),
        )
        if done is None:
            return
        note_id = done.value
        self.answer.clear()
        self.answer_tags.set_tags(())
        self._status("Saved as a feedback note. Thank them, and keep going.")
        self.answer_saved.emit(note_id)

    def _status(self, message: str, *, error: bool = False) -> None:
        theme.tone(self.answer_status, "danger" if error else "success")
        self.answer_status.setText(message)

    def _add_contact(self) -> None:
        if self.application_id is None:
            return
        dialog = ContactDialog(self.db, application_id=self.application_id, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.contact_id is not None:
            self._contacts_edited(dialog.contact_id)

    def _edit_contact(self) -> None:
        person = self.chosen_contact()
        if person is None:
            return
        dialog = ContactDialog(self.db, contact_id=person.id, parent=self)
        dialog.exec()
        self._contacts_edited(dialog.contact_id if dialog.result() else None)

    def _contacts_edited(self, chosen: int | None) -> None:
        if self.application_id is None:
            return
        self.latest = contacts.latest_interview(self.db, self.application_id)
        self._fill_contacts(chosen)
        self.update_script()
        self.contacts_changed.emit()
