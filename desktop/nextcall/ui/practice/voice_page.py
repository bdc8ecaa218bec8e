"""The voice check page: record a practice call (through the mock-call drill), or pick a
recorded call or any WAV file, and see how loud you were over time and how much was silence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.playbook import load_playbook
from nextcall.core.voice import VoiceReport
from nextcall.services import practice as service
from nextcall.services import recordings
from nextcall.services.database import Database
from nextcall.ui.common import theme
from nextcall.ui.common.autosave import describe_error
from nextcall.ui.common.background import SerialWorker
from nextcall.ui.common.empty_state import EmptyState
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.practice.speech_page import SpeechCoachPage
from nextcall.ui.practice.speech_recorder import RecorderFactory, default_recorder
from nextcall.ui.practice.voice import plain_problem

INTRO = QT_TRANSLATE_NOOP(
    "VoicePage",
    "Record a practice call, then see how loud you were from start to finish and how much of "
    "it was silence. On the phone your voice is all the caller has: too quiet, and they strain; "
    "long silences, and they wonder whether you are still there.",
)


class VoicePage(QWidget):
    record_requested = Signal(str)  # a scenario key: run that mock call with recording on
    analysed = Signal(object)  # VoiceReport, once shown

    def __init__(
        self,
        db: Database,
        microphone_problem: Callable[[], str | None],
        parent: QWidget | None = None,
        recorder_factory: RecorderFactory = default_recorder,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.microphone_problem = microphone_problem
        self.report: VoiceReport | None = None
        self.path: Path | None = None
        self.worker = SerialWorker("nextcall-voice-check", self)
        self.worker.finished.connect(self._analysed)
        self._ticket = 0

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.sections = QTabWidget()  # the loudness check and the speech coach
        self.sections.setDocumentMode(True)
        outer.addWidget(self.sections)
        check = QWidget()
        layout = QVBoxLayout(check)
        layout.setContentsMargins(0, 8, 0, 0)
        title = QLabel(self.tr("Voice check"))
        theme.heading(title, 1)
        layout.addWidget(title)
        intro = QLabel(self.tr(INTRO))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        theme.muted(self.status)
        layout.addWidget(self.status)

        row = QHBoxLayout()
        self.scenario = QComboBox()
        self.scenario.setAccessibleName(self.tr("Scenario to record"))
        for scenario in load_playbook().scenarios:
            self.scenario.addItem(scenario.title, scenario.key)
        self.record_button = QPushButton(self.tr("Record a practice call…"))
        self.record_button.clicked.connect(
            lambda: self.record_requested.emit(self.scenario.currentData())
        )
        row.addWidget(self.scenario)
        row.addWidget(self.record_button)
        row.addSpacing(16)
        self.calls = QComboBox()
        self.calls.setAccessibleName(self.tr("Recorded practice calls"))
        self.calls.setMinimumWidth(220)
        self.calls.activated.connect(self._call_picked)
        row.addWidget(self.calls, 1)
        self.open_button = QPushButton(self.tr("Check a WAV file…"))
        self.open_button.setToolTip(self.tr("Analyse a recording made with another app (WAV, PCM)"))
        self.open_button.clicked.connect(self.choose_file)
        row.addWidget(self.open_button)
        layout.addLayout(row)

        self.stack = QStackedWidget()
        self.placeholder = EmptyState(
            self.tr("No recording checked yet"),
            self.tr(
                "Record a practice call, choose one of your recorded calls, or check a WAV file. "
                "The result shows here."
            ),
            icon="empty-voice",
        )
        self.stack.addWidget(self.placeholder)
        self.view: QWidget | None = None
        layout.addWidget(self.stack, 1)
        self.sections.addTab(check, self.tr("Loudness check"))
        self.coach = SpeechCoachPage(db, microphone_problem, recorder_factory=recorder_factory)
        self.sections.addTab(self.coach, self.tr("Speech coach"))
        self.reload()

    def reload(self) -> None:
        problem = self.microphone_problem()
        self.record_button.setEnabled(problem is None)
        self.scenario.setEnabled(problem is None)
        self.status.setText(plain_problem(problem) or "Microphone found: recording works.")
        self.calls.clear()
        recorded = [r for r in reversed(service.sessions(self.db)) if r.recording]
        if not recorded:
            self.calls.addItem(self.tr("No recorded calls yet"), None)
        for run in recorded:
            self.calls.addItem(f"{run.started_at:%d %b %Y, %H:%M} · {run.scenario_title}", run.id)
        self.calls.setEnabled(bool(recorded))
        self.coach.reload()

    def _call_picked(self, index: int) -> None:
        session_id = self.calls.itemData(index)
        if session_id is not None:
            self.show_session(int(session_id))

    def show_session(self, session_id: int) -> None:
        run = next((r for r in service.sessions(self.db) if r.id == session_id), None)
        if run is None or not run.recording:
            return
        index = self.calls.findData(session_id)
        if index >= 0:
            self.calls.setCurrentIndex(index)
        path = recordings.recording_path(self.db, run.recording)
        if path is not None:
            self.analyse(path)

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Check a recording"),
            str(Path.home()),
            self.tr("WAV recordings (*.wav);;All files (*)"),
        )
        if name:
            self.analyse(Path(name))

    def analyse(self, path: Path) -> None:
        """Analyse ``path`` off the GUI thread; the result replaces what is shown."""
        self.path = path
        self.status.setText(self.tr("Checking {name}…").format(name=path.name))
        self._ticket = self.worker.submit(lambda: recordings.analyse_file(path))

    def _analysed(self, ticket: int, result: object, error: BaseException | None) -> None:
        if ticket != self._ticket:
            return  # an older request
        if error is not None:
            self.status.setText(
                self.tr("Could not check the recording: {value1}").format(
                    value1=describe_error(error)
                )
            )
            return
        assert isinstance(result, VoiceReport)
        self.status.setText(
            self.tr("{value1} checked.").format(value1=self.path.name if self.path else "Recording")
        )
        self.show_report(result, self.path)

    def show_report(self, report: VoiceReport, path: Path | None) -> None:
        if self.view is None:
            from nextcall.ui.practice.voice import VoiceReportView  # QtCharts, QtMultimedia

            self.view = VoiceReportView()
            self.stack.addWidget(self.view)
        self.view.show_report(report, path)  # type: ignore[attr-defined]
        self.stack.setCurrentWidget(self.view)
        self.report = report
        self.analysed.emit(report)

    def wait(self, timeout: float = 30.0) -> None:
        """Block until a pending analysis is done and shown (tests, screenshots)."""
        if not self._ticket:
            return
        try:
            result, error = self.worker.wait(self._ticket, timeout)
        except KeyError:  # already delivered
            return
        self._analysed(self._ticket, result, error)

    def shutdown(self) -> None:
        self.worker.shutdown()
        self.coach.shutdown()
        if self.view is not None:
            self.view.player.stop()  # type: ignore[attr-defined]
