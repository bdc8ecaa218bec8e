"""The typing test page of the Practice tab: a passage from call-center work (or the user's
own), 1, 3 or 5 minutes, the clock starting on the first key, live words a minute, and at the
end gross and net words a minute, accuracy and the errors shown in place. Keyboard only: the
typing box refuses paste. A finished test is saved as a typing test score; one stopped before
15 seconds is not.

The time comes from ``monotonic`` (time.monotonic unless a test passes its own), read on every
key and on a short timer; scoring is in core/typing_test.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nextcall.core import typing_test as tt
from nextcall.core.errors import NextCallError
from nextcall.services.database import Database
from nextcall.services.typing_test import record_typing_test, typing_target
from nextcall.ui.common.forms import buddy_label
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.operations import report_failure
from nextcall.ui.common.theme import palette_changed
from nextcall.ui.practice.typing_widgets import PassageView, TypingBox

KIND_WORDS = {
    "email": QT_TRANSLATE_NOOP("TypingPage", "Customer email"),
    "chat": QT_TRANSLATE_NOOP("TypingPage", "Chat reply"),
    "note": QT_TRANSLATE_NOOP("TypingPage", "Account note"),
}
TICK_MS = 200
COLUMN_MAX = 1100  # pixels
OWN_MIN = 40  # characters of an own passage worth a test


class TypingPage(QWidget):
    changed = Signal()  # a result was saved
    scores_requested = Signal()  # "See the trend"

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.monotonic = monotonic
        self.passages = tt.load_passages()
        self.passage_key = ""
        self.text = ""
        self.started: float | None = None
        self.result: tt.TypingResult | None = None
        self.saved_id: int | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 0)
        column = QWidget()
        column.setMaximumWidth(COLUMN_MAX)  # lines a reader can follow, even on a wide screen
        outer.addWidget(column, 1, Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        choose = QHBoxLayout()
        self.length = QComboBox()
        for seconds in tt.DURATIONS:
            minutes = seconds // 60
            self.length.addItem(
                self.tr("1 minute") if minutes == 1 else self.tr("{n} minutes").format(n=minutes),
                seconds,
            )
        self.length.setCurrentIndex(tt.DURATIONS.index(tt.DEFAULT_DURATION))
        self.length.currentIndexChanged.connect(lambda _i: self.reset())
        choose.addWidget(buddy_label(self.tr("&Length"), self.length))
        choose.addWidget(self.length)
        choose.addSpacing(12)
        self.passage = QComboBox()
        for p in self.passages:
            self.passage.addItem(
                self.tr("{kind}: {title}").format(
                    kind=self.tr(KIND_WORDS.get(p.kind, p.kind)), title=p.title
                ),
                p.key,
            )
        self.passage.addItem(self.tr("Your own passage"), tt.OWN)
        self.passage.currentIndexChanged.connect(lambda _i: self._passage_changed())
        choose.addWidget(buddy_label(self.tr("&Passage"), self.passage))
        choose.addWidget(self.passage, 1)
        self.next_button = QPushButton(self.tr("&Next passage"))
        self.next_button.clicked.connect(self.next_passage)
        choose.addWidget(self.next_button)
        self.restart_button = QPushButton(self.tr("&Start over"))
        self.restart_button.clicked.connect(self.reset)
        choose.addWidget(self.restart_button)
        layout.addLayout(choose)

        self.own = QPlainTextEdit()
        self.own.setPlaceholderText(
            self.tr(
                "Paste or write a passage of your own here, for example a chat reply you "
                "often send. Then type it in the box below."
            )
        )
        self.own.setAccessibleName(self.tr("Your own passage"))
        self.own.setTabChangesFocus(True)
        self.own.setMaximumHeight(90)
        self.own.textChanged.connect(self._own_changed)
        self.own.hide()
        layout.addWidget(self.own)

        self.status = QLabel("")
        self.status.setAccessibleName(self.tr("Time and speed"))
        bold = QFont(self.status.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.status.setFont(bold)
        layout.addWidget(self.status)

        self.view = PassageView()
        self.view.setAccessibleName(self.tr("The passage to type"))
        self.view.setFrameShape(QFrame.Shape.StyledPanel)
        reading = QFont(self.view.font())
        reading.setPointSizeF(reading.pointSizeF() * 1.25)
        self.view.setFont(reading)
        view_lines = QFontMetrics(reading).lineSpacing()
        self.view.setMinimumHeight(view_lines * 4 + 12)
        self.view.setMaximumHeight(view_lines * 11 + 12)  # scrolls along for long texts
        layout.addWidget(self.view, 1)

        self.box = TypingBox()
        self.box.setAccessibleName(self.tr("Type the passage here"))
        self.box.setFont(reading)
        self.box.textChanged.connect(self._typed)
        self.box.paste_refused.connect(self._paste_refused)
        self.box.stop_requested.connect(self.stop)
        lines = self.box.fontMetrics().lineSpacing()
        self.box.setMinimumHeight(lines * 3 + 12)
        self.box.setMaximumHeight(lines * 5 + 12)
        layout.addWidget(self.box)
        self.notice = QLabel("")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)

        self.results = QFrame()
        self.results.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self.results)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.setHorizontalSpacing(24)
        self.figures: dict[str, QLabel] = {}
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.7)
        big.setWeight(QFont.Weight.DemiBold)
        names = {
            "net": self.tr("Net words a minute"),
            "gross": self.tr("Gross words a minute"),
            "accuracy": self.tr("Accuracy"),
            "errors": self.tr("Errors left"),
        }
        for place, (key, name) in enumerate(names.items()):
            figure = QLabel("")
            figure.setFont(big)
            figure.setAccessibleName(name)
            grid.addWidget(figure, 0, place)
            grid.addWidget(QLabel(name), 1, place)
            self.figures[key] = figure
        self.verdict = QLabel("")
        self.verdict.setWordWrap(True)
        grid.addWidget(self.verdict, 2, 0, 1, 5)
        self.legend = QLabel("")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        grid.addWidget(self.legend, 3, 0, 1, 5)
        buttons = QHBoxLayout()
        self.again_button = QPushButton(self.tr("&Try again"))
        self.again_button.clicked.connect(self.reset)
        self.trend_button = QPushButton(self.tr("See the t&rend"))
        self.trend_button.clicked.connect(self.scores_requested)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.trend_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 4, 0, 1, 5)
        grid.setColumnStretch(4, 1)
        self.results.hide()
        layout.addWidget(self.results)
        layout.addStretch(0)
        self.reset()

    # -- state ---------------------------------------------------------------------------------

    @property
    def seconds(self) -> int:
        return int(self.length.currentData())

    @property
    def running(self) -> bool:
        return self.started is not None and self.result is None

    def elapsed(self) -> float:
        return 0.0 if self.started is None else max(0.0, self.monotonic() - self.started)

    def _passage_changed(self) -> None:
        own = self.passage.currentData() == tt.OWN
        self.own.setVisible(own)
        self.next_button.setEnabled(not own)
        self.reset()
        if own and not tt.clean_own(self.own.toPlainText()):
            self.own.setFocus()

    def _own_changed(self) -> None:
        if self.passage.currentData() == tt.OWN:
            self.reset(focus=False)

    def next_passage(self) -> None:
        index = (self.passage.currentIndex() + 1) % len(self.passages)
        self.passage.setCurrentIndex(index)  # resets

    def reset(self, *, focus: bool = True) -> None:
        """A new test on the chosen passage and length; nothing typed, the clock not started."""
        self.timer.stop()
        self.started = None
        self.result = None
        self.saved_id = None
        key = self.passage.currentData()
        if key == tt.OWN:
            self.passage_key = tt.OWN
            self.text = tt.clean_own(self.own.toPlainText())[: tt.OWN_MAX]
        else:
            start = max(0, self.passage.currentIndex())
            self.passage_key, self.text = tt.text_for_test(self.passages, start, self.seconds)
        self.results.hide()
        self.notice.hide()
        self.box.blockSignals(True)
        self.box.clear()
        self.box.blockSignals(False)
        usable = len(self.text) >= OWN_MIN
        self.box.setReadOnly(not usable)
        self.box.setEnabled(usable)
        if usable:
            self.box.setPlaceholderText(
                self.tr("Type the passage here. The clock starts on your first key; Esc stops.")
            )
        else:
            self.box.setPlaceholderText(
                self.tr("Your passage needs at least {n} characters.").format(n=OWN_MIN)
            )
        self.view.show_text(self.text)
        self._show_status()
        if focus and usable:
            self.box.setFocus()

    # -- typing --------------------------------------------------------------------------------

    def _typed(self) -> None:
        if self.result is not None:
            return
        if self.started is None:
            self.started = self.monotonic()
            self.timer.start()
        self.notice.hide()
        typed = self.box.toPlainText()
        self.view.show_progress(len(typed))
        if self.elapsed() >= self.seconds or len(typed) >= len(self.text):
            self.finish()
        else:
            self._show_status()

    def tick(self) -> None:
        """The timer: the clock and the speed on screen, and the end when time is up."""
        if not self.running:
            return
        if self.elapsed() >= self.seconds:
            self.finish()
        else:
            self._show_status()

    def _paste_refused(self) -> None:
        self.notice.setText(
            self.tr(
                "Pasting is turned off here: a typing test measures your own keystrokes. "
                "To practise on a text of your own, choose “Your own passage” and paste it "
                "in that box."
            )
        )
        self.notice.show()

    def stop(self) -> None:
        """Esc: end the test now. Before 15 seconds nothing is saved (and it says so)."""
        if not self.running:
            return
        seconds = self.elapsed()
        if seconds < tt.MIN_SECONDS:
            self.timer.stop()
            self.reset()
            self.notice.setText(
                self.tr(
                    "Stopped after {n} seconds: a test shorter than {min} seconds is not saved."
                ).format(n=int(seconds), min=tt.MIN_SECONDS)
            )
            self.notice.show()
            return
        self.finish()

    def finish(self) -> None:
        if self.result is not None or self.started is None:
            return
        self.timer.stop()
        seconds = min(self.elapsed(), float(self.seconds))
        self.result = tt.score(self.text, self.box.toPlainText(), seconds)
        self.box.setReadOnly(True)
        self.view.show_result(self.result)
        self._show_result(self.result)
        if seconds < tt.MIN_SECONDS:  # the passage done in under 15 s: too short to count
            self.verdict.setText(
                self.tr("Done in under {min} seconds: too short a test to save.").format(
                    min=tt.MIN_SECONDS
                )
            )
        else:
            self._save(self.result)
        self._show_status()
        self.again_button.setFocus()

    def _save(self, result: tt.TypingResult) -> None:
        try:
            self.saved_id = record_typing_test(
                self.db, result, self.passage_key, taken_at=self.db.clock.now()
            )
        except NextCallError as exc:
            report_failure(self, exc, self.tr("Not saved"))
            return
        self.changed.emit()

    # -- showing -------------------------------------------------------------------------------

    def _show_result(self, result: tt.TypingResult) -> None:
        self.figures["net"].setText(f"{result.net_wpm:.0f}")
        self.figures["gross"].setText(f"{result.gross_wpm:.0f}")
        self.figures["accuracy"].setText(f"{result.accuracy * 100:.1f}%")
        self.figures["errors"].setText(str(result.errors))
        target = typing_target(self.db)
        net = round(result.net_wpm)
        if net >= target:
            verdict = self.tr(
                "{net} net words a minute meets your target of {target}. Saved with your "
                "test scores."
            )
        else:
            verdict = self.tr(
                "{net} net words a minute; your target is {target} (chat and email accounts "
                "often ask for 30 to 40). Saved with your test scores."
            )
        self.verdict.setText(verdict.format(net=net, target=target))
        self.legend.setText(self.view.legend())
        self.results.show()

    def _show_status(self) -> None:
        if self.result is not None:
            self.status.setText(
                self.tr("Finished after {time}.").format(time=_clock(self.result.seconds))
            )
            return
        left = max(0.0, self.seconds - self.elapsed())
        typed = len(self.box.toPlainText())
        share = typed / len(self.text) if self.text else 0.0
        if self.started is None:
            self.status.setText(
                self.tr("{time} on the clock. Your target: {target} net words a minute.").format(
                    time=_clock(self.seconds), target=typing_target(self.db)
                )
            )
            return
        wpm = tt.gross_wpm(typed, self.elapsed())
        self.status.setText(
            self.tr("{time} left · {wpm} words a minute · {share}% of the passage").format(
                time=_clock(left), wpm=f"{wpm:.0f}", share=f"{share * 100:.0f}"
            )
        )

    def reload(self) -> None:
        """The data changed elsewhere (the target, a restored backup): the status line only."""
        if not self.running:
            self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if palette_changed(event) and self.result is not None:
            self.legend.setText(self.view.legend())  # the passage recolours itself
        super().changeEvent(event)

    def shutdown(self) -> None:
        self.timer.stop()


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
