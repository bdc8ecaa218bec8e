"""The main window on the laptops people have (1366×768, 1280×720 at 100 %): the first window
fits, the Applications table shows what matters without a sideways scroll, the side panels fold
to a rail and come back, the Tracker's check list wraps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication

from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.demo import fill_demo
from nextcall.ui.applications.application_model import (
    COMPANY,
    FOLLOW_UP,
    LAST_CONTACT,
    MILESTONE,
    POSITION,
    STATUS,
)
from nextcall.ui.common import screen_fit
from nextcall.ui.shell import side_rail
from nextcall.ui.shell.main_window import MainWindow

SCREENS = pytest.mark.parametrize("size", [(1366, 768), (1280, 720)], ids=["1366x768", "1280x720"])
MUST_SHOW = (COMPANY, POSITION, MILESTONE, STATUS, FOLLOW_UP)


def settings_of(db) -> QSettings:
    return QSettings(str(db.paths.settings), QSettings.Format.IniFormat)


def make_window(qtbot, db, size: tuple[int, int] | None = None) -> MainWindow:
    win = MainWindow(db, settings_of(db))
    qtbot.addWidget(win)
    win.pages.build_all()  # no tab left to build in idle time while a test settles the layout
    if size is not None:
        win.resize(size[0], size[1] - 40)  # a maximised window under a taskbar
    win.show()
    qtbot.waitExposed(win)
    return win


def settle(win: MainWindow) -> None:
    for _ in range(3):
        QApplication.processEvents()


def inside_viewport(win: MainWindow, column: int) -> bool:
    table = win.applications.table
    header = table.horizontalHeader()
    left = header.sectionViewportPosition(column)
    return (
        not header.isSectionHidden(column)
        and left >= 0
        and left + header.sectionSize(column) <= table.viewport().width()
    )


@SCREENS
def test_what_matters_fits_with_the_side_panel_open(qtbot, db, size) -> None:
    fill_demo(db)
    win = make_window(qtbot, db, size)
    win.side_rail.show_dock(win.today_dock)  # the narrowest the table gets
    settle(win)
    assert win.today_dock.isVisible() and win.today_dock.width() >= side_rail.PANEL_MIN_WIDTH
    for column in MUST_SHOW:
        assert inside_viewport(win, column), column
    assert win.applications.table.horizontalScrollBar().maximum() == 0  # no sideways scroll


def test_the_column_chooser_hides_and_shows_columns_across_restarts(qtbot, db) -> None:
    add_application(db, ApplicationForm(company="Harborline BPO", position="CSR"))
    win = make_window(qtbot, db, (1366, 768))
    menu = win.applications.columns.menu()
    ticks = {a.text(): a for a in menu.actions() if a.isCheckable()}
    assert list(ticks)[:5] == ["Company", "Position", "Milestone", "Status", "Next follow-up"]
    assert not ticks["Company"].isEnabled()  # the one column always shown
    assert not ticks["Last contact"].isChecked()  # hidden until asked for
    ticks["Position"].trigger()
    ticks["Last contact"].trigger()
    header = win.applications.table.horizontalHeader()
    assert header.isSectionHidden(POSITION)
    assert not header.isSectionHidden(LAST_CONTACT)
    settle(win)
    assert inside_viewport(win, LAST_CONTACT)  # the others made room
    win.close()

    again = make_window(qtbot, db, (1366, 768))
    header = again.applications.table.horizontalHeader()
    assert header.isSectionHidden(POSITION)
    assert not header.isSectionHidden(LAST_CONTACT)
    ticks = {a.text(): a for a in again.applications.columns.menu().actions()}
    ticks["Reset columns"].trigger()
    assert not header.isSectionHidden(POSITION) and header.isSectionHidden(LAST_CONTACT)


def test_a_dragged_width_is_kept_across_restarts(qtbot, db) -> None:
    win = make_window(qtbot, db, (1366, 768))
    header = win.applications.table.horizontalHeader()
    header.resizeSection(STATUS, 130)  # as a drag on the header does
    settle(win)
    assert header.sectionSize(STATUS) == 130
    win.close()
    again = make_window(qtbot, db, (1366, 768))
    settle(again)
    assert again.applications.table.horizontalHeader().sectionSize(STATUS) == 130


def test_the_first_window_fills_the_available_area(qtbot, db, monkeypatch) -> None:
    laptop = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(screen_fit, "available_area", lambda _widget=None: laptop)
    from nextcall.ui.shell import main_window

    monkeypatch.setattr(main_window, "available_area", lambda _widget=None: laptop)
    win = MainWindow(db, settings_of(db))
    qtbot.addWidget(win)
    frame = win.geometry().marginsAdded(screen_fit.FRAME_GUESS)
    assert frame == laptop  # all of it, frame included, never off the bottom
    assert win.side_rail.folded  # narrower than START_OPEN_WIDTH: the panels start folded


def test_a_wide_first_window_opens_the_today_panel(qtbot, db, monkeypatch) -> None:
    wide = QRect(0, 0, 1920, 1040)
    from nextcall.ui.shell import main_window

    monkeypatch.setattr(main_window, "available_area", lambda _widget=None: wide)
    win = MainWindow(db, settings_of(db))
    qtbot.addWidget(win)
    assert not win.side_rail.folded
    assert win.side_rail.open_dock() is win.today_dock


def test_a_remembered_window_is_clamped_to_this_screen(qtbot, db, monkeypatch) -> None:
    win = make_window(qtbot, db)
    win.setGeometry(200, 150, 1900, 1000)  # on a larger monitor last time
    win.close()
    laptop = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(screen_fit, "available_area", lambda _widget=None: laptop)
    again = MainWindow(db, settings_of(db))
    qtbot.addWidget(again)
    assert laptop.contains(again.geometry().marginsAdded(screen_fit.FRAME_GUESS))


def test_the_panels_fold_below_the_width_and_come_back(qtbot, db) -> None:
    win = make_window(qtbot, db, (1366, 768))
    rail = win.side_rail
    rail.show_dock(win.today_dock)
    assert not rail.folded
    win.resize(side_rail.FOLD_WIDTH - 100, 600)
    qtbot.waitUntil(lambda: rail.folded)
    assert win.today_dock.isHidden() and win.insights_dock.isHidden()
    win.resize(1366, 728)
    qtbot.waitUntil(lambda: not rail.folded)
    assert rail.open_dock() is win.today_dock


def test_one_click_on_the_rail_opens_and_folds_a_panel(qtbot, db) -> None:
    win = make_window(qtbot, db, (1366, 768))
    rail = win.side_rail
    rail.fold()
    today = rail.buttons[win.today_dock]
    assert today.isVisible() and not today.isChecked()
    qtbot.mouseClick(today, Qt.MouseButton.LeftButton)
    assert rail.open_dock() is win.today_dock and today.isChecked()
    qtbot.mouseClick(today, Qt.MouseButton.LeftButton)
    assert rail.folded and not today.isChecked()
    qtbot.mouseClick(rail.buttons[win.insights_dock], Qt.MouseButton.LeftButton)
    assert rail.open_dock() is win.insights_dock
    qtbot.mouseClick(today, Qt.MouseButton.LeftButton)  # switches: one panel at a time
    assert rail.open_dock() is win.today_dock and win.insights_dock.isHidden()


def test_hiding_today_does_not_uncover_the_other_panel(qtbot, db) -> None:
    win = make_window(qtbot, db, (1600, 1000))
    win.side_rail.show_dock(win.today_dock)
    view_today = win.today_dock.toggleViewAction()
    assert view_today.isChecked()
    view_today.trigger()  # View > Today's follow-ups, or the panel's close button
    settle(win)
    assert win.today_dock.isHidden()
    assert win.insights_dock.isHidden()
    assert win.side_rail.folded


def test_the_today_count_shows_on_the_rail(qtbot, db) -> None:
    from datetime import date

    from nextcall.services.follow_ups import add_custom

    app = add_application(db, ApplicationForm(company="Harborline BPO"))
    add_custom(db, app, "Call Ana", date(2026, 11, 19))
    win = make_window(qtbot, db, (1366, 768))
    win.today.refresh()
    assert win.side_rail.buttons[win.today_dock].text() == "Today · 1"


@SCREENS
def test_the_check_list_wraps_instead_of_scrolling_sideways(qtbot, db, size) -> None:
    from nextcall.services.stages import record_outcome

    app = add_application(db, ApplicationForm(company="Harborline BPO", position="CSR"))
    record_outcome(db, app, "exam", "failed")
    win = make_window(qtbot, db, size)
    win.side_rail.show_dock(win.today_dock)
    win.open_application(app)
    settle(win)
    panel = win.tracker.panel
    assert panel.check_boxes, "the exam has things to check"
    scroll = panel.body_scroll
    assert scroll.horizontalScrollBar().maximum() == 0
    assert not scroll.horizontalScrollBar().isVisible()
    lines = [box.parentWidget() for box in panel.check_boxes]
    assert all(line is not None for line in lines)
    assert all(line.width() <= scroll.viewport().width() for line in lines if line)
    # Every caption too long for its line is wrapped onto more lines (whatever font and style
    # sheet an earlier test left the application with).
    captions = [line.caption for line in lines if line is not None]  # type: ignore[attr-defined]
    long = [c for c in captions if c.fontMetrics().horizontalAdvance(c.text()) > c.width()]
    for caption in long:
        assert caption.height() >= 2 * caption.fontMetrics().lineSpacing() - 2, caption.text()
