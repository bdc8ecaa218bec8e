"""The answer drill: one question at a time, weakest and least recently practised first, with a
countdown the user sets. Answer aloud, then rate yourself; the rating and the date are stored
at once, so stopping halfway keeps what was done."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nextcall.core import practice as core
from nextcall.services import practice as service
from nextcall.services.database import Database
from nextcall.ui.common import theme
from nextcall.ui.common.operations import Change, run_op
from nextcall.ui.common.screen_fit import fit_dialog
from nextcall.ui.practice.bank_tree import dots, rating_word

TICK_MS = 1000  # one countdown step (tests make it shorter)
DEFAULT_SECONDS = 60
COUNTS = (5, 10, 20)


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


class QuestionDrillDialog(QDialog):
    rated = Signal(str, int)  # bank key, rating

    def __init__(
        self,
        db: Database,
        questions: list[service.BankQuestion],
        parent: QWidget | None = None,
        *,
        start_with: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Drill your answers"))
        fit_dialog(self, QSize(640, 460))  # within 90 % of the screen
        self.db = db
        self.bank = questions  # already in drill order
        if start_with is not None:  # a proposal asked for this one: it goes first
            self.bank = sorted(questions, key=lambda q: q.key != start_with)
        self.queue: list[service.BankQuestion] = []
        self.position = -1
        self.remaining = 0
        self.results: list[tuple[service.BankQuestion, int]] = []
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)

        self.pages = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.pages.addWidget(self._setup_page())
        self.pages.addWidget(self._question_page())
        self.pages.addWidget(self._rating_page())
        self.pages.addWidget(self._summary_page())

    # -- pages ---------------------------------------------------------------------------------

    def _setup_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        title = QLabel(self.tr("Drill your answers"))
        theme.heading(title, 1)
        column.addWidget(title)
        intro = QLabel(
            self.tr(
                "One question at a time, starting with the ones you feel least sure about and have "
                "not practised for the longest. Answer out loud, as if the interviewer were in "
                "front "
                "of you, before the time runs out. Then rate yourself honestly: the next drill "
                "starts from your weakest answers."
            )
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        form = QFormLayout()
        self.count = QComboBox()
        self.count.setAccessibleName(self.tr("How many questions"))
        form.addRow(self.tr("Questions:"), self.count)
        self.seconds = QSpinBox()
        self.seconds.setRange(10, 600)
        self.seconds.setSingleStep(15)
        self.seconds.setValue(DEFAULT_SECONDS)
        self.seconds.setSuffix(self.tr(" s", "seconds"))
        self.seconds.setAccessibleName(self.tr("Seconds to answer each question"))
        form.addRow(self.tr("Time for each answer:"), self.seconds)
        self.include_ask = QCheckBox(self.tr("Include the questions you can ask them"))
        self.include_ask.toggled.connect(self._fill_counts)
        form.addRow("", self.include_ask)
        column.addLayout(form)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        row.addWidget(cancel)
        row.addWidget(self.start_button)
        column.addLayout(row)
        self._fill_counts()
        return page

    def _question_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.progress_label = QLabel("")
        theme.muted(self.progress_label)
        column.addWidget(self.progress_label)
        self.question = QLabel("")
        self.question.setWordWrap(True)
        theme.heading(self.question, 1)
        column.addWidget(self.question)
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        theme.muted(self.hint)
        column.addWidget(self.hint)
        self.countdown = QLabel("")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.text_role(self.countdown, "display")
        self.countdown.setAccessibleName(self.tr("Time left"))
        column.addWidget(self.countdown)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        column.addWidget(self.bar)
        self.peek_answer = QLabel("")
        self.peek_answer.setWordWrap(True)
        self.peek_answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theme.surface(self.peek_answer, "quote")
        self.peek_answer.hide()
        column.addWidget(self.peek_answer)
        column.addStretch(1)
        row = QHBoxLayout()
        self.peek = QPushButton(self.tr("Show my prepared answer"))
        self.peek.setCheckable(True)
        self.peek.toggled.connect(self._peek)
        skip = QPushButton(self.tr("Skip"))
        skip.setToolTip(self.tr("Leave this question for another time (not rated)"))
        skip.clicked.connect(self.skip)
        self.done_button = QPushButton(self.tr("Done answering"))
        self.done_button.setDefault(True)
        self.done_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.done_button.clicked.connect(lambda: self.finish_answer())
        row.addWidget(self.peek)
        row.addStretch(1)
        row.addWidget(skip)
        row.addWidget(self.done_button)
        column.addLayout(row)
        return page

    def _rating_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.rate_title = QLabel(self.tr("How did that go?"))
        theme.heading(self.rate_title, 1)
        column.addWidget(self.rate_title)
        self.rate_question = QLabel("")
        self.rate_question.setWordWrap(True)
        column.addWidget(self.rate_question)
        column.addSpacing(8)
        self.rate_buttons: list[QPushButton] = []
        for value in range(core.SCORE_MIN, core.SCORE_MAX + 1):
            button = QPushButton(f"{value} — {rating_word(value)}")
            button.setMinimumHeight(34)
            button.setShortcut(QKeySequence(str(value)))
            button.setToolTip(
                self.tr("Rate this answer {value} of 5 (key {value})").format(value=value)
            )
            button.clicked.connect(lambda _c=False, v=value: self.rate(v))
            column.addWidget(button)
            self.rate_buttons.append(button)
        column.addStretch(1)
        row = QHBoxLayout()
        hint = QLabel(self.tr("Press 1 to 5. Your rating and today's date are saved at once."))
        theme.muted(hint)
        row.addWidget(hint, 1)
        stop = QPushButton(self.tr("Stop here"))
        stop.setToolTip(self.tr("End the drill now; the answers rated so far are kept"))
        stop.clicked.connect(self._show_summary)
        row.addWidget(stop)
        column.addLayout(row)
        return page

    def _summary_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.summary_title = QLabel("")
        theme.heading(self.summary_title, 1)
        column.addWidget(self.summary_title)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        column.addWidget(self.summary)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        again = QPushButton(self.tr("Drill again"))
        again.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        close = QPushButton(self.tr("Close"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        row.addWidget(again)
        row.addWidget(close)
        column.addLayout(row)
        return page

    # -- running -------------------------------------------------------------------------------

    def _pool(self) -> list[service.BankQuestion]:
        if self.include_ask.isChecked():
            return list(self.bank)
        return [q for q in self.bank if q.category != core.TO_ASK]

    def _fill_counts(self) -> None:
        total = len(self._pool())
        self.count.clear()
        for n in COUNTS:
            if n < total:
                self.count.addItem(self.tr("{n}, weakest first").format(n=n), n)
        self.count.addItem(self.tr("All {total}").format(total=total), total)

    def start(self) -> None:
        wanted = int(self.count.currentData() or 0)
        self.queue = self._pool()[:wanted]
        self.results = []
        self.position = -1
        if not self.queue:
            QMessageBox.information(
                self, self.tr("Drill"), self.tr("There are no questions to drill.")
            )
            return
        self.next_question()

    def next_question(self) -> None:
        self.position += 1
        if self.position >= len(self.queue):
            self._show_summary()
            return
        q = self.queue[self.position]
        self.progress_label.setText(
            self.tr("Question {value1} of {value2} · {value3}").format(
                value1=self.position + 1,
                value2=len(self.queue),
                value3=core.CATEGORY_LABELS[q.category],
            )
        )
        self.question.setText(q.text)
        self.hint.setText(q.why)
        self.hint.setVisible(bool(q.why))
        self.peek.setChecked(False)
        self.peek.setEnabled(bool(q.answer.strip()))
        self.peek.setToolTip("" if q.answer.strip() else "No answer prepared for this one yet")
        self.peek_answer.setText(q.answer)
        self.remaining = self.seconds.value()
        self.bar.setRange(0, self.remaining)
        self._show_time()
        self.pages.setCurrentIndex(1)
        self.timer.start(TICK_MS)

    def tick(self) -> None:
        self.remaining = max(0, self.remaining - 1)
        self._show_time()
        if self.remaining == 0:
            self.finish_answer(timed_out=True)

    def _show_time(self) -> None:
        self.countdown.setText(clock(self.remaining))
        self.bar.setValue(self.remaining)

    def _peek(self, shown: bool) -> None:
        self.peek_answer.setVisible(shown)
        self.peek.setText("Hide my prepared answer" if shown else "Show my prepared answer")

    def finish_answer(self, timed_out: bool = False) -> None:
        self.timer.stop()
        if not 0 <= self.position < len(self.queue):
            return
        q = self.queue[self.position]
        self.rate_title.setText("Time is up. How did that go?" if timed_out else "How did that go?")
        self.rate_question.setText(q.text)
        self.pages.setCurrentIndex(2)

    def skip(self) -> None:
        self.timer.stop()
        self.next_question()

    def rate(self, value: int) -> None:
        q = self.queue[self.position]
        done = run_op(
            self,
            self.db,
            lambda: service.record_drill(self.db, q.key, value),
            {Change.PRACTICE},
            self.tr("Not saved"),
        )
        if done is None:
            return
        self.results.append((q, value))
        self.rated.emit(q.key, value)
        self.next_question()

    def _show_summary(self) -> None:
        self.timer.stop()
        done = len(self.results)
        self.summary_title.setText(
            (
                self.tr("You drilled {n} question")
                if done == 1
                else self.tr("You drilled {n} questions")
            ).format(n=done)
            if done
            else self.tr("Nothing rated")
        )
        from html import escape

        lines = "".join(
            f"<li>{dots(value)}&nbsp;&nbsp;{escape(q.text)}</li>" for q, value in self.results
        )
        low = [q for q, value in self.results if value <= 2]
        advice = (
            "<p>Rework the answers you rated 1 or 2 on the Prepared answers page, then drill "
            "again: they come first next time.</p>"
            if low
            else "<p>Well done. Drill again in a few days to keep the answers fresh.</p>"
        )
        self.summary.setText(f"<ul style='margin-left:-18px'>{lines}</ul>{advice}" if done else "")
        self.pages.setCurrentIndex(3)

    def reject(self) -> None:
        self.timer.stop()
        super().reject()
