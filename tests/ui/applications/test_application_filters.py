"""Filters above the applications table, the weekly target and the quiet-applications banner."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from nextcall.services.applications import ApplicationForm, add_application, get_form
from nextcall.services.stages import record_outcome
from nextcall.ui.applications.pace_bar import GhostReviewDialog
from nextcall.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, db):  # type: ignore[no-untyped-def]
    today = db.clock.today()
    rows = [
        ("Bluewave", "Telecom", 2, None),
        ("Harborline", "Banking", 20, "exam"),
        ("Summit", "Telecom", 45, "phone-interview"),
        ("Redcliff", "Banking", 60, None),
    ]
    for name, account, days, failed_at in rows:
        app = add_application(
            db,
            ApplicationForm(
                company=name,
                account_type=account,
                applied_on=(today - timedelta(days=days)).isoformat(),
            ),
        )
        if failed_at:
            record_outcome(db, app, failed_at, "failed", on=today - timedelta(days=days - 1))
    win = MainWindow(db, QSettings(str(db.paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    return win


def companies(win) -> list[str]:  # type: ignore[no-untyped-def]
    model = win.applications.model
    return sorted(model.application_at(i).company for i in range(model.rowCount()))


def test_milestone_reached_filter(window) -> None:  # type: ignore[no-untyped-def]
    filters = window.applications.filters
    filters.reached.setCurrentIndex(filters.reached.findData("exam"))
    assert companies(window) == ["Harborline"]
    filters.reached.setCurrentIndex(filters.reached.findData("phone-interview"))
    assert companies(window) == ["Harborline", "Summit"]


def test_account_and_date_filters(window, db) -> None:  # type: ignore[no-untyped-def]
    filters = window.applications.filters
    assert [filters.account.itemText(i) for i in range(filters.account.count())] == [
        "All accounts",
        "Banking",
        "Telecom",
    ]
    filters.account.setCurrentIndex(filters.account.findData("Telecom"))
    assert companies(window) == ["Bluewave", "Summit"]
    filters.applied.setCurrentIndex(filters.applied.findData(30))
    assert companies(window) == ["Bluewave"]
    filters.account.setCurrentIndex(0)
    filters.applied.setCurrentIndex(filters.applied.findData("custom"))
    assert filters.date_from.isVisibleTo(window)
    today = db.clock.today()
    start, end = today - timedelta(days=50), today - timedelta(days=10)
    filters.date_from.setDate(QDate(start.year, start.month, start.day))
    filters.date_to.setDate(QDate(end.year, end.month, end.day))
    assert companies(window) == ["Harborline", "Summit"]
    assert window.applications.summary.text() == "2 applications match"


def test_weekly_target_shows_this_week(window) -> None:  # type: ignore[no-untyped-def]
    assert window.applications.weekly.label.text().startswith("This week: ")
    assert window.applications.weekly.bar.maximum() == 20


def test_quiet_banner_and_review_mark_ghosted(qtbot, window, db) -> None:  # type: ignore[no-untyped-def]
    banner = window.applications.quiet
    assert banner.isVisibleTo(window)
    assert banner.text.text().startswith("1 active application has had no contact")

    def confirm() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, GhostReviewDialog):
            QTimer.singleShot(20, confirm)
            return
        assert dialog.list.count() == 1
        assert dialog.list.item(0).checkState() == Qt.CheckState.Checked
        dialog.threshold.setValue(50)  # Redcliff, quiet for 60 days, still qualifies
        assert dialog.list.count() == 1
        dialog.threshold.setValue(90)
        assert dialog.list.count() == 0
        dialog.threshold.setValue(21)
        dialog.accept()

    QTimer.singleShot(0, confirm)
    banner.review.click()
    redcliff = next(
        window.applications.model.application_at(i)
        for i in range(window.applications.model.rowCount())
        if window.applications.model.application_at(i).company == "Redcliff"
    )
    assert get_form(db, redcliff.id).status == "ghosted"
    assert not banner.isVisibleTo(window)
