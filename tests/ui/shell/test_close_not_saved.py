"""Quitting with typing that could not be saved (a full disk) asks first, for every place
that saves as you type: interview mode, the note editor, prepared answers. Cancel keeps the
window open and the text; nothing is asked once it is saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from nextcall.services import practice
from nextcall.services.database import Database
from nextcall.ui.practice.tab import ANSWERS
from nextcall.ui.shell.main_window import MainWindow
from storage_helpers import simulated

# Near the longest answer kept (20,000 characters): the file has to grow to hold it.
BIG = "Tell them about the retail job and the night shifts. " * 300


@pytest.fixture
def window(qtbot: QtBot, db: Database) -> MainWindow:
    win = MainWindow(db, QSettings(str(db.paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_quitting_with_an_unsaved_prepared_answer_asks_first(
    qtbot: QtBot, db: Database, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", answer)
    window.tabs.setCurrentWidget(window.practice)
    window.practice.show_page(ANSWERS)
    page = window.practice.answers
    page.autosave._retry.setInterval(150)
    page.select("night-shifts")
    with simulated("full", db.engine):
        page.answer.setPlainText(BIG)
        qtbot.waitUntil(lambda: page.status.text().startswith("Not saved"), timeout=3000)
        assert window.close() is False
        assert window.isVisible() and page.answer.toPlainText() == BIG
        assert asked and asked[0].startswith(
            "The prepared answer you are writing could not be saved: the disk is full"
        )
    qtbot.waitUntil(lambda: practice.get_question(db, "night-shifts").answer == BIG, timeout=3000)
    assert window.close() is True
    assert len(asked) == 1
