"""Shared set-up for the Practice tab tests: the tab over the test profile (stopped cleanly),
fast timers, and a recorder that plays a generated call instead of a microphone."""

from __future__ import annotations

import array
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from nextcall.export.wav import write_wav
from nextcall.services.database import Database
from nextcall.ui.practice import call_drill, question_drill
from nextcall.ui.practice.tab import PracticeTab

RATE = 16_000


def call_pcm(seconds: float = 6.0, dbfs: float = -20.0) -> bytes:
    """Half-second bursts of a tone with pauses between them: speech-like enough."""
    peak = 32767 * 10 ** (dbfs / 20) * math.sqrt(2)
    samples = array.array("h")
    for i in range(int(seconds * RATE)):
        on = (i // (RATE // 2)) % 3 != 2  # two parts sound, one part pause
        samples.append(round(peak * math.sin(2 * math.pi * 200 * i / RATE)) if on else 0)
    return samples.tobytes()


@pytest.fixture
def wav_file(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str = "call.wav", **kw: Any) -> Path:
        return write_wav(tmp_path / name, call_pcm(**kw), RATE)

    return make


class FakeRecorder(QObject):
    """What the drill sees of a recorder; stop() hands back a generated call."""

    failed = Signal(str)
    made: list[FakeRecorder] = []

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.started = self.stopped = False
        FakeRecorder.made.append(self)

    def start(self) -> None:
        self.started = True

    def stop(self) -> tuple[bytes, int]:
        self.stopped = True
        return call_pcm(), RATE


@pytest.fixture(autouse=True)
def fast_timers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Countdowns and call timers tick every millisecond instead of every second."""
    monkeypatch.setattr(question_drill, "TICK_MS", 1)
    monkeypatch.setattr(call_drill, "TICK_MS", 1)


@pytest.fixture
def make_tab(qtbot: QtBot, db: Database) -> Iterator[Callable[..., PracticeTab]]:
    made: list[PracticeTab] = []

    def make(*, microphone: bool = True) -> PracticeTab:
        tab = PracticeTab(db)
        tab.microphone_problem = (lambda: None) if microphone else (lambda: "No microphone found")
        tab.recorder_factory = FakeRecorder
        qtbot.addWidget(tab)
        tab.resize(1000, 720)
        tab.show()
        made.append(tab)
        return tab

    yield make
    for tab in made:
        if tab.drill_dialog is not None:
            tab.drill_dialog.reject()
        if tab._calls is not None and tab._calls.dialog is not None:
            tab._calls.dialog.reject()
        tab.shutdown()
