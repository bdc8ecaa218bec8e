"""The call card: what you applied for, where it stands, who is calling and what you talked
about, your prepared introduction, and a note for the call that saves itself as you type (the
one autosave, through services.notes)."""

from __future__ import annotations

from functools import partial
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError, NotFoundError
from nextcall.services import notes
from nextcall.services.call_card import CallCard, call_card, call_note_exists, start_call_note
from nextcall.services.database import Database
from nextcall.ui.common import theme
from nextcall.ui.common.autosave import Autosave, Saved, joined
from nextcall.ui.common.operations import EVERYTHING, Change, announce, report_failure, subscribe
from nextcall.ui.quickfind.results import status_label

NOTE_MIN_HEIGHT = 110


def save_call_note(db: Database, key: int, fields: dict[str, Any]) -> Saved:
    """The autosave's save (on the background thread): the note's text as typed."""
    return Saved(key, notes.save_note(db, key, body=joined(fields["body"])))


def _day(value: Any) -> str:
    return f"{value.day} {value:%b %Y}" if value else ""


def _label(text: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CallCardView(QWidget):
    application_requested = Signal(int)  # Open in Tracker
    note_requested = Signal(int)  # Open in Notes
    other_requested = Signal(int)  # another application at the same company
    gone = Signal()  # the card's application was deleted meanwhile

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.card: CallCard | None = None
        self.contact_id: int | None = None
        self.note_id: int | None = None
        self.started: dict[tuple[int | None, int | None, int], int] = {}  # card -> its note

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(theme.SPACING)
        head = QHBoxLayout()
        self.title = _label()
        theme.heading(self.title, 1)
        self.title.setAccessibleName(self.tr("Application"))
        head.addWidget(self.title, 1)
        self.status = QLabel()
        theme.heading(self.status, 2)
        head.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(head)
        self.facts = _label()
        theme.muted(self.facts)
        outer.addWidget(self.facts)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.SPACING * 2)
        self.standing = self._section(column, self.tr("Where it stands"))
        self.who = self._section(column, self.tr("Who is calling"))
        self.intro = self._section(column, self.tr("Your introduction"))
        self.others = QLabel()
        self.others.setWordWrap(True)
        self.others.setTextFormat(Qt.TextFormat.RichText)
        self.others.linkActivated.connect(self._other_chosen)
        theme.muted(self.others)
        column.addWidget(self.others)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.note_box = QPlainTextEdit()
        self.note_box.setAccessibleName(self.tr("Note for this call"))
        self.note_box.setPlaceholderText(self.tr("What they say, dates, names, what to send…"))
        self.note_box.setMinimumHeight(NOTE_MIN_HEIGHT)
        self.note_box.setTabChangesFocus(True)
        self.note_box.hide()
        outer.addWidget(self.note_box)
        buttons = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Start a call &note"))
        self.start_button.setToolTip(
            self.tr("A note for this call, saved as you type (it says who called and when)")
        )
        theme.primary(self.start_button)
        self.start_button.clicked.connect(self.start_note)
        buttons.addWidget(self.start_button)
        self.tracker_button = QPushButton(self.tr("Open in &Tracker"))
        self.tracker_button.clicked.connect(self._open_tracker)
        buttons.addWidget(self.tracker_button)
        self.notes_button = QPushButton(self.tr("Open in N&otes"))
        self.notes_button.setToolTip(self.tr("Go on writing this note in the Notes tab"))
        self.notes_button.clicked.connect(self._open_notes)
        self.notes_button.hide()
        buttons.addWidget(self.notes_button)
        buttons.addStretch(1)
        for button in (self.tracker_button, self.notes_button):
            button.setAutoDefault(False)  # Enter in the card starts the note, nothing else
        self.saved = QLabel()
        self.saved.setAccessibleName(self.tr("Save status"))
        theme.muted(self.saved, small=True)
        buttons.addWidget(self.saved)
        outer.addLayout(buttons)

        self.autosave = Autosave(
            partial(save_call_note, db),
            {"body": self.note_box.document()},
            self,
            name="nextcall-quickfind-save",
        )
        self.autosave.status_changed.connect(self._show_status)
        self.autosave.committed.connect(self._committed)
        self.note_box.textChanged.connect(lambda: self.autosave.mark("body"))
        subscribe(self, db, EVERYTHING, self.refresh)

    def _section(self, column: QVBoxLayout, title: str) -> QLabel:
        frame = QFrame()
        theme.surface(frame, "card")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(
            theme.SPACING * 2, theme.SPACING, theme.SPACING * 2, theme.SPACING * 2
        )
        layout.setSpacing(theme.SPACING // 2)
        heading = QLabel(title.upper())
        theme.section_label(heading)
        layout.addWidget(heading)
        text = QLabel()
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setAccessibleName(title)
        layout.addWidget(text)
        column.addWidget(frame)
        return text

    # -- showing a card --------------------------------------------------------------------------

    @property
    def _key(self) -> tuple[int | None, int | None, int]:
        assert self.card is not None
        return (self.card.application_id, self.contact_id, self.card.company_id)

    def show_card(self, card: CallCard, contact_id: int | None) -> None:
        """Show ``card`` (the note of an earlier call from this card comes back with it)."""
        self.flush()
        self.card = card
        self.contact_id = contact_id
        self._fill(card)
        self._follow(self.started.get(self._key))

    def refresh(self) -> None:
        """Data changed elsewhere: show the card as it is now, keeping the note being typed
        (or letting it go if it was deleted meanwhile); ``gone`` when the application was."""
        card = self.card
        if card is None:
            return
        try:
            fresh = call_card(self.db, card.application_id, self.contact_id, card.company_id)
        except NotFoundError:
            self.gone.emit()
            return
        self.card = fresh
        self._fill(fresh)
        if self.note_id is not None and not call_note_exists(self.db, self.note_id):
            self.started.pop(self._key, None)
            self._follow(None)

    def _fill(self, card: CallCard) -> None:
        self.title.setText(card.title)
        self.status.setText(status_label(card.status) if card.status else "")
        self.status.setVisible(bool(card.status))
        theme.status_text(self.status, card.status or None)
        facts = []
        if card.account_type:
            facts.append(self.tr("Account: {account}").format(account=card.account_type))
        if card.applied_on:
            facts.append(self.tr("applied {day}").format(day=_day(card.applied_on)))
        if card.last_contact_on:
            facts.append(self.tr("last heard {day}").format(day=_day(card.last_contact_on)))
        self.facts.setText(" · ".join(facts))
        self.facts.setVisible(bool(facts))
        self.standing.setText(self._standing_html(card))
        self.who.setText(self._who_html(card))
        self.intro.setText(self._intro_html(card))
        links = [
            f"<a href='{o.id}'>{escape(o.position or self.tr('No position given'))}</a>"
            f" ({escape(status_label(o.status).lower())})"
            for o in card.others
        ]
        self.others.setText(
            self.tr("Also applied here: {links}").format(links=", ".join(links)) if links else ""
        )
        self.others.setVisible(bool(links))
        self.tracker_button.setEnabled(card.application_id is not None)

    def _standing_html(self, card: CallCard) -> str:
        standing = card.where_it_stands()
        lines = [f"<b>{escape(standing)}</b>"]
        furthest = card.furthest_name
        if furthest and furthest != card.current_name and furthest not in standing:
            lines.append(
                escape(self.tr("Furthest milestone: {name}").format(name=card.furthest_text()))
            )
        if card.application_id is not None and card.follow_up and card.follow_up_due:
            due = f"{card.follow_up_due.day} {card.follow_up_due:%b}"
            lines.append(
                escape(
                    self.tr("Next follow-up: {title}, {due}").format(title=card.follow_up, due=due)
                )
            )
        return "<br>".join(lines)

    def _who_html(self, card: CallCard) -> str:
        if not card.contacts:
            return escape(
                self.tr(
                    "No contact saved for this company yet. Put their name and number in the "
                    "call note, then add them in the Tracker: What to say > Add…"
                )
            )
        first, rest = card.contacts[0], card.contacts[1:]
        chosen = first.id == self.contact_id
        parts = [f"<b>{escape(first.label)}</b>"]
        if first.phone:
            parts[0] += f" · {escape(first.phone)}"
        if first.memory_hook:
            parts.append(escape(self.tr("You talked about: {hook}").format(hook=first.memory_hook)))
        elif chosen:
            parts.append(escape(self.tr("No memory hook saved for them yet.")))
        if rest:
            names = ", ".join(c.label for c in rest[:4])
            parts.append(escape(self.tr("Also at this company: {names}").format(names=names)))
        return "<br>".join(parts)

    def _intro_html(self, card: CallCard) -> str:
        parts = []
        if card.introduction.strip():
            parts.append(escape(card.introduction.strip()).replace("\n", "<br>"))
        else:
            parts.append(
                escape(
                    self.tr(
                        "Not prepared yet. Write it in Practice > Questions: "
                        "“Please introduce yourself, in English.” About one minute: your name, "
                        "what you did last, one strength with an example, why this work."
                    )
                )
            )
        if card.why_them.strip():
            why = self.tr("Why them (your answer): {answer}").format(answer=card.why_them.strip())
            parts.append(f"<i>{escape(why)}</i>")
        return "<br><br>".join(parts)

    def _other_chosen(self, link: str) -> None:
        if link.isdigit():
            self.other_requested.emit(int(link))

    # -- the call's note -------------------------------------------------------------------------

    def start_note(self) -> int | None:
        """Start the note for this call (or go back to the one already started) and put the
        cursor under its heading."""
        if self.card is None:
            return None
        if self.note_id is None:
            card = self.card
            try:
                note_id = start_call_note(self.db, card, self.contact_id)
            except NextCallError as error:
                report_failure(self, error, self.tr("The note could not be started"))
                return None
            announce(self.db, {Change.NOTES}, self)
            self.started[self._key] = note_id
            self._follow(note_id)
        self.note_box.setFocus()
        self.note_box.moveCursor(self.note_box.textCursor().MoveOperation.End)
        return self.note_id

    def _follow(self, note_id: int | None) -> None:
        """Show the note box for ``note_id`` (None: the Start button instead)."""
        self.autosave.follow(None)
        self.note_id = note_id
        text = ""
        if note_id is not None:
            try:
                text = notes.get_note(self.db, note_id).body
            except NextCallError:  # deleted meanwhile (in the Notes tab)
                self.started.pop(self._key, None)
                note_id = self.note_id = None
        self.note_box.blockSignals(True)
        self.note_box.setPlainText(text)
        self.note_box.blockSignals(False)
        self.note_box.setVisible(note_id is not None)
        self.notes_button.setVisible(note_id is not None)
        self.start_button.setVisible(note_id is None)
        self.saved.setText("")
        self.autosave.follow(note_id)

    def flush(self) -> bool:
        """Save what is typed now; True when the database has it all."""
        return self.autosave.flush()

    def shutdown(self) -> None:
        self.flush()
        self.autosave.follow(None)
        self.autosave.shutdown()

    def _committed(self, _result: Saved) -> None:
        announce(self.db, {Change.NOTES}, self)  # the notes list follows

    def _show_status(self, text: str) -> None:
        self.saved.setText(text)
        theme.tone(self.saved, "danger" if self.autosave.error is not None else "muted")

    def _open_tracker(self) -> None:
        if self.card is not None and self.card.application_id is not None:
            self.flush()
            self.application_requested.emit(self.card.application_id)

    def _open_notes(self) -> None:
        """Hand the note over to the Notes tab (one editor at a time writes it)."""
        note_id = self.note_id
        if note_id is None or not self.flush():
            return
        self.started.pop(self._key, None)
        self._follow(None)
        self.note_requested.emit(note_id)
