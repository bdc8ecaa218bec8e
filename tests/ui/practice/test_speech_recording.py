"""Recording on the speech coach page: Record, a running clock, Stop and the recording is
analysed and kept; where recording cannot work the page says why in plain words and a WAV file
can still be analysed. The voice check's recorder is replaced by a fake (no microphone here),
and so is the recogniser (tests/services/test_speech.py runs the real one)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from nextcall.services import practice
from nextcall.services import speech as service
from nextcall.services.database import Database
from nextcall.ui.practice import speech_recorder
from nextcall.ui.practice.speech_page import SpeechCoachPage
from nextcall.ui.practice.tab import VOICE, PracticeTab

from .conftest import RATE, call_pcm

MakeTab = Callable[..., PracticeTab]
RAW = "voice check unavailable: libpulse.so.0: cannot open shared object file: No such file"


class Microphone(QObject):
    """A recorder that hands back ``seconds`` of a generated call when stopped."""

    failed = Signal(str)
    seconds = 6.0
    made: list[Microphone] = []

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.started = self.stopped = False
        Microphone.made.append(self)

    def start(self) -> None:
        self.started = True

    def stop(self) -> tuple[bytes, int]:
        self.stopped = True
        return call_pcm(self.seconds), RATE


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech_recorder, "TICK_MS", 1)
    monkeypatch.setattr(Microphone, "made", [])

    def heard(_data: bytes, offset: float, _script: str = "") -> list[tuple[str, float, float]]:
        return [("um", offset, offset + 0.2), ("hello", offset + 0.3, offset + 0.6)]

    monkeypatch.setattr(service, "_decode", heard)


def coach(tab: PracticeTab, factory: Any = Microphone) -> SpeechCoachPage:
    tab.recorder_factory = factory
    tab.show_page(VOICE)
    page = tab.voice.coach
    tab.voice.sections.setCurrentWidget(page)
    return page


def test_record_stop_and_the_recording_is_analysed_and_kept(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    page = coach(make_tab())
    bar = page.recorder
    assert bar.button.isEnabled() and bar.button.text() == "● Record"
    assert not bar.clock.isVisible()
    bar.button.click()
    (mic,) = Microphone.made
    assert mic.started and bar.recording
    assert bar.button.text() == "■ Stop and analyse" and bar.clock.isVisible()
    assert not page.file_button.isEnabled() and not page.passage.isEnabled()
    qtbot.waitUntil(lambda: bar.seconds >= 5)  # the clock runs (a tick is 1 ms here)
    assert bar.clock.text() == speech_recorder.clock(bar.seconds)
    notes: list[str] = []
    bar.recorded.connect(lambda *_: notes.append(bar.note.text()))
    with qtbot.waitSignal(page.analysed, timeout=60_000):
        bar.button.click()
    assert mic.stopped and not bar.recording and bar.button.text() == "● Record"
    assert notes == [f"Recorded {speech_recorder.clock(bar.seconds)}: analysing it now."]
    assert bar.note.text().startswith("Record yourself here")  # ready for the next one
    assert page.status.text() == "Recorded here: analysed and saved with your test scores."
    assert page.report is not None and page.report.signal.duration_s == pytest.approx(6.0)
    assert page.values["fillers"].text() == "1"
    assert "words a minute" in page.values["pace"].text()
    assert page.file_button.isEnabled() and bar.button.isEnabled()
    (row,) = practice.logged_scores(db, "speech")
    assert row.details["context"] == "Recorded here"
    assert row.details["duration_s"] == 6.0


def test_a_recording_stops_by_itself_at_the_longest_length(
    qtbot: QtBot, make_tab: MakeTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(speech_recorder, "MAX_SECONDS", 3)
    page = coach(make_tab())
    with qtbot.waitSignal(page.analysed, timeout=60_000):
        page.recorder.button.click()
    assert Microphone.made[0].stopped and page.recorder.clock.text() == "0:03"


def test_nothing_recorded_is_not_analysed(make_tab: MakeTab, db: Database) -> None:
    Microphone.seconds = 0.5
    try:
        page = coach(make_tab())
        page.recorder.button.click()
        page.recorder.button.click()
    finally:
        Microphone.seconds = 6.0
    assert page.recorder.note.text() == "Nothing was recorded: press Record and speak."
    assert not page._running() and practice.logged_scores(db, "speech") == []


def test_without_the_sound_system_recording_is_off_and_says_why(make_tab: MakeTab) -> None:
    tab = make_tab()
    tab.microphone_problem = lambda: RAW
    page = coach(tab)
    page.reload()
    assert not page.recorder.button.isEnabled()
    text = page.recorder.note.text()
    assert text.startswith("Recording is off: this computer's sound system")
    assert "libpulse" not in text and text.endswith("You can still analyse a WAV file.")
    assert page.file_button.isEnabled()
    page.recorder.start()  # even when asked directly, nothing is made
    assert Microphone.made == [] and not page.recorder.recording


def test_without_a_microphone(make_tab: MakeTab) -> None:
    page = coach(make_tab(microphone=False))
    assert not page.recorder.button.isEnabled()
    assert page.recorder.note.text() == (
        "Recording is off: no microphone was found on this computer. "
        "You can still analyse a WAV file."
    )


def test_a_recorder_that_cannot_start_is_told_in_words(make_tab: MakeTab) -> None:
    def broken(_parent: object) -> object:
        raise ImportError("libpulse.so.0: cannot open shared object file: No such file")

    page = coach(make_tab(), broken)
    page.recorder.button.click()
    assert not page.recorder.recording and page.recorder.button.text() == "● Record"
    text = page.recorder.note.text()
    assert text.startswith("Recording is off: this computer's sound system")
    assert "libpulse" not in text and page.file_button.isEnabled()


def test_a_recorder_that_fails_while_recording_is_told_in_words(
    make_tab: MakeTab, db: Database
) -> None:
    page = coach(make_tab())
    page.recorder.button.click()
    Microphone.made[0].failed.emit("the microphone could not be opened")
    assert not page.recorder.recording and not page.recorder.clock.isVisible()
    assert page.recorder.note.text() == (
        "Recording did not work: the microphone could not be opened. "
        "You can still analyse a WAV file."
    )
    assert page.file_button.isEnabled() and page.passage.isEnabled()
    assert practice.logged_scores(db, "speech") == []
