"""Where nothing can be recorded (no sound system, no microphone), Practise next proposes what
can be done instead of the voice check, and no page shows a library's own error text."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from nextcall.services.database import Database
from nextcall.services.demo import fill_demo
from nextcall.ui.practice import voice
from nextcall.ui.practice.tab import CALLS, PAGES, VOICE, PracticeTab

MakeTab = Callable[..., PracticeTab]
RAW = "voice check unavailable: libpulse.so.0: cannot open shared object file: No such file"
LIBRARY_TEXT = re.compile(r"libpulse|\.so\b|shared object|No such file", re.IGNORECASE)


def loaded(qtbot: QtBot, tab: PracticeTab) -> None:
    qtbot.waitUntil(lambda: tab.suggestions.plan is not None and bool(tab.suggestions.cards))


def kinds(tab: PracticeTab) -> list[str]:
    return [card.kind for card in tab.suggestions.cards]


def test_the_voice_check_is_proposed_where_recording_works(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    fill_demo(db)  # stops at the phone interview, interviewers name voice and pronunciation
    tab = make_tab()
    loaded(qtbot, tab)
    assert "voice" in kinds(tab)


def test_without_a_sound_system_the_voice_check_is_not_proposed(
    qtbot: QtBot, make_tab: MakeTab, db: Database
) -> None:
    fill_demo(db)
    tab = make_tab()
    tab.microphone_problem = lambda: RAW
    loaded(qtbot, tab)
    tab.suggestions.refresh()
    tab.suggestions.wait()
    assert "voice" not in kinds(tab)
    assert len(tab.suggestions.cards) == 5  # the next drills in line take its place
    assert "Voice check" not in tab.suggestions.headline.text()
    assert "test" in kinds(tab)  # the speech coach, which analyses a WAV file
    tab.show_page(CALLS)
    assert "Voice check" not in tab.banner_text.text()
    assert tab.banner_button.text() != "Check my voice"


def test_no_page_shows_a_library_error(qtbot: QtBot, make_tab: MakeTab, db: Database) -> None:
    tab = make_tab()
    tab.microphone_problem = lambda: RAW
    for index in range(len(PAGES)):
        tab.show_page(index)
    tab.show_page(VOICE)
    tab.voice.reload()
    tab.show_page(CALLS)
    tab.calls.start_drill("sell-upgrade")
    dialog = tab.calls.dialog
    assert dialog is not None
    QApplication.processEvents()
    shown = [
        label.text()
        for widget in (tab, dialog)
        for label in widget.findChildren(QLabel)
        if label.text()
    ]
    assert [text for text in shown if LIBRARY_TEXT.search(text)] == []
    sentence = voice.plain_problem(RAW)
    assert sentence is not None and sentence.startswith("Recording is off: this computer's sound")
    assert tab.voice.status.text() == sentence
    assert dialog.no_mic.text() == sentence
    assert tab.voice.coach.recording_note.text() == sentence
    dialog.reject()


def test_plain_words_for_every_reason() -> None:
    linux = voice.sound_system() == " (PulseAudio)"
    sentence = voice.plain_problem("libpulse.so.0: cannot open shared object file")
    assert sentence == (
        "Recording is off: this computer's sound system"
        + (" (PulseAudio)" if linux else "")
        + " isn't available. You can still analyse a WAV file."
    )
    assert voice.plain_problem("Qt6Multimedia.dll could not be found") == sentence
    assert voice.plain_problem(None) is None
    assert voice.plain_problem("No microphone found") == "No microphone found"
    assert voice.recording_off("No microphone found") == voice.NO_MICROPHONE
    assert voice.recording_off("the microphone is busy.") == voice.NO_MICROPHONE
    assert voice.recording_off("the device was unplugged") == (
        "Recording is off: the device was unplugged. You can still analyse a WAV file."
    )
