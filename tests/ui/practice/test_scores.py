"""Test scores: logged from the form (errors next to the field), shown with their trend."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from nextcall.services import practice
from nextcall.services.applications import ApplicationForm, add_application
from nextcall.services.database import Database
from nextcall.services.stages import record_outcome
from nextcall.ui.practice.scores import ScoresPage
from nextcall.ui.practice.tab import SCORES, PracticeTab

MakeTab = Callable[..., PracticeTab]


def page_of(tab: PracticeTab) -> ScoresPage:
    tab.show_page(SCORES)
    return tab.scores


def test_typing_speed_is_logged_and_charted(qtbot: QtBot, make_tab: MakeTab, db: Database) -> None:
    page = page_of(make_tab())
    assert page.summary.text().startswith("No typing speed logged yet")
    assert not page.chart.isVisibleTo(page)
    for value, accuracy, when in (("34", "91", "2026-11-02"), ("41", "95%", "yesterday")):
        page.value.setText(value)
        page.accuracy.setText(accuracy)
        page.taken_on.setText(when)
        page.add_button.click()
    assert [(r.value, r.accuracy) for r in practice.logged_scores(db)] == [(34, 91), (41, 95)]
    assert page.value.text() == "" and page.taken_on.text() == "yesterday"
    assert page.table.topLevelItemCount() == 2
    assert page.table.topLevelItem(0).text(1) == "41 wpm at 95% accuracy"  # type: ignore[union-attr]
    assert page.summary.text() == (
        "Latest: 41 wpm at 95% accuracy on 19 Nov 2026. Up 7 wpm since the first of 2 (02 Nov)."
    )
    assert page.chart.isVisibleTo(page)
    assert [s.name() for s in page.chart.lines] == ["Words per minute", "Accuracy (%)"]
    assert page.chart.point_count() == 4


def test_errors_show_under_the_field(make_tab: MakeTab, db: Database) -> None:
    page = page_of(make_tab())
    page.value.setText("fast")
    page.add_button.click()
    assert page.value_error.isVisibleTo(page) and "not a number" in page.value_error.text()
    page.value.setText("40")
    page.taken_on.setText("2027-01-01")
    page.add_button.click()
    assert not page.value_error.isVisibleTo(page)
    assert page.date_error.isVisibleTo(page) and "future" in page.date_error.text()
    assert practice.logged_scores(db) == []


def test_an_exam_result_for_an_application(make_tab: MakeTab, db: Database) -> None:
    app = add_application(db, ApplicationForm(company="Seabright Teleservices"))
    record_outcome(db, app, "exam", "passed")
    tab = make_tab()
    page = page_of(tab)
    tab.open_drill("test", "exam")
    assert not page.accuracy_box.isVisibleTo(page)  # exams have no accuracy figure
    assert page.value_label.text() == "&Score (%)"
    page.application.setCurrentIndex(page.application.findData(app))
    page.value.setText("86")
    page.add_button.click()
    [row] = practice.logged_scores(db)
    assert (row.kind, row.value, row.company) == ("exam", 86.0, "Seabright Teleservices")
    assert page.table.topLevelItem(0).text(2) == "Seabright Teleservices"  # type: ignore[union-attr]


def test_deleting_a_score(monkeypatch: pytest.MonkeyPatch, make_tab: MakeTab, db: Database) -> None:
    practice.add_test_score(db, practice.ScoreInput("typing", "40", "96"))
    page = page_of(make_tab())
    page.table.setCurrentItem(page.table.topLevelItem(0))
    assert page.delete_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_button.click()
    assert practice.logged_scores(db) == [] and page.table.topLevelItemCount() == 0
