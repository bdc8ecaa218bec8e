"""The mock-call drill: read the brief, run the call against a timer with a notes field (and,
with a microphone, a recording for the voice check), then score yourself on the rubric."""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nextcall.core import practice as core
from nextcall.core.errors import NextCallError
from nextcall.core.playbook import Scenario, load_playbook
from nextcall.core.voice import VoiceReport
from nextcall.services import practice as service
from nextcall.services import recordings
from nextcall.services.database import Database
from nextcall.ui.common import theme
from nextcall.ui.common.autosave import describe_error
from nextcall.ui.common.background import SerialWorker
from nextcall.ui.common.screen_fit import fit_dialog
from nextcall.ui.practice.question_drill import clock
from nextcall.ui.practice.voice import plain_problem

TICK_MS = 1000  # one step of the call timer (tests make it shorter)


def brief_html(scenario: Scenario) -> str:
    """Who calls, what they want, and what a good call does."""
    good = "".join(f"<li>{escape(item)}</li>" for item in scenario.good_call)
    return (
        f"<p><b>Who is on the line.</b> {escape(scenario.caller)}</p>"
        f"<p><b>What they want.</b> {escape(scenario.goal)}</p>"
        f"<p><b>A good call:</b></p><ul style='margin-left:-18px'>{good}</ul>"
    )


class CallDrillDialog(QDialog):
    saved = Signal(int)  # the new practice session's id

    def __init__(
        self,
        db: Database,
        scenario: Scenario,
        parent: QWidget | None = None,
        *,
        microphone_problem: str | None = None,
        recorder_factory: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mock call: {title}").format(title=scenario.title))
        fit_dialog(self, QSize(760, 600))  # within 90 % of the screen
        self.db = db
        self.scenario = scenario
        self.rubric = load_playbook().rubric
        self.started_at: datetime | None = None
        self.elapsed = 0
        self.recorder: Any = None
        self.frames: tuple[bytes, int] | None = None
        self.session_id: int | None = None
        self.report: VoiceReport | None = None
        self.recording_file: Path | None = None
        self.microphone_problem = microphone_problem
        self.recorder_factory = recorder_factory
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.worker = SerialWorker("nextcall-practice-save", self)
        self.worker.finished.connect(self._saved_with_recording)

        self.pages = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.pages.addWidget(self._brief_page())
        self.pages.addWidget(self._call_page())
        self.pages.addWidget(self._score_page())
        self.pages.addWidget(self._done_page())

    # -- pages ---------------------------------------------------------------------------------

    def _title(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        theme.heading(label, 1)
        return label

    def _brief_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self._title(self.scenario.title))
        brief = QLabel(brief_html(self.scenario))
        brief.setWordWrap(True)
        brief.setTextFormat(Qt.TextFormat.RichText)
        column.addWidget(brief)
        how = QLabel(
            self.tr(
                "Ask a friend to play the caller, or play both parts aloud. Speak as you would "
                "on a "
                "real line: greet, listen, solve, confirm, close. Keep notes if it helps."
            )
        )
        how.setWordWrap(True)
        theme.muted(how)
        column.addWidget(how)
        self.record = QCheckBox(self.tr("Record my voice for the voice check"))
        self.record.setChecked(self.microphone_problem is None)
        self.record.setEnabled(self.microphone_problem is None)
        column.addWidget(self.record)
        self.no_mic = QLabel(plain_problem(self.microphone_problem) or "")
        self.no_mic.setWordWrap(True)
        theme.muted(self.no_mic, small=True)
        self.no_mic.setVisible(bool(self.microphone_problem))
        column.addWidget(self.no_mic)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.start_button = QPushButton(self.tr("Start the call"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_call)
        row.addWidget(cancel)
        row.addWidget(self.start_button)
        column.addLayout(row)
        return page

    def _call_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        top = QHBoxLayout()
        self.clock = QLabel("0:00")
        theme.text_role(self.clock, "display")
        self.clock.setAccessibleName(self.tr("Call time"))
        top.addWidget(self.clock)
        self.recording_label = QLabel("")
        theme.error_text(self.recording_label)
        theme.emphasis(self.recording_label)
        top.addWidget(self.recording_label)
        top.addStretch(1)
        self.end_button = QPushButton(self.tr("End the call"))
        self.end_button.setDefault(True)
        self.end_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.end_button.clicked.connect(self.end_call)
        top.addWidget(self.end_button)
        column.addLayout(top)
        brief = QLabel(brief_html(self.scenario))
        brief.setWordWrap(True)
        brief.setTextFormat(Qt.TextFormat.RichText)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(brief)
        scroll.setMaximumHeight(230)
        column.addWidget(scroll)
        column.addWidget(QLabel(self.tr("<b>Notes during the call</b>")))
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(self.tr("Notes during the call"))
        self.notes.setPlaceholderText(
            self.tr("Names, numbers, what you promised, what went wrong…")
        )
        column.addWidget(self.notes, 1)
        return page

    def _score_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self._title("Score yourself"))
        intro = QLabel(
            self.tr("1 means not yet, 5 means as good as it gets. Be honest: it is for you.")
        )
        theme.muted(intro)
        column.addWidget(intro)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        for value in range(core.SCORE_MIN, core.SCORE_MAX + 1):
            head = QLabel(str(value))
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(head, 0, value)
        self.score_groups: dict[str, QButtonGroup] = {}
        for line, item in enumerate(self.rubric, start=1):
            label = QLabel(
                f"<b>{escape(item.name)}</b><br/><span style='font-size:9pt'>"
                f"{escape(item.description)}</span>"
            )
            label.setWordWrap(True)
            grid.addWidget(label, line, 0)
            group = QButtonGroup(self)
            for value in range(core.SCORE_MIN, core.SCORE_MAX + 1):
                button = QRadioButton()
                button.setAccessibleName(
                    self.tr("{name} {value} of 5").format(name=item.name, value=value)
                )
                group.addButton(button, value)
                grid.addWidget(button, line, value, Qt.AlignmentFlag.AlignCenter)
            group.idClicked.connect(lambda _v: self._update_save())
            self.score_groups[item.key] = group
        grid.setColumnStretch(0, 1)
        column.addLayout(grid)
        column.addWidget(QLabel(self.tr("<b>Comment</b> (what to do differently next time)")))
        self.comment = QLineEdit()
        self.comment.setAccessibleName(self.tr("Comment"))
        self.comment.setPlaceholderText(self.tr("e.g. Let the caller finish before offering a fix"))
        self.comment.setMaxLength(core.COMMENT_MAX)
        column.addWidget(self.comment)
        column.addStretch(1)
        row = QHBoxLayout()
        self.score_hint = QLabel("")
        theme.muted(self.score_hint)
        row.addWidget(self.score_hint, 1)
        discard = QPushButton(self.tr("Discard"))
        discard.setToolTip(self.tr("Close without saving this call"))
        discard.clicked.connect(self.reject)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        row.addWidget(discard)
        row.addWidget(self.save_button)
        column.addLayout(row)
        self._update_save()
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        self.done_column = QVBoxLayout(page)
        self.done_title = self._title("")
        self.done_column.addWidget(self.done_title)
        self.done_text = QLabel("")
        self.done_text.setWordWrap(True)
        self.done_column.addWidget(self.done_text)
        self.voice_holder = QVBoxLayout()
        self.done_column.addLayout(self.voice_holder, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        row.addWidget(close)
        self.done_column.addLayout(row)
        return page

    # -- the call ------------------------------------------------------------------------------

    def start_call(self) -> None:
        self.started_at = self.db.clock.now()
        self.elapsed = 0
        self.recording_label.setText("")
        if self.record.isChecked() and self.recorder_factory is not None:
            try:
                self.recorder = self.recorder_factory(self)
                self.recorder.failed.connect(self._recording_failed)
                self.recorder.start()
                self.recording_label.setText(self.tr("● Recording"))
            except Exception as exc:  # a broken audio stack must not stop the drill
                self.recorder = None
                self._recording_failed(str(exc) or type(exc).__name__)
        self.pages.setCurrentIndex(1)
        self.notes.setFocus()
        self.timer.start(TICK_MS)

    def _recording_failed(self, reason: str) -> None:
        self.recorder = None
        self.recording_label.setText(self.tr("Not recording: {reason}").format(reason=reason))

    def tick(self) -> None:
        self.elapsed += 1
        self.clock.setText(clock(self.elapsed))

    def end_call(self) -> None:
        self.timer.stop()
        if self.recorder is not None:
            self.frames = self.recorder.stop()
            self.recorder = None
        self.score_hint.setText(self.tr("Call length {value1}").format(value1=clock(self.elapsed)))
        self.pages.setCurrentIndex(2)

    def scores(self) -> dict[str, int]:
        return {
            key: group.checkedId()
            for key, group in self.score_groups.items()
            if group.checkedId() > 0
        }

    def set_scores(self, scores: dict[str, int]) -> None:
        for key, value in scores.items():
            self.score_groups[key].button(value).setChecked(True)
        self._update_save()

    def _update_save(self) -> None:
        missing = len(self.score_groups) - len(self.scores())
        self.save_button.setEnabled(missing == 0)
        self.save_button.setToolTip(f"Score {missing} more item(s) first" if missing else "")

    def save(self) -> None:
        data = service.SessionInput(
            scenario_key=self.scenario.key,
            started_at=self.started_at or self.db.clock.now(),
            duration_s=self.elapsed,
            scores=self.scores(),
            comment=self.comment.text(),
            notes=self.notes.toPlainText(),
        )
        self.save_button.setEnabled(False)
        if self.frames is not None and self.frames[0]:
            frames, rate = self.frames
            self.worker.submit(lambda: _save_with_recording(self.db, data, frames, rate))
            self.done_text.setText(self.tr("Saving the recording and checking your voice…"))
            self._show_done(None)
            return
        try:
            session_id = service.record_session(self.db, data)
        except NextCallError as exc:
            self.save_button.setEnabled(True)
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        self._show_done(session_id)

    def _saved_with_recording(self, _ticket: int, result: Any, error: BaseException | None) -> None:
        if error is not None:
            if isinstance(error, recordings.RecordingError) or not isinstance(error, NextCallError):
                self.done_text.setText(
                    self.tr("The voice check failed: {value1}").format(value1=describe_error(error))
                )
            else:
                self.done_text.setText(self.tr("Not saved: {error}").format(error=error))
            return
        session_id, report, path = result
        self.report, self.recording_file = report, path
        self._show_done(session_id)
        from nextcall.ui.practice.voice import VoiceReportView

        heading = QLabel(self.tr("<b>Voice check of this call</b>"))
        self.voice_holder.addWidget(heading)
        view = VoiceReportView()
        view.show_report(report, path)
        self.voice_view = view
        self.voice_holder.addWidget(view, 1)

    def _show_done(self, session_id: int | None) -> None:
        self.pages.setCurrentIndex(3)
        if session_id is None:
            self.done_title.setText(self.tr("Saving…"))
            return
        self.session_id = session_id
        self.saved.emit(session_id)
        scores = self.scores()
        average = core.average(scores) or 0
        low = core.weakest(scores, [item.key for item in self.rubric])
        names = {item.key: item.name.lower() for item in self.rubric}
        self.done_title.setText(self.tr("Saved: {average:.1f} / 5").format(average=average))
        text = f"Call length {clock(self.elapsed)}."
        if low is not None:
            points = " and ".join(names[key] for key in low[0])
            text += f" Your weakest this time: {points} ({low[1]} / 5)."
        if self.comment.text().strip():
            text += f" Next time: {self.comment.text().strip()}"
        self.done_text.setText(text)

    def done(self, result: int) -> None:
        self.timer.stop()
        if self.recorder is not None:
            self.recorder.stop()
            self.recorder = None
        self.worker.shutdown()
        super().done(result)


def _save_with_recording(
    db: Database, data: service.SessionInput, frames: bytes, rate: int
) -> tuple[int, VoiceReport, Path]:
    """On the worker thread: write the WAV, store the session with it, analyse it."""
    from dataclasses import replace

    stored = recordings.save_recording(db, frames, rate, data.started_at)
    try:
        session_id = service.record_session(db, replace(data, recording=stored))
    except BaseException:
        recordings.delete_recording(db, stored)
        raise
    path = recordings.recording_path(db, stored)
    assert path is not None
    return session_id, recordings.analyse_file(path), path
