"""Shared set-up for the Notes tab tests: a tab over the test profile, stopped cleanly."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from nextcall.services.database import Database
from nextcall.ui.notes import NotesTab
from nextcall.ui.notes.editor import NoteEditor


@pytest.fixture
def make_tab(qtbot: QtBot, db: Database) -> Iterator[Callable[[], NotesTab]]:
    made: list[NotesTab] = []

    def make() -> NotesTab:
        tab = NotesTab(db)
        qtbot.addWidget(tab)
        tab.resize(1100, 700)
        tab.show()
        made.append(tab)
        return tab

    yield make
    for tab in made:
        tab.flush()
        tab.shutdown()


@pytest.fixture
def editor(qtbot: QtBot, db: Database) -> Iterator[NoteEditor]:
    widget = NoteEditor(db)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    yield widget
    widget.flush()
    widget.autosave.shutdown()
