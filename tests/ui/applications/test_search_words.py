"""The search box searches for words: a space typed before the next word, or spaces around
them, run no query of their own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from nextcall.services.application_rows import ApplicationQuery
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.ui.applications.tab import ApplicationsTab


def test_spaces_alone_search_nothing_new(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("Harborline BPO", "Harbor Bay Calls", "Summit Call Partners"):
        add_application(db, ApplicationForm(company=name))
    tab = ApplicationsTab(db, QUndoStack())
    qtbot.addWidget(tab)
    searched: list[str] = []
    run = tab.model.set_query

    def counting(query: ApplicationQuery, *, recount: bool = True) -> None:
        searched.append(query.search)
        run(query, recount=recount)

    monkeypatch.setattr(tab.model, "set_query", counting)
    qtbot.keyClicks(tab.search, "harbor")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)  # (at once, rather than after the pause)
    assert searched == ["harbor"] and tab.model.rowCount() == 2
    qtbot.keyClicks(tab.search, "  ")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    assert searched == ["harbor"]
    qtbot.keyClicks(tab.search, "s")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    assert searched == ["harbor", "harbor s"]
    found = tab.model.application_at(0)
    assert tab.model.rowCount() == 1 and found is not None and found.company == "Harbor Bay Calls"
