"""The Notes tab: every tip, piece of feedback and observation, grouped by application,
searchable as you type, and saved as you type."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCharFormat
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.core.playbook import load_playbook
from nextcall.core.stages import NoteKind
from nextcall.services.database import Database
from nextcall.services.note_list import note_summary
from nextcall.services.note_search import any_notes
from nextcall.services.notes import NoteInput, add_note, delete_note, get_note
from nextcall.ui.common import theme
from nextcall.ui.common.autosave import Saved
from nextcall.ui.common.empty_state import EmptyState
from nextcall.ui.common.operations import Change, announce, run_op, subscribe
from nextcall.ui.common.splitter_share import KeepShare
from nextcall.ui.notes.editor import NoteEditor
from nextcall.ui.notes.list_model import NOTE_ID_ROLE
from nextcall.ui.notes.list_panel import NotesListPanel

MAX_HIGHLIGHTS = 200


# What the notes tab shows: notes with their application, milestone and contact.
SHOWN = frozenset({Change.NOTES, Change.APPLICATIONS, Change.STAGES, Change.CONTACTS})


class NotesTab(QWidget):
    application_requested = Signal(int)  # "Open" next to a note's application

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._fresh_id: int | None = None  # made with New note and not typed in yet
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 8)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self.empty = self._empty_state()
        self.pages.addWidget(self.empty)

        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.panel = NotesListPanel(db)
        self.panel.setMinimumWidth(300)
        self.editor = NoteEditor(db)
        self.placeholder = QLabel(
            self.tr("Choose a note on the left, or start a new one with New note (Ctrl+Shift+N).")
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        theme.muted(self.placeholder)
        theme.lead(self.placeholder)
        self.right = QStackedWidget()
        self.right.addWidget(self.placeholder)
        self.right.addWidget(self.editor)
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(self.right)
        # The list about as wide as the editor: its notes show two lines of text each; the
        # sizes the user gives it are kept (ui/shell/window_state.py).
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([460, 540])
        self.share = KeepShare(self.splitter, 0.46)
        content.addWidget(self.splitter)
        self.pages.addWidget(self.content)

        self.new_note_action = QAction(self.tr("New &note"), self)
        self.new_note_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_note_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_note_action.setStatusTip(self.tr("Start a new note"))
        self.new_note_action.triggered.connect(self.new_note)
        self.addAction(self.new_note_action)
        # Ctrl+F when the tab stands alone; a window with its own Find clears this shortcut
        # (two Ctrl+F shortcuts would be ambiguous, and neither would fire).
        self.find_action = QAction(self.tr("&Search notes"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)

        self.panel.new_button.clicked.connect(self.new_note)
        self.panel.note_chosen.connect(self.show_note)
        self.panel.install_delete_key(self.delete_current)
        self.editor.delete_requested.connect(self.delete_current)
        self.editor.committed.connect(self._committed)
        self.editor.application_requested.connect(self.application_requested)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)
        self.panel.reload()  # the choices were loaded by the editor and the panel
        self._update_page()
        subscribe(self, db, SHOWN, self.reload)

    def _empty_state(self) -> EmptyState:
        closing = load_playbook().template("closing-question")
        return EmptyState(
            self.tr("Keep every tip an interviewer gives you"),
            self.tr(
                "At the end of every interview, passed or not, ask what you could improve and "
                "write it down while they talk. The same advice from several interviewers is the "
                "clearest sign of what to practise."
            ),
            quote=f"{closing.title}: {closing.when}\n\n"
            + closing.render(company="the company").body,
            points=(
                "Link a note to an application and the milestone it came from, and tag it "
                "with what to work on: voice volume, confidence, English grammar…",
                "Everything is saved as you type and can be searched in an instant.",
            ),
            actions=(("Write your first note", self._start_first),),
            icon="empty-notes",
        )

    def _start_first(self) -> None:
        self.new_note()

    # -- public ----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Data changed elsewhere (sample data loaded, applications edited): show it."""
        self.editor.reload_choices()
        self.panel.reload_choices()
        self.panel.reload()
        self._update_page()
        self.panel.select_note(self.editor.note_id)

    def show_note(self, note_id: int) -> bool:
        """Open a note in the editor (saving the one open first); False if that failed."""
        if note_id == self.editor.note_id:
            return True
        if not self._leave():
            self.panel.select_note(self.editor.note_id)
            return False
        found = run_op(
            self, self.db, lambda: get_note(self.db, note_id), (), self.tr("Note not found")
        )
        if found is None:
            self.panel.reload()
            return False
        self.pages.setCurrentWidget(self.content)
        self.editor.load(found.value)
        self.right.setCurrentWidget(self.editor)
        self.panel.select_note(note_id)
        if self.panel.searching():
            self._highlight(self.panel.search.text())
        return True

    def new_note(self) -> int | None:
        """Start a note, for the application of the note open now (if any)."""
        app_id = self.editor.application.currentData() if self.editor.note else None
        return self.new_note_for(app_id)

    def new_note_for(
        self,
        application_id: int | None,
        *,
        kind: str = NoteKind.TIP.value,
        stage_event_id: int | None = None,
    ) -> int | None:
        """Start a note linked to this application (and milestone event), ready to type."""
        if not self._leave():
            return None
        note = NoteInput(
            body="", kind=kind, application_id=application_id, stage_event_id=stage_event_id
        )
        done = run_op(
            self,
            self.db,
            lambda: add_note(self.db, note),
            {Change.NOTES},
            self.tr("The note could not be started"),
        )
        if done is None:
            return None
        note_id = done.value
        self._fresh_id = note_id
        self.panel.search.clear()
        self.panel._show_list()
        summary = note_summary(self.db, note_id)
        if summary is not None:
            self.panel.model.insert_note(summary)
        self.pages.setCurrentWidget(self.content)
        self.editor.load(get_note(self.db, note_id))
        self.right.setCurrentWidget(self.editor)
        self.panel.select_note(note_id)
        self.editor.focus_text()
        return note_id

    def delete_current(self) -> bool:
        note = self.editor.note
        if note is None:
            return False
        preview = self.editor.first_line()
        what = f"“{preview}”" if preview else "this empty note"
        answer = QMessageBox.question(
            self,
            self.tr("Delete note"),
            self.tr("Delete {what}? This cannot be undone.").format(what=what),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.editor.flush()  # should the delete fail, the latest text is still kept
        done = run_op(
            self,
            self.db,
            lambda: delete_note(self.db, note.id),
            {Change.NOTES},
            self.tr("The note could not be deleted"),
        )
        if done is None:
            return False
        self.editor.autosave.discard()
        self._forget(note.id, open_next=True)
        return True

    def filter_by_tag(self, key: str | None) -> None:
        self.panel.set_filter(tag=key)

    def filter_by_kind(self, kind: str | None) -> None:
        self.panel.set_filter(kind=kind)

    def filter_by_company(self, name: str | None) -> None:
        self.panel.set_filter(company=name)

    def search(self, text: str) -> None:
        self.panel.search.setText(text)
        self.panel.run_search()

    def focus_search(self) -> None:
        self.panel.search.setFocus()
        self.panel.search.selectAll()

    def flush(self) -> bool:
        """Save what is being typed now; True when it is all in the database."""
        return self.editor.flush()

    def confirm_close(self) -> bool:
        """For the window's close: save, and if that fails ask whether to close anyway. A note
        started and never written in is dropped, not left behind blank."""
        if self._drop_if_blank():
            return True
        if self.flush():
            return True
        answer = QMessageBox.warning(
            self,
            self.tr("Note not saved"),
            self.tr(
                "The note you are writing could not be saved: "
                "{error}.\n\nClose anyway and lose the latest changes? (Copy "
                "the text first if you need it.)"
            ).format(error=self.editor.autosave.error),
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Close

    def shutdown(self) -> None:
        """Stop the background threads (after ``flush``)."""
        self.editor.autosave.shutdown()
        self.panel.shutdown()

    # -- inside ----------------------------------------------------------------------------------

    def _update_page(self) -> None:
        has = self.editor.note is not None or any_notes(self.db)
        self.pages.setCurrentWidget(self.content if has else self.empty)

    def _drop_if_blank(self) -> bool:
        """Drop the open note if it was just started and nobody wrote in it; True if dropped
        (it is kept when deleting it fails)."""
        note = self.editor.note
        if note is None or note.id != self._fresh_id or not self.editor.is_blank():
            return False
        self.editor.autosave.discard()
        try:
            delete_note(self.db, note.id)
        except NextCallError:
            return False
        self._forget(note.id)
        return True

    def _leave(self) -> bool:
        """Save the open note before another is shown; drop it if it was never written."""
        note = self.editor.note
        if note is None:
            return True
        if not self.editor.flush():
            answer = QMessageBox.warning(
                self,
                self.tr("Note not saved"),
                self.tr(
                    "This note could not be saved: {error}.\n\nStay on it so nothing is lost?"
                ).format(error=self.editor.autosave.error),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
                QMessageBox.StandardButton.Yes,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return False
        if self._drop_if_blank():
            return True
        self._fresh_id = None
        return True

    def _forget(self, note_id: int, *, open_next: bool = False) -> None:
        """A note was deleted: take it off the list, clear the editor, and (after a delete)
        open the note that took its place in the list."""
        self.editor.load(None)
        self.right.setCurrentWidget(self.placeholder)
        view = self.panel.current_view()
        model = view.model()
        row = view.currentIndex().row() if self.panel.select_note(note_id) else None
        self.panel.quietly(lambda: self.panel.model.remove_note(note_id))
        hits = [h for h in self.panel.results.hits if h.note_id != note_id]
        self.panel.quietly(lambda: self.panel.results.set_hits(hits))
        self.panel.refresh_count()
        if self._fresh_id == note_id:
            self._fresh_id = None
        self._update_page()
        if open_next and row is not None:
            rows = list(range(row, model.rowCount())) + list(range(row - 1, -1, -1))
            ids = (model.index(r, 0).data(NOTE_ID_ROLE) for r in rows)
            following = next((i for i in ids if i is not None), None)
            if following is not None:
                self.show_note(following)
                return
        self.panel.select_note(None)

    def _committed(self, result: Saved) -> None:
        announce(self.db, {Change.NOTES}, self)  # e.g. its tags, counted by the insights
        if result.detail is not None:
            self.panel.model.update_note(result.detail)
            if self.panel.current_view() is self.panel.notes_view:
                self.panel.select_note(result.detail.id)

    def _highlight(self, query: str) -> None:
        """Mark the searched words in the open note and scroll to the first one."""
        words = [w for w in re.findall(r"[^\W_]+", query) if w]
        selections: list[QTextEdit.ExtraSelection] = []
        fmt = QTextCharFormat()
        fmt.setBackground(theme.color("match_bg"))
        fmt.setForeground(theme.color("match_fg"))
        document = self.editor.body.document()
        first = None
        for word in words:
            pattern = QRegularExpression(
                r"\b" + QRegularExpression.escape(word) + r"\w*",
                QRegularExpression.PatternOption.CaseInsensitiveOption
                | QRegularExpression.PatternOption.UseUnicodePropertiesOption,
            )
            cursor = document.find(pattern)
            while not cursor.isNull() and len(selections) < MAX_HIGHLIGHTS:
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = fmt
                selections.append(selection)
                if first is None or cursor.position() < first.position():
                    first = cursor
                cursor = document.find(pattern, cursor)
        self.editor.body.setExtraSelections(selections)
        if first is not None:
            view = self.editor.body.textCursor()
            view.setPosition(first.selectionStart())
            self.editor.body.setTextCursor(view)
            self.editor.body.centerCursor()
