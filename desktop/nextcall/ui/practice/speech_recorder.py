"""Recording on the speech coach page: Record, a running clock, Stop, and the recording goes
straight to the analysis. The recording itself is done by the voice check's recorder
(ui/practice/voice.Recorder, the one the mock-call drill uses), so there is one way to record.

Where nothing can be recorded (no sound system, no microphone) the button is off and the line
beside it says why in plain words; a recorder that fails while recording says so the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from nextcall.ui.common import theme
from nextcall.ui.practice.voice import plain_problem, recording_off

log = logging.getLogger(__name__)

TICK_MS = 1000  # one step of the clock (tests make it shorter)
MAX_SECONDS = 10 * 60  # a recording stops by itself after this long
MIN_SECONDS = 1.0  # shorter than this: nothing worth analysing was recorded

RecorderFactory = Callable[[QObject], Any]


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def default_recorder(parent: QObject) -> Any:
    from nextcall.ui.practice.voice import Recorder  # QtMultimedia: only when recording

    return Recorder(parent)


class RecordBar(QWidget):
    """Record / Stop with a clock. ``recorded`` carries mono 16-bit PCM and its rate."""

    recorded = Signal(bytes, int)
    recording_changed = Signal(bool)

    def __init__(
        self,
        microphone_problem: Callable[[], str | None],
        recorder_factory: RecorderFactory = default_recorder,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.microphone_problem = microphone_problem
        self.recorder_factory = recorder_factory
        self.recorder: Any = None
        self.seconds = 0
        self.problem: str | None = None
        self._start_failed = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.button = QPushButton(self.tr("● Record"))
        self.button.setAccessibleName(self.tr("Record yourself for the speech coach"))
        self.button.setToolTip(self.tr("Record from your microphone, then analyse it here"))
        self.button.clicked.connect(self.toggle)
        row.addWidget(self.button)
        self.clock = QLabel(clock(0))
        self.clock.setAccessibleName(self.tr("Recording time"))
        self.clock.setMinimumWidth(self.clock.fontMetrics().horizontalAdvance("00:00") + 8)
        row.addWidget(self.clock)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        theme.muted(self.note)
        row.addWidget(self.note, 1)
        self.reload()

    @property
    def recording(self) -> bool:
        return self.recorder is not None

    def reload(self) -> None:
        """Check again whether recording can work here, and say so."""
        if self.recording:
            return
        self.problem = self.microphone_problem()
        self.button.setEnabled(self.problem is None)
        self.clock.setVisible(False)
        if self.problem is not None:
            self.note.setText(recording_off(self.problem))
        else:
            self.note.setText(
                self.tr("Record yourself here, or analyse your last mock call or a WAV file.")
            )

    def allow(self, allowed: bool) -> None:
        """Let the user start a recording (not while an analysis runs)."""
        self.button.setEnabled(allowed and self.problem is None)

    def toggle(self) -> None:
        if self.recording:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        if self.recording or self.problem is not None:
            return
        self._start_failed = False
        try:
            recorder = self.recorder_factory(self)
            recorder.failed.connect(self._failed)
            recorder.start()
        except Exception as exc:  # a broken audio stack must not break the page
            log.warning("recording could not start: %s", exc)
            self._say_failed(str(exc) or type(exc).__name__)
            return
        if self._start_failed:
            return  # the recorder said it failed while starting
        self.recorder = recorder
        self.seconds = 0
        self.clock.setText(clock(0))
        self.clock.setVisible(True)
        self.button.setText(self.tr("■ Stop and analyse"))
        self.note.setText(
            self.tr("Recording… speak as you would on a call, then press Stop and analyse.")
        )
        self.timer.start(TICK_MS)
        self.recording_changed.emit(True)

    def stop(self) -> None:
        """Stop recording and hand the recording on (nothing when it is too short)."""
        if self.recorder is None:
            return
        recorder, self.recorder = self.recorder, None
        self.timer.stop()
        self.button.setText(self.tr("● Record"))
        try:
            frames, rate = recorder.stop()
        except Exception as exc:
            log.warning("recording could not be stopped cleanly: %s", exc)
            self._say_failed(str(exc) or type(exc).__name__)
            self.recording_changed.emit(False)
            return
        self.recording_changed.emit(False)
        if len(frames) < MIN_SECONDS * rate * 2:
            self.note.setText(self.tr("Nothing was recorded: press Record and speak."))
            return
        self.note.setText(
            self.tr("Recorded {time}: analysing it now.").format(time=clock(self.seconds))
        )
        self.recorded.emit(bytes(frames), int(rate))

    def _tick(self) -> None:
        self.seconds += 1
        self.clock.setText(clock(self.seconds))
        if self.seconds >= MAX_SECONDS:
            self.stop()

    def _failed(self, reason: str) -> None:
        self._start_failed = True
        self.timer.stop()
        was_recording = self.recorder is not None
        self.recorder = None
        self.button.setText(self.tr("● Record"))
        self._say_failed(reason)
        if was_recording:
            self.recording_changed.emit(False)

    def _say_failed(self, reason: str) -> None:
        """Why recording stopped, in words (a library's own error text is never shown)."""
        plain = plain_problem(reason) or reason
        if plain.startswith("Recording is off"):
            self.note.setText(plain)
        else:
            self.note.setText(
                self.tr(
                    "Recording did not work: {reason}. You can still analyse a WAV file."
                ).format(reason=plain.rstrip("."))
            )
        self.clock.setVisible(False)

    def shutdown(self) -> None:
        self.timer.stop()
        if self.recorder is not None:
            recorder, self.recorder = self.recorder, None
            try:
                recorder.stop()
            except Exception as exc:
                log.info("recorder stop on shutdown: %s", exc)
