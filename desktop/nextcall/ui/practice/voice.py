"""The voice check in the window: recording from the microphone (QtMultimedia), playing a
recording back, and showing the analysis of nextcall.core.voice.

QtMultimedia is optional: on Linux it needs the system library libpulse0, and a computer may
have no microphone. Everything here imports it where it is used and reports the reason when it
cannot work, so the rest of the Practice tab keeps working.
"""

from __future__ import annotations

import array
import functools
import importlib
import logging
import re
import sys
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nextcall.core.voice import QUIET_DBFS, SILENCE_DBFS, VoiceReport, describe_thresholds
from nextcall.ui.common import theme
from nextcall.ui.common.theme import current_scheme
from nextcall.ui.common.theme.tokens import LEVEL_COLORS

log = logging.getLogger(__name__)

RATE = 16_000
NO_SOUND_SYSTEM = (
    "Recording is off: this computer's sound system{name} isn't available. "
    "You can still analyse a WAV file."
)
NO_MICROPHONE = (
    "Recording is off: no microphone was found on this computer. You can still analyse a WAV file."
)
# What a library's own error looks like ("libpulse.so.0: cannot open shared object file"):
# never shown; the user is told in words instead.
_LIBRARY_ERROR = re.compile(
    r"\.so\b|\.dll\b|\.dylib\b|shared object|undefined symbol|no module named|qtmultimedia"
    r"|^voice check unavailable",
    re.IGNORECASE,
)


def sound_system() -> str:
    """The name of the sound system QtMultimedia needs here, in brackets after a space."""
    return " (PulseAudio)" if sys.platform.startswith("linux") else ""


def plain_problem(problem: str | None) -> str | None:
    """Why recording is off, as the user reads it: a library's error text becomes the plain
    sentence about the sound system; anything else is kept."""
    if problem is None:
        return None
    if _LIBRARY_ERROR.search(problem):
        return NO_SOUND_SYSTEM.format(name=sound_system())
    return problem


def recording_off(problem: str) -> str:
    """``problem`` as one sentence that starts "Recording is off" and says what still works."""
    plain = plain_problem(problem) or problem
    if plain.startswith("Recording is off"):
        return plain
    if "microphone" in plain.lower():
        return NO_MICROPHONE
    return f"Recording is off: {plain.rstrip('.')}. You can still analyse a WAV file."


@functools.cache
def multimedia_problem() -> str | None:
    """Why QtMultimedia cannot be used here (in words), or None when it can."""
    try:
        importlib.import_module("PySide6.QtMultimedia")
    except ImportError as exc:  # e.g. libpulse.so.0 missing on Linux
        log.info("QtMultimedia cannot be loaded: %s", exc)
        return NO_SOUND_SYSTEM.format(name=sound_system())
    return None


def microphone_problem() -> str | None:
    """Why nothing can be recorded here (no QtMultimedia, or no microphone), or None."""
    problem = multimedia_problem()
    if problem is not None:
        return problem
    from PySide6.QtMultimedia import QMediaDevices

    if not QMediaDevices.audioInputs():
        return (
            "No microphone found on this computer, so calls cannot be recorded here. Everything "
            "else works, and you can still check a WAV recording made with another app."
        )
    return None


def _int16(data: bytes, sample_format: object) -> bytes:
    """Recorded bytes as signed 16-bit samples (from 16-bit, 32-bit or float input)."""
    from PySide6.QtMultimedia import QAudioFormat

    if sample_format == QAudioFormat.SampleFormat.Int16:
        return data
    if sample_format == QAudioFormat.SampleFormat.Float:
        floats = array.array("f")
        floats.frombytes(data[: len(data) // 4 * 4])
        out = array.array("h", (max(-32768, min(32767, int(v * 32767))) for v in floats))
    elif sample_format == QAudioFormat.SampleFormat.Int32:
        wide = array.array("i")
        wide.frombytes(data[: len(data) // 4 * 4])
        out = array.array("h", (v >> 16 for v in wide))
    else:  # UInt8
        out = array.array("h", ((b - 128) << 8 for b in data))
    if sys.byteorder == "big":
        out.byteswap()
    return out.tobytes()


class Recorder(QObject):
    """Records the default microphone into memory. ``stop()`` returns (mono 16-bit PCM, rate).

    Create it only after ``microphone_problem()`` returned None."""

    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices

        device = QMediaDevices.defaultAudioInput()
        wanted = QAudioFormat()
        wanted.setSampleRate(RATE)
        wanted.setChannelCount(1)
        wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        self.format = wanted if device.isFormatSupported(wanted) else device.preferredFormat()
        self.source = QAudioSource(device, self.format, self)
        self._data = bytearray()
        self._io: Any = None

    def start(self) -> None:
        self._data.clear()
        self._io = self.source.start()
        if self._io is None:
            self.failed.emit("the microphone could not be opened")
            return
        self._io.readyRead.connect(self._read)

    def _read(self) -> None:
        if self._io is not None:
            self._data += bytes(self._io.readAll().data())

    def stop(self) -> tuple[bytes, int]:
        self._read()
        self.source.stop()
        self._io = None
        data = _int16(bytes(self._data), self.format.sampleFormat())
        channels = max(1, self.format.channelCount())
        if channels > 1:
            samples = array.array("h")
            samples.frombytes(data)
            data = samples[::channels].tobytes()
        return data, self.format.sampleRate()


class Player(QObject):
    """Plays a recording back; ``problem`` says why it cannot (no QtMultimedia)."""

    state_changed = Signal(bool)  # playing

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.problem = (
            f"Playback is off: this computer's sound system{sound_system()} isn't available."
            if multimedia_problem() is not None
            else None
        )
        self._player = None
        if self.problem is None:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

            self._output = QAudioOutput(self)
            self._player = QMediaPlayer(self)
            self._player.setAudioOutput(self._output)
            # A method of self, not a lambda: the media player stops (and says so) while it is
            # deleted with this object, and Qt must drop that signal instead of delivering it
            # to a half-destroyed Player.
            self._player.playbackStateChanged.connect(self._playback_state_changed)

    def _playback_state_changed(self, state: object) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        self.state_changed.emit(state == QMediaPlayer.PlaybackState.PlayingState)

    def toggle(self, path: Path) -> None:
        if self._player is None:
            return
        from PySide6.QtMultimedia import QMediaPlayer

        if self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self._player.stop()
            return
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._player.play()

    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()


class VoiceReportView(QWidget):
    """The verdict, the figures, the loudness chart, every finding and the thresholds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: VoiceReport | None = None
        self.path: Path | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.verdict = QLabel("")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        theme.lead(self.verdict)
        top.addWidget(self.verdict, 1)
        self.play = QPushButton(self.tr("▶ Play"))
        self.play.setToolTip(self.tr("Listen to the recording"))
        self.play.setAccessibleName(self.tr("Play the recording"))
        self.play.clicked.connect(self._toggle_play)
        top.addWidget(self.play, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.figures = QLabel("")
        theme.muted(self.figures)
        layout.addWidget(self.figures)
        from nextcall.ui.practice.charts import LineChart  # QtCharts: only when shown

        self.chart = LineChart(
            (-70.0, 0.0),
            x_kind="seconds",
            y_title="dBFS",
            y_ticks=8,
            accessible_name="Loudness of the recording over time",
        )
        self.chart.setMinimumHeight(200)
        layout.addWidget(self.chart, 1)
        self.findings = QLabel("")
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.findings)
        self.thresholds = QLabel(
            "<b>How to read it.</b> dBFS counts down from the loudest sound a recording can "
            "hold (0). " + " ".join(escape(line) for line in describe_thresholds())
        )
        self.thresholds.setWordWrap(True)
        self.thresholds.setTextFormat(Qt.TextFormat.RichText)
        theme.muted(self.thresholds, small=True)
        layout.addWidget(self.thresholds)
        self.player = Player(self)
        self.player.state_changed.connect(
            lambda playing: self.play.setText("■ Stop" if playing else "▶ Play")
        )
        self.play.setEnabled(False)
        if self.player.problem:
            self.play.setToolTip(self.player.problem)

    def show_report(self, report: VoiceReport, path: Path | None = None) -> None:
        self.report, self.path = report, path
        color = LEVEL_COLORS[current_scheme()][report.level]
        self.verdict.setText(f"<b style='color:{color}'>{escape(report.verdict)}</b>")
        level = "—" if report.speech_level is None else f"{report.speech_level:.0f} dBFS"
        figures = (
            f"{report.duration_s:.0f} s recorded · typical speaking level {level} · "
            f"{report.silence_share:.0%} silence · longest pause {report.longest_pause_s:.1f} s"
        )
        self.figures.setText(figures.replace("-", "−"))
        self.chart.set_lines(
            [("Loudness", report.curve(200))],
            guides=[("Quiet speech", QUIET_DBFS), ("Silence", SILENCE_DBFS)],
            markers=False,
        )
        rest = report.findings[1:]
        self.findings.setText(
            "<ul style='margin-left:-18px'>"
            + "".join(f"<li>{escape(f.text)}</li>" for f in rest)
            + "</ul>"
            if rest
            else ""
        )
        self.findings.setVisible(bool(rest))
        self.play.setEnabled(path is not None and path.exists() and self.player.problem is None)

    def _toggle_play(self) -> None:
        if self.path is not None:
            self.player.toggle(self.path)
