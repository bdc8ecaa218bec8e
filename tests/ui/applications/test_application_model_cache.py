"""The table model works out what a row shows once, and again only when that can change: the
rows are read again (an edit), the scheme changes (status colours), the day changes ("today",
"tomorrow")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QUndoStack
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from nextcall.services import follow_ups
from nextcall.services.application_rows import ApplicationRow
from nextcall.services.applications import (
    ApplicationForm,
    add_application,
    get_form,
    update_application,
)
from nextcall.services.database import Database
from nextcall.ui.applications import application_model
from nextcall.ui.applications.application_model import (
    FOLLOW_UP,
    POSITION,
    STATUS,
    ApplicationTableModel,
)
from nextcall.ui.applications.tab import ApplicationsTab
from nextcall.ui.common.operations import Change, announce
from nextcall.ui.common.theme import apply_theme, status_color

FOREGROUND = Qt.ItemDataRole.ForegroundRole


@pytest.fixture
def app_id(db: Database) -> int:
    return add_application(
        db, ApplicationForm(company="Harborline BPO", position="CSR", status="rejected")
    )


def cell(model: ApplicationTableModel, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return model.data(model.index(0, column), role)


def test_each_row_is_worked_out_once(
    qtbot: QtBot, db: Database, app_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    original = application_model.row_cells

    def counting(row: ApplicationRow, today: date) -> application_model.Cells:
        made.append(row.id)
        return original(row, today)

    monkeypatch.setattr(application_model, "row_cells", counting)
    model = ApplicationTableModel(db)
    model.refresh()
    assert made == []  # nothing before it is shown
    for _paint in range(3):
        for column in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, FOREGROUND, Qt.ItemDataRole.ToolTipRole):
                model.data(model.index(0, column), role)
    assert made == [app_id]
    assert model.data(QModelIndex()) is None


def test_an_edit_shows_at_once(qtbot: QtBot, db: Database, app_id: int) -> None:
    tab = ApplicationsTab(db, QUndoStack())
    qtbot.addWidget(tab)
    assert cell(tab.model, POSITION) == "CSR"
    update_application(db, app_id, replace(get_form(db, app_id), position="Tech support"))
    announce(db, {Change.APPLICATIONS})
    assert cell(tab.model, POSITION) == "Tech support"
    assert cell(tab.model, POSITION, Qt.ItemDataRole.ToolTipRole) == "Tech support"


def test_status_colours_follow_the_scheme(qtbot: QtBot, db: Database, app_id: int) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    model = ApplicationTableModel(db)
    model.refresh()
    try:
        apply_theme(app, "light")
        light = cell(model, STATUS, FOREGROUND)
        assert light == status_color("rejected")
        apply_theme(app, "dark")
        dark = cell(model, STATUS, FOREGROUND)
        assert dark == status_color("rejected") and dark != light
        assert isinstance(dark, QColor)
    finally:
        apply_theme(app, "light")


def test_a_new_day_redoes_the_day_words(qtbot: QtBot, db: Database, app_id: int) -> None:
    now = db.clock.now()
    follow_ups.add_custom(db, app_id, "Call Ana", now.replace(hour=9) + timedelta(days=1))
    model = ApplicationTableModel(db)
    model.refresh()
    assert cell(model, FOLLOW_UP) == "tomorrow"
    assert cell(model, FOLLOW_UP, FOREGROUND) is None
    assert not model.check_day()  # the same day: nothing redone
    # The model looks again just after midnight (and every minute in case of sleep).
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time())
    assert model.day_timer.isActive()
    assert model.day_timer.interval() <= min(
        application_model.DAY_CHECK_MS, (midnight - now).total_seconds() * 1000 + 100
    )
    db.clock.advance(timedelta(days=1))
    with qtbot.waitSignal(model.dataChanged):
        assert model.check_day()
    assert cell(model, FOLLOW_UP) == "today"
    db.clock.advance(timedelta(days=1))
    model.check_day()
    assert cell(model, FOLLOW_UP) == "overdue 1d"
    assert cell(model, FOLLOW_UP, FOREGROUND) == status_color("rejected")
