"""The Practice tab: what to practise next (from where applications stop and what interviewers
keep saying), prepared answers with a drill, mock calls with self-scores and a voice check,
and test scores.

Cheap to build at start-up: the pages with charts (QtCharts) or sound (QtMultimedia) are built
the first time they are shown."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nextcall.services.database import Database
from nextcall.ui.common import theme
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.operations import Change, announce, subscribe
from nextcall.ui.practice.answers import AnswersPage
from nextcall.ui.practice.suggestions import START_WORDS, SuggestionsPanel

PAGES = (
    QT_TRANSLATE_NOOP("PracticeTab", "Practise next"),
    QT_TRANSLATE_NOOP("PracticeTab", "Prepared answers"),
    QT_TRANSLATE_NOOP("PracticeTab", "Mock calls"),
    QT_TRANSLATE_NOOP("PracticeTab", "Voice check"),
    QT_TRANSLATE_NOOP("PracticeTab", "Typing test"),
    QT_TRANSLATE_NOOP("PracticeTab", "Grammar and reading"),
    QT_TRANSLATE_NOOP("PracticeTab", "Test scores"),
)
NEXT, ANSWERS, CALLS, VOICE, TYPING, DRILLS, SCORES = range(len(PAGES))


def default_microphone_problem() -> str | None:
    from nextcall.ui.practice.voice import microphone_problem  # QtMultimedia, when needed

    return microphone_problem()


def default_recorder(parent: Any) -> Any:
    from nextcall.ui.practice.voice import Recorder

    return Recorder(parent)


SHOWN = frozenset(
    {Change.PRACTICE, Change.APPLICATIONS, Change.STAGES, Change.NOTES, Change.SETTINGS}
)  # settings: the typing target


class PracticeTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._calls: Any = None
        self._voice: Any = None
        self._scores: Any = None
        self._typing: Any = None
        self._drills: Any = None
        # Tests and screenshots replace these two to record without a microphone.
        self.microphone_problem: Callable[[], str | None] = default_microphone_problem
        self.recorder_factory: Callable[[Any], Any] = default_recorder
        self.drill_dialog: Any = None
        self._stale = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        # The pages' names on a bar of their own, above the banner: the banner shows on some
        # pages only, and the bar must not move when it comes and goes.
        self.bar = QTabBar()
        self.bar.setDocumentMode(True)
        self.bar.setExpanding(False)
        self.bar.setAccessibleName(self.tr("Practice pages"))
        for name in PAGES:
            self.bar.addTab(self.tr(name))
        # The page's heading, on the bar's line: no height taken from the pages.
        heading = QHBoxLayout()
        heading.setSpacing(14)
        self.title = QLabel(self.tr("Practice"))
        self.title.setObjectName("pageTitle")
        theme.heading(self.title, 1)
        heading.addWidget(self.title, 0, Qt.AlignmentFlag.AlignVCenter)
        heading.addWidget(self.bar, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(heading)
        self.banner = QFrame()
        self.banner.setObjectName("practiceBanner")
        theme.surface(self.banner, "banner")
        strip = QHBoxLayout(self.banner)
        strip.setContentsMargins(12, 6, 8, 6)
        self.banner_text = QLabel(self.tr("Working out what to practise…"))
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextFormat(Qt.TextFormat.RichText)
        strip.addWidget(self.banner_text, 1)
        self.banner_button = QPushButton(self.tr("Start"))
        self.banner_button.setVisible(False)
        self.banner_button.clicked.connect(self._start_first)
        strip.addWidget(self.banner_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.banner)
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.pages.tabBar().hide()  # self.bar names the pages
        self.suggestions = SuggestionsPanel(db, count=5)
        self.suggestions.recording_problem = lambda: self.microphone_problem()
        self.suggestions.start.connect(self.open_drill)
        self.suggestions.loaded.connect(self._show_banner)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 10, 8, 0)
        holder_layout.addWidget(self.suggestions)
        scroll.setWidget(holder)
        self.pages.addTab(scroll, self.tr(PAGES[NEXT]))
        self.answers = AnswersPage(db)
        self.answers.changed.connect(self._practised)
        self.answers.drill_requested.connect(lambda: self.drill_questions())
        self.pages.addTab(self.answers, self.tr(PAGES[ANSWERS]))
        for name in PAGES[CALLS:]:
            self.pages.addTab(QWidget(), self.tr(name))  # built on first use
        self.pages.currentChanged.connect(self._page_shown)
        self.pages.currentChanged.connect(self.bar.setCurrentIndex)
        self.bar.currentChanged.connect(self.pages.setCurrentIndex)
        self.banner.setVisible(False)  # the first page is "Practise next" itself
        layout.addWidget(self.pages, 1)
        # Suggestions weigh where applications stop and what the notes say; an import or a
        # restored backup brings practice too. Read again when shown.
        subscribe(self, db, SHOWN, self.mark_stale)

    # -- pages built on first use --------------------------------------------------------------

    def _replace(self, index: int, widget: QWidget) -> None:
        old = self.pages.widget(index)
        self.pages.blockSignals(True)
        self.pages.removeTab(index)
        self.pages.insertTab(index, widget, self.tr(PAGES[index]))
        self.pages.setCurrentIndex(index)
        self.pages.blockSignals(False)
        self.bar.setCurrentIndex(index)
        if old is not None:
            old.deleteLater()

    @property
    def calls(self) -> Any:
        if self._calls is None:
            from nextcall.ui.practice.mock_calls import MockCallsPage  # QtCharts

            self._calls = MockCallsPage(
                self.db, lambda: self.microphone_problem(), lambda p: self.recorder_factory(p)
            )
            self._calls.changed.connect(self._practised)
            self._calls.voice_requested.connect(self.show_voice_check)
            self._replace(CALLS, self._calls)
        return self._calls

    @property
    def voice(self) -> Any:
        if self._voice is None:
            from nextcall.ui.practice.voice_page import VoicePage

            self._voice = VoicePage(
                self.db,
                lambda: self.microphone_problem(),
                recorder_factory=lambda p: self.recorder_factory(p),
            )
            self._voice.record_requested.connect(
                lambda key: self.open_drill("scenario", key, record=True)
            )
            self._replace(VOICE, self._voice)
        return self._voice

    @property
    def scores(self) -> Any:
        if self._scores is None:
            from nextcall.ui.practice.scores import ScoresPage  # QtCharts

            self._scores = ScoresPage(self.db)
            self._scores.changed.connect(self._practised)
            self._replace(SCORES, self._scores)
        return self._scores

    @property
    def drills(self) -> Any:
        if self._drills is None:
            from nextcall.ui.practice.drills_page import DrillsPage

            self._drills = DrillsPage(self.db)
            self._drills.changed.connect(self._practised)
            self._replace(DRILLS, self._drills)
        return self._drills

    @property
    def typing(self) -> Any:
        if self._typing is None:
            from nextcall.ui.practice.typing_page import TypingPage

            self._typing = TypingPage(self.db)
            self._typing.changed.connect(self._practised)
            self._typing.scores_requested.connect(self.show_typing_trend)
            self._replace(TYPING, self._typing)
        return self._typing

    def show_typing_trend(self) -> None:
        self.show_page(SCORES)
        self.scores.select_kind("typing")

    def _page_shown(self, index: int) -> None:
        self.banner.setVisible(index != NEXT)  # that page says the same, at length
        page = {
            CALLS: lambda: self.calls,
            VOICE: lambda: self.voice,
            TYPING: lambda: self.typing,
            DRILLS: lambda: self.drills,
            SCORES: lambda: self.scores,
        }
        if index in page:
            page[index]()

    def show_page(self, index: int) -> None:
        self._page_shown(index)
        self.pages.setCurrentIndex(index)

    # -- actions -------------------------------------------------------------------------------

    def open_drill(self, kind: str, key: str, *, record: bool | None = None) -> None:
        """Start what a suggestion proposes: a question drill, a mock call, the voice check or
        logging a test score."""
        if kind == "question":
            self.show_page(ANSWERS)
            self.answers.select(key)
            self.drill_questions(start_with=key)
        elif kind == "scenario":
            self.show_page(CALLS)
            self.calls.start_drill(key, record=record)
        elif kind == "voice":
            self.show_page(VOICE)
        elif kind == "typing" or (kind == "test" and key == "typing"):  # take the test
            self.show_page(TYPING)
            self.typing.box.setFocus()
        elif kind == "test":
            self.show_page(SCORES)
            self.scores.select_kind(key)
        elif kind == "drill":
            self.show_page(DRILLS)
            self.drills.select(key)

    def drill_questions(self, start_with: str | None = None) -> Any:
        from nextcall.ui.practice.question_drill import QuestionDrillDialog

        dialog = QuestionDrillDialog(
            self.db, self.answers.ordered_for_drill(), self, start_with=start_with
        )
        dialog.finished.connect(lambda _r: self._after_drill())
        self.drill_dialog = dialog
        dialog.open()
        return dialog

    def _after_drill(self) -> None:
        self.answers.reload()
        self._practised()

    def show_voice_check(self, session_id: int) -> None:
        self.show_page(VOICE)
        self.voice.reload()
        self.voice.show_session(session_id)

    def _show_banner(self) -> None:
        proposals = self.suggestions.proposals
        plan = self.suggestions.plan
        if plan is None or not proposals:
            self.banner_text.setText(self.tr("Nothing to practise yet."))
            self.banner_button.hide()
            return
        self.banner_text.setText(
            self.tr("<b>Practise next.</b> {value1}").format(
                value1=escape(plan.headline(proposals))
            )
        )
        top = proposals[0].drill
        self.banner_button.setText(
            QCoreApplication.translate("SuggestionCard", START_WORDS[top.kind])
        )
        self.banner_button.setToolTip(f"{top.title}: {proposals[0].reason}")
        self.banner_button.show()

    def _start_first(self) -> None:
        if self.suggestions.proposals:
            top = self.suggestions.proposals[0].drill
            self.open_drill(top.kind, top.key)

    def _practised(self) -> None:
        """A page saved practice (its own run or its typing): the suggestions here and
        elsewhere follow."""
        announce(self.db, {Change.PRACTICE}, self)
        self.refresh()

    # -- refreshing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Propose again (now if shown; else when the tab is shown next, which always does)."""
        if self.isVisible():
            self.suggestions.refresh()

    def reload(self) -> None:
        """The data changed elsewhere (applications, notes, a restored backup)."""
        self._stale = False
        self.answers.reload()
        for page in (self._calls, self._voice, self._typing, self._drills, self._scores):
            if page is not None:
                page.reload()
        self.refresh()

    def mark_stale(self) -> None:
        """Data changed elsewhere: read everything again when the tab is shown next."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()  # refreshes the suggestions too
        else:
            self.suggestions.refresh()  # outcomes recorded elsewhere may change what comes first

    def flush(self) -> bool:
        return self.answers.flush()

    def shutdown(self) -> None:
        self.answers.shutdown()
        self.suggestions.shutdown()
        if self._voice is not None:
            self._voice.shutdown()
        if self._drills is not None:
            self._drills.shutdown()
        if self._typing is not None:
            self._typing.shutdown()
