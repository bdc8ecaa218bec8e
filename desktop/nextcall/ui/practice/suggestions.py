""" "Practise next": the drills proposed first, with the reason for each, connected to where
applications stop and what interviewers keep saying. Shown on the Practice tab (cards) and in
the Tracker beside a milestone (a compact list). The plan is read off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.practice_plan import Proposal
from nextcall.services.database import Database
from nextcall.services.practice_plan import PracticePlan, practice_plan
from nextcall.ui.common import theme
from nextcall.ui.common.autosave import describe_error
from nextcall.ui.common.background import SerialWorker
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP

KIND_LABELS = {
    "scenario": QT_TRANSLATE_NOOP("SuggestionCard", "Mock call"),
    "question": QT_TRANSLATE_NOOP("SuggestionCard", "Prepared answer"),
    "voice": QT_TRANSLATE_NOOP("SuggestionCard", "Voice check"),
    "test": QT_TRANSLATE_NOOP("SuggestionCard", "Test score"),
    "drill": QT_TRANSLATE_NOOP("SuggestionCard", "Timed drill"),
}
START_WORDS = {
    "scenario": QT_TRANSLATE_NOOP("SuggestionCard", "Start the call…"),
    "question": QT_TRANSLATE_NOOP("SuggestionCard", "Drill it…"),
    "voice": QT_TRANSLATE_NOOP("SuggestionCard", "Check my voice"),
    "test": QT_TRANSLATE_NOOP("SuggestionCard", "Log a score"),
    "drill": QT_TRANSLATE_NOOP("SuggestionCard", "Start a set"),
}


class SuggestionCard(QFrame):
    start = Signal(str, str)  # kind, key

    def __init__(self, proposal: Proposal, *, wide: bool = True) -> None:
        super().__init__()
        drill = proposal.drill
        self.kind, self.key = drill.kind, drill.key
        self.setObjectName("suggestionCard")
        theme.surface(self, "card")
        kind_label = self.tr(KIND_LABELS[drill.kind])
        self.setAccessibleName(f"{kind_label}: {drill.title}. {proposal.reason}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(3)
        chip = QLabel(kind_label.upper())
        theme.section_label(chip, "accent")
        title = QLabel(f"<b>{escape(drill.title)}</b>")
        title.setWordWrap(True)
        reason = QLabel(proposal.reason)
        reason.setWordWrap(True)
        theme.caption(reason)
        reason.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.reason = reason
        start = self.tr(START_WORDS[drill.kind])
        button = QPushButton(start)
        button.setToolTip(f"{start.rstrip('…')}: {drill.title}")
        button.clicked.connect(lambda: self.start.emit(self.kind, self.key))
        self.button = button
        top = QHBoxLayout()
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(chip)
        texts.addWidget(title)
        top.addLayout(texts, 1)
        top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(reason)
        if wide:
            theme.lead(title)
            theme.text_role(reason, None)


def default_recording_problem() -> str | None:
    from nextcall.ui.practice.voice import microphone_problem  # QtMultimedia, when needed

    return microphone_problem()


class SuggestionsPanel(QWidget):
    """A list of proposals, strongest first. ``refresh()`` reads the plan in the background.
    ``compact`` (the Tracker's side panel): ``show_milestone(key)`` proposes the drills that
    prepare for that milestone."""

    start = Signal(str, str)  # kind, key
    loaded = Signal()

    def __init__(
        self,
        db: Database,
        *,
        count: int = 3,
        compact: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.count = count
        self.compact = compact
        self.plan: PracticePlan | None = None
        self.proposals: list[Proposal] = []
        self.milestone: str | None = None
        self.cards: list[SuggestionCard] = []
        # Why nothing can be recorded here, or None: asked only when a voice check would be
        # proposed (it loads QtMultimedia); the Practice tab shares its own.
        self.recording_problem: Callable[[], str | None] = default_recording_problem
        self.worker = SerialWorker("nextcall-practice-plan", self)
        self.worker.finished.connect(self._loaded)
        self._ticket = 0
        self._again = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        self.headline = QLabel(self.tr("Working out what to practise…"))
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        if not compact:
            theme.lead(self.headline)
        outer.addWidget(self.headline)
        self.row: QBoxLayout = QVBoxLayout()
        self.row.setSpacing(8)
        outer.addLayout(self.row)
        if not compact:
            how = QLabel(
                self.tr(
                    "How these are chosen: drills that prepare for the milestone where your "
                    "applications stop most come first, then those that work on what interviewers "
                    "keep naming (and on the checks you ticked), then the ones you have not tried, "
                    "rated low or not practised for two weeks."
                )
            )
            how.setWordWrap(True)
            theme.muted(how, small=True)
            outer.addSpacing(4)
            outer.addWidget(how)
            outer.addStretch(1)

    # -- loading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._ticket and self.worker.busy():
            self._again = True
            return
        self._again = False
        self._ticket = self.worker.submit(lambda: practice_plan(self.db))

    def wait(self, timeout: float = 30.0) -> None:
        """Block until the pending plan is in and shown (tests, screenshots)."""
        if not self._ticket:
            return
        try:
            result, error = self.worker.wait(self._ticket, timeout)
        except KeyError:
            return
        self._loaded(self._ticket, result, error)

    def _loaded(self, ticket: int, result: object, error: BaseException | None) -> None:
        if ticket != self._ticket:
            return
        if self._again:
            self.refresh()
        if error is not None:
            self.headline.setText(escape(f"Suggestions unavailable: {describe_error(error)}"))
            return
        assert isinstance(result, PracticePlan)
        self.plan = result
        self._render()
        self.loaded.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.compact:  # beside a milestone: fresh each time the tracker shows it
            self.refresh()

    def show_milestone(self, key: str | None) -> None:
        self.milestone = key
        if self.plan is not None:
            self._render()

    # -- showing -------------------------------------------------------------------------------

    def _render(self) -> None:
        assert self.plan is not None
        plan = self.plan
        self.proposals = plan.proposals(
            milestone=self.milestone, only_milestone=self.compact, limit=self.count
        )
        if any(p.drill.kind == "voice" for p in self.proposals) and self.recording_problem():
            # A voice check needs a recording this computer cannot make: the next drill instead
            # (the speech coach still analyses a WAV file).
            plan = plan.without("voice")
            self.proposals = plan.proposals(
                milestone=self.milestone, only_milestone=self.compact, limit=self.count
            )
        for card in self.cards:
            self.row.removeWidget(card)
            card.hide()  # at once: deleteLater waits for the event loop
            card.deleteLater()
        self.cards = []
        if self.compact:
            phrase = self.plan.focus.milestone_phrases.get(self.milestone or "", "")
            prepares = any(self.milestone in p.drill.milestones for p in self.proposals)
            self.headline.setText(
                f"<b>Practise for {escape(phrase)}</b>"
                if phrase and prepares
                else "<b>Practise next</b>"
            )
        else:
            self.headline.setText(escape(self.plan.headline(self.proposals)))
        for proposal in self.proposals:
            card = SuggestionCard(proposal, wide=not self.compact)
            card.start.connect(self.start)
            self.row.addWidget(card)
            self.cards.append(card)

    def shutdown(self) -> None:
        self.worker.shutdown()
