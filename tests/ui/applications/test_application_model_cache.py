"""The table model works out what a row shows once, and again only when that can change: the
rows are read again (an edit), the scheme changes (status colours), the day changes ("today",
"tomorrow")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette, QUndoStack
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QStyleOptionViewItem
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
TEXT = QPalette.ColorRole.Text


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


def test_the_table_paints_what_qts_own_delegate_would(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table's delegate reads each cell's text and colour from the cached cells instead
    of asking ``data`` about seven roles: the style option it makes is Qt's own."""
    now = db.clock.now()
    overdue = add_application(db, ApplicationForm(company="Acme", position="CSR"))
    follow_ups.add_custom(db, overdue, "Call Ana", now - timedelta(days=2))
    add_application(db, ApplicationForm(company="Harborline BPO", status="rejected"))
    # (a line break, which Qt shows as a line separator in a one-line cell)
    monkeypatch.setattr(application_model, "milestone_text", lambda _row: "Sent\nwaiting")
    tab = ApplicationsTab(db, QUndoStack())
    qtbot.addWidget(tab)
    tab.show()
    table, model = tab.table, tab.model
    ours = table.itemDelegate()
    assert isinstance(ours, application_model.CellDelegate)
    qts = QStyledItemDelegate()
    compared = 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            mine, theirs = QStyleOptionViewItem(), QStyleOptionViewItem()
            for option in (mine, theirs):
                option.initFrom(table)
            ours.initStyleOption(mine, index)
            qts.initStyleOption(theirs, index)
            assert mine.text == theirs.text
            assert mine.features == theirs.features
            assert mine.palette.color(TEXT) == theirs.palette.color(TEXT)
            assert mine.displayAlignment == theirs.displayAlignment
            assert mine.font == theirs.font
            assert mine.backgroundBrush == theirs.backgroundBrush
            assert mine.index == theirs.index and mine.styleObject is theirs.styleObject is None
            compared += 1
    assert compared == 2 * len(application_model.COLUMNS)
    option = QStyleOptionViewItem()
    ours.initStyleOption(option, model.index(0, application_model.MILESTONE))
    assert option.text == "Sent\u2028waiting"
    option = QStyleOptionViewItem()
    ours.initStyleOption(option, model.index(model.row_for_id(overdue), FOLLOW_UP))
    assert option.palette.color(TEXT) == status_color("rejected")
