"""The left side of the Notes tab: search as you type, filters, and the list of notes (grouped
by application) or of search results. Searches and counts run off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.stages import NoteKind
from nextcall.services.database import Database
from nextcall.services.note_search import (
    NoteFilter,
    companies_with_notes,
    count_notes,
    search_notes,
    tag_choices,
)
from nextcall.ui.common import theme
from nextcall.ui.common.background import SerialWorker
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.notes.delegate import NoteDelegate
from nextcall.ui.notes.list_model import (
    NOTE_ID_ROLE,
    ROW_KIND_ROLE,
    NotesListModel,
    SearchResultsModel,
)

SEARCH_DELAY_MS = 200
ALL_COMPANIES = QT_TRANSLATE_NOOP("NotesListPanel", "All companies")


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


class _DeleteKey(QObject):
    """Lets the Delete key in the list delete the note, even though the window's menu uses
    the same key for deleting applications (the list claims it while it has focus)."""

    def __init__(self, view: QAbstractItemView, action: Any) -> None:
        super().__init__(view)
        self.action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            key = event if isinstance(event, QKeyEvent) else None
            if key is not None and key.matches(QKeySequence.StandardKey.Delete):
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.action()
                return True
        return False


class _LazyCombo(QComboBox):
    """A combo box that asks for its items only when someone opens it or types in it."""

    def __init__(self, load: Callable[[], None]) -> None:
        super().__init__()
        self.load = load
        self.loaded = False

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.loaded = True
            self.load()

    def showPopup(self) -> None:
        self.ensure_loaded()
        super().showPopup()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.ensure_loaded()
        super().focusInEvent(event)


class NotesListPanel(QWidget):
    note_chosen = Signal(int)  # the user moved to another note
    filter_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.worker = SerialWorker("nextcall-notes-search", self)
        self.worker.finished.connect(self._worker_done)
        self._search_ticket = 0
        self._count_ticket = 0
        self._quiet = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)

        top = QHBoxLayout()
        top.setSpacing(8)
        # The page's heading, on the search's line: no height taken from the list.
        self.title = QLabel(self.tr("Notes"))
        self.title.setObjectName("pageTitle")
        theme.heading(self.title, 1)
        top.addWidget(self.title)
        top.addSpacing(4)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search all notes"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search notes"))
        self.search.addAction(
            theme.icon("search", "muted"), QLineEdit.ActionPosition.LeadingPosition
        )
        self.new_button = QPushButton(self.tr("New note"))
        self.new_button.setIcon(theme.icon("new-note"))
        self.new_button.setToolTip(self.tr("Start a new note (Ctrl+Shift+N)"))
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        column.addLayout(top)

        filters = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Show kind"))
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in NoteKind:
            self.kind.addItem(kind.label, kind.value)
        self.tag = QComboBox()
        self.tag.setAccessibleName(self.tr("Show tag"))
        self.company = _LazyCombo(self._load_companies)
        self.company.setAccessibleName(self.tr("Show company"))
        self.company.setEditable(True)
        self.company.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # A string-list model is filled in one call: tens of thousands of companies are fine.
        self.companies = QStringListModel([self.tr(ALL_COMPANIES)], self)
        self.company.setModel(self.companies)
        completer = QCompleter(self.companies, self.company)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.company.setCompleter(completer)
        for combo in (self.kind, self.tag, self.company):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
            filters.addWidget(combo, 1)
        company_line = self.company.lineEdit()
        assert company_line is not None
        # A narrow field shows the start of the name ("All comp…"), not its end.
        self.company.currentIndexChanged.connect(lambda _i: company_line.setCursorPosition(0))
        company_line.setCursorPosition(0)
        column.addLayout(filters)

        self.model = NotesListModel(db, self)
        self.notes_view = QListView()
        self.notes_view.setAccessibleName(self.tr("Notes"))
        self.notes_view.setItemDelegate(NoteDelegate(self.db.clock.today, self.notes_view))
        self.notes_view.setModel(self.model)
        self.notes_view.setLayoutMode(QListView.LayoutMode.Batched)
        self.notes_view.setBatchSize(200)
        self.notes_view.setResizeMode(QListView.ResizeMode.Adjust)  # rows rewrap to the width
        self.notes_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results = SearchResultsModel(self)
        self.result_view = QListView()
        self.result_view.setAccessibleName(self.tr("Search results"))
        self.result_view.setItemDelegate(NoteDelegate(self.db.clock.today, self.result_view))
        self.result_view.setModel(self.results)
        self.result_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        theme.muted(self.message)
        self.views = QStackedWidget()
        for widget in (self.notes_view, self.result_view, self.message):
            self.views.addWidget(widget)
        column.addWidget(self.views, 1)
        self.count = QLabel()
        theme.muted(self.count)
        column.addWidget(self.count)

        for view in (self.notes_view, self.result_view):
            view.selectionModel().currentChanged.connect(self._current_changed)
            view.clicked.connect(self._clicked)
            view.activated.connect(self._clicked)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda: self._search_timer.start())
        self.kind.currentIndexChanged.connect(self._filters_changed)
        self.tag.currentIndexChanged.connect(self._filters_changed)
        self.company.activated.connect(self._filters_changed)
        company_field = self.company.lineEdit()
        assert company_field is not None
        company_field.editingFinished.connect(self._company_typed)
        self.reload_choices()

    # -- filters ---------------------------------------------------------------------------------

    def reload_choices(self) -> None:
        self._quiet = True
        try:
            tag = self.tag.currentData()
            self.tag.clear()
            self.tag.addItem(self.tr("All tags"), None)
            for key, name, _area in tag_choices(self.db):
                self.tag.addItem(name, key)
            self.tag.setCurrentIndex(max(self.tag.findData(tag), 0))
            self.company.loaded = False  # loaded again when next opened
            if self.company.hasFocus() or self._company():
                self.company.ensure_loaded()
        finally:
            self._quiet = False

    def _load_companies(self) -> None:
        company = self._company()
        quiet, self._quiet = self._quiet, True
        try:
            self.companies.setStringList([self.tr(ALL_COMPANIES), *companies_with_notes(self.db)])
            index = self.company.findText(company, Qt.MatchFlag.MatchFixedString) if company else 0
            self.company.setCurrentIndex(max(index, 0))
        finally:
            self._quiet = quiet

    def filter(self) -> NoteFilter:
        return NoteFilter(
            kind=self.kind.currentData(),
            tag=self.tag.currentData(),
            company=self._company(),
        )

    def _company(self) -> str | None:
        index = self.company.currentIndex()
        return self.company.itemText(index) if index > 0 else None

    def set_filter(self, *, kind: Any = ..., tag: Any = ..., company: Any = ...) -> None:
        """Change some filters (leave the others as they are) and refresh once."""
        self._quiet = True
        try:
            if kind is not ...:
                self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
            if tag is not ...:
                if tag is not None and self.tag.findData(tag) < 0:
                    self.reload_choices()
                self.tag.setCurrentIndex(max(self.tag.findData(tag), 0))
            if company is not ...:
                self.company.ensure_loaded()
                index = self.company.findText(company or "", Qt.MatchFlag.MatchFixedString)
                self.company.setCurrentIndex(max(index, 0))
        finally:
            self._quiet = False
        self._filters_changed()

    def _company_typed(self) -> None:
        field = self.company.currentText().strip()
        index = self.company.findText(field, Qt.MatchFlag.MatchFixedString) if field else 0
        if index < 0:
            index = self.company.currentIndex()
        if index != self.company.currentIndex():
            self.company.setCurrentIndex(index)
            self._filters_changed()
        else:
            self.company.setEditText(self.company.itemText(index))

    def _filters_changed(self) -> None:
        if self._quiet:
            return
        self.model.set_filter(self.filter())
        self.refresh_count()
        if self.search.text().strip():
            self.run_search()
        else:
            self._show_list()
        self.filter_changed.emit()

    # -- list and search -------------------------------------------------------------------------

    def reload(self) -> None:
        self.model.set_filter(self.filter())
        self.refresh_count()
        if self.search.text().strip():
            self.run_search()
        else:
            self._show_list()

    def refresh_count(self) -> None:
        self._count_ticket = self.worker.submit(partial(count_notes, self.db, self.filter()))

    def run_search(self) -> None:
        self._search_timer.stop()
        text = self.search.text()
        if not text.strip():
            self._search_ticket = 0
            self._show_list()
            self.refresh_count()
            return
        flt = self.filter()
        self._search_ticket = self.worker.submit(
            partial(search_notes, self.db, text, tag=flt.tag, kind=flt.kind, company=flt.company)
        )

    def searching(self) -> bool:
        return bool(self.search.text().strip())

    def _worker_done(self, ticket: int, result: Any, error: BaseException | None) -> None:
        if ticket == self._count_ticket and not self.searching():
            if error is None:
                self._show_count(int(result))
        elif ticket == self._search_ticket:
            if error is not None:
                self._say(self.tr("The search did not work: {error}").format(error=error))
                return
            self.results.set_hits(result)
            query = self.search.text().strip()
            if result:
                self.views.setCurrentWidget(self.result_view)
                many = len(result) >= 200
                self.count.setText(
                    f"The {len(result)} newest matches; add a word to narrow them down"
                    if many
                    else f"{_plural(len(result), 'note')} match{'es' if len(result) == 1 else ''}"
                )
            else:
                self._say(
                    self.tr(
                        "No notes match “{query}”.\n\nEvery word has to appear in a note; "
                        "try fewer words or other filters."
                    ).format(query=query)
                )
                self.count.clear()

    def _show_list(self) -> None:
        self.views.setCurrentWidget(self.notes_view)

    def _show_count(self, total: int) -> None:
        filtered = self.filter() != NoteFilter()
        if total == 0:
            self._say(
                "No notes with these filters."
                if filtered
                else "No notes yet. Start one with New note."
            )
            self.count.clear()
            return
        self._show_list()
        self.count.setText(_plural(total, "note") + (" with these filters" if filtered else ""))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.views.setCurrentWidget(self.message)

    # -- current note ----------------------------------------------------------------------------

    def current_view(self) -> QAbstractItemView:
        return (
            self.result_view if self.views.currentWidget() is self.result_view else self.notes_view
        )

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        note_id = current.data(NOTE_ID_ROLE) if current.isValid() else None
        if note_id is not None and not self._quiet:
            self.note_chosen.emit(note_id)

    def _clicked(self, index: QModelIndex) -> None:
        if index.data(ROW_KIND_ROLE) == "more":
            self.model.load_more(index)

    def select_note(self, note_id: int | None) -> bool:
        """Select a note's row (quietly: no ``note_chosen``); False when it is not listed."""
        view = self.current_view()
        model = self.results if view is self.result_view else self.model
        index = model.note_index(note_id) if note_id is not None else QModelIndex()
        self._quiet = True
        try:
            selection = view.selectionModel()
            if index.isValid():
                selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
                view.scrollTo(index)
            else:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), selection.SelectionFlag.NoUpdate)
        finally:
            self._quiet = False
        return index.isValid()

    def quietly(self, change: Callable[[], None]) -> None:
        """Change the lists without the views' own moves counting as the user's choice."""
        self._quiet = True
        try:
            change()
        finally:
            self._quiet = False

    def install_delete_key(self, action: Any) -> None:
        for view in (self.notes_view, self.result_view):
            view.installEventFilter(_DeleteKey(view, action))

    def shutdown(self) -> None:
        self.worker.shutdown()
