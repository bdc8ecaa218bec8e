"""The voice check in the window: a generated recording analysed and shown; without
QtMultimedia or a microphone the page says why and everything else keeps working."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from nextcall.ui.practice import voice
from nextcall.ui.practice.tab import CALLS, VOICE, PracticeTab

MakeTab = Callable[..., PracticeTab]


def test_a_generated_recording_is_checked(
    qtbot: QtBot, make_tab: MakeTab, wav_file: Callable[..., Path]
) -> None:
    tab = make_tab()
    tab.show_page(VOICE)
    page = tab.voice
    assert page.stack.currentWidget() is page.placeholder
    assert not page.calls.isEnabled()  # nothing recorded yet
    page.analyse(wav_file(seconds=9, dbfs=-20))
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    view = page.view
    assert page.stack.currentWidget() is view
    assert "good level" in view.verdict.text()  # type: ignore[union-attr]
    assert "9 s recorded" in view.figures.text()  # type: ignore[union-attr]
    assert "33% silence" in view.figures.text()  # type: ignore[union-attr]
    assert view.chart.point_count() > 100  # type: ignore[union-attr]
    assert [g.name() for g in view.chart.guides] == ["Quiet speech", "Silence"]  # type: ignore[union-attr]
    assert "−45 dBFS" in view.thresholds.text()  # type: ignore[union-attr]
    assert page.status.text() == "call.wav checked."


def test_a_quiet_recording_gets_the_plain_verdict(
    qtbot: QtBot, make_tab: MakeTab, wav_file: Callable[..., Path]
) -> None:
    tab = make_tab()
    tab.show_page(VOICE)
    tab.voice.analyse(wav_file("quiet.wav", seconds=6, dbfs=-41))
    qtbot.waitUntil(lambda: tab.voice.report is not None, timeout=10_000)
    text = tab.voice.view.verdict.text()  # type: ignore[union-attr]
    assert "Most of the call was quieter than −35 dBFS" in text


def test_a_file_that_is_not_a_recording(
    qtbot: QtBot, make_tab: MakeTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "notes.wav"
    bad.write_text("hello", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    tab = make_tab()
    tab.show_page(VOICE)
    tab.voice.open_button.click()
    qtbot.waitUntil(lambda: tab.voice.status.text().startswith("Could not check"), timeout=10_000)
    assert "not a WAV recording" in tab.voice.status.text()
    assert tab.voice.report is None


def test_without_a_microphone_the_page_says_so(make_tab: MakeTab) -> None:
    tab = make_tab(microphone=False)
    tab.show_page(VOICE)
    assert tab.voice.status.text() == "No microphone found"
    assert not tab.voice.record_button.isEnabled()
    assert tab.voice.open_button.isEnabled()  # a WAV file can still be checked


def test_without_qtmultimedia_the_reason_is_shown_and_the_tab_works(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, make_tab: MakeTab, wav_file: Callable[..., Path]
) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # importing it now fails
    voice.multimedia_problem.cache_clear()
    try:
        problem = voice.microphone_problem()
        assert problem is not None and problem.startswith("Recording is off: this computer's")
        assert "PySide6" not in problem  # the library's own error is logged, not shown
        tab = make_tab()
        tab.microphone_problem = voice.microphone_problem
        tab.show_page(VOICE)
        assert tab.voice.status.text() == problem
        assert not tab.voice.record_button.isEnabled()
        tab.voice.analyse(wav_file())
        qtbot.waitUntil(lambda: tab.voice.report is not None, timeout=10_000)
        view = tab.voice.view
        assert not view.play.isEnabled()
        assert view.play.toolTip().startswith("Playback is off: ")
        tab.show_page(CALLS)
        tab.calls.start_drill("sell-upgrade")
        dialog = tab.calls.dialog
        assert dialog is not None and not dialog.record.isEnabled()
        assert dialog.no_mic.text() == problem
        dialog.reject()
    finally:
        voice.multimedia_problem.cache_clear()


def test_playback_is_offered_for_an_existing_file(
    qtbot: QtBot, make_tab: MakeTab, wav_file: Callable[..., Path]
) -> None:
    if voice.multimedia_problem() is not None:
        pytest.skip(str(voice.multimedia_problem()))
    tab = make_tab()
    tab.show_page(VOICE)
    tab.voice.analyse(wav_file())
    qtbot.waitUntil(lambda: tab.voice.report is not None, timeout=10_000)
    assert tab.voice.view.play.isEnabled()  # type: ignore[union-attr]
