"""A Today panel folded away (its dock hidden in a window on screen) counts what is due but
builds its cards only when it is shown."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from nextcall.services import follow_ups
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.ui.today.panel import TodayPanel


def test_folded_panel_builds_its_cards_when_shown(qtbot: QtBot, db: Database) -> None:
    app = add_application(db, ApplicationForm(company="Harborline BPO"))
    window = QWidget()
    qtbot.addWidget(window)
    panel = TodayPanel(db)  # nothing due yet
    QVBoxLayout(window).addWidget(panel)
    panel.hide()  # folded to the rail
    window.show()
    qtbot.waitExposed(window)
    counts: list[int] = []
    panel.due_now.connect(counts.append)
    follow_ups.add_custom(db, app, "Call Ana", date(2026, 11, 19))
    panel.refresh()
    assert counts == [1] and panel.summary.text() == "1 overdue"
    assert panel.rows == []
    panel.show()
    assert [row.item.title for row in panel.rows] == ["Call Ana"]
    # Folded again, a change empties it (the old cards go) until it is shown once more.
    panel.hide()
    follow_ups.add_custom(db, app, "Send the NBI clearance", date(2026, 11, 18))
    panel.refresh()
    assert panel.rows == [] and panel.area.widget() is None
    panel.show()
    assert sorted(row.item.title for row in panel.rows) == ["Call Ana", "Send the NBI clearance"]
