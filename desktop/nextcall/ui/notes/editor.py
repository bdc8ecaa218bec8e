"""The note editor: kind, application, milestone, contact, tags, the text, and its status.

There is no Save button: every change goes through :class:`Autosave`.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.core.stages import NoteKind, Outcome
from nextcall.services.application_list import picker_items
from nextcall.services.database import Database
from nextcall.services.note_list import note_summary
from nextcall.services.note_search import tag_choices
from nextcall.services.notes import NoteView, contact_choices, save_note
from nextcall.services.stages import stage_states
from nextcall.ui.common import theme
from nextcall.ui.common.autosave import Autosave, Saved, joined
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.plain_text import raw_text
from nextcall.ui.notes.tags import TagChips
from nextcall.ui.notes.text import NoteTextEdit

PLACEHOLDERS = {
    NoteKind.TIP: QT_TRANSLATE_NOOP(
        "NoteEditor",
        "What did the interviewer suggest? Write it in their words while you remember them.",
    ),
    NoteKind.FEEDBACK: QT_TRANSLATE_NOOP(
        "NoteEditor",
        "Why it did not work out and what to work on, as they put it. If the "
        "answer was vague, note which area you asked about.",
    ),
    NoteKind.OBSERVATION: QT_TRANSLATE_NOOP(
        "NoteEditor", "What you noticed about yourself: what went well, what felt hard."
    ),
    NoteKind.DEBRIEF: QT_TRANSLATE_NOOP(
        "NoteEditor", "One thing that went wrong: a question you misunderstood, a point you forgot…"
    ),
    NoteKind.QUESTION: QT_TRANSLATE_NOOP(
        "NoteEditor", "The question you asked, and what they answered."
    ),
    NoteKind.ANSWER: QT_TRANSLATE_NOOP(
        "NoteEditor", "The question, then the answer you prepared for it."
    ),
}
PICKER_LIMIT = 2000
TEXTS = ("body", "fix")


def save_fields(db: Database, note_id: int, fields: dict[str, Any]) -> Saved:
    """The autosave's save (on the background thread): the changed fields of one note; the
    note's list row comes back with it."""
    values: dict[str, Any] = {k: joined(v) if k in TEXTS else v for k, v in fields.items()}
    return Saved(note_id, save_note(db, note_id, **values), note_summary(db, note_id))


def when_text(moment: datetime, today: date) -> str:
    days = (today - moment.date()).days
    if days == 0:
        return f"today at {moment:%H:%M}"
    if days == 1:
        return f"yesterday at {moment:%H:%M}"
    year = f" {moment.year}" if moment.year != today.year else ""
    return f"{moment:%a} {moment.day} {moment:%b}{year}, {moment:%H:%M}"


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return combo


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class NoteEditor(QWidget):
    status_changed = Signal(str)
    committed = Signal(object)  # autosave.Saved: its detail is the note's NoteSummary
    delete_requested = Signal()
    application_requested = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.note: NoteView | None = None
        self._loading = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)

        self.kind = _combo("Kind of note")
        for kind in NoteKind:
            self.kind.addItem(kind.label, kind.value)
        self.application = _combo("Application")
        self.application.setEditable(True)
        self.application.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.application.model(), self.application)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.application.setCompleter(completer)
        field = self.application.lineEdit()
        assert field is not None
        self.application_field: QLineEdit = field
        self.application_field.setPlaceholderText(self.tr("Type a company to find it"))
        self.open_application = QToolButton()
        self.open_application.setText(self.tr("Open"))
        self.open_application.setToolTip(self.tr("Show this application in the Tracker"))
        self.open_application.clicked.connect(self._open_application)
        self.milestone = _combo("Milestone")
        self.contact = _combo("Contact")
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.addWidget(_buddy("&Application", self.application), 0, 0)
        grid.addWidget(self.application, 0, 1, 1, 3)
        grid.addWidget(self.open_application, 0, 4)
        grid.addWidget(_buddy("C&ontact", self.contact), 0, 5)
        grid.addWidget(self.contact, 0, 6)
        grid.addWidget(_buddy("&Kind", self.kind), 1, 0)
        grid.addWidget(self.kind, 1, 1)
        grid.addWidget(_buddy("&Milestone", self.milestone), 1, 2)
        grid.addWidget(self.milestone, 1, 3, 1, 4)
        grid.setColumnStretch(3, 3)
        grid.setColumnStretch(6, 2)
        column.addLayout(grid)

        self.tags = TagChips()
        self.tags.set_choices(tag_choices(db))
        column.addWidget(self.tags)

        self.body = NoteTextEdit()
        self.body.setAccessibleName(self.tr("Note text"))
        font = self.body.font()
        font.setPointSizeF(font.pointSizeF() + 1)
        self.body.setFont(font)
        self.body.setFrameShape(QFrame.Shape.StyledPanel)
        self.body_label = QLabel(self.tr("What went &wrong"))
        self.body_label.setBuddy(self.body)
        column.addWidget(self.body_label)
        column.addWidget(self.body, 3)
        self.fix_label = QLabel(self.tr("&What you will do differently next time"))
        self.fix = NoteTextEdit()
        self.fix.setAccessibleName(self.tr("The fix"))
        self.fix.setPlaceholderText(self.tr("The fix: how you will prepare or answer next time."))
        self.fix_label.setBuddy(self.fix)
        line = self.fix.fontMetrics().lineSpacing()
        self.fix.setMaximumHeight(line * 6 + 12)
        column.addWidget(self.fix_label)
        column.addWidget(self.fix, 1)

        bottom = QHBoxLayout()
        self.times = QLabel()
        theme.muted(self.times)
        self.times.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Save status"))
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.status.setWordWrap(True)  # a failed save's reason is read in full, never cut off
        self.delete_button = QPushButton(self.tr("Delete note…"))
        self.delete_button.setToolTip(self.tr("Delete this note (asks first)"))
        self.delete_button.clicked.connect(self.delete_requested)
        bottom.addWidget(self.times, 1)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.delete_button)
        column.addLayout(bottom)

        self.autosave = Autosave(
            partial(save_fields, db),
            {"body": self.body.document(), "fix": self.fix.document()},
            self,
            details=self.metadata,
            name="nextcall-notes-save",
        )
        self.autosave.status_changed.connect(self._show_status)
        self.autosave.committed.connect(self._committed)
        self.body.textChanged.connect(lambda: self._edited("body"))
        self.fix.textChanged.connect(lambda: self._edited("fix"))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.application.currentIndexChanged.connect(self._application_changed)
        self.application_field.editingFinished.connect(self._application_typed)
        self.milestone.currentIndexChanged.connect(lambda: self._edited("meta"))
        self.contact.currentIndexChanged.connect(lambda: self._edited("meta"))
        self.tags.changed.connect(lambda: self._edited("meta"))
        self.reload_choices()
        self._show_status(self.autosave.status)
        self._update_fix()

    # -- choices -----------------------------------------------------------------------------

    def reload_choices(self) -> None:
        """Refresh the applications and tags one can pick (after data changed elsewhere)."""
        self._loading = True
        try:
            current = self.application.currentData()
            label = self.application.currentText()
            self.application.clear()
            self.application.addItem(self.tr("No application"), None)
            for item in picker_items(self.db, PICKER_LIMIT):
                self.application.addItem(item.label, item.id)
            self._select_application(current, label)
            self.tags.set_choices(tag_choices(self.db))
        finally:
            self._loading = False

    def _select_application(self, app_id: int | None, label: str | None) -> None:
        index = self.application.findData(app_id)
        if index < 0 and app_id is not None:
            self.application.addItem(label or f"Application #{app_id}", app_id)
            index = self.application.count() - 1
        self.application.setCurrentIndex(max(index, 0))
        self.application_field.setCursorPosition(0)

    def _fill_links(self, app_id: int | None, event_id: int | None, contact_id: int | None) -> None:
        self.milestone.clear()
        self.contact.clear()
        self.milestone.addItem(self.tr("Not linked to a milestone"), None)
        self.contact.addItem(self.tr("No contact"), None)
        if app_id is not None:
            try:
                states = stage_states(self.db, app_id)
                contacts = contact_choices(self.db, app_id)
            except NextCallError:
                states, contacts = [], []
            for st in states:
                if st.event_id is None:
                    continue
                outcome = Outcome(st.outcome).label.lower() if st.outcome else ""
                day = f", {st.on.day} {st.on:%b}" if st.on else ""
                self.milestone.addItem(f"{st.stage.name} — {outcome}{day}", st.event_id)
            for person in contacts:
                role = f" ({person.role})" if person.role else ""
                self.contact.addItem(person.name + role, person.id)
        self.milestone.setCurrentIndex(max(self.milestone.findData(event_id), 0))
        self.contact.setCurrentIndex(max(self.contact.findData(contact_id), 0))
        self.milestone.setEnabled(self.milestone.count() > 1)
        self.contact.setEnabled(self.contact.count() > 1)
        self.open_application.setEnabled(app_id is not None)

    # -- loading and saving ----------------------------------------------------------------------

    @property
    def note_id(self) -> int | None:
        return self.note.id if self.note else None

    def load(self, note: NoteView | None) -> None:
        """Show ``note`` (None: nothing). Call ``flush()`` first."""
        self._loading = True
        try:
            self.note = note
            self.autosave.follow(note.id if note else None)
            self.body.setExtraSelections([])
            if note is None:
                self.body.setPlainText("")
                self.fix.setPlainText("")
                return
            self.kind.setCurrentIndex(max(self.kind.findData(note.kind), 0))
            label = " — ".join(x for x in (note.company, note.position) if x) or None
            self._select_application(note.application_id, label)
            self._fill_links(note.application_id, note.stage_event_id, note.contact_id)
            self.tags.set_tags(note.tags, note.tag_names)
            self.body.setPlainText(note.body)
            self.fix.setPlainText(note.fix)
            self._update_fix()
            self._update_times(note.updated_at)
        finally:
            self._loading = False

    def flush(self) -> bool:
        return self.autosave.flush()

    def text(self) -> str:
        return raw_text(self.body.document())

    def metadata(self) -> dict[str, Any]:
        """The note's details as services.notes.save_note takes them."""
        return {
            "kind": self.kind.currentData(),
            "application_id": self.application.currentData(),
            "stage_event_id": self.milestone.currentData(),
            "contact_id": self.contact.currentData(),
            "tags": self.tags.tags(),
        }

    def first_line(self, limit: int = 80) -> str:
        """The first line with text in it, shortened (without reading a huge note whole)."""
        block = self.body.document().firstBlock()
        for _ in range(50):
            if not block.isValid():
                break
            text = " ".join(block.text()[: limit * 2].split())
            if text:
                return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
            block = block.next()
        return ""

    def is_blank(self) -> bool:
        return (
            self.body.document().isEmpty()
            and self.fix.document().isEmpty()
            and not self.tags.checked_keys()
        )

    def focus_text(self) -> None:
        self.body.setFocus()

    def _edited(self, part: str) -> None:
        if not self._loading:
            self.autosave.mark(part)

    def _kind_changed(self) -> None:
        self._update_fix()
        self._edited("meta")

    def _update_fix(self) -> None:
        kind = NoteKind(self.kind.currentData() or NoteKind.OBSERVATION.value)
        self.body.setPlaceholderText(self.tr(PLACEHOLDERS[kind]))
        debrief = kind is NoteKind.DEBRIEF or not self.fix.document().isEmpty()
        self.body_label.setVisible(debrief)
        self.fix_label.setVisible(debrief)
        self.fix.setVisible(debrief)

    def _application_changed(self) -> None:
        if self._loading:
            return
        self._fill_links(self.application.currentData(), None, None)
        self._edited("meta")

    def _application_typed(self) -> None:
        """Typed text that names no application goes back to the current one."""
        index = self.application.findText(
            self.application.currentText(), Qt.MatchFlag.MatchFixedString
        )
        if index >= 0 and index != self.application.currentIndex():
            self.application.setCurrentIndex(index)
        else:
            self.application.setEditText(self.application.itemText(self.application.currentIndex()))

    def _open_application(self) -> None:
        app_id = self.application.currentData()
        if app_id is not None:
            self.application_requested.emit(app_id)

    def _show_status(self, text: str) -> None:
        self.status.setText(text)
        failed = text.startswith("Not saved")
        theme.tone(self.status, "danger" if failed else None)
        theme.emphasis(self.status, failed)
        self.status_changed.emit(text)

    def _committed(self, result: Saved) -> None:
        self._update_times(result.at)
        self.committed.emit(result)

    def _update_times(self, updated: datetime) -> None:
        if self.note is None:
            self.times.clear()
            return
        today = self.db.clock.today()
        created = when_text(self.note.created_at, today)
        changed = when_text(updated, today)
        self.times.setText(
            f"Written {created}" + (f" · changed {changed}" if changed != created else "")
        )
