"""The speech coach page: a reading of a passage with words left out analysed off the GUI
thread (progress shown), every figure beside its target, the words not heard marked in the
passage, the result kept as a speech score; Cancel; and a plain reason when recording is off.
The recogniser is replaced by a fake here (tests/services/test_speech.py runs the real one)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from nextcall.core.speech import (
    DEAD_AIR_TARGET,
    LOUDNESS_TARGET,
    PACE_TARGET,
    PAUSE_TARGET,
    load_passages,
)
from nextcall.services import practice
from nextcall.services import speech as service
from nextcall.services.database import Database
from nextcall.ui.practice.tab import VOICE, PracticeTab
from speech_helpers import clip, needs_espeak

MakeTab = Callable[..., PracticeTab]


def _heard_all_but(left_out: set[str]) -> Callable[..., list[tuple[str, float, float]]]:
    passage = load_passages()[0]
    words = [w for w in passage.text.split() if w.strip(".,") not in left_out]

    def fake(_data: bytes, offset: float, _script: str = "") -> list[tuple[str, float, float]]:
        return [
            (w.strip(".,").lower(), offset + i * 0.3, offset + i * 0.3 + 0.2)
            for i, w in enumerate(words)
        ]

    return fake


def coach(tab: PracticeTab):  # type: ignore[no-untyped-def]
    tab.show_page(VOICE)
    page = tab.voice.coach
    tab.voice.sections.setCurrentWidget(page)
    return page


@needs_espeak
def test_a_read_aloud_is_analysed_shown_against_targets_and_saved(
    qtbot: QtBot, make_tab: MakeTab, tmp_path: Path, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "_decode", _heard_all_but({"roaming", "credit"}))
    passage = load_passages()[0]
    read = passage.text.replace("roaming ", "").replace("credit ", "")
    made = clip(tmp_path, read.split(". ", 1), silences=[3.5], rate=130)
    page = coach(make_tab())
    page.passage.setCurrentIndex(page.passage.findData(passage.key))
    assert page.script.isVisible() and "roaming" in page.script.toPlainText()
    seen: list[int] = []
    page.progress.valueChanged.connect(seen.append)
    page.analyse(made.path, "reading.wav")
    assert page.cancel_button.isVisible() and not page.file_button.isEnabled()
    with qtbot.waitSignal(page.analysed, timeout=60_000):
        pass
    assert seen and max(seen) <= 100
    assert not page.cancel_button.isVisible() and page.file_button.isEnabled()
    assert "words a minute" in page.values["pace"].text()
    assert page.values["dead_air"].text().startswith("1 — at 0:")
    assert page.values["match"].text().startswith(f"{passage.text.count(' ') + 1 - 2} of")
    html = page.script.toHtml()
    assert html.count("<u>") == 2 or html.count("text-decoration: underline") >= 2
    assert page.script.toPlainText() == passage.text  # as written, punctuation kept
    shown = {label.text() for label in page.findChildren(QLabel) if label.isVisible()}
    assert {PACE_TARGET, DEAD_AIR_TARGET, PAUSE_TARGET, LOUDNESS_TARGET} <= shown
    (row,) = practice.logged_scores(db, "speech")
    assert row.value == round(page.report.signal.wpm)  # type: ignore[union-attr]
    assert row.details["skipped"] == "roaming credit"
    assert row.details["context"] == f"Read-aloud: {passage.title}"


@needs_espeak
def test_cancel_stops_the_analysis_and_saves_nothing(
    qtbot: QtBot, make_tab: MakeTab, tmp_path: Path, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def slow(_data: bytes, _offset: float, _script: str = "") -> list[tuple[str, float, float]]:
        release.wait(30)
        return []

    monkeypatch.setattr(service, "_decode", slow)
    made = clip(tmp_path, ["Thank you for calling, how can I help you today?"])
    page = coach(make_tab())
    page.analyse(made.path, "call.wav")
    page.cancel_button.click()
    release.set()
    qtbot.waitUntil(lambda: "cancelled" in page.status.text(), timeout=30_000)
    assert page.report is None and practice.logged_scores(db, "speech") == []
    assert page.file_button.isEnabled()


def test_without_the_sound_system_the_reason_is_plain_and_wav_analysis_stays(
    make_tab: MakeTab,
) -> None:
    tab = make_tab()
    tab.microphone_problem = lambda: "voice check unavailable: libpulse.so.0: cannot open shared"
    page = coach(tab)
    page.reload()
    text = page.recording_note.text()
    assert text.startswith("Recording is off: this computer's sound system")
    assert "libpulse.so.0" not in text and "You can still analyse a WAV file." in text
    assert page.file_button.isEnabled()
    assert not page.last_button.isEnabled()  # nothing recorded yet


def test_without_a_microphone(make_tab: MakeTab) -> None:
    page = coach(make_tab(microphone=False))
    assert page.recording_note.text() == (
        "Recording is off: no microphone was found on this computer. "
        "You can still analyse a WAV file."
    )


@needs_espeak
def test_a_recording_made_for_a_milestone_is_quoted_with_it(
    qtbot: QtBot, make_tab: MakeTab, tmp_path: Path, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nextcall.services.practice_plan import speech_phrase

    monkeypatch.setattr(service, "_decode", _heard_all_but(set()))
    made = clip(tmp_path, ["Thank you for calling.", "How may I help you today?"], rate=150)
    page = coach(make_tab())
    assert page.milestone.currentData() == ""  # plain practice unless chosen
    page.milestone.setCurrentIndex(page.milestone.findData("phone-interview"))
    assert page.milestone.currentText() == "For the phone interview"
    page.analyse(made.path, "intro.wav")
    with qtbot.waitSignal(page.analysed, timeout=60_000):
        pass
    (row,) = practice.logged_scores(db, "speech")
    assert row.details["milestone"] == "phone-interview"
    assert speech_phrase(row).startswith("at the phone interview you spoke at ")
