"""The debrief: a short guided form for the same day as the interview. What went well, each
thing that went wrong with its fix for next time, and what the interviewer said."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.core.stages import NoteKind, Outcome
from nextcall.services import contacts, notes, stages
from nextcall.services.application_detail import get_detail
from nextcall.services.database import Database
from nextcall.services.stages import StageState
from nextcall.ui.common import theme
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.operations import Change, run_op
from nextcall.ui.common.screen_fit import fit_dialog
from nextcall.ui.interview.common import state_text
from nextcall.ui.interview.tag_picker import TagPicker

# (button text, placeholder for what went wrong, placeholder for the fix, suggested tags)
ROW_KINDS = {
    "misunderstood": (
        QT_TRANSLATE_NOOP("DebriefDialog", "A question I &misunderstood"),
        QT_TRANSLATE_NOOP("DebriefDialog", "The question, and how I understood it"),
        QT_TRANSLATE_NOOP("DebriefDialog", "e.g. Ask them to repeat or rephrase before answering"),
        ("listening",),
    ),
    "forgot": (
        QT_TRANSLATE_NOOP("DebriefDialog", "A point I &forgot"),
        QT_TRANSLATE_NOOP("DebriefDialog", "What I meant to say but did not"),
        QT_TRANSLATE_NOOP(
            "DebriefDialog", "e.g. Write three key points on a card and glance at it"
        ),
        (),
    ),
    "nervous": (
        QT_TRANSLATE_NOOP("DebriefDialog", "A &nervous moment"),
        QT_TRANSLATE_NOOP("DebriefDialog", "When it happened, and what it did to my answer"),
        QT_TRANSLATE_NOOP(
            "DebriefDialog", "e.g. Breathe out slowly and take two seconds before answering"
        ),
        ("confidence",),
    ),
    "other": (
        QT_TRANSLATE_NOOP("DebriefDialog", "Something &else"),
        QT_TRANSLATE_NOOP("DebriefDialog", "What went wrong"),
        QT_TRANSLATE_NOOP("DebriefDialog", "What I will do differently next time"),
        (),
    ),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("DebriefDialog", text)


def _text_box(placeholder: str, name: str, height: int = 58) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    box.setAccessibleName(name)
    return box


class WrongRow(QFrame):
    """One thing that went wrong: what happened, the fix, and the areas it is about."""

    remove_requested = Signal(object)

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title, wrong_hint, fix_hint = (_tr(text) for text in ROW_KINDS[kind][:3])
        tags = ROW_KINDS[kind][3]
        self.kind = kind
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        top = QHBoxLayout()
        self.title = QLabel(title.replace("&", ""))
        theme.strong(self.title)
        top.addWidget(self.title)
        top.addStretch(1)
        self.tags = TagPicker()
        self.tags.set_tags(tags)
        top.addWidget(self.tags)
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setToolTip(self.tr("Remove this row"))
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        top.addWidget(self.remove)
        layout.addLayout(top)
        fields = QHBoxLayout()
        self.wrong = _text_box(wrong_hint, "What went wrong")
        self.fix = _text_box(fix_hint, "Fix for next time")
        for caption, box in (("What went wrong", self.wrong), ("Fix for next time", self.fix)):
            column = QVBoxLayout()
            label = QLabel(caption)
            theme.muted(label, small=True)
            column.addWidget(label)
            column.addWidget(box)
            fields.addLayout(column)
        layout.addLayout(fields)
        self.error = QLabel()
        theme.error_text(self.error)
        self.error.hide()
        layout.addWidget(self.error)

    def is_empty(self) -> bool:
        return not self.wrong.toPlainText().strip() and not self.fix.toPlainText().strip()

    def problem(self) -> tuple[str, QPlainTextEdit | None]:
        wrong, fix = self.wrong.toPlainText().strip(), self.fix.toPlainText().strip()
        if wrong and not fix:
            return "Add a fix for next time, even a small one.", self.fix
        if fix and not wrong:
            return "Say what went wrong, next to its fix.", self.wrong
        return "", None

    def show_problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        theme.surface(self, "invalid" if message else "outline")


class DebriefDialog(QDialog):
    saved = Signal(list)  # the ids of the notes written

    def __init__(
        self,
        db: Database,
        application_id: int,
        stage_key: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.application_id = application_id
        self.note_ids: list[int] = []
        detail = get_detail(db, application_id)
        self.setWindowTitle(self.tr("Debrief: {company}").format(company=detail.company))
        fit_dialog(self, QSize(760, 720))  # within 90 % of the screen

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Write it down today, while you still remember. Each thing that went wrong gets a "
                "fix for next time; the tags show later which areas keep coming up. Nothing is "
                "saved until you press <b>Save debrief</b>."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        top = QHBoxLayout()
        caption = QLabel(self.tr("&Milestone"))
        self.milestone = QComboBox()
        self.milestone.setAccessibleName(self.tr("Milestone"))
        caption.setBuddy(self.milestone)
        top.addWidget(caption)
        top.addWidget(self.milestone, 1)
        layout.addLayout(top)

        self.scroll_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take the focus
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 6, 0)
        well_box = QGroupBox(self.tr("What went well"))
        well_layout = QVBoxLayout(well_box)
        self.well = _text_box(
            "e.g. My introduction was smooth; I remembered the interviewer's name", "What went well"
        )
        well_layout.addWidget(self.well)
        column.addWidget(well_box)

        wrong_box = QGroupBox(self.tr("What went wrong, and the fix for next time"))
        wrong_layout = QVBoxLayout(wrong_box)
        self.rows_layout = QVBoxLayout()
        wrong_layout.addLayout(self.rows_layout)
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("Add:")))
        self.add_buttons: list[QPushButton] = []
        for kind, (text, *_rest) in ROW_KINDS.items():
            button = QPushButton(self.tr(text))
            self.add_buttons.append(button)
            button.clicked.connect(lambda _c=False, k=kind: self.add_row(k, focus=True))
            add_row.addWidget(button)
        add_row.addStretch(1)
        wrong_layout.addLayout(add_row)
        column.addWidget(wrong_box)

        said_box = QGroupBox(self.tr("What the interviewer said"))
        said_layout = QVBoxLayout(said_box)
        said_top = QHBoxLayout()
        self.said_kind = QComboBox()
        self.said_kind.setAccessibleName(self.tr("Kind of note"))
        self.said_kind.addItem(self.tr("A tip, during the interview"), NoteKind.TIP.value)
        self.said_kind.addItem(self.tr("Feedback on the result"), NoteKind.FEEDBACK.value)
        said_top.addWidget(self.said_kind)
        said_top.addStretch(1)
        self.said_tags = TagPicker()
        said_top.addWidget(self.said_tags)
        said_layout.addLayout(said_top)
        self.said = _text_box(
            "Their words, as close as you remember: what to improve, any tips", "What they said", 76
        )
        said_layout.addWidget(self.said)
        column.addWidget(said_box)
        column.addStretch(1)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)

        self.error = QLabel()
        self.error.setWordWrap(True)
        theme.error_text(self.error)
        theme.emphasis(self.error)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save debrief"))
        buttons.accepted.connect(self.save_debrief)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.rows: list[WrongRow] = []
        self.add_row("other")
        self.states = [
            st for st in stages.stage_states(db, application_id) if st.event_id is not None
        ]
        for state in self.states:
            self.milestone.addItem(state_text(state), state.stage.key)
        self.milestone.currentIndexChanged.connect(self._milestone_changed)
        index = self._default_index(stage_key)
        self.milestone.setCurrentIndex(index)
        self._milestone_changed(index)
        self.well.setFocus()

    def _default_index(self, stage_key: str | None) -> int:
        keys = [st.stage.key for st in self.states]
        if stage_key in keys:
            return keys.index(stage_key)
        done = [i for i, st in enumerate(self.states) if st.outcome != Outcome.SCHEDULED.value]
        return done[-1] if done else len(self.states) - 1

    @property
    def state(self) -> StageState | None:
        index = self.milestone.currentIndex()
        return self.states[index] if 0 <= index < len(self.states) else None

    def _milestone_changed(self, _index: int) -> None:
        state = self.state
        failed = state is not None and state.outcome == Outcome.FAILED.value
        self.said_kind.setCurrentIndex(1 if failed else 0)

    # -- rows ----------------------------------------------------------------------------------

    def add_row(self, kind: str, *, focus: bool = False) -> WrongRow:
        if len(self.rows) == 1 and self.rows[0].is_empty() and self.rows[0].kind == "other":
            self._remove(self.rows[0])  # replace the untouched starter row
        row = WrongRow(kind)
        row.remove_requested.connect(self._remove)
        self.rows_layout.addWidget(row)
        self.rows.append(row)
        # Keep Tab in reading order: the new row sits between the rows above and "Add:".
        before = self.rows[-2].fix if len(self.rows) > 1 else self.well
        chain = (before, row.tags, row.remove, row.wrong, row.fix, self.add_buttons[0])
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._renumber()
        if focus:
            row.wrong.setFocus()
        return row

    def _remove(self, row: WrongRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
            row.setParent(None)
            row.deleteLater()
        self._renumber()

    def _renumber(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            title = self.tr(ROW_KINDS[row.kind][0]).replace("&", "")
            row.title.setText(f"{number}. {title}")

    # -- saving --------------------------------------------------------------------------------

    def _has_text(self) -> bool:
        fields = (self.well, self.said, *[r.wrong for r in self.rows], *[r.fix for r in self.rows])
        return any(f.toPlainText().strip() for f in fields)

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def validate(self) -> bool:
        first: QPlainTextEdit | None = None
        unfinished: list[tuple[int, str]] = []
        for number, row in enumerate(self.rows, start=1):
            problem, field = row.problem()
            row.show_problem(problem)
            if problem:
                unfinished.append((number, problem))
                first = first or field
        if unfinished:
            if len(unfinished) == 1:
                number, problem = unfinished[0]
                self._fail(f"Not saved yet. Row {number} is not finished: {problem}")
            else:
                numbers = [str(n) for n, _ in unfinished]
                listed = ", ".join(numbers[:-1]) + f" and {numbers[-1]}"
                self._fail(f"Not saved yet. Rows {listed} are not finished: see the red boxes.")
            if first is not None:
                first.setFocus()
                self.scroll_area.ensureWidgetVisible(first)
            return False
        if not self._has_text():
            self._fail("Nothing to save yet: write at least one line.")
            self.well.setFocus()
            return False
        self._fail("")
        return True

    def planned_notes(self) -> list[notes.NoteInput]:
        state = self.state
        event_id = state.event_id if state else None
        contact = contacts.contact_of_event(self.db, event_id)
        contact_id = contact.id if contact else None

        def note(body: str, kind: NoteKind, **more: Any) -> notes.NoteInput:
            return notes.NoteInput(
                body,
                kind=kind.value,
                application_id=self.application_id,
                stage_event_id=event_id,
                contact_id=contact_id,
                **more,
            )

        planned = []
        if self.well.toPlainText().strip():
            planned.append(note(self.well.toPlainText(), NoteKind.OBSERVATION))
        for row in self.rows:
            if not row.is_empty():
                planned.append(
                    note(
                        row.wrong.toPlainText(),
                        NoteKind.DEBRIEF,
                        fix=row.fix.toPlainText(),
                        tags=row.tags.tags(),
                    )
                )
        if self.said.toPlainText().strip():
            kind = NoteKind(str(self.said_kind.currentData()))
            planned.append(note(self.said.toPlainText(), kind, tags=self.said_tags.tags()))
        return planned

    def save_debrief(self) -> None:
        if not self.validate():
            return
        planned = self.planned_notes()

        def write_all() -> list[int]:
            written: list[int] = []
            try:
                for note in planned:
                    written.append(notes.add_note(self.db, note))
            except NextCallError:
                for note_id in written:  # all or nothing: nothing half-saved
                    notes.delete_note(self.db, note_id)
                raise
            return written

        done = run_op(
            self,
            self.db,
            write_all,
            {Change.NOTES},
            self.tr("Not saved: everything you typed is still here"),
        )
        if done is None:
            return
        written = done.value
        self.note_ids = written
        self.saved.emit(written)
        super().accept()

    def confirm_discard(self) -> bool:
        """Asks before throwing typed text away; tests replace it."""
        answer = QMessageBox.question(
            self,
            self.tr("Discard the debrief?"),
            self.tr("You have written part of a debrief. Close without saving it?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        if self._has_text() and not self.confirm_discard():
            return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter belongs to the text boxes; Ctrl+Enter saves.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.save_debrief()
            return
        super().keyPressEvent(event)
