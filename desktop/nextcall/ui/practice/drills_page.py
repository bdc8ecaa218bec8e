"""Grammar and reading: timed sets of 10 or 20 items from the bundled drill bank (grammar,
vocabulary, reading, numbers, logic, or all mixed), one at a time against a countdown, answered
from the keyboard (1 to 4 picks a choice, Enter goes on). After the set, or when the time runs
out, every answer is shown with the right one and why; the score is saved as a test score and
the items missed come back first next time."""

from __future__ import annotations

import time
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from nextcall.core import drills as core
from nextcall.core.drills import DrillItem
from nextcall.core.errors import NextCallError
from nextcall.services import drills as service
from nextcall.services.database import Database
from nextcall.ui.common import theme
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.practice.drills_review import DrillReview, clock_text, title_label

TICK_MS = 250  # how often the countdown is redrawn
WARN_SECONDS = 60  # the countdown turns to the warning colour below this
KIND_NAMES = {
    "grammar": QT_TRANSLATE_NOOP("DrillsPage", "Grammar"),
    "vocabulary": QT_TRANSLATE_NOOP("DrillsPage", "Vocabulary and word choice"),
    "reading": QT_TRANSLATE_NOOP("DrillsPage", "Reading comprehension"),
    "numbers": QT_TRANSLATE_NOOP("DrillsPage", "Numbers"),
    "logic": QT_TRANSLATE_NOOP("DrillsPage", "Logic"),
    "aptitude": QT_TRANSLATE_NOOP("DrillsPage", "Mixed, like an aptitude exam"),
}
SETUP, QUESTION, REVIEW = range(3)


def _muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    theme.muted(label)
    return label


class DrillsPage(QWidget):
    changed = Signal()  # a set was saved

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        # Tests replace this to run the countdown on a fake clock.
        self.monotonic: Callable[[], float] = time.monotonic
        self.items: list[DrillItem] = []
        self.answers: dict[str, str | None] = {}
        self.position = 0
        self.kind = core.KINDS[0]
        self.started = 0.0
        self.limit = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, theme.SPACING * 2, 0, 0)
        layout.addWidget(self.stack)
        self.stack.addWidget(self._setup_page())
        self.stack.addWidget(self._question_page())
        self.review_page = DrillReview()
        self.review_page.again_button.clicked.connect(self.start)
        self.review_page.setup_button.clicked.connect(self.show_setup)
        self.stack.addWidget(self.review_page)
        # what tests and screenshots look at
        self.result_title = self.review_page.result_title
        self.result_line = self.review_page.result_line
        self.review = self.review_page.review
        self.again_button = self.review_page.again_button
        self.reload()

    # -- the set-up page -----------------------------------------------------------------------

    def _setup_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setSpacing(theme.SPACING * 2)
        column.addWidget(title_label(self.tr("Grammar and reading")))
        intro = QLabel(
            self.tr(
                "Written exams for call-center jobs test grammar, word choice, short reading "
                "passages and simple numbers and logic, against the clock. Practise the same "
                "kinds of items here: {seconds} seconds an item, one at a time. Items you miss "
                "come back first in your next sets."
            ).format(seconds=core.SECONDS_PER_ITEM)
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        form = QFormLayout()
        form.setHorizontalSpacing(theme.SPACING * 2)
        self.kind_box = QComboBox()
        for key in (*core.KINDS, core.MIXED):
            self.kind_box.addItem(self.tr(KIND_NAMES[key]), key)
        self.kind_box.setAccessibleName(self.tr("Kind of items"))
        label = QLabel(self.tr("&Kind:"))
        label.setBuddy(self.kind_box)
        form.addRow(label, self.kind_box)
        sizes = QHBoxLayout()
        self.size_group = QButtonGroup(self)
        for size in core.SET_SIZES:
            button = QRadioButton(
                self.tr("{count} items ({minutes} min)").format(
                    count=size, minutes=core.time_limit(size) // 60
                )
            )
            button.setChecked(size == core.SET_SIZES[0])
            self.size_group.addButton(button, size)
            sizes.addWidget(button)
        sizes.addStretch(1)
        form.addRow(self.tr("Set:"), sizes)
        column.addLayout(form)
        self.start_button = QPushButton(self.tr("&Start the set"))
        self.start_button.setAutoDefault(True)
        self.start_button.clicked.connect(self.start)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addStretch(1)
        column.addLayout(row)
        self.history = QLabel("")
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        column.addWidget(self.history)
        column.addStretch(1)
        return self._capped(page)

    def _capped(self, page: QWidget, width: int = 760) -> QWidget:
        """A page kept to a readable width, at the left."""
        page.setMaximumWidth(width)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(theme.SPACING * 2, 0, theme.SPACING * 2, 0)
        row.addWidget(page, 1)
        row.addStretch(0)
        return holder

    # -- the question page ---------------------------------------------------------------------

    def _question_page(self) -> QWidget:
        page = QWidget()
        page.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.question_page = page
        column = QVBoxLayout(page)
        column.setContentsMargins(theme.SPACING * 2, 0, theme.SPACING * 2, theme.SPACING)
        top = QHBoxLayout()
        self.progress_label = QLabel("")
        theme.heading(self.progress_label, 2)
        top.addWidget(self.progress_label)
        top.addStretch(1)
        self.countdown = QLabel("")
        theme.text_role(self.countdown, "display")
        self.countdown.setAccessibleName(self.tr("Time left"))
        top.addWidget(self.countdown)
        column.addLayout(top)
        self.time_bar = QProgressBar()
        self.time_bar.setTextVisible(False)
        self.time_bar.setMaximumHeight(theme.SPACING)
        column.addWidget(self.time_bar)
        body = QHBoxLayout()
        body.setSpacing(theme.SPACING * 3)
        self.passage_box = QFrame()
        self.passage_box.setObjectName("drillPassage")
        theme.surface(self.passage_box, "field")
        passage_column = QVBoxLayout(self.passage_box)
        self.passage_title = QLabel("")
        theme.strong(self.passage_title)
        passage_column.addWidget(self.passage_title)
        self.passage = QTextBrowser()
        self.passage.setFrameShape(QFrame.Shape.NoFrame)
        self.passage.setAccessibleName(self.tr("Passage"))
        self.passage.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        theme.lead(self.passage)
        passage_column.addWidget(self.passage)
        body.addWidget(self.passage_box, 5)
        right = QVBoxLayout()
        right.setSpacing(theme.SPACING * 2)
        self.prompt = QLabel("")
        self.prompt.setWordWrap(True)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        theme.lead(self.prompt)
        right.addWidget(self.prompt)
        self.choice_group = QButtonGroup(self)
        self.choice_buttons: list[QRadioButton] = []
        for n in range(core.MAX_CHOICES):
            button = QRadioButton("")
            button.setStyleSheet("padding: 4px;")
            theme.lead(button)
            self.choice_group.addButton(button, n)
            self.choice_buttons.append(button)
            right.addWidget(button)
        self.choice_group.idToggled.connect(lambda _id, _on: self._update_next())
        self.keys_hint = _muted(
            self.tr("Press 1 to 4 to choose, Enter to go on. Unanswered items count as wrong.")
        )
        right.addWidget(self.keys_hint)
        buttons = QHBoxLayout()
        self.end_button = QPushButton(self.tr("End the set now"))
        self.end_button.clicked.connect(lambda: self.finish(timed_out=False))
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.clicked.connect(self.next_item)
        buttons.addWidget(self.next_button)
        right.addSpacing(theme.SPACING * 2)
        right.addLayout(buttons)
        right.addStretch(1)
        holder = QWidget()
        holder.setLayout(right)
        holder.setMaximumWidth(720)
        body.addWidget(holder, 4)
        self.body_spacer = QWidget()
        body.addWidget(self.body_spacer, 1)
        column.addLayout(body, 1)
        for n in range(core.MAX_CHOICES):
            shortcut = QShortcut(QKeySequence(str(n + 1)), page)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=n: self.choose(n))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), page)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.next_item)
        return page

    # -- the review page -----------------------------------------------------------------------

    # -- running a set -------------------------------------------------------------------------

    @property
    def set_size(self) -> int:
        return self.size_group.checkedId()

    def select(self, kind: str, size: int | None = None) -> None:
        """Preset the kind (and size) on the set-up page, e.g. from a proposal."""
        index = self.kind_box.findData(kind)
        if index >= 0:
            self.kind_box.setCurrentIndex(index)
        if size is not None and self.size_group.button(size) is not None:
            self.size_group.button(size).setChecked(True)

    def show_setup(self) -> None:
        self.timer.stop()
        self.reload()
        self.stack.setCurrentIndex(SETUP)
        self.start_button.setFocus()

    def start(self) -> None:
        self.kind = self.kind_box.currentData()
        try:
            self.items = service.next_set(self.db, self.kind, self.set_size)
        except (NextCallError, ValueError) as exc:
            QMessageBox.warning(self, self.tr("Drills"), str(exc))
            return
        if not self.items:
            return
        self.answers = {}
        self.position = 0
        self.limit = core.time_limit(len(self.items))
        self.started = self.monotonic()
        self.stack.setCurrentIndex(QUESTION)
        self._show_item()
        self.tick()
        self.timer.start(TICK_MS)

    @property
    def remaining(self) -> float:
        return self.limit - (self.monotonic() - self.started)

    def tick(self) -> None:
        left = self.remaining
        if self.stack.currentIndex() == QUESTION and left <= 0:
            self.finish(timed_out=True)
            return
        self.countdown.setText(self.tr("Time left {time}").format(time=clock_text(left)))
        self.time_bar.setMaximum(self.limit)
        self.time_bar.setValue(max(0, int(left)))
        # (restyles only when the tone changes: restyling every tick would cost a relayout)
        theme.tone(self.countdown, "danger" if left < WARN_SECONDS else None)

    def _show_item(self) -> None:
        item = self.items[self.position]
        self.progress_label.setText(
            self.tr("Item {number} of {count}").format(
                number=self.position + 1, count=len(self.items)
            )
        )
        passage = core.load_drills().passages.get(item.passage or "")
        self.passage_box.setVisible(passage is not None)
        self.body_spacer.setVisible(passage is None)
        if passage is not None:
            self.passage_title.setText(passage.title)
            paragraphs = "".join(
                f"<p style='line-height:135%'>{escape(p)}</p>"
                for p in passage.text.split("\n")
                if p.strip()
            )
            self.passage.setHtml(paragraphs)
        self.prompt.setText(item.prompt)
        self.choice_group.setExclusive(False)
        for n, button in enumerate(self.choice_buttons):
            button.setChecked(False)
            button.setVisible(n < len(item.choices))
            if n < len(item.choices):
                button.setText(f"{n + 1}   {item.choices[n].replace('&', '&&')}")
        self.choice_group.setExclusive(True)
        last = self.position == len(self.items) - 1
        self.next_button.setText(self.tr("Finish") if last else self.tr("Next"))
        self._update_next()
        self.question_page.setFocus()

    def _update_next(self) -> None:
        self.next_button.setEnabled(self.choice_group.checkedId() >= 0)

    def choose(self, index: int) -> None:
        if self.stack.currentIndex() != QUESTION or not self.items:
            return
        if index < len(self.items[self.position].choices):
            self.choice_buttons[index].setChecked(True)

    def next_item(self) -> None:
        if self.stack.currentIndex() != QUESTION or self.choice_group.checkedId() < 0:
            return
        item = self.items[self.position]
        self.answers[item.key] = item.choices[self.choice_group.checkedId()]
        if self.position + 1 >= len(self.items):
            self.finish(timed_out=False)
            return
        self.position += 1
        self._show_item()

    def finish(self, *, timed_out: bool) -> None:
        """Score the set, save it and show every answer with the right one."""
        if self.stack.currentIndex() != QUESTION:
            return
        self.timer.stop()
        used = min(self.limit, max(0, round(self.monotonic() - self.started)))
        try:
            recorded = service.record_set(self.db, self.kind, self.items, self.answers, used)
        except NextCallError as exc:
            QMessageBox.warning(self, self.tr("Drills"), str(exc))
            score = core.score_set(self.items, self.answers)
            saved = False
        else:
            score = recorded.score
            saved = True
        self.review_page.show_result(score, used, timed_out=timed_out, saved=saved)
        self.stack.setCurrentIndex(REVIEW)
        self.again_button.setFocus()
        if saved:
            self.changed.emit()

    # -- history -------------------------------------------------------------------------------

    def reload(self) -> None:
        """The latest score of each kind, under the Start button."""
        try:
            latest = service.latest_results(self.db)
        except NextCallError:
            latest = {}
        if not latest:
            self.history.setText(self.tr("No sets done yet."))
            return
        lines = [
            self.tr("{kind}: {result} ({percent}%) on {day}").format(
                kind=escape(self.tr(KIND_NAMES[r.kind])),
                result=r.summary,
                percent=f"{r.percent:g}",
                day=f"{r.taken_at:%d %b %Y}",
            )
            for r in latest.values()
        ]
        self.history.setText(
            f"<b>{escape(self.tr('Your latest sets'))}</b><br/>" + "<br/>".join(lines)
        )

    def shutdown(self) -> None:
        self.timer.stop()
