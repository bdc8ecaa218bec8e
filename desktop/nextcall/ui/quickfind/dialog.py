"""Quick find: a recruiter is calling. Type part of a company, a person, a position or the
number on the screen of your phone; Up and Down pick a result, Enter shows its call card; Esc
goes back to the results (and, from there, closes). The window stays open beside the app
during the call, and the note typed in it is saved as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.errors import NextCallError
from nextcall.services.call_card import call_card
from nextcall.services.database import Database
from nextcall.services.quick_find import FindResult, anything_to_find, quick_find
from nextcall.ui.common import theme
from nextcall.ui.common.empty_state import EmptyState
from nextcall.ui.common.operations import EVERYTHING, subscribe
from nextcall.ui.quickfind.card import CallCardView
from nextcall.ui.quickfind.results import ResultList

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTabWidget

    from nextcall.ui.notes.tab import NotesTab

OBJECT_NAME = "quickFind"
SEARCH_DELAY_MS = 60  # typing fast runs one search, not one per key
MOVES = {
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_PageDown: 5,
    Qt.Key.Key_PageUp: -5,
}


class QuickFindDialog(QDialog):
    application_requested = Signal(int)  # Open in Tracker
    note_requested = Signal(int)  # Open in Notes
    add_requested = Signal()  # the empty profile's "Add an application"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName(OBJECT_NAME)
        self.setWindowTitle(self.tr("Quick find: who is calling?"))
        self.setModal(False)
        self.resize(720, 600)
        self.setMinimumSize(520, 440)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.SPACING * 3, theme.SPACING * 2, theme.SPACING * 3,
                                  theme.SPACING * 2)  # fmt: skip
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)

        # The search page.
        self.search_page = QWidget()
        search = QVBoxLayout(self.search_page)
        search.setContentsMargins(0, 0, 0, 0)
        self.box = QLineEdit()
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName(self.tr("Find a company, person, position or number"))
        self.box.setPlaceholderText(self.tr("Company, person, position or phone number"))
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.installEventFilter(self)
        search.addWidget(self.box)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        theme.muted(self.hint, small=True)
        search.addWidget(self.hint)
        self.results = ResultList()
        self.results.itemActivated.connect(lambda _item: self.choose())
        self.results.itemClicked.connect(lambda _item: self.choose())
        search.addWidget(self.results, 1)
        self.pages.addWidget(self.search_page)

        # The empty profile: nothing to find yet.
        self.empty = EmptyState(
            self.tr("Nothing to find yet"),
            self.tr(
                "When a recruiter calls, this is where you type their company, their name or "
                "part of their number to see what you applied for, where it stands and what "
                "you prepared. Add your applications first, with the recruiter's name and "
                "number when you have them."
            ),
            points=(
                self.tr("File > New application (Ctrl+N) adds one; Add several… adds a list."),
                self.tr(
                    "In the Tracker, What to say > Add… saves a contact with their phone number "
                    "and a memory hook."
                ),
            ),
            actions=((self.tr("Add an application"), self._add),),
            icon="empty-search",
        )
        for button in self.empty.buttons:  # sized as the accent button it shows as
            theme.primary(button)
        self.pages.addWidget(self.empty)

        # The card page.
        self.card_page = QWidget()
        card = QVBoxLayout(self.card_page)
        card.setContentsMargins(0, 0, 0, 0)
        back_row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("&Back to results"))
        self.back_button.setToolTip(self.tr("Back to the results (Esc)"))
        self.back_button.clicked.connect(self.back)
        self.back_button.setAutoDefault(False)  # Enter belongs to the card's own buttons
        back_row.addWidget(self.back_button)
        back_row.addStretch(1)
        card.addLayout(back_row)
        self.card = CallCardView(db)
        self.card.application_requested.connect(self.application_requested)
        self.card.note_requested.connect(self.note_requested)
        self.card.other_requested.connect(self._show_other)
        self.card.gone.connect(self.back)
        card.addWidget(self.card, 1)
        self.pages.addWidget(self.card_page)

        QShortcut(QKeySequence("Alt+Left"), self.card_page).activated.connect(self.back)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.card.flush)
        subscribe(self.search_page, db, EVERYTHING, self._data_changed)
        self.restart()

    def _data_changed(self) -> None:
        """Records changed elsewhere: the results follow (the card follows by itself)."""
        if self.isVisible() and self.pages.currentWidget() is self.search_page:
            self.search()

    # -- searching -------------------------------------------------------------------------------

    def restart(self) -> None:
        """Ready for a new search: the box selected, or the empty profile's page."""
        if not anything_to_find(self.db):
            self.pages.setCurrentWidget(self.empty)
            if self.empty.buttons:
                self.empty.buttons[0].setFocus()
            return
        if self.pages.currentWidget() is not self.card_page:
            self.pages.setCurrentWidget(self.search_page)
            self.search()
        self.box.setFocus()
        self.box.selectAll()

    def search(self) -> None:
        self._timer.stop()
        text = self.box.text()
        try:
            found = quick_find(self.db, text)
        except NextCallError as error:
            self.results.show_results([])
            self.hint.setText(self.tr("Could not search: {error}").format(error=error))
            theme.tone(self.hint, "danger")
            return
        theme.tone(self.hint, "muted")
        self.results.show_results(found)
        if not text.strip():
            self.hint.setText(
                self.tr(
                    "Type part of a company, a person's name, a position or the number calling "
                    "(digits match however it was saved). Up and Down choose, Enter opens."
                )
            )
        elif not found:
            self.hint.setText(
                self.tr(
                    "Nothing matches “{text}”. Try part of the company's name, the person's "
                    "first name, or the last four digits of the number."
                ).format(text=text.strip())
            )
        else:
            self.hint.setText(
                self.tr("{count} found: Enter shows the call card.").format(count=len(found))
                if len(found) > 1
                else self.tr("1 found: Enter shows the call card.")
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            if key in MOVES:
                self.results.step(MOVES[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose()
                return True
        return super().eventFilter(watched, event)

    # -- the card --------------------------------------------------------------------------------

    def choose(self) -> bool:
        """Show the call card of the result selected; False when there is none."""
        if self._timer.isActive():
            self.search()  # Enter right after typing: the results of what is typed now
        result = self.results.current_result()
        if result is None:
            return False
        return self.show_result(result)

    def show_result(self, result: FindResult) -> bool:
        try:
            card = call_card(self.db, result.application_id, result.contact_id, result.company_id)
        except NextCallError as error:
            self.hint.setText(str(error))
            theme.tone(self.hint, "danger")
            self.search()
            return False
        self.card.show_card(card, result.contact_id)
        self.pages.setCurrentWidget(self.card_page)
        if self.card.note_id is not None:
            self.card.start_note()  # a call already started here: back to its note
        else:
            self.card.start_button.setFocus()
        return True

    def _show_other(self, application_id: int) -> None:
        try:
            card = call_card(self.db, application_id, self.card.contact_id)
        except NextCallError:
            return
        self.card.show_card(card, self.card.contact_id)

    def back(self) -> None:
        self.card.flush()
        self.pages.setCurrentWidget(self.search_page)
        self.search()
        self.box.setFocus()
        self.box.selectAll()

    def _add(self) -> None:
        self.add_requested.emit()
        self.close()

    # -- closing ---------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc on the card goes back to the results; on the results it closes."""
        if event.key() == Qt.Key.Key_Escape and self.pages.currentWidget() is self.card_page:
            self.back()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        self.card.flush()  # closed or hidden: what was typed is in the database
        super().done(result)

    def shutdown(self) -> None:
        """The window or the data is going away: save the note and stop its saver."""
        self.card.shutdown()


class QuickFindHost(Protocol):
    """What the quick find needs of the main window."""

    db: Database
    tabs: QTabWidget
    notes: NotesTab

    def open_application(self, application_id: int) -> None: ...
    def new_application(self) -> None: ...


def open_quick_find(window: QuickFindHost) -> QuickFindDialog:
    """Show the window's quick find (made on first use, kept while the app runs, so a call's
    note comes back with its card) with the search box ready to type in."""
    assert isinstance(window, QWidget)
    dialog = window.findChild(QuickFindDialog, OBJECT_NAME)
    if dialog is None:
        dialog = QuickFindDialog(window.db, window)

        def show_note(note_id: int) -> None:
            window.tabs.setCurrentWidget(window.notes)
            window.notes.show_note(note_id)
            window.notes.editor.focus_text()

        dialog.application_requested.connect(window.open_application)
        dialog.note_requested.connect(show_note)
        dialog.add_requested.connect(window.new_application)
    # Asked for from interview mode (a window kept on top): shown on top of it, not behind.
    active = QApplication.activeWindow()
    on_top = active not in (None, window, dialog) and bool(
        active.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    )
    if bool(dialog.windowFlags() & Qt.WindowType.WindowStaysOnTopHint) != on_top:
        dialog.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on_top)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.restart()
    return dialog


def close_quick_find(window: QWidget) -> None:
    """The window closes or its data is replaced: save the call's note and stop its saver."""
    dialog = window.findChild(QuickFindDialog, OBJECT_NAME)
    if dialog is not None:
        dialog.close()
        dialog.shutdown()
        dialog.setParent(None)
        dialog.deleteLater()
