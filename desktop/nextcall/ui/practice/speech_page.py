"""The speech coach page (in the voice check): record yourself here (where a microphone works),
or analyse the last recorded call, a WAV file, or a reading of one of the read-aloud passages,
and see pace, dead air, pauses, loudness, fillers and a rough transcript, each beside its
target. The analysis runs on the SerialWorker with a progress bar and Cancel; each result is
kept as a "speech" test score."""

from __future__ import annotations

import threading
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from nextcall.core import speech
from nextcall.core.playbook import load_playbook
from nextcall.core.speech import SpeechReport
from nextcall.services import practice as practice_service
from nextcall.services import recordings
from nextcall.services import speech as service
from nextcall.services.database import Database
from nextcall.ui.common import theme
from nextcall.ui.common.autosave import describe_error
from nextcall.ui.common.background import SerialWorker, gui_caller
from nextcall.ui.common.i18n import QT_TRANSLATE_NOOP
from nextcall.ui.common.operations import Change, announce
from nextcall.ui.practice.speech_recorder import RecordBar, RecorderFactory, default_recorder

INTRO = QT_TRANSLATE_NOOP(
    "SpeechCoachPage",
    "How you sound to a caller or an automated English test: your pace, any dead air, your "
    "longest pause, how loud you were and the fillers the recogniser caught. Record yourself "
    "here, or analyse your last recorded call or any WAV file; choose a passage below to read "
    "it aloud.",
)
FREE = "free"  # the passage combo's first entry: no passage, free speech


# The milestones where the way you speak is judged (a recording may prepare for one of them).
SPOKEN_MILESTONES = (
    "phone-interview",
    "in-person-interview",
    "mock-call",
    "sales-test",
    "customer-service-test",
    "tech-support-test",
    "final-interview",
)


class SpeechCoachPage(QWidget):
    analysed = Signal(object)  # SpeechReport, once shown and saved

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
        self.report: SpeechReport | None = None
        self.passages = {p.key: p for p in speech.load_passages()}
        self.worker = SerialWorker("nextcall-speech-coach", self)
        self.worker.finished.connect(self._analysed)
        self._ticket = 0
        self._cancel = threading.Event()
        self._progress = gui_caller(self, self._show_progress)
        self._label = ""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, theme.SPACING, 0, 0)
        title = QLabel(self.tr("Speech coach"))
        theme.heading(title, 2)
        layout.addWidget(title)
        intro = QLabel(self.tr(INTRO))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.recorder = RecordBar(microphone_problem, recorder_factory)
        self.recorder.recorded.connect(self.analyse_recorded)
        self.recorder.recording_changed.connect(self._recording_changed)
        self.recording_note = self.recorder.note  # why recording is off, or how to use it

        row = QHBoxLayout()
        # What the recording prepares for: "at the phone interview you spoke at 196 words a
        # minute…" in Practise next and the packet, instead of "in your last recording".
        self.milestone = QComboBox()
        self.milestone.setAccessibleName(self.tr("Practising for"))
        self.milestone.setToolTip(self.tr("The milestone this recording prepares you for"))
        self.milestone.addItem(self.tr("Practice (no milestone)"), "")
        for step in load_playbook().milestones:
            if step.key in SPOKEN_MILESTONES:
                name = step.name[:1].lower() + step.name[1:]
                self.milestone.addItem(self.tr("For the {name}").format(name=name), step.key)
        row.addWidget(self.milestone)
        self.passage = QComboBox()
        self.passage.setAccessibleName(self.tr("Read-aloud passage"))
        self.passage.addItem(self.tr("Free speech (no passage)"), FREE)
        for p in self.passages.values():
            self.passage.addItem(self.tr("Read aloud: {title}").format(title=p.title), p.key)
        self.passage.currentIndexChanged.connect(self._passage_changed)
        row.addWidget(self.passage, 1)
        self.last_button = QPushButton(self.tr("Analyse the last recording"))
        self.last_button.clicked.connect(self.analyse_last)
        row.addWidget(self.last_button)
        self.file_button = QPushButton(self.tr("Analyse a WAV file…"))
        self.file_button.setToolTip(self.tr("Any PCM WAV, 8–48 kHz, mono or stereo"))
        self.file_button.clicked.connect(self.choose_file)
        row.addWidget(self.file_button)
        layout.addLayout(row)
        layout.addWidget(self.recorder)

        self.script = QTextBrowser()
        self.script.setAccessibleName(self.tr("Passage to read aloud"))
        self.script.setMaximumHeight(96)
        layout.addWidget(self.script)

        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(self.tr("Analysis progress"))
        self.progress_text = QLabel("")
        self.progress_text.setMinimumWidth(
            self.progress_text.fontMetrics().horizontalAdvance("Measuring pace and pauses…") + 12
        )
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        progress_row.addWidget(self.progress_text)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)
        self._busy(False)

        self.status = QLabel(self.tr("No recording analysed yet."))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(2 * theme.SPACING)
        self.values: dict[str, QLabel] = {}
        rows = (
            ("pace", self.tr("Pace"), speech.PACE_TARGET),
            ("stretches", self.tr("Pace per 15 s"), self.tr("steady, inside the band")),
            ("dead_air", self.tr("Dead air"), speech.DEAD_AIR_TARGET),
            ("pause", self.tr("Longest pause"), speech.PAUSE_TARGET),
            ("loudness", self.tr("Loudness"), speech.LOUDNESS_TARGET),
            ("fillers", self.tr("Fillers (estimate)"), speech.FILLER_TARGET),
            ("match", self.tr("Passage read"), speech.MATCH_TARGET),
        )
        for header_col, text in enumerate((self.tr("Figure"), self.tr("Yours"), self.tr("Target"))):
            head = QLabel(f"<b>{escape(text)}</b>")
            self.grid.addWidget(head, 0, header_col)
        for r, (key, name, target) in enumerate(rows, start=1):
            value = QLabel("—")
            value.setWordWrap(True)
            value.setAccessibleName(name)
            target_label = QLabel(target)
            target_label.setWordWrap(True)
            theme.muted(target_label)
            self.grid.addWidget(QLabel(name), r, 0)
            self.grid.addWidget(value, r, 1)
            self.grid.addWidget(target_label, r, 2)
            self.values[key] = value
        self.grid.setColumnStretch(1, 2)
        self.grid.setColumnStretch(2, 3)
        layout.addLayout(self.grid)

        self.findings = QLabel("")
        self.findings.setWordWrap(True)
        layout.addWidget(self.findings)
        heard = QLabel(self.tr("Heard (a rough transcript from the offline recogniser):"))
        theme.muted(heard)
        layout.addWidget(heard)
        self.transcript = QTextBrowser()
        self.transcript.setMaximumHeight(160)
        self.transcript.setAccessibleName(self.tr("Rough transcript"))
        self.transcript.setPlaceholderText(self.tr("The rough transcript shows here."))
        layout.addWidget(self.transcript)
        layout.addStretch(1)
        self._passage_changed()
        self.reload()

    # -- sources ------------------------------------------------------------------------------

    def reload(self) -> None:
        self.recorder.reload()
        self.last_button.setEnabled(self._last_recording() is not None and not self._running())

    def _last_recording(self) -> tuple[Path, str] | None:
        runs = [r for r in practice_service.sessions(self.db) if r.recording]
        if not runs:
            return None
        run = max(runs, key=lambda r: r.started_at)
        path = recordings.recording_path(self.db, run.recording)
        return (path, run.scenario_title) if path is not None else None

    def _passage(self) -> speech.Passage | None:
        return self.passages.get(str(self.passage.currentData()))

    def _passage_changed(self, *_args: object) -> None:
        passage = self._passage()
        self.script.setVisible(passage is not None)
        if passage is not None:
            self.script.setHtml(f"<p>{escape(passage.text)}</p>")

    def analyse_last(self) -> None:
        found = self._last_recording()
        if found is not None:
            self.analyse(found[0], found[1])

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Analyse a recording"),
            str(Path.home()),
            self.tr("WAV recordings (*.wav);;All files (*)"),
        )
        if name:
            self.analyse(Path(name), Path(name).name)

    def _recording_changed(self, recording: bool) -> None:
        self.file_button.setEnabled(not recording)
        self.last_button.setEnabled(not recording and self._last_recording() is not None)
        self.passage.setEnabled(not recording)

    # -- the analysis -------------------------------------------------------------------------

    def analyse(self, path: Path, label: str) -> None:
        """Analyse ``path`` off the GUI thread and keep the result as a speech score."""
        self._submit(label, path.name, lambda **kw: service.analyse(path, **kw))

    def analyse_recorded(self, frames: bytes, rate: int) -> None:
        """Analyse what was just recorded here (mono 16-bit PCM at ``rate``)."""
        self._submit(
            self.tr("Recorded here"),
            self.tr("your recording"),
            lambda **kw: service.analyse_recording(frames, rate, **kw),
        )

    def _submit(self, label: str, name: str, run: Callable[..., SpeechReport]) -> None:
        if self._running():
            return
        passage = self._passage()
        script = passage.text if passage is not None else None
        self._label = f"Read-aloud: {passage.title}" if passage is not None else label
        context = service.SpeechContext(
            self._label, milestone=str(self.milestone.currentData() or "")
        )
        self._cancel = threading.Event()
        cancel = self._cancel
        progress = self._progress
        db = self.db

        def job() -> SpeechReport:
            report = run(
                script=script,
                progress=lambda share, text: progress(share, text),
                cancelled=cancel.is_set,
            )
            service.save_speech_score(db, report, context)
            return report

        self.status.setText(self.tr("Analysing {name}…").format(name=name))
        self._busy(True)
        self._ticket = self.worker.submit(job)

    def cancel(self) -> None:
        self._cancel.set()
        self.progress_text.setText(self.tr("Cancelling…"))

    def _running(self) -> bool:
        return bool(self._ticket) and self.worker.busy()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress_text.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.file_button.setEnabled(not busy)
        self.last_button.setEnabled(not busy and self._last_recording() is not None)
        self.recorder.allow(not busy)
        if busy:
            self.progress.setValue(0)
            self.progress_text.setText(self.tr("Starting"))

    def _show_progress(self, share: float, text: str) -> None:
        if not self._cancel.is_set():
            self.progress.setValue(round(share * 100))
            self.progress_text.setText(text)

    def _analysed(self, ticket: int, result: object, error: BaseException | None) -> None:
        if ticket != self._ticket:
            return
        self._ticket = 0
        self._busy(False)
        self.recorder.reload()
        if isinstance(error, service.AnalysisCancelledError):
            self.status.setText(self.tr("Analysis cancelled; nothing was saved."))
            return
        if error is not None:
            self.status.setText(describe_error(error))
            return
        assert isinstance(result, SpeechReport)
        self.status.setText(
            self.tr("{what}: analysed and saved with your test scores.").format(what=self._label)
        )
        self.show_report(result)
        announce(self.db, {Change.PRACTICE}, self)
        self.analysed.emit(result)

    def show_report(self, report: SpeechReport) -> None:
        self.report = report
        s = report.signal
        self.values["pace"].setText(
            self.tr("{wpm} words a minute (about {words} words in {seconds} s)").format(
                wpm=f"{s.wpm:.0f}", words=f"{s.words:.0f}", seconds=f"{s.duration_s:.0f}"
            )
        )
        paces = [f"{speech.seconds_label(st.start_s)} {st.wpm:.0f}" for st in s.stretches if st.wpm]
        self.values["stretches"].setText(", ".join(paces) or self.tr("too short to split"))
        if s.dead_air:
            where = ", ".join(
                f"{speech.seconds_label(p.start_s)} ({p.seconds:.1f} s)" for p in s.dead_air
            )
            self.values["dead_air"].setText(
                self.tr("{n} — at {where}").format(n=len(s.dead_air), where=where)
            )
        else:
            self.values["dead_air"].setText(self.tr("none"))
        self.values["pause"].setText(f"{s.longest_pause_s:.1f} s")
        loud = f"{s.loudness_dbfs:.0f} dBFS".replace("-", "−")
        if s.clipped_share > 0.01:
            loud += self.tr(", {share} distorted").format(share=f"{s.clipped_share:.0%}")
        self.values["loudness"].setText(loud)
        self.values["fillers"].setText(str(report.fillers))
        passage = self._passage()
        if report.read_aloud is not None:
            r = report.read_aloud
            self.values["match"].setText(
                self.tr("{m} of {n} words ({rate}); not heard: marked in the passage").format(
                    m=r.matched_words, n=r.script_words, rate=f"{r.match_rate:.0%}"
                )
            )
            if passage is not None:
                self._mark_passage(r, passage.text)
        else:
            self.values["match"].setText(self.tr("no passage chosen"))
        self.findings.setText(" ".join(speech.findings(report)))
        self.transcript.setPlainText(report.transcript or self.tr("(no words recognised)"))

    def _mark_passage(self, result: speech.ReadAloud, text: str) -> None:
        """The passage as written (punctuation kept), the words not heard marked."""
        fg = theme.mark_color("missing").name()
        bg = theme.mark_color("missing_bg").name()
        tokens = [t for t in text.split() if speech.normalise(t)]
        if len(tokens) != len(result.script):
            tokens = list(result.script)
        words = []
        for token, word, ok in zip(tokens, result.script, result.matched, strict=True):
            at = max(token.find(word), 0) if word else 0
            before, inside, after = token[:at], token[at : at + len(word)], token[at + len(word) :]
            if not ok:
                inside = f'<span style="color:{fg}; background:{bg}"><u>{escape(inside)}</u></span>'
            else:
                inside = escape(inside)
            words.append(escape(before) + inside + escape(after))
        self.script.setHtml("<p>" + " ".join(words) + "</p>")

    def wait(self, timeout: float = 120.0) -> None:
        """Block until a pending analysis is done and shown (tests, screenshots)."""
        if not self._ticket:
            return
        try:
            result, error = self.worker.wait(self._ticket, timeout)
        except KeyError:
            return
        self._analysed(self._ticket, result, error)

    def shutdown(self) -> None:
        self.recorder.shutdown()
        self._cancel.set()
        self.worker.shutdown()
