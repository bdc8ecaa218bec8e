"""Interview mode: a small window that stays on top during an interview, with a clock, what to
ask, what they check, one-key tags and a note that saves itself while you type."""

from __future__ import annotations

import re
from functools import partial
from html import escape
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.core.insights import relevant_areas
from nextcall.core.playbook import load_playbook
from nextcall.core.stages import NoteKind
from nextcall.services import contacts, insights, notes, stages
from nextcall.services.application_detail import get_detail
from nextcall.services.database import Database
from nextcall.services.note_list import note_summary
from nextcall.services.stages import StageState
from nextcall.ui.common import theme
from nextcall.ui.common.autosave import Autosave, New, Saved, close_anyway, joined
from nextcall.ui.common.operations import Change, announce
from nextcall.ui.common.screen_fit import place_at_side
from nextcall.ui.interview.clock import ElapsedClock, StampedEdit
from nextcall.ui.interview.common import (
    current_milestone,
    fill,
    milestone_of,
    script_html,
    state_text,
)
from nextcall.ui.interview.legend import LegendButton

LEGEND_SIZE = 9
INTERVIEW_SIZE = QSize(440, 660)  # wished for; smaller screens get what fits
_STAMP_ONLY = re.compile(r"\[\d+:\d\d\]\s*")


def save_interview_note(
    db: Database, application_id: int, key: int | New, fields: dict[str, Any]
) -> Saved:
    """The autosave's save (on the background thread): the first one creates the note with
    everything typed and chosen so far; later ones change what changed."""
    values: dict[str, Any] = {k: joined(v) if k == "body" else v for k, v in fields.items()}
    if isinstance(key, New):
        note_id = notes.add_note(
            db, notes.NoteInput(values.pop("body", ""), application_id=application_id, **values)
        )
        summary = note_summary(db, note_id)
        assert summary is not None
        return Saved(note_id, summary.updated_at)
    return Saved(key, notes.save_note(db, key, **values))


class InterviewWindow(QWidget):
    note_saved = Signal(int)  # note id, after every successful save
    closed = Signal()

    def __init__(
        self,
        db: Database,
        application_id: int,
        parent: QWidget | None = None,
        *,
        clock: ElapsedClock | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.db = db
        self.application_id = application_id
        self.playbook = load_playbook()
        self.clock = clock or ElapsedClock()
        self.note_id: int | None = None
        self.note_tags: list[str] = []
        detail = get_detail(db, application_id)
        self.setWindowTitle(self.tr("Interview: {company}").format(company=detail.company))
        self.resize(420, 600)
        self.setMinimumSize(360, 480)
        area_names = {a.key: a.name for a in self.playbook.areas}
        try:
            recurring = insights.recurring_areas(db)
        except NextCallError:
            recurring = []
        self.area_names = {**area_names, **{a.area: a.name for a in recurring}}
        self._recurring = [a.area for a in recurring]

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        title = QLabel(" — ".join(p for p in (detail.company, detail.position) if p))
        theme.heading(title, 2)
        title.setWordWrap(True)
        layout.addWidget(title)
        self.milestone = QComboBox()
        self.milestone.setAccessibleName(self.tr("Milestone of this interview"))
        layout.addWidget(self.milestone)

        clock_row = QHBoxLayout()
        self.clock_label = QLabel("00:00")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(22)
        font.setBold(True)
        self.clock_label.setFont(font)
        self.clock_label.setAccessibleName(self.tr("Elapsed time"))
        clock_row.addWidget(self.clock_label)
        self.start_button = QPushButton(self.tr("&Start"))
        self.start_button.setToolTip(self.tr("Start or pause the clock (F5)"))
        self.start_button.clicked.connect(self.toggle_clock)
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Back to 00:00"))
        self.reset_button.clicked.connect(self.reset_clock)
        clock_row.addWidget(self.start_button)
        clock_row.addWidget(self.reset_button)
        clock_row.addStretch(1)
        layout.addLayout(clock_row)

        self.guide = QTabWidget()
        self.guide.setDocumentMode(True)
        self.ask = QTextBrowser()
        self.ask.setAccessibleName(self.tr("Questions to ask"))
        self.checks = QTextBrowser()
        self.checks.setAccessibleName(self.tr("What they check"))
        self.guide.addTab(self.ask, self.tr("Ask at the end"))
        self.guide.addTab(self.checks, self.tr("What they check"))
        self.guide.setFixedHeight(150)
        layout.addWidget(self.guide)

        legend_title = QLabel(self.tr("Tag this note: Alt+1 … Alt+9"))
        theme.muted(legend_title, small=True)
        layout.addWidget(legend_title)
        self.legend = QGridLayout()
        self.legend.setSpacing(4)
        self.legend_buttons: list[LegendButton] = []
        for number in range(1, LEGEND_SIZE + 1):
            button = LegendButton()
            button.clicked.connect(lambda _c=False, n=number: self.toggle_tag_number(n))
            self.legend.addWidget(button, (number - 1) // 3, (number - 1) % 3)
            self.legend_buttons.append(button)
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.activated.connect(lambda n=number: self.toggle_tag_number(n))
        layout.addLayout(self.legend)

        self.note = StampedEdit(self.clock.stamp)
        self.note.setPlaceholderText(
            self.tr(
                "Write what they tell you. Start the clock when the interview begins: each new "
                "line then gets its time, like [12:04]. Shift+Enter for a line without one."
            )
        )
        note_font = self.note.font()
        note_font.setPointSize(max(note_font.pointSize(), 10) + 2)
        self.note.setFont(note_font)
        self.note.setAccessibleName(self.tr("Interview note"))
        layout.addWidget(self.note, 1)

        bottom = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of note"))
        for kind in (NoteKind.TIP, NoteKind.FEEDBACK, NoteKind.OBSERVATION, NoteKind.QUESTION):
            self.kind.addItem(kind.label, kind.value)
        self.kind.currentIndexChanged.connect(lambda _i: self._changed())
        bottom.addWidget(self.kind)
        self.new_button = QPushButton(self.tr("New note"))
        self.new_button.setToolTip(self.tr("Keep this note and start another (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_note)
        bottom.addWidget(self.new_button)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        # A row of its own: "Not saved: the disk is full; …" is read in two lines, not six.
        self.saved = QLabel("")
        self.saved.setAccessibleName(self.tr("Save status"))
        self.saved.setWordWrap(True)
        self.saved.setMinimumHeight(self.saved.fontMetrics().lineSpacing())
        layout.addWidget(self.saved)

        self.autosave = Autosave(
            partial(save_interview_note, db, application_id),
            {"body": self.note.document()},
            self,
            details=self._details,
            name="nextcall-interview-save",
        )
        self.autosave.status_changed.connect(self._show_status)
        self.autosave.committed.connect(self._committed)
        self.autosave.follow(New())
        self.note.textChanged.connect(self._text_changed)
        self._tick = QTimer(self, interval=500)
        self._tick.timeout.connect(self._show_time)
        for keys, slot in (("F5", self.toggle_clock), ("Ctrl+N", self.new_note)):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self).activated.connect(self.close)

        self.states = [st for st in stages.stage_states(db, application_id) if not st.unused]
        for state in self.states:
            self.milestone.addItem(state_text(state), state.stage.key)
        current = current_milestone(self.states)
        self.milestone.setCurrentIndex(current if current is not None else -1)
        self.milestone.currentIndexChanged.connect(self._milestone_changed)
        self._show_milestone()
        self.note.setFocus()

    # -- the milestone -------------------------------------------------------------------------

    @property
    def state(self) -> StageState | None:
        index = self.milestone.currentIndex()
        return self.states[index] if 0 <= index < len(self.states) else None

    def _milestone_changed(self, _index: int) -> None:
        self._show_milestone()
        self._changed()

    def _show_milestone(self) -> None:
        state = self.state
        milestone = milestone_of(self.playbook, state.stage.key) if state else None
        muted = self.palette().placeholderText().color().name()
        if milestone is not None and milestone.questions_to_ask:
            note = milestone.questions_to_ask_note or ""
            items = "".join(f"<li>{escape(q.question)}</li>" for q in milestone.questions_to_ask)
            self.ask.setHtml(
                f"<p style='color:{muted}'>{escape(note)}</p>"
                f"<ul style='margin-left:-18px'>{items}</ul>"
            )
        else:
            detail = get_detail(self.db, self.application_id)
            closing = fill(
                self.playbook.template("closing-question"),
                {"company": detail.company, "position": detail.position},
            )
            self.ask.setHtml(script_html(closing.body, size_pt=11, muted=muted))
        if milestone is not None:
            rows = "".join(
                f"<li>{escape(c.text)}"
                + (
                    f" <span style='color:{muted}'>({escape(self.area_names[c.area])})</span>"
                    if c.area in self.area_names
                    else ""
                )
                + "</li>"
                for c in milestone.checks
            )
            self.checks.setHtml(f"<ul style='margin-left:-18px'>{rows}</ul>")
        else:
            self.checks.setHtml("<p>Your own stage: no checklist for it in the playbook.</p>")
        check_areas = [c.area for c in milestone.checks] if milestone is not None else []
        self.legend_keys = relevant_areas(
            check_areas,
            self._recurring,
            [a.key for a in self.playbook.areas],
            LEGEND_SIZE,
        )
        self._show_legend()

    def _show_legend(self) -> None:
        for number, button in enumerate(self.legend_buttons, start=1):
            key = self.legend_keys[number - 1] if number <= len(self.legend_keys) else None
            button.setVisible(key is not None)
            if key is None:
                continue
            button.set_full_text(f"{number}  {self.area_names.get(key, key)}")
            button.setToolTip(
                self.tr("Alt+{number}: tag this note “{area_names}”").format(
                    number=number, area_names=self.area_names.get(key, key)
                )
            )
            button.setAccessibleName(
                self.tr("Tag {area_names}").format(area_names=self.area_names.get(key, key))
            )
            button.setChecked(key in self.note_tags)

    # -- the clock -----------------------------------------------------------------------------

    def toggle_clock(self) -> None:
        self.clock.toggle()
        self.start_button.setText("&Pause" if self.clock.running else "&Resume")
        if self.clock.running:
            self._tick.start()
        else:
            self._tick.stop()
        self._show_time()

    def reset_clock(self) -> None:
        self.clock.reset()
        if not self.clock.running:
            self.start_button.setText(self.tr("&Start"))
        self._show_time()

    def _show_time(self) -> None:
        self.clock_label.setText(self.clock.text())

    # -- tags ----------------------------------------------------------------------------------

    def toggle_tag_number(self, number: int) -> None:
        if not 1 <= number <= len(self.legend_keys):
            return
        key = self.legend_keys[number - 1]
        if key in self.note_tags:
            self.note_tags.remove(key)
        else:
            self.note_tags.append(key)
        self._show_legend()
        self._changed()

    # -- saving --------------------------------------------------------------------------------

    def _text_changed(self) -> None:
        self.autosave.mark("body")

    def _details(self) -> dict[str, Any]:
        """The note's kind, tags and links as the save takes them (read on the GUI thread)."""
        state = self.state
        event_id = state.event_id if state else None
        contact = contacts.contact_of_event(self.db, event_id)
        return {
            "kind": str(self.kind.currentData()),
            "tags": tuple(self.note_tags),
            "stage_event_id": event_id,
            "contact_id": contact.id if contact else None,
        }

    def _changed(self) -> None:
        """The kind, a tag or the milestone changed: saved with the note (a note is not made
        for them alone)."""
        if isinstance(self.autosave.key, New) and not (self.note_tags or self.note.toPlainText()):
            return
        self.autosave.mark("details")

    def flush(self) -> bool:
        """Save what is typed now (switching to a new note and closing call it); True when it
        is all in the database."""
        return self.autosave.flush()

    def _committed(self, result: Saved) -> None:
        assert isinstance(result.key, int)
        self.note_id = result.key
        self.note_saved.emit(result.key)
        announce(self.db, {Change.NOTES}, self)  # the notes list and the insights follow

    def _show_status(self, text: str) -> None:
        self.saved.setText(text)
        if text.startswith("Not saved"):
            theme.error_text(self.saved)
        elif text.startswith("Saved at"):
            theme.tone(self.saved, "success")
        else:
            theme.tone(self.saved, None)

    def _drop_if_empty(self) -> None:
        """A note that never got any words (only stamps or tags) is not kept."""
        if self.note_id is None or _STAMP_ONLY.sub("", self.note.toPlainText()).strip():
            return
        try:
            notes.delete_note(self.db, self.note_id)
        except NextCallError:
            return
        self.note_id = None

    def new_note(self) -> None:
        if not self.flush():
            return  # not saved (the status line says why): the text stays, nothing is dropped
        self._drop_if_empty()
        self.note_id = None
        self.note_tags = []
        self.autosave.follow(New())
        self.note.blockSignals(True)
        self.note.clear()
        self.note.blockSignals(False)
        self._show_legend()
        self.saved.setText("")
        self.note.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not close_anyway(self, self.autosave, self.tr("interview note")):
            event.ignore()  # kept open: the autosave keeps trying, nothing typed is lost
            return
        self._drop_if_empty()
        self.autosave.follow(None)  # closed: nothing more to save
        self.autosave.shutdown()
        self._tick.stop()
        self.closed.emit()
        super().closeEvent(event)


def open_interview(db: Database, application_id: int, parent: QWidget | None) -> InterviewWindow:
    """Create and show interview mode; keep the returned window referenced while it is open."""
    window = InterviewWindow(db, application_id, parent)
    # At the screen's right edge, fully on it, whatever the screen (1280×720 to 1600×1000+).
    place_at_side(window, INTERVIEW_SIZE)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
